"""The Cypher linter itself (tools/cypher_lint + tests/support/cypher_lint.py) works.

These tests fail, rather than skip, when Node or the npm package is missing:
layer 1 of the Neo4j verification must always run (`npm ci --prefix tools/cypher_lint`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import cypher_lint
from tests.support.cypher_lint import (
    CypherLintError,
    LintReport,
    LintSchema,
    LintStatement,
    lint_statements,
)

SCHEMA = LintSchema(
    labels=("Entity", "Organization", "Person"),
    relationship_types=("LEADS", "FUNDED"),
    property_keys=("id", "name", "sources", "role"),
)

STATEMENTS = (
    LintStatement("undefined_variable", "MATCH (n) RETURN m"),
    LintStatement("unknown_label", "MATCH (n:Organisation) RETURN n.id"),
    LintStatement("unknown_rel_type", "MATCH (a:Person)-[:LEAD]->(b:Organization) RETURN b.id"),
    LintStatement("unknown_property", "MATCH (n:Entity) RETURN n.nmae"),
    LintStatement(
        "parameters",
        "MATCH (n:Entity {id: $id}) RETURN n.name LIMIT $limit",
        ("id", "offset"),
    ),
    LintStatement(
        "clean_upsert",
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row.props",
        ("rows",),
    ),
    LintStatement(
        "clean_relationships",
        "UNWIND $rows AS row\n"
        "MATCH (a:Entity {id: row.src})\n"
        "MATCH (b:Entity {id: row.dst})\n"
        "MERGE (a)-[r:LEADS]->(b)\n"
        "SET r.sources = row.sources, r.role = row.role",
        ("rows",),
    ),
    LintStatement(
        "clean_read",
        "MATCH (o:Organization {id: $id})<-[:LEADS]-(p:Person)\n"
        "WITH o, collect(p.name) AS leaders\n"
        "RETURN o {.id, .name, leaders: leaders} AS org",
        ("id",),
    ),
    LintStatement("unknown_function", "RETURN foo(1) AS x"),
    LintStatement("wrong_arity", "RETURN toUpper('a', 'b') AS x"),
    LintStatement("two_statements", "RETURN 1 AS x; RETURN 2 AS y"),
)


@pytest.fixture(scope="module")
def report() -> LintReport:
    return lint_statements(STATEMENTS, SCHEMA)


def test_every_statement_is_checked_in_order(report: LintReport) -> None:
    assert report.checked == len(STATEMENTS)
    assert [r.name for r in report.results] == [s.name for s in STATEMENTS]
    assert report.builtin_functions > 100
    assert report.builtin_procedures > 10


def test_undefined_variable_is_an_error(report: LintReport) -> None:
    result = report["undefined_variable"]
    assert [(d.severity, d.message, d.line, d.column) for d in result.diagnostics] == [
        ("error", "Variable `m` not defined", 1, 18)
    ]
    assert not result.ok


def test_unknown_label_relationship_type_and_property_warn(report: LintReport) -> None:
    label = report["unknown_label"].warnings
    assert len(label) == 1 and "Label Organisation is not present" in label[0].message
    assert (label[0].line, label[0].column) == (1, 10)
    rel_type = report["unknown_rel_type"].warnings
    assert len(rel_type) == 1 and "Relationship type LEAD is not present" in rel_type[0].message
    prop = report["unknown_property"].warnings
    assert len(prop) == 1 and prop[0].message.startswith("nmae is not present")
    for name in ("unknown_label", "unknown_rel_type", "unknown_property"):
        assert report[name].errors == ()


def test_missing_and_unused_parameters(report: LintReport) -> None:
    result = report["parameters"]
    assert result.missing_parameters == ("limit",)
    assert result.unused_parameters == ("offset",)
    # Only the comparison reports parameters, not the front end a second time.
    assert result.diagnostics == ()


@pytest.mark.parametrize("name", ["clean_upsert", "clean_relationships", "clean_read"])
def test_clean_statements_pass(report: LintReport, name: str) -> None:
    assert report[name].problems() == []
    assert report[name].ok


def test_unknown_function_wrong_arity_and_two_statements_are_errors(report: LintReport) -> None:
    assert "Function foo is not present" in report["unknown_function"].errors[0].message
    assert "Too many parameters for function 'toUpper'" in report["wrong_arity"].errors[0].message
    assert "2 statements" in report["two_statements"].errors[0].message


def test_problems_name_every_statement_and_count_warnings(report: LintReport) -> None:
    problems = report.problems()
    assert not report.ok
    expected_bad = {
        "undefined_variable",
        "unknown_label",
        "unknown_rel_type",
        "unknown_property",
        "parameters",
        "unknown_function",
        "wrong_arity",
        "two_statements",
    }
    assert {p.split(":", 1)[0] for p in problems} == expected_bad
    assert "parameters: parameter $limit is used in the statement but not sent" in problems
    assert "parameters: parameter $offset is sent but not used in the statement" in problems
    assert any(p.startswith("unknown_label:1:10: warning: Label Organisation") for p in problems)


def test_builtin_catalog_can_be_turned_off() -> None:
    report = lint_statements(
        [LintStatement("unknown_function", "RETURN foo(1) AS x")], SCHEMA, builtin_catalog=False
    )
    assert report.ok
    assert (report.builtin_functions, report.builtin_procedures) == (0, 0)


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(CypherLintError, match="unique"):
        lint_statements([LintStatement("a", "RETURN 1"), LintStatement("a", "RETURN 2")], SCHEMA)


def test_bad_input_exits_2_with_a_message() -> None:
    node = shutil.which("node")
    assert node is not None, "node is not on PATH"
    completed = subprocess.run(
        [node, str(cypher_lint.LINT_SCRIPT)],
        input=json.dumps({"schema": {"labels": []}, "statements": []}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert "schema.relationshipTypes" in completed.stderr
    assert completed.stdout == ""


def test_missing_node_modules_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cypher_lint, "_PACKAGE_DIR", tmp_path / "nowhere")
    with pytest.raises(CypherLintError, match="npm ci --prefix tools/cypher_lint"):
        lint_statements([LintStatement("a", "RETURN 1")], SCHEMA)
