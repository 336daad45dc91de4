"""The Neo4j read overrides equal the generic implementations on the same data, on real Neo4j:
search pages ranked in Cypher (`queries.neo4j_search`) against the exact ranking in Python,
and the link search for paths (`queries.neo4j_paths`) against the generic bidirectional search
over whole relations (`graph.store.paths` through `queries.neo4j_traversal.BoundedReads`)."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from graph.model import Entity, Relation, relation_id
from graph.store import paths
from graph.store.keyset import page_of
from graph.store.query import Order, Page, RelationFilter, Window
from graph.store.search_index import TIER_DESCRIPTION
from graph.store.traversal import Bounds
from queries import neo4j_paths
from queries.neo4j_search import Hit
from queries.neo4j_store import Neo4jStore
from queries.neo4j_traversal import BoundedReads
from tests.contract.conftest import Backend, load

TEXTS = ["c", "a", "the", "clearv", "new york", "tor ek", "contract", "every kind", "clearveiw",
         "societe", "zzqx"]


def _neo4j(bolt: Backend) -> Neo4jStore:
    store = load(bolt)
    assert isinstance(store, Neo4jStore)
    return store


def _walk(store: Neo4jStore, text: str, first: int, cap: int) -> list[Page[Hit]]:
    pages = [store.search_page(text, None, Window(first=first), cap)]
    while pages[-1].has_next:
        after = pages[-1].keys[-1]
        pages.append(store.search_page(text, None, Window(first=first, after=after), cap))
    return pages


@pytest.mark.parametrize("cap", [3, 7, 1000])  # small caps: pages ranked in Cypher
def test_search_pages_equal_the_exact_ranking(bolt: Backend, cap: int) -> None:
    store = _neo4j(bolt)
    for text in TEXTS:
        exact = store.search_keys(text, None, cap)
        pages = _walk(store, text, 2, cap)
        assert [hit for page in pages for hit in page.rows] == exact, text
        for number, page in enumerate(pages):
            expected = page_of(exact, lambda hit: hit[0], Order(),
                               Window(first=2, after=pages[number - 1].keys[-1]
                                      if number else None))
            assert page == expected, (text, number)


def test_search_with_types_and_backwards_equals_the_exact_ranking(bolt: Backend) -> None:
    store = _neo4j(bolt)
    for text, types in [("c", ["Company"]), ("a", ["Person", "Agency"]), ("acme", ["Incident"])]:
        exact = store.search_keys(text, types, 4)
        assert store.search_page(text, types, Window(first=3), 4) == page_of(
            exact, lambda hit: hit[0], Order(), Window(first=3)), text
        backwards = Window(last=2, before=exact[-1][0]) if exact else Window(last=2)
        assert store.search_page(text, types, backwards, 4) == page_of(
            exact, lambda hit: hit[0], Order(), backwards), text


def test_search_hits_rank_names_then_descriptions_from_the_index(bolt: Backend) -> None:
    store = _neo4j(bolt)
    assert store._descriptions_indexed()  # `db init` made it: no scan of every node
    for text in ("every kind", "propert QUOT", "fixture every"):  # words of the description
        hits = store.search_hits(text)
        assert [e.id for _, e in hits] == ["contract-incident"], text
        assert hits[0][0][0] == str(TIER_DESCRIPTION)
    assert store.search_hits("every kindness") == []
    assert store.search_hits("clearveiw")[0][1].id == "clearview-ai"  # typos: the generic path


def _pairs(store: Neo4jStore) -> list[tuple[str, str]]:
    ids = sorted(e.id for e in store.iter_entities())
    rng = random.Random(7)
    picked = [*rng.sample(ids, 14), "clearview-ai", "facebook", "tor-ekeland"]
    return [(a, b) for a, b in itertools.combinations(picked, 2)][::3]


def _generic(store: Neo4jStore, pair: tuple[str, str], bounds: Bounds,
             types: list[str] | None) -> object:
    try:
        return paths.shortest_paths(BoundedReads(store, bounds).as_store(), *pair, 4, 3, types,
                                    bounds)
    except paths.PathBoundsExceeded:
        return "bounds exceeded"


def _links(store: Neo4jStore, pair: tuple[str, str], bounds: Bounds,
           types: list[str] | None) -> object:
    try:
        return neo4j_paths.shortest_paths(store, *pair, 4, 3, types, bounds)
    except paths.PathBoundsExceeded:
        return "bounds exceeded"


@pytest.mark.parametrize("types", [None, ["MENTIONS", "SUED", "REPRESENTED_BY"]])
def test_link_search_paths_equal_the_generic_search(bolt: Backend, types: list[str] | None,
                                                    ) -> None:
    store = _neo4j(bolt)
    found = 0
    for pair in _pairs(store):
        expected = _generic(store, pair, Bounds(), types)
        assert _links(store, pair, Bounds(), types) == expected, pair
        found += isinstance(expected, list) and bool(expected)
        # On a tight budget the link search reads less (a bridge, not a whole last level):
        # it answers whenever the generic search does, and then the same.
        tight = Bounds(max_relations=40)
        bounded = _generic(store, pair, tight, types)
        assert _links(store, pair, tight, types) in (
            [bounded] if isinstance(bounded, list) else [expected, "bounds exceeded"]), pair
    assert found > 5  # not only empty answers


def test_the_store_answers_paths_with_the_link_search(bolt: Backend) -> None:
    store = _neo4j(bolt)
    pair = ("clearview-ai", "tor-ekeland")
    answer = store.shortest_paths(*pair, 4, 3, None, Bounds())
    assert answer and answer == _generic(store, pair, Bounds(), None)
    assert store.shortest_paths("clearview-ai", "clearview-ai", 4, 3, None, Bounds()) == []


def test_root_pages_by_date_find_an_undated_relation_added_after_a_page(
    bolt: Backend,
) -> None:
    bolt.clear()
    store = bolt.open()
    assert isinstance(store, Neo4jStore)
    ends = [Entity(f"firm-{n}", "Company", f"Firm {n}") for n in (1, 2)]
    dated = Relation(relation_id("SUED", "firm-1", "firm-2", {"date": "2020-05-01"}), "SUED",
                     "firm-1", "firm-2", "2020-05-01")
    assert not store.upsert(ends, [dated]).conflicts
    newest = (RelationFilter(types=("SUED",)), Order("DATE", True), Window(first=5))
    assert [r.id for r in store.find_relations(*newest).rows] == [dated.id]
    assert [r.id for r in store.find_relations(*newest).rows] == [dated.id]
    undated = Relation(relation_id("SUED", "firm-2", "firm-1"), "SUED", "firm-2", "firm-1")
    assert not store.upsert([], [undated]).conflicts
    assert [r.id for r in store.find_relations(*newest).rows] == [undated.id, dated.id]
    oldest = (RelationFilter(types=("SUED",)), Order("DATE", False), Window(first=5))
    assert [r.id for r in store.find_relations(*oldest).rows] == [dated.id, undated.id]


PLANS = {  # statement -> the operator its plan must use; none may scan every node
    "search_page": "NodeIndexSeekByRange", "search_names": "ProcedureCall",
    "search_described": "ProcedureCall", "links_around": "NodeUniqueIndexSeek",
    "links_between": "NodeUniqueIndexSeek",
}


LISTS: dict[str, Any] = {"types": [], "ids": ["x"], "scanned": ["x"], "other": ["y"],
                         "starts": ["x"], "keys": ["description"], "limit": 1, "candidates": 1,
                         "cap": 1, "room": 1, "tier": 0, "length": 0}


def test_search_and_path_statements_read_indexes_only(bolt: Backend) -> None:
    store = _neo4j(bolt)
    for name, operator in PLANS.items():
        statement = store.queries[name]
        params = {key: LISTS.get(key, "x") for key in statement.parameters}
        plan = store.driver.execute_query(
            "EXPLAIN " + statement.text, params, database_=bolt.settings.neo4j_database,
        ).summary.plan
        operators = {op.split("@")[0] for op in _operators(plan)}
        assert operator in operators, (name, operators)
        assert not {"AllNodesScan", "NodeByLabelScan"} & operators, (name, operators)


def _operators(plan: Any) -> list[str]:
    found = [plan["operatorType"]]
    return found + [op for child in plan.get("children", []) for op in _operators(child)]


def test_type_counts_are_count_store_look_ups(bolt: Backend) -> None:
    """Every root page's total: no node or relationship read, whatever the graph's size."""
    store = _neo4j(bolt)
    for statement in store.counts_by_type:
        plan = store.driver.execute_query(
            "EXPLAIN " + statement.text, database_=bolt.settings.neo4j_database).summary.plan
        operators = {op.split("@")[0] for op in _operators(plan)}
        assert operators & {"NodeCountFromCountStore", "RelationshipCountFromCountStore"}
        assert not {"NodeByLabelScan", "DirectedRelationshipTypeScan", "EagerAggregation",
                    "AllNodesScan"} & operators, (statement.name, operators)
