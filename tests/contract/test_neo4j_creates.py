"""The create fast path on real Neo4j: what a plan found absent is created outright, and when
another writer created it first, the uniqueness constraint fails the batch and it is merged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ConstraintError

from graph.model import Entity, Evidence, Relation
from graph.schema import load_schema
from queries.neo4j_store import Neo4jStore
from queries.statements import relation_key_name
from tests.contract.conftest import Backend

SUED = "acme:SUED:bigco"


@pytest.fixture
def driver(bolt: Backend) -> Iterator[Driver]:
    auth = (bolt.settings.neo4j_user, bolt.settings.neo4j_password or "")
    with GraphDatabase.driver(bolt.settings.neo4j_uri, auth=auth) as found:
        yield found


def _items(writer: str) -> tuple[list[Entity], list[Relation]]:
    entities = [Entity("acme", "Company", "Acme", aliases=(f"Acme {writer}",), sources=(writer,)),
                Entity("bigco", "Company", "BigCo", sources=(writer,))]
    relations = [Relation(SUED, "SUED", "acme", "bigco",
                          evidence=(Evidence(writer, None, f"said {writer}"),))]
    return entities, relations


def _store(bolt: Backend) -> Neo4jStore:
    store = bolt.open()
    assert isinstance(store, Neo4jStore)
    return store


def test_a_stale_plan_of_creates_is_merged_into_what_another_writer_created(
    bolt: Backend,
) -> None:
    bolt.clear()
    first, second = _store(bolt), _store(bolt)
    stale = first.plan_upsert(*_items("a"))
    assert stale.new_entity_ids == {"acme", "bigco"} and stale.new_relation_ids == {SUED}
    second.upsert(*_items("b"))  # gets there first: the stale plan's creates now collide
    first._write(stale, None)
    acme = first.get_entities(["acme"])["acme"]
    assert set(acme.aliases) == {"Acme a", "Acme b"} and set(acme.sources) == {"a", "b"}
    sued = first.get_relations([SUED])[SUED]
    assert {e.quote for e in sued.evidence} == {"said a", "said b"}
    assert first.stats().relations == 1 and first.stats().entities == 2


def test_a_first_load_creates_and_a_second_adds_nothing(bolt: Backend) -> None:
    bolt.clear()
    store = _store(bolt)
    plan = store.upsert(*_items("a"))
    assert plan.summary.entities_added == 2 and plan.summary.relations_added == 1
    again = store.upsert(*_items("a"))
    assert again.summary.entities_unchanged == 2 and again.summary.relations_unchanged == 1
    assert store.get_relations([SUED])[SUED] == plan.relations[0]


def test_every_relation_type_keys_relationships_on_id(bolt: Backend, driver: Driver) -> None:
    bolt.clear()
    store = _store(bolt)
    store.init_schema()
    names = {relation_key_name(rtype) for rtype in load_schema().relation_types}
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type WHERE type = 'RELATIONSHIP_UNIQUENESS' RETURN name",
        database_=bolt.settings.neo4j_database)
    assert names <= {r["name"] for r in records}
    store.upsert(*_items("a"))
    with pytest.raises(ConstraintError):
        driver.execute_query("MATCH (a {id: 'acme'}), (b {id: 'bigco'}) "
                             "CREATE (b)-[:SUED {id: $id}]->(a)", id=SUED,
                             database_=bolt.settings.neo4j_database)


def test_db_init_replaces_an_older_plain_id_index_by_the_constraint(
    bolt: Backend, driver: Driver
) -> None:
    bolt.clear()
    store = _store(bolt)
    database = bolt.settings.neo4j_database
    driver.execute_query("DROP CONSTRAINT sued_id IF EXISTS", database_=database)
    driver.execute_query("CREATE RANGE INDEX sued_id FOR ()-[r:SUED]-() ON (r.id)",
                         database_=database)
    store.init_schema()
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, owningConstraint WHERE name = 'sued_id' "
        "RETURN owningConstraint", database_=database)
    assert [r["owningConstraint"] for r in records] == ["sued_id"]
