"""The lint gate: every statement the project can send, through Neo4j's own Cypher front end.

All of them in ONE Node process: the store's named queries (queries/*.cypher), the statements
generated from the schema, the researchers' named queries (queries/named/) and the Bloom search
phrases and scene actions (queries/bloom/); against the project's schema (labels, relationship
types, property keys the store writes) and with the exact parameter names each is sent with.
Any error, any unknown label/type/property warning, any missing or unused parameter fails.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.schema import load_schema
from queries.bloom import load_bloom_queries
from queries.encoding import property_keys
from queries.named import NAMED_DIR
from queries.registry import Statement, load_queries
from queries.statements import generated_statements
from tests.queries.conftest import LINT_SUMMARY
from tests.support.cypher_lint import LintReport, LintSchema, LintStatement, lint_statements


def every_statement() -> list[Statement]:
    """Every statement the project sends, each under a unique name."""
    schema = load_schema()
    named = [replace(s, name=f"named/{s.name}") for s in load_queries(NAMED_DIR).values()]
    bloom = [replace(q.statement, name=f"bloom/{q.name}") for q in load_bloom_queries()]
    bloom += [replace(s, name=f"bloom/{s.name}") for q in load_bloom_queries()
              for s in q.suggestion_statements().values()]
    return [*load_queries().values(), *generated_statements(schema), *named, *bloom]


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


def test_every_statement_passes_neo4j_cypher_lint(
    report: LintReport, pytestconfig: pytest.Config
) -> None:
    statements = every_statement()
    files = len(load_queries())
    generated = len(generated_statements(load_schema()))
    named = sum(s.name.startswith("named/") for s in statements)
    bloom = sum(s.name.startswith("bloom/") for s in statements)
    summary = (
        f"cypher lint: checked {report.checked} statements in one Node process: "
        f"{files} queries/*.cypher, {generated} generated from the schema, "
        f"{named} queries/named/, {bloom} Bloom phrases, actions and suggestions; "
        f"{len(report.problems())} problems"
    )
    print("\n" + summary)
    pytestconfig.stash[LINT_SUMMARY] = summary
    assert report.checked == len(statements) == files + generated + named + bloom
    assert files > 10 and generated > 20 and named > 0 and bloom > 0
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
