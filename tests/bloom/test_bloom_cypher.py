"""Every search phrase and scene action: in the Neo4j lint gate, then run on real Neo4j against
the bundled curated data written by the Neo4j store."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import Driver

from graph.settings import Settings
from graph.store.base import Direction
from graph.store.embedded import EmbeddedStore
from queries.bloom import BloomQuery, load_bloom_queries
from queries.registry import Statement
from tests.queries.test_cypher_lint import every_statement

QUERIES = load_bloom_queries()
ELEMENT_IDS = {
    "nodes": "MATCH (n:Entity) WHERE n.id IN $ids RETURN elementId(n) AS id",
    "relationships": "MATCH ()-[r]->() WHERE r.id IN $ids RETURN elementId(r) AS id",
}


def test_the_lint_gate_checks_every_phrase_and_action() -> None:
    """tests/queries/test_cypher_lint.py lints them with everything else in one Node process."""
    gated = {s.name: s for s in every_statement()}
    for query in QUERIES:
        linted = gated[f"bloom/{query.name}"]
        assert (linted.text, linted.parameters) == (query.statement.text,
                                                     query.statement.parameters)
    assert sum(1 for q in QUERIES if q.phrase) >= 6 and any(q.action for q in QUERIES)


def _parameters(query: BloomQuery, driver: Driver, database: str) -> dict[str, Any]:
    """The sample parameters; scene actions' entity or relation ids become element ids."""
    params = dict(query.sample)
    for key, lookup in ELEMENT_IDS.items():
        if key in params:
            records, _, _ = driver.execute_query(lookup, ids=params[key], database_=database)
            params[key] = [r["id"] for r in records]
            assert len(params[key]) == len(query.sample[key]), f"sample {key} not all found"
    return query.statement.bind(params)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_runs_on_neo4j_and_returns_rows(
    query: BloomQuery, bloom_driver: Driver, bloom_settings: Settings
) -> None:
    database = bloom_settings.neo4j_database
    records, _, _ = bloom_driver.execute_query(
        query.statement.query, _parameters(query, bloom_driver, database), database_=database
    )
    print(f"\n{query.name}: {len(records)} rows")
    assert records, f"{query.phrase or query.action} returned nothing for {query.sample}"


SUGGESTIONS = [(q, p, s) for q in QUERIES for p, s in q.suggestion_statements().items()]


@pytest.mark.parametrize(("query", "param", "statement"), SUGGESTIONS,
                         ids=[f"{q.name}-{p}" for q, p, _ in SUGGESTIONS])
def test_suggestions_offer_the_sample(
    query: BloomQuery, param: str, statement: Statement, bloom_driver: Driver,
    bloom_settings: Settings,
) -> None:
    """Bloom lists these names for the parameter; the sample's value is among them (any case)."""
    records, _, _ = bloom_driver.execute_query(
        statement.query, database_=bloom_settings.neo4j_database
    )
    offered = {r["name"].lower() for r in records}
    assert query.sample[param].lower() in offered


def test_phrases_match_names_and_aliases_in_any_case(
    bloom_driver: Driver, bloom_settings: Settings
) -> None:
    query = next(q for q in QUERIES if q.name == "phrase_fines")
    found = []
    for spelling in ("Clearview AI", "clearview ai", "CLEARVIEW", "clearview"):
        records, _, _ = bloom_driver.execute_query(
            query.statement.query, query.statement.bind({"company": spelling}),
            database_=bloom_settings.neo4j_database,
        )
        found.append(sorted(r["r"]["id"] for r in records))
    assert found[0] != [] and all(f == found[0] for f in found)


def test_the_path_phrase_goes_through_facts_not_articles(
    bloom_driver: Driver, bloom_settings: Settings
) -> None:
    query = next(q for q in QUERIES if q.name == "phrase_path")
    records, _, _ = bloom_driver.execute_query(
        query.statement.query, query.statement.bind(query.sample),
        database_=bloom_settings.neo4j_database,
    )
    path = records[0]["p"]
    assert [r.type for r in path.relationships] == ["REPRESENTED_BY", "FINED"]
    assert not any("Article" in n.labels or "Publisher" in n.labels for n in path.nodes)


@pytest.mark.parametrize(
    ("name", "rel_type", "direction", "variable"),
    [
        ("phrase_scraped", "SCRAPED_FROM", Direction.OUT, "p"),
        ("phrase_cease_and_desist", "SENT_CEASE_AND_DESIST", Direction.IN, "s"),
        ("phrase_fines", "FINED", Direction.IN, "a"),
        ("phrase_customers", "CUSTOMER_OF", Direction.IN, "customer"),
    ],
)
def test_phrases_find_what_the_store_holds(
    name: str, rel_type: str, direction: Direction, variable: str,
    bloom_driver: Driver, bloom_settings: Settings, curated_store: EmbeddedStore,
) -> None:
    query = next(q for q in QUERIES if q.name == name)
    records, _, _ = bloom_driver.execute_query(
        query.statement.query, query.statement.bind(query.sample),
        database_=bloom_settings.neo4j_database,
    )
    found = sorted((r[variable]["id"], r["r"]["id"]) for r in records)
    relations = curated_store.relations_of(["clearview-ai"], direction, [rel_type])["clearview-ai"]
    other = "target" if direction is Direction.OUT else "source"
    assert found == sorted((getattr(r, other), r.id) for r in relations) != []


def test_show_evidence_returns_the_cited_articles(
    bloom_driver: Driver, bloom_settings: Settings, curated_store: EmbeddedStore
) -> None:
    query = next(q for q in QUERIES if q.action == "Show evidence")
    database = bloom_settings.neo4j_database
    records, _, _ = bloom_driver.execute_query(
        query.statement.query, _parameters(query, bloom_driver, database), database_=database
    )
    cited = {e.article for r in curated_store.get_relations(query.sample["relationships"]).values()
             for e in r.evidence if e.article}
    assert {r["a"]["id"] for r in records} == cited != set()
