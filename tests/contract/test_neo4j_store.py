"""What is specific to the Neo4j store, checked on real Neo4j through the driver itself.

Real labels and relationship types (what Bloom shows), evidence on the relationship, articles
linked to what they mention, the schema DDL, transaction-per-batch failures, connection errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ConstraintError

from graph.errors import InvalidInput, StoreUnavailable
from graph.model import Entity
from graph.schema import load_schema
from queries.batches import Batch, write_batches
from queries.neo4j_store import Neo4jStore
from queries.statements import write_statements
from tests.contract.conftest import Backend, load
from tests.support.ports import free_loopback_port

FOUNDING = "bitzionis-2020-02-27-clearview-client-list-stolen"


@pytest.fixture
def driver(bolt: Backend) -> Iterator[Driver]:
    auth = (bolt.settings.neo4j_user, bolt.settings.neo4j_password or "")
    with GraphDatabase.driver(bolt.settings.neo4j_uri, auth=auth) as found:
        yield found


def cypher(driver: Driver, bolt: Backend, text: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(text, params, database_=bolt.settings.neo4j_database)
    return [r.data() for r in records]


def test_nodes_have_type_labels_and_relations_have_schema_types(
    bolt: Backend, driver: Driver
) -> None:
    load(bolt)
    rows = cypher(
        driver, bolt,
        "MATCH (:Entity:Company {id: 'clearview-ai'})-[r:SCRAPED_FROM]->(p:Entity:Platform) "
        "RETURN p.id AS platform, r.evidence_articles AS articles, r.evidence_quotes AS quotes "
        "ORDER BY platform",
    )
    assert [r["platform"] for r in rows] == ["facebook", "venmo", "youtube"]
    assert all(FOUNDING in r["articles"] for r in rows)
    assert all(any(q for q in r["quotes"]) for r in rows)
    lawyer = cypher(driver, bolt, "MATCH (p:Person:Lawyer {id: 'tor-ekeland'}) RETURN p.name AS n")
    assert lawyer == [{"n": "Tor Ekeland"}]
    schema = load_schema()
    labels = cypher(driver, bolt, "MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l")
    assert {r["l"] for r in labels} <= set(schema.labels())
    types = cypher(driver, bolt, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")
    assert {r["t"] for r in types} <= set(schema.relation_types)


def test_a_journalist_can_expand_from_an_article(bolt: Backend, driver: Driver) -> None:
    load(bolt)
    named = cypher(
        driver, bolt,
        "MATCH (a:Article {id: $id})-[:MENTIONS]->(x:Entity) RETURN x.id AS id", id=FOUNDING,
    )
    assert {"clearview-ai", "facebook", "tor-ekeland"} <= {r["id"] for r in named}


def test_db_init_is_idempotent_and_keys_entities_on_id(bolt: Backend, driver: Driver) -> None:
    bolt.clear()
    store = bolt.open()
    assert isinstance(store, Neo4jStore)
    first, second = store.init_schema(), store.init_schema()
    assert first == second
    names = [f"{label.lower()}_name" for label in load_schema().labels()]
    keyed = [(rtype, key) for rtype in sorted(load_schema().relation_types)
             for key in ("id", "date")]
    assert first.ran == [
        "create_constraint_entity_id", "create_fulltext_entity_search",
        "create_fulltext_entity_descriptions", *(f"create_index_{name}" for name in names),
        *(f"create_constraint_{rtype.lower()}_id" for rtype, key in keyed if key == "id"),
        *(f"create_index_{rtype.lower()}_{key}" for rtype, key in keyed),
        *(f"create_index_{rtype.lower()}_undated" for rtype, key in keyed if key == "id"),
        "await_indexes",
    ]
    indexes = cypher(driver, bolt, "SHOW FULLTEXT INDEXES YIELD name, state RETURN name, state")
    assert {"name": "entity_search", "state": "ONLINE"} in indexes
    assert {"name": "entity_descriptions", "state": "ONLINE"} in indexes
    ranges = cypher(driver, bolt, "SHOW RANGE INDEXES YIELD name, labelsOrTypes, properties, "
                                  "state RETURN name, labelsOrTypes, properties, state")
    for name, label in zip(names, load_schema().labels(), strict=True):
        assert {"name": name, "labelsOrTypes": [label], "properties": ["name"],
                "state": "ONLINE"} in ranges
    for rtype, key in keyed:
        assert {"name": f"{rtype.lower()}_{key}", "labelsOrTypes": [rtype], "properties": [key],
                "state": "ONLINE"} in ranges
        assert {"name": f"{rtype.lower()}_undated", "labelsOrTypes": [rtype],
                "properties": ["undated", "id"], "state": "ONLINE"} in ranges
    constraints = cypher(driver, bolt, "SHOW CONSTRAINTS YIELD name RETURN name")
    assert "entity_id" in {r["name"] for r in constraints}
    cypher(driver, bolt, "CREATE (:Entity:Company {id: 'dup'})")
    with pytest.raises(ConstraintError):
        cypher(driver, bolt, "CREATE (:Entity:Platform {id: 'dup'})")


def test_a_failed_batch_is_rolled_back_and_named(bolt: Backend) -> None:
    bolt.clear()
    store = bolt.open(replace(bolt.settings, batch_size=3))
    good = [Entity(f"c{i}", "Company", f"Company {i}") for i in range(1, 7)]
    bad = replace(good[4], properties={"country": {"not": "a value"}})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput) as failure:
        store.upsert([*good[:4], bad, good[5]], [])
    message = str(failure.value)
    assert "batch 2 of 2" in message and "c4, c5, c6" in message
    assert "1 other batch(es) are committed" in message
    assert sorted(store.get_entities([e.id for e in good])) == ["c1", "c2", "c3"]
    assert not store.upsert(good, []).conflicts  # fixed: the re-run completes the load
    assert store.stats().entities == 6


def test_a_relation_whose_endpoint_vanished_is_refused_whole(bolt: Backend) -> None:
    bolt.clear()
    store = bolt.open()
    assert isinstance(store, Neo4jStore)
    store.upsert([Entity("a", "Company", "A"), Entity("p", "Platform", "P")], [])
    statement = write_statements(load_schema()).relations["SCRAPED_FROM"]
    ids = ["a:SCRAPED_FROM:p", "a:SCRAPED_FROM:gone"]
    rows = [{"id": i, "type": "SCRAPED_FROM", "source": "a", "target": i[15:], "props": {"id": i}}
            for i in ids]
    with pytest.raises(InvalidInput, match="a:SCRAPED_FROM:p, a:SCRAPED_FROM:gone"):
        write_batches(store.driver, store.database, [Batch("test", statement, rows)], None)
    assert store.stats().relations == 0


def test_wrong_password_unreachable_server_and_no_password_are_clear(bolt: Backend) -> None:
    schema = load_schema()
    with pytest.raises(StoreUnavailable, match="refused user"):
        Neo4jStore.connect(schema, replace(bolt.settings, neo4j_password="wrong-password"))
    closed = f"bolt://127.0.0.1:{free_loopback_port()}"
    with pytest.raises(StoreUnavailable, match="cannot reach Neo4j at bolt://127.0.0.1"):
        Neo4jStore.connect(schema, replace(bolt.settings, neo4j_uri=closed))
    with pytest.raises(StoreUnavailable, match="NEO4J_PASSWORD is not set"):
        Neo4jStore.connect(schema, replace(bolt.settings, neo4j_password=None))


def test_ping_answers_while_the_server_lives_and_fails_clearly_after(bolt: Backend) -> None:
    store = Neo4jStore.connect(load_schema(), bolt.settings)
    store.ping()
    store.driver.close()
    with pytest.raises(StoreUnavailable, match="does not answer"):
        store.ping()


def test_search_through_the_fulltext_index(bolt: Backend) -> None:
    store = load(bolt)
    assert isinstance(store, Neo4jStore) and store.fulltext  # ingest ran db init
    assert store.search("clearv")[0].id == "clearview-ai"
    assert store.search("societe generale")[0].id == "societe-generale-ia"
    assert [e.id for e in store.search("Tor Ek")] == ["tor-ekeland"]
