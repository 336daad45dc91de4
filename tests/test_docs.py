"""Docs as tests: the README's type tables and command list match the code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from api.cli import cli
from graph.schema import load_schema
from graph.schema_doc import markdown_tables
from graph.settings import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_type_tables_match_the_schema() -> None:
    assert markdown_tables(load_schema()) in README, (
        "README type tables drifted from graph/schema.yaml: paste `aikg schema --markdown`")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 2
    assert f"aikg {command}" in README, f"`aikg {command}` is missing from the README"
