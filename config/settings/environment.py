"""What differs between machines, read from the environment (12-factor; README lists
every variable): the helpers that read it, the secret key, debug, the domains."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("CASEBRIDGE_DATA_DIR", BASE_DIR / ".data"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A placeholder that production settings refuse; local and test use it knowingly.
INSECURE_SECRET_KEY = "casebridge-insecure-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)

# Partner portals answer on <slug>.<base domain>; the platform console on the base domain.
CASEBRIDGE_BASE_DOMAIN = os.environ.get("CASEBRIDGE_BASE_DOMAIN", "localhost")
CASEBRIDGE_PORT = os.environ.get("CASEBRIDGE_PORT", "8000")
CASEBRIDGE_PUBLIC_SCHEMA = "public"
CASEBRIDGE_TEMPLATE_SCHEMA = "_template"
# A merge of two duplicate contacts can be undone by a manager for this many days.
CASEBRIDGE_UNMERGE_DAYS = int(os.environ.get("CASEBRIDGE_UNMERGE_DAYS", "30"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"{CASEBRIDGE_BASE_DOMAIN},.{CASEBRIDGE_BASE_DOMAIN}")
