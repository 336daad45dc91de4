"""The graph as an `nx.MultiDiGraph` in the export vocabulary, and back again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from graph.export.selection import GraphExport, Selection
from graph.export.vocabulary import (
    EDGE_KEYS,
    NODE_KEYS,
    complete,
    entity_from_node,
    relation_from_edge,
)
from graph.model import Entity, Relation
from graph.store.base import GraphStore


def to_networkx(store: GraphStore, selection: Selection | None = None) -> Any:
    """A MultiDiGraph of the selection: nodes keyed by entity id, edges keyed by relation id.

    Every node carries NODE_KEYS and every edge EDGE_KEYS (str or int values only), so
    networkx's own writers, pandas and torch_geometric take it as is.
    """
    return graph_of(GraphExport(store, selection))


def graph_of(export: GraphExport) -> Any:
    """The MultiDiGraph of an export already resolved against its store."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(export.nodes())
    graph.add_edges_from(export.edges())
    return graph


def canonical(graph: Any) -> Any:
    """A graph read back from any export format, in exactly the export vocabulary.

    Fills values a format left out because empty, takes the edge id from the key when the
    reader moved it there, and drops format-only extras (GEXF `label` and `weight`, GraphML's
    `node_default`/`edge_default`), so `canonical(read(export))` equals `to_networkx(store)`.
    """
    result = nx.MultiDiGraph()
    result.add_nodes_from((str(n), complete(a, NODE_KEYS)) for n, a in graph.nodes(data=True))
    for u, v, attrs in _edges(graph):
        edge = complete(attrs, EDGE_KEYS)
        result.add_edge(u, v, key=edge["id"], **edge)
    return result


def _edges(graph: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every edge with its relation id under "id", whether or not the reader made a multigraph
    (GEXF and GraphML readers return a DiGraph when no two edges share their ends)."""
    if not graph.is_multigraph():
        for u, v, attrs in graph.edges(data=True):
            yield str(u), str(v), dict(attrs)
        return
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        yield str(u), str(v), {**attrs, "id": attrs.get("id") or key}


def from_networkx(graph: Any) -> tuple[list[Entity], list[Relation]]:
    """The entities and relations an exported graph holds, ready for `store.upsert`."""
    entities = [entity_from_node(str(n), attrs) for n, attrs in graph.nodes(data=True)]
    relations = [relation_from_edge(u, v, attrs) for u, v, attrs in _edges(graph)]
    return entities, relations
