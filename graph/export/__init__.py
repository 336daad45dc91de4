"""Exports: the graph as networkx, and as node-link JSON, GraphML, GEXF, CSV and NDJSON.

    from graph.export import Selection, to_networkx
    graph = to_networkx(store, Selection(around="clearview-ai", hops=2))
"""

from typing import TYPE_CHECKING, Any

from graph.export.formats import FORMATS, ExportFormat, export_format
from graph.export.selection import GraphExport, Selection
from graph.export.vocabulary import EDGE_KEYS, NODE_KEYS

if TYPE_CHECKING:
    from graph.export.convert import canonical, from_networkx, to_networkx

_CONVERT = ("canonical", "from_networkx", "to_networkx")


def __getattr__(name: str) -> Any:
    """networkx loads on first use of the conversions, not with every export (or CLI start)."""
    if name in _CONVERT:
        from graph.export import convert

        return getattr(convert, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
