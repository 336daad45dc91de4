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
    PERSPECTIVE_FILE,
    load_bloom_queries,
    parse_bloom_query,
    perspective,
    render,
)
from queries.bloom_style import HIDDEN
from queries.statements import schema_statements
from tests.cli_runner import aikg

JOURNALIST_PHRASES = (
    "Who did $company scrape",
    "Cease-and-desist letters to $company",
    "Fines against $company",
    "Evidence for relations of $entity",
    "Articles about $entity",
    "Path from $a to $b",
    "Fines by $agency",
    "Largest fines",
    "Who sued $company",
    "Lawyers of $company",
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


# The keys of each object, in the order Bloom 2.21.0 exports write them (two exports of
# 2.21.0 read for this; see docs/neo4j.md, "Neo4j Bloom" for the sources and each change).
EXPORT_KEYS = {
    "perspective": ["name", "id", "categories", "labels", "relationshipTypes", "palette",
                    "createdAt", "lastEditedAt", "templates", "sceneActions",
                    "hiddenRelationshipTypes", "hideUncategorisedData", "type",
                    "maxLimitToastMsgEnabled", "parentPerspectiveId", "metadata", "version"],
    "category": ["id", "name", "labels", "properties", "createdAt", "lastEditedAt", "color",
                 "size", "icon", "textSize", "textAlign", "captions", "captionKeys",
                 "styleRules"],
    "category property": ["name", "exclude", "dataType"],
    "label caption": ["inTooltip", "styles", "isCaption", "key", "type"],
    "property caption": ["inTooltip", "styles", "isCaption", "key", "type", "isGdsData"],
    "relationship type": ["id", "name", "properties", "color", "size", "textSize", "textAlign",
                          "captions", "captionKeys", "styleRules"],
    "relationship caption": ["inTooltip", "isCaption", "styles", "key", "type"],
    "template": ["name", "id", "createdAt", "text", "cypher", "isUpdateQuery",
                 "isWriteTransactionChecked", "params", "hasCypherErrors"],
    "param": ["name", "dataType", "collapsed", "suggestionLabel", "suggestionProp",
              "suggestionBoolean", "cypher"],
    "scene action": ["name", "id", "createdAt", "cypher", "isUpdateQuery", "categories",
                     "relationshipTypes", "hasCypherErrors"],
    "index": ["label", "type", "propertyKeys"],
    "index key": ["key", "metadataProp"],
}


def _caption_kind(caption: dict[str, Any]) -> str:
    return {"label": "label caption", "property": "property caption",
            "relationship": "relationship caption"}[caption["type"]]


def test_every_object_has_the_keys_a_2_21_export_has(generated: dict[str, Any]) -> None:
    shapes: list[tuple[str, dict[str, Any]]] = [("perspective", generated)]
    for category in generated["categories"]:
        shapes.append(("category", category))
        shapes += [("category property", p) for p in category["properties"]]
        shapes += [(_caption_kind(c), c) for c in category["captions"]]
    for rel in generated["relationshipTypes"]:
        shapes.append(("relationship type", rel))
        shapes += [(_caption_kind(c), c) for c in rel["captions"]]
    for template in generated["templates"]:
        shapes.append(("template", template))
        shapes += [("param", p) for p in template["params"]]
    shapes += [("scene action", a) for a in generated["sceneActions"]]
    for index in generated["metadata"]["indexes"]:
        shapes.append(("index", index))
        shapes += [("index key", k) for k in index["propertyKeys"]]
    for kind, obj in shapes:
        assert list(obj) == EXPORT_KEYS[kind], (kind, obj.get("name") or obj.get("key"))
    assert generated["version"] == BLOOM_VERSION == "2.21.0"


def test_one_category_per_entity_type(generated: dict[str, Any]) -> None:
    schema = load_schema()
    categories = generated["categories"]
    assert [c["name"] for c in categories] == list(schema.entity_types)
    colours = type_colours(schema)
    assert len(set(colours.values())) == len(colours), "one colour per type"
    for category in categories:
        assert category["labels"] == [category["name"]]
        assert category["captionKeys"] == [] and category["color"] == colours[category["name"]]
        shown = [c["key"] for c in category["captions"] if c["isCaption"]]
        assert shown == ["name"], "every category is captioned by name, the same way"
        props = {p["name"]: p for p in category["properties"]}
        declared = schema.entity_types[category["name"]].properties
        assert set(declared) | {"id", "name", "aliases"} <= set(props)
        assert {k for k, p in props.items() if p["exclude"]} == HIDDEN
    assert len({c["id"] for c in categories}) == len(categories)


def test_the_label_map_has_entity_and_lawyer(generated: dict[str, Any]) -> None:
    assert {"Entity", "Lawyer", *load_schema().entity_types} == set(generated["labels"])
    assert {"propertyKey": "name", "type": "Lawyer", "dataType": "string"} in (
        generated["labels"]["Lawyer"])


def test_names_are_indexed_on_every_label(generated: dict[str, Any]) -> None:
    indexed = {i["label"]: [k["key"] for k in i["propertyKeys"]]
               for i in generated["metadata"]["indexes"]}
    assert indexed.pop("Entity") == ["id", "name"] and indexed.pop(None) == []
    assert indexed == {label: ["name"] for label in [*load_schema().entity_types, "Lawyer"]}
    created = {s.name for s in schema_statements(load_schema())}
    assert {f"create_index_{label.lower()}_name" for label in load_schema().labels()} <= created


def test_relationships_show_amount_and_date(generated: dict[str, Any]) -> None:
    rel_types = {r["name"]: r for r in generated["relationshipTypes"]}
    assert list(rel_types) == list(load_schema().relation_types)
    shown = {name: [c["key"] for c in r["captions"] if c["isCaption"]]
             for name, r in rel_types.items()}
    assert shown["FINED"] == ["FINED", "amount", "currency", "date"]
    assert shown["SUED"] == ["SUED", "date"] and shown["MENTIONS"] == ["MENTIONS"]
    for rel in rel_types.values():
        keys = {p["propertyKey"] for p in rel["properties"]}
        assert {"evidence_quotes", "evidence_urls", "evidence_articles", "date"} <= keys
        assert any(c["key"] == "evidence_quotes" and c["inTooltip"] for c in rel["captions"])
    assert rel_types["FINED"]["color"] != rel_types["MENTIONS"]["color"]


def test_journalists_search_phrases_with_typed_parameters(generated: dict[str, Any]) -> None:
    templates = {t["text"]: t for t in generated["templates"]}
    assert set(JOURNALIST_PHRASES) <= set(templates)
    purposes = {q.phrase: q.statement.purpose for q in load_bloom_queries() if q.phrase}
    for text, template in templates.items():
        assert template["name"] == purposes[text], "name is the description, as Bloom writes"
        named = re.findall(r"\$(\w+)", text)
        assert [p["name"] for p in template["params"]] == [f"${n}" for n in named]
        for param in template["params"]:
            assert param["dataType"] == "String" and param["suggestionLabel"] is None
            assert param["cypher"].startswith("MATCH (n:Entity)")
        assert all(f"${n}" in template["cypher"] for n in named)
        for name in named:
            assert f"toLower(${name})" in template["cypher"], "names match in any case"


def test_company_suggestions_span_the_types_fines_and_lawsuits_hit(
    generated: dict[str, Any],
) -> None:
    fines = next(t for t in generated["templates"] if t["text"] == "Fines against $company")
    suggest = fines["params"][0]["cypher"]
    assert all(f"n:{label}" in suggest for label in ("Company", "Organization", "Platform"))


def test_the_path_phrase_skips_article_and_publisher_links(generated: dict[str, Any]) -> None:
    path = next(t for t in generated["templates"] if t["text"] == "Path from $a to $b")
    for rel_type in ("MENTIONS", "REPORTED", "PUBLISHED", "AUTHORED", "PROFILED", "CITES"):
        assert rel_type not in path["cypher"]
    assert "FINED" in path["cypher"] and "SCRAPED_FROM" in path["cypher"]


def test_scene_actions_take_the_selection(generated: dict[str, Any]) -> None:
    actions = {a["name"]: a for a in generated["sceneActions"]}
    assert "$relationships" in actions["Show evidence"]["cypher"]
    assert "$nodes" in actions["Expand articles"]["cypher"]
    assert len(actions) == sum(1 for q in load_bloom_queries() if q.action)


def test_a_suggestion_naming_an_unknown_label_is_refused() -> None:
    source = ("// x\n// Parameters: $a\n// Bloom-phrase: X $a\n// Bloom-suggest: $a Nope\n"
              "MATCH (n:Entity {name: $a}) RETURN n\n")
    with pytest.raises(ValueError, match="Nope"):
        parse_bloom_query("x", source, frozenset(load_schema().labels()))


def test_a_new_type_in_the_schema_is_a_new_category() -> None:
    raw = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))
    raw["entity_types"]["Dataset"] = {"description": "A dataset", "properties": {"size": "integer"}}
    categories = perspective(parse_schema(raw))["categories"]
    assert categories[-1]["name"] == "Dataset"
    assert {"name": "size", "exclude": False, "dataType": "bigint"} in categories[-1]["properties"]


def test_the_readme_lists_every_phrase_and_action() -> None:
    readme = (PROJECT_ROOT / "docs" / "neo4j.md").read_text(encoding="utf-8")
    for query in load_bloom_queries():
        shown = f"`{query.phrase}`" if query.phrase else f"*{query.action}*"
        assert f"| {shown} | {query.statement.purpose} |" in readme, query.name
    assert f"`version` is `{BLOOM_VERSION}`" in readme
