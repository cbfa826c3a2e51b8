from django.core.management import call_command

from graphql_api.management.commands.graphql_schema import SCHEMA_FILE, schema_text


def test_the_committed_schema_matches_the_code():
    assert SCHEMA_FILE.read_text() == schema_text(), (
        "graphql_api/schema.graphql is out of date: run `manage.py graphql_schema` and commit it."
    )


def test_the_command_checks_the_contract(capsys):
    call_command("graphql_schema", "--check")
    assert "matches the code" in capsys.readouterr().out


def test_no_integer_keys_in_the_contract():
    """Global ids come from UUID public ids; no type exposes a bare integer key."""
    text = schema_text()
    assert "pk:" not in text and "publicId" not in text


def test_the_readme_examples_are_valid_against_the_schema():
    from pathlib import Path

    from graphql import parse, validate

    from graphql_api.schema import schema

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    block = readme.split("```graphql", 1)[1].split("```", 1)[0]
    document = parse(block)
    assert len(document.definitions) == 8
    assert validate(schema._schema, document) == []
