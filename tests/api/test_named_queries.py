"""Item 10: the named queries, listed with typed parameters and run read-only on every store."""

from __future__ import annotations

from typing import Any

import pytest

from graph.schema import load_schema
from queries.encoding import property_keys
from queries.named import NAMED_DIR, NAMED_QUERIES
from queries.registry import load_queries
from tests.api.conftest import Api
from tests.support.cypher_lint import LintSchema, LintStatement, lint_statements

RUN = """query ($name: String!, $params: JSON) { runNamedQuery(name: $name, params: $params) {
    columns rows totalCount } }"""
LIST = """{ namedQueries { name description columns cypher
    parameters { name type description required default } } }"""
EXPECTED: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {
    "cease_and_desist_letters": ({"since": "2023-02"}, [
        {"recipient": "acme-vision", "recipient_name": "Acme Vision", "sender": "acme-robotics",
         "sender_name": "Acme Robotics", "date": "2023-03", "articles": ["api-fixture-report"]},
        {"recipient": "clearview-ai", "recipient_name": "Clearview AI", "sender": "acme-vision",
         "sender_name": "Acme Vision", "date": "2023-02", "articles": ["api-fixture-report"]},
    ]),
    "incidents_per_deployer": ({"since": "2020", "limit": 5}, [
        {"deployer": "acme-vision", "name": "Acme Vision", "incidents": 1},
        {"deployer": "metro-police-department", "name": "Metro Police Department", "incidents": 1},
    ]),
    "fines_by_regulator": ({}, [
        {"regulator": "dutch-data-protection-authority", "name": "Dutch data protection authority",
         "currency": "USD", "total": 33000000, "fines": 1},
        {"regulator": "garante-privacy", "name": "Garante per la protezione dei dati personali",
         "currency": "EUR", "total": 21500000, "fines": 2},
        {"regulator": "french-regulator", "name": "French regulator", "currency": "EUR",
         "total": 20000000, "fines": 1},
    ]),
    "evidence_for_entity": ({"id": "Metro Police Department"}, [
        {"relation": "metro-police-department:CUSTOMER_OF:acme-vision", "type": "CUSTOMER_OF",
         "direction": "OUT", "other": "acme-vision", "other_name": "Acme Vision",
         "date": "2021-05", "article": "api-fixture-report",
         "quote": "the Metro Police Department bought Acme Vision's software in May 2021"},
        {"relation": "metro-police-department:DEPLOYED:acme-misidentification-2022",
         "type": "DEPLOYED", "direction": "OUT", "other": "acme-misidentification-2022",
         "other_name": "Acme face match misidentifies a shopper", "date": None,
         "article": "api-fixture-report", "quote": "deployed by the Metro Police Department"},
    ]),
}


def test_every_named_query_is_listed_with_typed_parameters(api: Api) -> None:
    listed = api.data(LIST)["namedQueries"]
    assert [q["name"] for q in listed] == sorted(NAMED_QUERIES) == sorted(EXPECTED)
    deployers = next(q for q in listed if q["name"] == "incidents_per_deployer")
    assert deployers["parameters"][1] == {"name": "limit", "type": "Int", "required": False,
                                          "default": 20, "description": "Most rows returned."}
    assert all(q["description"] and "MATCH" in q["cypher"] for q in listed)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_named_query_answers_the_same_on_every_store(api: Api, name: str) -> None:
    params, rows = EXPECTED[name]
    found = api.data(RUN, name=name, params=params)["runNamedQuery"]
    assert found["rows"] == rows and found["totalCount"] == len(rows)
    assert found["columns"] == list(NAMED_QUERIES[name].columns)


def test_parameters_are_checked(api: Api) -> None:
    assert api.errors(RUN, name="nope") == [
        "no named query 'nope'; known: cease_and_desist_letters, evidence_for_entity, "
        "fines_by_regulator, incidents_per_deployer"
    ]
    assert api.errors(RUN, name="evidence_for_entity", params={}) == [
        "evidence_for_entity needs the parameter id (ID)"
    ]
    assert api.errors(RUN, name="incidents_per_deployer", params={"limit": "ten"}) == [
        "incidents_per_deployer: parameter limit must be a whole number from 0 to 1000, got 'ten'"
    ]
    [bad_date] = api.errors(RUN, name="fines_by_regulator", params={"since": "2020"})
    assert bad_date == "fines_by_regulator takes no parameter since"


def test_every_named_cypher_file_passes_the_lint() -> None:
    schema = load_schema()
    lint_schema = LintSchema(schema.labels(), list(schema.relation_types), property_keys(schema))
    statements = [LintStatement(s.name, s.text, s.parameters)
                  for s in load_queries(NAMED_DIR).values()]
    report = lint_statements(statements, lint_schema)
    assert report.checked == len(NAMED_QUERIES) and report.problems() == []
