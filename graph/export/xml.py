"""Streaming GraphML and GEXF 1.2: one element per line, written as the store is read.

The attribute declarations come first (the vocabulary is fixed), so nothing is held in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from graph.export.selection import Edge, Node
from graph.export.vocabulary import EDGE_KEYS, NODE_KEYS

REPLACEMENT = "\ufffd"  # what XML shows for a character it cannot carry
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"),
            ("\r", "&#13;"), ("\t", "&#9;"))
XSI = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
GRAPHML_TYPES = {str: "string", int: "long"}
GEXF_TYPES = {str: "string", int: "integer"}
# GEXF carries the id as edge structure; start/end are both structure (on dated edges, for
# Gephi's timeline) and attribute values (on every edge, "" when undated, so that every edge
# reads back with the same keys).
GEXF_EDGE_KEYS = {k: t for k, t in EDGE_KEYS.items() if k != "id"}


def escape(value: Any) -> str:
    """Text safe in an XML attribute or element. XML 1.0 cannot carry most control characters
    (not even as references): each becomes U+FFFD, so the file is always well-formed (the
    ndjson and node-link exports keep them; docs/exports.md says so)."""
    text = str(value)
    if _SPECIAL.search(text) is None:  # most ids, types and dates: nothing to do
        return text
    text = _ILLEGAL.sub(REPLACEMENT, text)
    for char, entity in _ESCAPES:
        text = text.replace(char, entity)
    return text


def graphml_chunks(nodes: Iterable[Node], edges: Iterable[Edge]) -> Iterator[str]:
    """GraphML that `nx.read_graphml(path, force_multigraph=True)` reads back."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{GRAPHML_NS} '
        f'{GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for key, kind in keys.items():
            yield (
                f'<key id="{scope[0]}_{key}" for="{scope}" attr.name="{key}" '
                f'attr.type="{GRAPHML_TYPES[kind]}"/>\n'
            )
    yield '<graph id="aikg" edgedefault="directed">\n'
    for node_id, attrs in nodes:
        yield f'<node id="{escape(node_id)}">{_graphml_data("n", attrs)}</node>\n'
    for source, target, key, attrs in edges:
        yield (
            f'<edge id="{escape(key)}" source="{escape(source)}" target="{escape(target)}">'
            f'{_graphml_data("e", attrs)}</edge>\n'
        )
    yield "</graph>\n</graphml>\n"


def _graphml_data(prefix: str, attrs: dict[str, Any]) -> str:
    # Every key on every element, an empty value written empty: every node and every edge
    # reads back with the same keys (torch_geometric and pandas need that).
    return "".join(f'<data key="{prefix}_{k}">{escape(v)}</data>' for k, v in attrs.items())


def gexf_chunks(nodes: Iterable[Node], edges: Iterable[Edge]) -> Iterator[str]:
    """GEXF 1.2 for Gephi: label = name or relation type, weight = evidence count, and
    start/end on dated relations so the timeline works. `nx.read_gexf` reads it back."""
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{GEXF_NS} '
        f'{GEXF_NS}/gexf.xsd" version="1.2">\n'
        "<meta><creator>aikg</creator>"
        "<description>The AI accountability knowledge graph</description></meta>\n"
        '<graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
    )
    for scope, keys in (("node", NODE_KEYS), ("edge", GEXF_EDGE_KEYS)):
        yield f'<attributes class="{scope}" mode="static">\n'
        for key, kind in keys.items():
            yield f'<attribute id="{key}" title="{key}" type="{GEXF_TYPES[kind]}"/>\n'
        yield "</attributes>\n"
    yield "<nodes>\n"
    for node_id, attrs in nodes:
        yield (
            f'<node id="{escape(node_id)}" label="{escape(attrs["name"])}">'
            f"{_attvalues(attrs, NODE_KEYS)}</node>\n"
        )
    yield "</nodes>\n<edges>\n"
    for source, target, key, attrs in edges:
        values = _attvalues(attrs, GEXF_EDGE_KEYS)
        yield f"{_gexf_edge(source, target, key, attrs)}{values}</edge>\n"
    yield "</edges>\n</graph>\n</gexf>\n"


def _gexf_edge(source: str, target: str, key: str, attrs: dict[str, Any]) -> str:
    span = "".join(f' {k}="{escape(attrs[k])}"' for k in ("start", "end") if attrs[k])
    return (
        f'<edge id="{escape(key)}" source="{escape(source)}" target="{escape(target)}" '
        f'label="{escape(attrs["rel_type"])}" weight="{attrs["evidence_count"]}"{span}>'
    )


def _attvalues(attrs: dict[str, Any], keys: dict[str, type]) -> str:
    values = "".join(f'<attvalue for="{k}" value="{escape(attrs[k])}"/>' for k in keys)
    return f"<attvalues>{values}</attvalues>"
