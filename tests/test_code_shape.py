"""Two rules of ARCHITECTURE.md that import-linter cannot see, checked on the source
(no database, no imports of the code checked):

- No module uses another module's private name (`from x import _name`, `x._name`,
  `setattr(x, "_name", …)`): a rule two modules need has one public home.
- Screens and the API read through selectors: a view or a GraphQL module never touches
  a model's manager (`Model.objects`) or `get_object_or_404(Model, …)`.
- Tests import helpers from helper modules and get fixtures from conftests by name,
  never importing from another test module (a test module is run, not shared) or from a
  conftest.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["config", "demo", "tenants", "casework", "cms", "referrals", "customers", "reports"]
APPS += ["workspace", "graphql_api"]
PROJECT = [*APPS, "tests", "bench", "tools"]

# Views and GraphQL modules that may still use a manager, each with the reason.
MANAGERS_ALLOWED: dict[str, str] = {}


def python_files(packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            # Not a virtualenv the bench makes (bench/.venv-graphene: other projects' code).
            if "migrations" not in path.parts and not any(
                part.startswith(".venv") for part in path.parts
            ):
                yield path


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def is_ours(dotted: str) -> bool:
    return dotted.split(".")[0] in PROJECT


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


def absolute(node: ast.ImportFrom, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def private_uses(path: Path, source: str) -> list[str]:
    """Private names of other modules the file at `path` uses, as `line: what`."""
    tree = ast.parse(source, filename=str(path))
    found, modules = [], {}  # local name -> our module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_ours(alias.name):
                    local = alias.asname or alias.name.split(".")[0]
                    modules[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            source = absolute(node, path)
            if not is_ours(source):
                continue
            for alias in node.names:
                if private(alias.name):
                    found.append(f"{node.lineno}: from {source} import {alias.name}")
                elif is_module(f"{source}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append(f"{node.lineno}: {modules[node.value.id]}.{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in modules
            and isinstance(node.args[1], ast.Constant)
            and private(str(node.args[1].value))
        ):
            found.append(
                f"{node.lineno}: setattr({modules[node.args[0].id]}, {node.args[1].value!r})"
            )
    return found


def screen_modules():
    for path in python_files(APPS):
        relative = path.relative_to(ROOT)
        if relative.parts[0] == "graphql_api":
            if "management" not in relative.parts:
                yield path
        elif path.stem == "views" or path.stem.startswith("views_") or "views" in path.parts:
            yield path


def manager_uses(source: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) in {"get_object_or_404", "get_list_or_404"}
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            found.append(f"{node.lineno}: {node.func.id}({node.args[0].id}, …)")
    return found


def test_no_module_uses_another_modules_private_name():
    found = {
        str(path.relative_to(ROOT)): uses
        for path in python_files(PROJECT)
        if (uses := private_uses(path, path.read_text()))
    }
    assert not found, (
        "Private names used across modules (give the rule one public home in the module "
        f"that owns it): {found}"
    )


def test_views_and_the_api_read_through_selectors():
    found = {
        name: uses
        for path in screen_modules()
        if (name := str(path.relative_to(ROOT))) not in MANAGERS_ALLOWED
        and (uses := manager_uses(path.read_text()))
    }
    assert not found, (
        "A view or GraphQL module queries a model directly: add a selector in the app that "
        f"owns the model (<app>/selectors.py) and call it: {found}"
    )


def shared_by_name(dotted: str) -> bool:
    """A module nothing may import from: a test module (run, not shared) or a conftest
    (its fixtures reach the tests by name, its helpers belong in a helper module)."""
    last = dotted.split(".")[-1]
    return is_ours(dotted) and (last == "conftest" or last.startswith("test_"))


def imports_of_test_modules(path: Path, source: str) -> list[str]:
    """Each import, in the module at `path`, of a test module or a conftest (or of a name
    from one), as "<line>: <module>"."""
    found = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            module = absolute(node, path)
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [f"{node.lineno}: {name}" for name in names if shared_by_name(name)][:1]
    return found


def test_modules_import_nothing_from_a_test_module_or_a_conftest():
    found = {}
    for path in python_files(PROJECT):
        uses = imports_of_test_modules(path, path.read_text())
        if uses:
            found[str(path.relative_to(ROOT))] = uses
    assert not found, (
        "Imports from test modules or conftests (a fixture reaches its tests by name, from "
        "a conftest or a plugin tests/conftest.py names; what else is shared goes to a helper "
        f"module such as tests/<app>/helpers.py): {found}"
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from tests.conftest import PASSWORD\n", 1),
        ("from tests.referrals import conftest as support_line\n", 1),
        ("from tests.casework.test_screens import body\n", 1),
        ("from tests.casework import test_screens\n", 1),
        ("import tests.graphql_api.conftest\n", 1),
        ("from .conftest import run\n", 1),
        ("def f():\n    from tests.conftest import domain_of\n", 1),
        ("from tests.partners import PASSWORD\nfrom tests.clients import signed_in\n", 0),
        ("from tests.casework.screens import body, user_with\n", 0),
    ],
)
def test_the_test_module_check_sees_each_form(source, expected):
    path = ROOT / "tests" / "referrals" / "probe.py"
    assert len(imports_of_test_modules(path, source)) == expected


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from casework.services.contacts import _next_client_id\n", 1),
        ("from .cases import _audit\n", 1),
        ("from casework.services import contacts\ncontacts._next_client_id()\n", 1),
        ("import tenants.services.schemas as s\nsetattr(s, '_migrate_one', None)\n", 1),
        ("from django.utils.translation import gettext as _\nfrom os import _exit\n", 0),
        ("from casework.models import Contact\nContact._meta\n", 0),
    ],
)
def test_the_private_name_check_sees_each_form(source, expected):
    path = ROOT / "casework" / "safeguarding" / "services" / "probe.py"
    assert len(private_uses(path, source)) == expected


def test_the_manager_check_sees_each_form():
    source = "User.objects.filter(pk=1)\nget_object_or_404(Partner, slug='x')\nqs.filter(a=1)\n"
    assert len(manager_uses(source)) == 2
