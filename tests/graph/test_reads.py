"""The researchers' reads: the embedded store's indexed answers equal the generic ones, and
paths and neighbourhoods are right against networkx on a synthetic graph with hubs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from bench.generate import generate
from graph.model import Relation
from graph.schema import load_schema
from graph.store import reads, sqlite_search, sqlite_walk
from graph.store.direction import Direction
from graph.store.embedded import EmbeddedStore
from graph.store.periods import DateRange
from graph.store.query import (
    EntityFilter,
    EvidenceMatch,
    Order,
    RelationExists,
    RelationFilter,
    TextMatch,
    Window,
)
from graph.store.reads import GraphReads
from graph.store.traversal import Bounds
from ingest.runner import ingest_paths

OVERRIDDEN = ("degrees", "scan_relations", "entities_of_types", "relations_citing", "lookup",
              "search_hits", "find_relations", "neighbourhood", "shortest_paths")


class GenericStore(EmbeddedStore):
    """The embedded store answering every read helper the generic way."""


for _name in OVERRIDDEN:
    setattr(GenericStore, _name, getattr(GraphReads, _name))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedStore, ...]]:
    folder = tmp_path_factory.mktemp("synthetic")
    generate(folder / "graph.ndjson", 300, 1500, 7)
    store = EmbeddedStore(load_schema(), folder / "store")
    assert ingest_paths(store, [folder / "graph.ndjson"]).ok
    yield store, GenericStore(load_schema(), folder / "store")


def test_embedded_helpers_equal_the_generic_ones(synthetic: tuple[EmbeddedStore, ...]) -> None:
    fast, generic = synthetic
    ids = [e.id for e in fast.iter_entities()]
    assert fast.degrees(ids) == generic.degrees(ids)
    for types in (None, ["MENTIONS"], ["FINED", "SUED"]):
        assert list(fast.scan_relations(types)) == list(generic.scan_relations(types))
    for etypes in (None, ["Company"], ["Article", "Incident"]):
        assert list(fast.entities_of_types(etypes)) == list(generic.entities_of_types(etypes))
    articles = [e.id for e in fast.entities_of_types(["Article"])][:40]
    assert fast.relations_citing(articles) == generic.relations_citing(articles)
    names = [e.name for e in itertools.islice(fast.iter_entities(), 0, 300, 7)]
    keys = [*names, *ids[:20], "nobody"]
    assert fast.lookup(keys) == generic.lookup(keys)
    for text in ("ka", "lo mi", "Inc", names[3], names[11][:5], "marr", "dor vis", "x"):
        assert fast.search_hits(text, None, 50) == generic.search_hits(text, None, 50)


@pytest.mark.parametrize(
    "flt",
    [
        EntityFilter(types=("Company",)),
        EntityFilter(name=TextMatch(contains="ka")),
        EntityFilter(has_relation=(RelationExists(types=("MENTIONS",), direction=Direction.IN,
                                                  min_count=3),)),
        EntityFilter(any_of=(EntityFilter(types=("Agency",)), EntityFilter(types=("Group",))),
                     not_=EntityFilter(name=TextMatch(starts_with="k"))),
    ],
)
def test_filtered_pages_equal(synthetic: tuple[EmbeddedStore, ...], flt: EntityFilter) -> None:
    fast, generic = synthetic
    for order in (Order("NAME"), Order("DATE", descending=True)):
        window = Window(first=7)
        assert fast.find_entities(flt, order, window) == generic.find_entities(flt, order, window)


def test_relation_pages_equal(synthetic: tuple[EmbeddedStore, ...]) -> None:
    fast, generic = synthetic
    flt = RelationFilter(types=("MENTIONS", "REPORTED"), target=EntityFilter(types=("Incident",)))
    window = Window(last=5)
    assert fast.find_relations(flt, Order("DATE"), window) == generic.find_relations(
        flt, Order("DATE"), window
    )


def _undirected(store: EmbeddedStore) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for rel in store.iter_relations():
        graph.add_edge(rel.source, rel.target, key=rel.id, relation=rel)
    return graph


def _brute_force(
    graph: nx.MultiGraph, source: str, target: str, hops: int, k: int
) -> list[tuple[str, ...]]:
    found = [
        tuple(key for *_, key in path)
        for path in nx.all_simple_edge_paths(graph, source, target, cutoff=hops)
    ]
    return sorted(found, key=lambda p: (len(p), p))[:k]


def test_k_shortest_paths_match_brute_force(synthetic: tuple[EmbeddedStore, ...]) -> None:
    fast, _ = synthetic
    graph = _undirected(fast)
    quiet = sorted(n for n in graph if graph.degree(n) <= 6)
    pairs = list(itertools.islice(zip(quiet[::17], quiet[5::13], strict=False), 12))
    connected = 0
    for source, target in pairs:
        expected = _brute_force(graph, source, target, 3, 5)
        found = fast.shortest_paths(source, target, 3, 5, None, Bounds(max_relations=10**6))
        assert [tuple(r.id for r in p) for p in found] == expected, (source, target)
        connected += bool(expected)
    assert connected >= 6  # the comparison is not vacuous


def test_a_neighbourhood_is_the_bfs_ball_minus_what_hubs_would_add(
    synthetic: tuple[EmbeddedStore, ...],
) -> None:
    fast, _ = synthetic
    graph = _undirected(fast)
    bounds = Bounds(hub_degree=15, max_nodes=10**6, max_relations=10**7)
    root = next(n for n in sorted(graph) if 2 <= graph.degree(n) <= 5)
    found = fast.neighbourhood(fast.get_entities([root])[root], 2, None, bounds)
    expected = {n: d for n, d in nx.single_source_shortest_path_length(graph, root, 1).items()}
    for node, distance in list(expected.items()):
        if distance == 1 and graph.degree(node) <= 15:
            for other in graph[node]:
                expected.setdefault(other, 2)
    assert {n.entity.id: n.distance for n in found.neighbours} == {
        n: d for n, d in expected.items() if n != root
    }
    assert all(n.hub == (graph.degree(n.entity.id) > 15) for n in found.neighbours)


@pytest.mark.parametrize(
    ("bounds", "types"),
    [
        (Bounds(hub_degree=15, max_nodes=10**6, max_relations=10**7), None),
        (Bounds(hub_degree=40, max_nodes=60, max_relations=10**7), None),
        (Bounds(hub_degree=500, max_nodes=10**6, max_relations=300), None),
        (Bounds(hub_degree=15, max_nodes=10**6, max_relations=10**7), ["MENTIONS", "SUED"]),
    ],
)
def test_neighbourhoods_over_the_indexes_equal_the_generic_walk(
    synthetic: tuple[EmbeddedStore, ...], bounds: Bounds, types: list[str] | None
) -> None:
    fast, generic = synthetic
    ids = [e.id for e in fast.iter_entities()]
    degrees = fast.degrees(ids)
    roots = [*ids[::37], max(ids, key=degrees.__getitem__)]  # ordinary entities and the top hub
    for depth in (1, 2, 3):
        for root in fast.get_entities(roots).values():
            expected = generic.neighbourhood(root, depth, types, bounds)
            assert fast.neighbourhood(root, depth, types, bounds) == expected, (root.id, depth)


@pytest.mark.parametrize(("max_hops", "k"), [(4, 3), (5, 12), (2, 50)])
def test_paths_over_the_indexes_equal_the_generic_search(
    synthetic: tuple[EmbeddedStore, ...], max_hops: int, k: int
) -> None:
    fast, generic = synthetic
    ids = sorted(e.id for e in fast.iter_entities())
    pairs = list(zip(ids[::23], ids[7::29], strict=False))
    found = 0
    for types in (None, ["MENTIONS", "REPORTED", "WORKS_FOR"]):
        for source, target in pairs:
            bounds = Bounds(max_relations=10**6)
            expected = generic.shortest_paths(source, target, max_hops, k, types, bounds)
            assert fast.shortest_paths(source, target, max_hops, k, types, bounds) == expected
            found += len(expected)
    assert found >= 5  # the comparison is not vacuous


def test_a_level_reads_the_covering_endpoint_indexes_only(
    synthetic: tuple[EmbeddedStore, ...],
) -> None:
    fast, _ = synthetic
    for types in (None, ["MENTIONS"]):
        sql = sqlite_walk._LINKS.format(typed=sqlite_walk._TYPED if types else "")
        params = ('["a"]', '["MENTIONS"]') if types else ('["a"]',)
        plan = " | ".join(row[-1] for row in fast.db.rows(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "USING COVERING INDEX relations_by_source" in plan, plan
        assert "USING COVERING INDEX relations_by_target" in plan, plan
        assert "SCAN r" not in plan, plan


def test_relations_citing_uses_the_evidence(synthetic: tuple[EmbeddedStore, ...]) -> None:
    fast, _ = synthetic
    cited: dict[str, list[Relation]] = {}
    for rel in fast.iter_relations():
        for article in {e.article for e in rel.evidence if e.article}:
            cited.setdefault(article, []).append(rel)
    some = sorted(cited)[:25]
    assert fast.relations_citing(some) == {a: cited[a] for a in some}


def test_module_names_every_override() -> None:
    for name in OVERRIDDEN:
        assert getattr(EmbeddedStore, name) is not getattr(reads.GraphReads, name), name
        assert getattr(GenericStore, name) is getattr(reads.GraphReads, name), name
    assert Path(reads.__file__).name == "reads.py"


SQL_FILTERS = [
    None,
    RelationFilter(types=("MENTIONS",)),
    RelationFilter(types=("MENTIONS", "REPORTED", "FINED")),
    RelationFilter(date=DateRange(after="2015", end="2021-06")),
    RelationFilter(date=DateRange(exists=False), types=("MENTIONS",)),
    RelationFilter(types=("MENTIONS", "REPORTED"), target=EntityFilter(types=("Incident",))),
    RelationFilter(evidence=EvidenceMatch(has_quote=True)),
]


@pytest.mark.parametrize("flt", SQL_FILTERS)
def test_sql_keyset_pages_equal_the_generic_ones(
    synthetic: tuple[EmbeddedStore, ...], flt: RelationFilter | None
) -> None:
    fast, generic = synthetic
    for order in (Order("ID"), Order("DATE", descending=True), Order("TYPE")):
        for as_of in (None, "2018-05"):
            everything = generic.find_relations(flt, order, Window(), as_of)
            keys = everything.keys
            middle = keys[len(keys) // 2] if keys else ("~",)
            for window in (Window(first=7), Window(last=5), Window(first=4, after=middle),
                           Window(last=3, before=middle), Window(first=5, last=2),
                           Window(first=3, after=("~~~",) * len(middle)),
                           Window(first=0, after=middle)):
                want = generic.find_relations(flt, order, window, as_of)
                assert fast.find_relations(flt, order, window, as_of) == want, (
                    flt, order, window, as_of)
    assert fast._relation_pages(flt, Order("ID"), Window(), None) is not None


@pytest.mark.parametrize("text", ["ka", "lo mi", "Inc", "marr", "dor vis", "k", "s"])
def test_search_pages_ordered_by_sqlite_equal_the_generic_ranking(
    synthetic: tuple[EmbeddedStore, ...], text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, generic = synthetic
    monkeypatch.setattr(sqlite_search, "FEW", 0)  # SQLite orders every page, however few match
    ordered = []
    real = sqlite_search._sql_page

    def spied(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        ordered.append(found is not None)
        return found

    monkeypatch.setattr(sqlite_search, "_sql_page", spied)
    for types in (None, ["Company", "Agency"]):
        window, seen = Window(first=7), 0
        while True:
            page, expected = (s.search_page(text, types, window, 40) for s in (fast, generic))
            assert (page.rows, page.keys, page.total, page.has_next) == (
                expected.rows, expected.keys, expected.total, expected.has_next)
            seen += len(page.rows)
            if not page.has_next:
                break
            window = Window(first=7, after=page.keys[-1])
        assert seen == expected.total
    assert any(ordered)
