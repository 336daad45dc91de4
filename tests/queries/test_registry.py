"""The named queries and the generated statements: headers, names, parameters, schema only."""

from __future__ import annotations

import re

import pytest

from graph.schema import BASE_LABEL, load_schema, parse_schema
from queries.encoding import check_reserved
from queries.registry import QUERY_DIR, load_queries, parse_statement
from queries.statements import FULLTEXT_INDEX, generated_statements, write_statements

_LABEL = re.compile(r"\((?:\w+)?((?::\w+)+)")
_REL_TYPE = re.compile(r"\[\w*:(\w+)")


def test_every_cypher_file_has_a_header_and_declares_its_parameters() -> None:
    queries = load_queries()
    assert len(queries) == len(list(QUERY_DIR.glob("*.cypher"))) > 10
    for name, statement in queries.items():
        assert statement.purpose and statement.text, name
        used = set(re.findall(r"\$(\w+)", statement.text))
        assert used == set(statement.parameters), name
        assert statement.query.metadata == {"query": name}
    assert not any(s.neo4j_only for s in queries.values())  # every one runs on Neo4j itself
    assert f"'{FULLTEXT_INDEX}'" in queries["search_fulltext"].text


def test_a_file_without_its_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        parse_statement("x", "MATCH (n) RETURN n")
    with pytest.raises(ValueError, match="Parameters"):
        parse_statement("x", "// What it does.\nMATCH (n) RETURN n")
    parsed = parse_statement("x", "// What.\n// Parameters: none\nRETURN 1")
    assert (parsed.parameters, parsed.neo4j_only, parsed.text) == ((), None, "RETURN 1")


def test_a_statement_is_sent_with_exactly_its_declared_parameters() -> None:
    statement = load_queries()["entities_by_id"]
    assert statement.bind({"ids": ["a"]}) == {"ids": ["a"]}
    with pytest.raises(ValueError, match="takes"):
        statement.bind({"ids": ["a"], "extra": 1})


def test_generated_statements_use_only_schema_labels_and_types() -> None:
    schema = load_schema()
    statements = generated_statements(schema)
    assert len({s.name for s in statements}) == len(statements)
    for statement in statements:
        for group in _LABEL.findall(statement.text):
            assert set(group.strip(":").split(":")) <= set(schema.labels()), statement.name
        assert set(_REL_TYPE.findall(statement.text)) <= set(schema.relation_types)
    writes = write_statements(schema)
    assert writes.relation_types == set(schema.relation_types)
    assert "MERGE (a)-[r:SCRAPED_FROM {id: row.id}]->(b)" in writes.relations["SCRAPED_FROM"].text
    assert set(writes.entity_labels) == set(writes.entities) == set(schema.entity_types)
    assert writes.entity_labels["Person"] == {"Lawyer"}
    person = writes.entities["Person"].text
    assert f"MERGE (n:{BASE_LABEL} {{id: row.id}})\n  ON CREATE SET n:Person" in person
    assert "SET n:Lawyer" in person and "$(" not in person  # static labels: one cached plan


def test_a_schema_property_may_not_take_a_bookkeeping_name() -> None:
    links = {"from": ["Thing"], "to": ["Thing"], "properties": {"evidence_urls": "url"}}
    clash = parse_schema(
        {
            "entity_types": {"Thing": {"properties": {"search_text": "string"}}},
            "relation_types": {"LINKS": links},
        }
    )
    with pytest.raises(ValueError, match=r"Thing.search_text.*LINKS.evidence_urls"):
        check_reserved(clash)
    check_reserved(load_schema())
