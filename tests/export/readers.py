"""Read every export format back with networkx's own readers (pandas for the CSV tables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graph.export.formats import FORMATS
from graph.export.selection import GraphExport
from graph.store.base import GraphStore

NX_FORMATS = ("node-link", "graphml", "gexf", "edgelist")


def write(store: GraphStore, fmt: str, folder: Path) -> Path:
    """Export the whole store in `fmt` to a file in `folder` (CSV: and its nodes table)."""
    chosen = FORMATS[fmt]
    path = folder / f"graph{chosen.suffix}"
    export = GraphExport(store)
    path.write_text("".join(chosen.chunks(export, None)), encoding="utf-8")
    if chosen.nodes_table is not None:
        nodes = Path(chosen.nodes_path_for(str(path)))
        nodes.write_text("".join(chosen.nodes_table(export, None)), encoding="utf-8")
    return path


def read_csv_tables(edges: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The documented way: every column as text, empty stays empty, evidence_count an int."""
    nodes_path = Path(FORMATS["edgelist"].nodes_path_for(str(edges)))
    nodes = pd.read_csv(nodes_path, dtype=str, keep_default_na=False)
    table = pd.read_csv(edges, dtype=str, keep_default_na=False)
    return nodes, table.astype({"evidence_count": int})


def read(fmt: str, path: Path) -> Any:
    """The graph as networkx's reader for `fmt` returns it, untouched."""
    if fmt == "node-link":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    nodes, edges = read_csv_tables(path)
    graph = nx.from_pandas_edgelist(edges, "source", "target", edge_attr=True,
                                    create_using=nx.MultiDiGraph, edge_key="id")
    graph.add_nodes_from((row.pop("id"), row) for row in nodes.to_dict("records"))
    return graph
