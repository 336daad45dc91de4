"""The shape docs/architecture.md describes: no import cycles, queries over the contract only,
and every store meeting the contract."""

from __future__ import annotations

import networkx as nx
import pytest

from api.imports import PACKAGES, import_edges, modules, unit_edges
from graph.store.base import GraphStore
from graph.store.contract import Store
from graph.store.embedded import EmbeddedStore

# GraphQL object types that refer to each other (an Article lists the relations it supports, a
# Relation its articles): strawberry.lazy resolves them when the schema is built, and the
# modules import each other only to name the types for mypy (under TYPE_CHECKING or inside a
# resolver). The only cycle allowed, and only for that reason.
ALLOWED_CYCLES = [{"api.gql.evidence", "api.gql.statements", "api.gql.types"}]
QUERY_MODULES = ["graph.store.research", "graph.store.filtering", "graph.store.traversal",
                 "graph.store.paths", "graph.store.timeline", "graph.store.aggregates",
                 "graph.store.lookup"]
STORE_MODULES = {"graph.store.base", "graph.store.reads", "graph.store.embedded",
                 "graph.store.embedded_reads", "queries.neo4j_store", "queries.neo4j_reads"}


def test_the_import_graph_has_no_cycles() -> None:
    graph = nx.DiGraph(sorted(import_edges()))
    cycles = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    unexpected = [sorted(c) for c in cycles if c not in ALLOWED_CYCLES]
    assert not unexpected, f"import cycles: {unexpected}"


def test_the_edges_are_read_from_real_imports() -> None:
    edges = import_edges()
    assert ("graph.store.research", "graph.store.contract") in edges
    assert ("api.app", "api.gql.schema") in edges
    assert len(modules()) > 100 and {m.split(".")[0] for m in modules()} == set(PACKAGES)


@pytest.mark.parametrize("module", QUERY_MODULES)
def test_the_researchers_queries_import_no_store(module: str) -> None:
    reached = nx.descendants(nx.DiGraph(sorted(import_edges())), module)
    assert not reached & STORE_MODULES, sorted(reached & STORE_MODULES)


def test_the_diagram_respects_the_dependency_rule() -> None:
    order = {name: i for i, name in enumerate(PACKAGES)}
    for importer, imported in unit_edges():
        assert order[imported.split(".")[0]] <= order[importer.split(".")[0]], (importer, imported)


def test_every_store_meets_the_contract_and_leaves_nothing_abstract() -> None:
    from queries.neo4j_store import Neo4jStore

    for store in (EmbeddedStore, Neo4jStore):
        assert issubclass(store, GraphStore) and Store in store.__mro__
        assert not store.__abstractmethods__, (store, sorted(store.__abstractmethods__))
    primitives = {n for n in vars(Store) if not n.startswith("_")} - {"schema"}
    assert GraphStore.__abstractmethods__ == {"_write"} | primitives - {
        "degrees", "scan_relations", "entities_of_types"}
