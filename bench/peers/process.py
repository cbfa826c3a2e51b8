"""Starting a peer: its venv (graphene's made on demand from PyPI), its process."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRAPHENE_VENV = ROOT / "bench" / ".venv-graphene"
GRAPHENE_REQUIREMENTS = Path(__file__).with_name("requirements-graphene.txt")


def graphene_python() -> Path:
    """bench/.venv-graphene's python, created or updated when its requirements change."""
    wanted = hashlib.sha256(GRAPHENE_REQUIREMENTS.read_bytes()).hexdigest()
    stamp = GRAPHENE_VENV / ".bench-installed"
    python = GRAPHENE_VENV / "bin" / "python"
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        print(f"creating {GRAPHENE_VENV.relative_to(ROOT)} (graphene-django, graphql-core 3.2)…")
        subprocess.run([sys.executable, "-m", "venv", str(GRAPHENE_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-r", str(GRAPHENE_REQUIREMENTS)],
            check=True,
        )
        stamp.write_text(wanted)
    return python


class Peer:
    """A peer server in its own process; `run()` returns one request's milliseconds."""

    def __init__(self, name: str, kind: str, python: Path | str, *, schema: str, setup: dict):
        self.name = name
        env = {**os.environ, "PEER_SCHEMA": schema, "PYTHONPATH": str(ROOT)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = subprocess.Popen(
            [str(python), "-m", "bench.peers.server", kind],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._send(json.dumps(setup))
        first = json.loads(self._receive())
        self.answer, self.version = first["answer"], first["version"]

    def _send(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def _receive(self) -> str:
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} peer stopped (see its error above)")
        return line

    def run(self) -> float:
        self._send("run")
        return float(self._receive())

    def close(self) -> None:
        if self.process.poll() is None:
            self._send("quit")
            self.process.wait(timeout=30)
