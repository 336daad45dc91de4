"""The lint gate: every statement the project can send, through Neo4j's own Cypher front end.

All of them in ONE Node process, against the project's schema (labels, relationship types,
property keys the store writes) and with the exact parameter names each is sent with. Any
error, any unknown label/type/property warning, any missing or unused parameter fails.
"""

from __future__ import annotations

import pytest

from graph.schema import load_schema
from queries.encoding import property_keys
from queries.registry import Statement, load_queries
from queries.statements import generated_statements
from tests.support.cypher_lint import LintReport, LintSchema, LintStatement, lint_statements


def every_statement() -> list[Statement]:
    """The named files of queries/ and every statement generated from the schema."""
    schema = load_schema()
    return [*load_queries().values(), *generated_statements(schema)]


@pytest.fixture(scope="module")
def report() -> LintReport:
    schema = load_schema()
    lint_schema = LintSchema(
        labels=schema.labels(),
        relationship_types=list(schema.relation_types),
        property_keys=property_keys(schema),
    )
    statements = [LintStatement(s.name, s.text, s.parameters) for s in every_statement()]
    return lint_statements(statements, lint_schema)


def test_every_statement_passes_neo4j_cypher_lint(report: LintReport) -> None:
    statements = every_statement()
    named = len(load_queries())
    print(
        f"\ncypher lint: checked {report.checked} statements "
        f"({named} queries/*.cypher files, {report.checked - named} generated from the schema)"
    )
    assert report.checked == len(statements) > named > 10
    assert report.problems() == []


def test_the_gate_catches_a_statement_outside_the_schema() -> None:
    """The same gate on a statement naming an unknown type and property fails: it can fail."""
    schema = load_schema()
    lint_schema = LintSchema(schema.labels(), list(schema.relation_types), property_keys(schema))
    bad = LintStatement("bad", "MATCH (n:Entity)-[:SCRAPES]->(m) RETURN n.nmae, $x", ())
    problems = lint_statements([bad], lint_schema).problems()
    assert any("SCRAPES" in p for p in problems)
    assert any("nmae" in p for p in problems)
    assert any("$x" in p for p in problems)
