"""The schema declaration is complete, consistent, and what everything else derives from."""

from __future__ import annotations

import pytest

from graph.schema import check_property, load_schema, parse_schema

REQUIRED_RELATIONS = {"SCRAPED_FROM", "SENT_CEASE_AND_DESIST", "BREACHED"}
DOMAIN_ENTITY_TYPES = {
    "Company",
    "Platform",
    "Agency",
    "Organization",
    "Person",
    "Publisher",
    "Article",
    "Incident",
    "Group",
}


def test_declares_the_domain_types() -> None:
    schema = load_schema()
    assert set(schema.entity_types) >= DOMAIN_ENTITY_TYPES
    assert set(schema.relation_types) >= REQUIRED_RELATIONS
    assert schema.entity_types["Person"].extra_labels == ("Lawyer",)
    assert schema.relation_types["SCRAPED_FROM"].targets == ("Platform",)


def test_every_relation_type_documents_itself() -> None:
    for relation in load_schema().relation_types.values():
        assert relation.description, relation.name
        assert relation.sources and relation.targets, relation.name


def test_rejects_a_relation_naming_an_unknown_type() -> None:
    raw = {
        "entity_types": {"Company": {}},
        "relation_types": {"OWNS": {"from": ["Company"], "to": ["Ship"]}},
    }
    with pytest.raises(ValueError, match="unknown entity types"):
        parse_schema(raw)


def test_rejects_a_bad_property_kind() -> None:
    with pytest.raises(ValueError, match="invalid name or kind"):
        parse_schema(
            {"entity_types": {"Company": {"properties": {"size": "huge"}}}, "relation_types": {}}
        )


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("date", "2020-02", "2020-02"),
        ("url", "https://a.example/x", "https://a.example/x"),
        ("number", 20000000, 20000000),
        ("strings", ["b", "a", "b"], ["a", "b"]),
    ],
)
def test_normalises_valid_values(kind: str, value: object, expected: object) -> None:
    assert check_property(kind, value) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("date", "2020-13"),
        ("date", "27/02/2020"),
        ("url", "not a url"),
        ("integer", 1.5),
        ("number", True),
        ("string", "  "),
    ],
)
def test_refuses_invalid_values(kind: str, value: object) -> None:
    with pytest.raises(ValueError):
        check_property(kind, value)
