"""Exports: the graph as networkx, and as node-link JSON, GraphML, GEXF, CSV and NDJSON.

    from graph.export import Selection, to_networkx
    graph = to_networkx(store, Selection(around="clearview-ai", hops=2))
"""

from graph.export.convert import canonical, from_networkx, to_networkx
from graph.export.formats import FORMATS, ExportFormat, export_format
from graph.export.selection import GraphExport, Selection
from graph.export.vocabulary import EDGE_KEYS, NODE_KEYS

__all__ = [
    "EDGE_KEYS",
    "FORMATS",
    "NODE_KEYS",
    "ExportFormat",
    "GraphExport",
    "Selection",
    "canonical",
    "export_format",
    "from_networkx",
    "to_networkx",
]
