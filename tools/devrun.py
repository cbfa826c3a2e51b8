"""Run the web server, a Celery worker and Celery beat as real processes until Ctrl-C.

Their output is interleaved with a coloured name prefix. When the web server
answers /healthz, the portal addresses are printed. If any process dies, the
others are stopped and the exit code says so.
"""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

PORT = os.environ.get("CASEBRIDGE_PORT", "8000")
HOST = os.environ.get("CASEBRIDGE_BIND", "127.0.0.1")
PROCESSES = {
    # --nostatic: WhiteNoise serves static files (with the finders in development).
    # runserver's own static handler answers a `..` path with a 500, not a 404.
    "web": [sys.executable, "manage.py", "runserver", "--nostatic", f"{HOST}:{PORT}"],
    "worker": [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "-l",
        "info",
        "--concurrency",
        "2",
    ],
    "beat": [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "info"],
}
COLOURS = {"web": "36", "worker": "35", "beat": "33"}


def _pump(name: str, stream) -> None:
    prefix = f"\033[{COLOURS[name]}m{name:>6} |\033[0m "
    for line in iter(stream.readline, ""):
        sys.stdout.write(prefix + line)
        sys.stdout.flush()


def _portal_lines() -> list[str]:
    import django

    django.setup()
    from tenants.models import Domain

    lines = []
    for domain in Domain.objects.select_related("tenant").order_by("tenant__kind", "domain"):
        if domain.tenant.kind == "template":
            continue
        lines.append(f"  {domain.tenant.name:<36} http://{domain.domain}:{PORT}/")
    return lines


def _announce_when_ready() -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except Exception:
            time.sleep(1)
    else:
        print("The web server did not become healthy in 2 minutes.", file=sys.stderr)
        return
    print("\n\033[1mCasebridge is running.\033[0m Portals:")
    print("\n".join(_portal_lines()))
    print("Demo logins are listed above (seed_demo). Stop with Ctrl-C.\n", flush=True)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    os.environ["PYTHONUNBUFFERED"] = "1"
    children = {}
    for name, command in PROCESSES.items():
        children[name] = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        threading.Thread(target=_pump, args=(name, children[name].stdout), daemon=True).start()
    threading.Thread(target=_announce_when_ready, daemon=True).start()

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    while not stopping:
        for name, child in children.items():
            if child.poll() is not None:
                print(f"{name} stopped with exit code {child.returncode}; stopping the others.")
                exit_code = child.returncode or 1
                stopping = True
                break
        time.sleep(0.5)
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children.values():
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
