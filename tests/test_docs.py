"""Docs as tests: every page's generated parts match the code, its GraphQL queries run on the
bundled data, its links resolve, and every command is in the CLI reference."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from graphql import build_schema, parse, validate

from api.app import create_app
from api.cli import cli
from api.docs import BLOCKS, SDL
from graph.settings import PROJECT_ROOT, Settings
from graph.store.embedded import EmbeddedStore

PAGES = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```(?P<lang>\w*)\n(?P<body>.*?)^```\n(?=(?P<after>[^\n]*))",
                    re.DOTALL | re.MULTILINE)
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_VARIABLES = re.compile(r"with `(\{.*?\})`")


def _name(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def _graphql_blocks(text: str) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """Each ```graphql block with the variables the line after it gives (`with {...}`)."""
    for found in _FENCE.finditer(text):
        if found["lang"] == "graphql":
            given = _VARIABLES.search(found["after"])
            yield found["body"], json.loads(given[1]) if given else None


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    return {_slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.page)
def test_generated_parts_match_the_code(block: Any) -> None:
    page = (PROJECT_ROOT / block.page).read_text(encoding="utf-8")
    assert block.render() in page, f"{block.page} drifted from the code: run `make docs`"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_cli_reference(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 2
    reference = (PROJECT_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"aikg {command}" in reference, f"`aikg {command}` is missing from docs/cli.md"


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_links_resolve(page: Path) -> None:
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    for found in _LINK.finditer(text):
        target = found["target"]
        if re.match(r"[a-z]+:", target):
            continue  # http(s), mailto: not followed here
        path_part, _, anchor = target.partition("#")
        linked = (page.parent / path_part).resolve() if path_part else page
        assert linked.exists(), f"{_name(page)}: link to missing {target}"
        if anchor:
            assert anchor in _anchors(linked), f"{_name(page)}: no heading #{anchor} in {target}"


def test_every_page_is_reachable_from_the_readme() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for page in PAGES[1:]:
        assert f"({_name(page)}" in readme, f"README does not link {_name(page)}"


@pytest.fixture(scope="module")
def bundled_client(bundled_store: EmbeddedStore, bundled_settings: Settings
                   ) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings, bundled_store)) as client:
        yield client


@pytest.mark.parametrize("page", [p for p in PAGES if "```graphql" in p.read_text("utf-8")],
                         ids=_name)
def test_graphql_queries_are_valid_and_run_on_the_bundled_data(
        page: Path, bundled_client: TestClient) -> None:
    schema = build_schema(SDL.read_text(encoding="utf-8"))
    for query, variables in _graphql_blocks(page.read_text(encoding="utf-8")):
        errors = validate(schema, parse(query))
        assert not errors, f"{_name(page)}: {errors[0].message} in\n{query}"
        if variables is None and "$" in query:
            continue  # variables the page does not give: validated, not run
        answer = bundled_client.post("/graphql", json={"query": query,
                                                       "variables": variables or {}}).json()
        assert "errors" not in answer, f"{_name(page)}: {answer['errors']} in\n{query}"
        assert answer["data"], query
