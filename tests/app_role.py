"""How the tests log in as the application's database role (not the owner)."""

from django.db import connection

from tools import db_roles as app_roles


def app_role_login() -> dict:
    """How the application role logs in to the test database: DATABASE_URL's credentials
    when the owner's were given apart (config/settings/test.py), otherwise the role
    created here, with tools/db_roles.py's password."""
    from django.conf import settings

    given = settings.DATABASE_APP_LOGIN
    if given:
        return dict(given)
    owner = connection.settings_dict
    role = settings.DATABASE_APP_ROLE
    return {
        "USER": role,
        "PASSWORD": app_roles.app_password(owner.get("PASSWORD") or None, role),
        "HOST": owner.get("HOST"),
        "PORT": owner.get("PORT"),
    }
