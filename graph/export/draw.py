"""A picture of an entity's neighbourhood: types coloured, relations labelled with evidence."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from graph.errors import InvalidInput
from graph.export.convert import graph_of
from graph.export.selection import GraphExport, Selection
from graph.export.style import type_colours
from graph.store.base import GraphStore

IMAGE_SUFFIXES = (".png", ".svg")
SIZE_INCHES, DPI = (16.0, 12.0), 100
LABEL_CHARS = 40


@dataclass(frozen=True)
class Drawing:
    """What was drawn: how many entities and relations, and how many were left out."""

    path: Path
    entities: int
    relations: int
    omitted: int


def draw_neighbourhood(
    store: GraphStore, selection: Selection, path: Path, max_nodes: int = 120
) -> Drawing:
    """Render the selection's neighbourhood (`selection.around`) to a PNG or SVG file."""
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise InvalidInput(f"{path}: draw writes .png or .svg files, not {path.suffix or '?'}")
    if selection.around is None:
        raise InvalidInput("draw needs an entity to centre on")
    export = GraphExport(store, selection)
    full = graph_of(export)
    centre = str(export.start)
    graph = _nearest(full, centre, max_nodes)
    figure = _figure(graph, centre, store, full.number_of_nodes())
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # SVG text stays text: searchable
        figure.savefig(path, dpi=DPI, format=path.suffix.lower()[1:])
    return Drawing(path, graph.number_of_nodes(), graph.number_of_edges(),
                   full.number_of_nodes() - graph.number_of_nodes())


def _nearest(graph: Any, centre: str, limit: int) -> Any:
    """At most `limit` entities: the closest to the centre first, then the best connected."""
    if graph.number_of_nodes() <= limit:
        return graph
    hops = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre)
    ranked = sorted(graph, key=lambda n: (hops.get(n, 99), -graph.degree(n), n))
    return graph.subgraph(ranked[:limit]).copy()


def _edge_labels(graph: Any) -> dict[tuple[str, str], str]:
    """One label per ordered pair: each relation type with its evidence count."""
    lines: dict[tuple[str, str], list[str]] = defaultdict(list)
    for u, v, attrs in graph.edges(data=True):
        lines[u, v].append(f"{attrs['rel_type']} ({attrs['evidence_count']})")
    return {pair: "\n".join(sorted(text)) for pair, text in lines.items()}


def _figure(graph: Any, centre: str, store: GraphStore, total: int) -> Figure:
    figure = Figure(figsize=SIZE_INCHES, layout="constrained")
    FigureCanvasAgg(figure)  # Agg: files only, no display and no global pyplot state
    ax = figure.add_subplot()
    ax.set_axis_off()
    simple = nx.DiGraph(graph)
    pos = nx.spring_layout(simple.to_undirected(), seed=7, k=2.2 / max(len(simple), 1) ** 0.5)
    colours = type_colours(store.schema)
    kinds = nx.get_node_attributes(graph, "kind")
    node_colour = [colours.get(kinds[n], "#999999") for n in simple]
    sizes = [1400 if n == centre else 500 for n in simple]
    weights = {(u, v): 0 for u, v in simple.edges}
    for u, v, count in graph.edges(data="evidence_count"):
        weights[u, v] += count
    nx.draw_networkx_edges(simple, pos, ax=ax, node_size=sizes, edge_color="#888888",
                           width=[0.6 + math.log2(1 + weights[e]) for e in simple.edges],
                           arrows=True, arrowsize=14, connectionstyle="arc3,rad=0.08")
    nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=node_colour, node_size=sizes,
                           edgecolors="#333333", linewidths=0.8)
    names = nx.get_node_attributes(graph, "name")
    short = {n: name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
             for n, name in names.items()}
    nx.draw_networkx_labels(simple, pos, labels=short, ax=ax, font_size=9)
    ax.margins(x=0.08, y=0.04)
    nx.draw_networkx_edge_labels(simple, pos, edge_labels=_edge_labels(graph), ax=ax,
                                 font_size=6, font_color="#444444", node_size=500,
                                 connectionstyle="arc3,rad=0.08",
                                 bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                                       "alpha": 0.7})
    _legend(ax, colours, set(kinds.values()))
    shown = f"{graph.number_of_nodes()} of {total}" if total > len(graph) else str(total)
    ax.set_title(f"{names[centre]} ({kinds[centre]}): {shown} entities, "
                 f"{graph.number_of_edges()} relations; (n) = pieces of evidence", fontsize=13)
    return figure


def _legend(ax: Any, colours: dict[str, str], present: set[str]) -> None:
    handles = [Patch(color=colours[k], label=k) for k in colours if k in present]
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=False)
