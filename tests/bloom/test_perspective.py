"""The committed Bloom perspective: regenerated from the schema and queries/bloom/, no drift."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from graph.export.style import type_colours
from graph.schema import SCHEMA_FILE, load_schema, parse_schema
from graph.settings import PROJECT_ROOT
from queries.bloom import (
    BLOOM_VERSION,
    HIDDEN,
    PERSPECTIVE_FILE,
    load_bloom_queries,
    perspective,
    render,
)
from tests.cli_runner import aikg

JOURNALIST_PHRASES = (
    "Who did $company scrape",
    "Cease-and-desist letters to $company",
    "Fines against $company",
    "Evidence for relations of $entity",
    "Articles about $entity",
    "Path from $a to $b",
)


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(PERSPECTIVE_FILE.read_text(encoding="utf-8"))
    return result


def test_the_committed_file_is_what_the_generator_writes() -> None:
    assert PERSPECTIVE_FILE.read_text(encoding="utf-8") == render(load_schema()), (
        "bloom/aikg.perspective.json drifted from the schema or queries/bloom/: "
        "run `aikg bloom -o bloom/aikg.perspective.json` and commit it"
    )


def test_aikg_bloom_writes_the_same_file(tmp_path: Any) -> None:
    aikg(tmp_path / "store", "bloom", "-o", str(tmp_path / "p.json"), check=True)
    assert (tmp_path / "p.json").read_text(encoding="utf-8") == render(load_schema())
    assert aikg(tmp_path / "store", "bloom", check=True).stdout == render(load_schema())


def test_one_category_per_entity_type(generated: dict[str, Any]) -> None:
    schema = load_schema()
    categories = generated["categories"]
    assert [c["name"] for c in categories] == list(schema.entity_types)
    colours = type_colours(schema)
    for category in categories:
        assert category["labels"] == [category["name"]]
        assert category["captionKeys"] == ["name"] and category["captions"][0]["key"] == "name"
        assert category["color"] == colours[category["name"]]
        assert category["icon"] and category["size"] > 0
        props = {p["name"]: p for p in category["properties"]}
        declared = schema.entity_types[category["name"]].properties
        assert set(declared) | {"id", "name", "aliases"} <= set(props)
        assert {k for k, p in props.items() if p["exclude"]} == HIDDEN
    assert len({c["id"] for c in categories}) == len(categories)


def test_every_relationship_type_with_its_caption(generated: dict[str, Any]) -> None:
    rel_types = generated["relationshipTypes"]
    assert [r["name"] for r in rel_types] == list(load_schema().relation_types)
    for rel in rel_types:
        assert rel["captions"][0] == {"key": rel["name"], "type": "relationship",
                                      "isCaption": True, "inTooltip": True, "styles": []}
        keys = {p["propertyKey"] for p in rel["properties"]}
        assert {"evidence_quotes", "evidence_urls", "evidence_articles", "date"} <= keys


def test_journalists_search_phrases_with_typed_parameters(generated: dict[str, Any]) -> None:
    templates = {t["text"]: t for t in generated["templates"]}
    assert set(JOURNALIST_PHRASES) <= set(templates)
    for text, template in templates.items():
        named = re.findall(r"\$(\w+)", text)
        assert [p["name"] for p in template["params"]] == [f"${n}" for n in named]
        for param in template["params"]:
            assert param["dataType"] == "String"
            assert param["suggestionLabel"] in {*load_schema().entity_types, "Entity"}
            assert param["suggestionProp"] == "name"
        assert all(f"${n}" in template["cypher"] for n in named)


def test_scene_actions_take_the_selection(generated: dict[str, Any]) -> None:
    actions = {a["name"]: a for a in generated["sceneActions"]}
    assert "$relationships" in actions["Show evidence"]["cypher"]
    assert "$nodes" in actions["Expand articles"]["cypher"]
    assert len(actions) == sum(1 for q in load_bloom_queries() if q.action)


def test_a_new_type_in_the_schema_is_a_new_category() -> None:
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    raw["entity_types"]["Dataset"] = {"description": "A dataset", "properties": {"size": "integer"}}
    categories = perspective(parse_schema(raw))["categories"]
    assert categories[-1]["name"] == "Dataset"
    assert {"name": "size", "exclude": False, "isCaption": False, "dataType": "bigint"} in (
        categories[-1]["properties"])


def test_the_readme_lists_every_phrase_and_action() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for query in load_bloom_queries():
        shown = f"`{query.phrase}`" if query.phrase else f"*{query.action}*"
        assert f"| {shown} | {query.statement.purpose} |" in readme, query.name
    assert f"`version` is `{BLOOM_VERSION}`" in readme
