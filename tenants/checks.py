"""The production start-up check of the database login (issue 22, DESIGN.md "Database roles").

The web, worker and beat processes must log in as the application role: a superuser, or
a role that owns the tables, could switch the append-only triggers off. With
DATABASE_ROLE_CHECK on (production settings), `config/wsgi.py` refuses to start under such
a login, and `manage.py check --deploy` reports it as an Error. Migrations and partner
provisioning log in as the owner on purpose (DATABASE_OWNER_URL): they are management
commands, which skip this deploy-only check.
"""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

CHECK_ID = "casebridge.E022"


def database_role_problems(cursor, role: str) -> list[str]:
    """What makes `role` unfit to run the application: superuser, or owner of (or member
    of the owner of) a table, a schema's table or the schemas themselves."""
    cursor.execute(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s",
        [role],
    )
    row = cursor.fetchone()
    if row is None:
        return [f"the database login {role} is not a role of this server"]
    problems = []
    if row[0]:
        problems.append(f"the database login {role} is a superuser")
    elif row[1]:
        problems.append(f"the database login {role} may bypass row security")
    if not row[0]:
        cursor.execute(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg_toast%%'
               AND pg_has_role(%s, c.relowner, 'USAGE')
             ORDER BY 1 LIMIT 1
            """,
            [role],
        )
        owned = cursor.fetchone()
        if owned is not None:
            problems.append(f"the database login {role} owns tables (such as {owned[0]})")
    return problems


def _login_problems() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT session_user")
        (login,) = cursor.fetchone()
        return database_role_problems(cursor, login)


def _advice(problems: list[str]) -> str:
    return (
        "; ".join(problems) + ". The processes must log in as the application role "
        f"({settings.DATABASE_APP_ROLE}): set DATABASE_URL to its login and keep the "
        "owner's for migrations (DATABASE_OWNER_URL, DEPLOYMENT.md)."
    )


@checks.register("casebridge_database", deploy=True)
def check_database_role(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`manage.py check --deploy` (run it as the processes' login)."""
    if not getattr(settings, "DATABASE_ROLE_CHECK", False):
        return []
    problems = _login_problems()
    if not problems:
        return []
    return [checks.Error(_advice(problems), id=CHECK_ID)]


def refuse_unsafe_login() -> None:
    """At the start of a web process: no serving as a superuser or an owner."""
    if not getattr(settings, "DATABASE_ROLE_CHECK", False):
        return
    try:
        problems = _login_problems()
    finally:
        connection.close()  # not carried into gunicorn's forked workers
    if problems:
        raise ImproperlyConfigured(_advice(problems))
