"""Root relation pages on real Neo4j are index seeks: the plan of every keyset statement reads a
relationship RANGE index in the page's order (no sort of the whole type), and the pages walked
both ways by id and by date equal the embedded store's order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase

from graph.schema import load_schema
from graph.store.keyset import relation_key
from graph.store.query import Order, RelationFilter, Window
from queries.neo4j_pages import page_statements
from tests.contract.conftest import Backend, load


@pytest.fixture
def driver(bolt: Backend) -> Iterator[Driver]:
    auth = (bolt.settings.neo4j_user, bolt.settings.neo4j_password or "")
    with GraphDatabase.driver(bolt.settings.neo4j_uri, auth=auth) as found:
        yield found


def _operators(plan: Any) -> list[str]:
    found = [plan.operator_type if hasattr(plan, "operator_type") else plan["operatorType"]]
    children = plan.children if hasattr(plan, "children") else plan.get("children", [])
    return found + [op for child in children for op in _operators(child)]


def test_every_page_statement_seeks_a_relationship_index_in_order(
    bolt: Backend, driver: Driver
) -> None:
    load(bolt)
    params = {"date": "2020-01-01", "id": "", "undated": True, "limit": 3}
    for (rtype, run), statement in page_statements(load_schema()).items():
        summary = driver.execute_query(
            "EXPLAIN " + statement.text, statement.bind({k: params[k]
                                                          for k in statement.parameters}),
            database_=bolt.settings.neo4j_database,
        ).summary
        operators = [op.split("@")[0] for op in _operators(summary.plan)]
        # the `id` index is owned by the relation type's uniqueness constraint (a Unique seek)
        seeks = [op for op in operators if "RelationshipIndex" in op.replace("Unique", "")]
        assert seeks, (rtype, run, operators)
        # the index gives the order: no Sort/Top of every row (a PartialTop on the id among
        # rows of one date is bounded by the page)
        assert not {"Sort", "Top"} & set(operators), (rtype, run, operators)


@pytest.mark.parametrize("field", ["ID", "DATE"])
@pytest.mark.parametrize("descending", [False, True])
def test_root_pages_walk_every_relation_in_the_embedded_order(
    bolt: Backend, field: str, descending: bool
) -> None:
    store = load(bolt)
    order = Order(field, descending)
    for flt in (None, RelationFilter(types=("SUED", "SCRAPED_FROM"))):
        wanted = sorted(
            (r for r in store.iter_relations() if flt is None or r.type in flt.types),
            key=relation_key(order), reverse=descending,
        )
        seen, cursor, first_page = [], None, True
        while True:
            page = store.find_relations(flt, order, Window(first=7, after=cursor))
            assert page.total == len(wanted)
            assert page.has_previous == (not first_page)
            seen += [r.id for r in page.rows]
            first_page = False
            if not page.has_next:
                break
            cursor = page.keys[-1]
        assert seen == [r.id for r in wanted]
