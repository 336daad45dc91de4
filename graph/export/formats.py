"""Every export format: a generator of text chunks over a GraphExport, so big graphs stream."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from graph import statements as st
from graph.errors import NotFound
from graph.export.selection import GraphExport, counted
from graph.export.vocabulary import EDGE_KEYS, NODE_KEYS, encode
from graph.export.xml import gexf_chunks, graphml_chunks
from graph.model import Entity, Relation
from graph.store.base import Progress

Chunks = Callable[[GraphExport, Progress | None], Iterator[str]]
CHUNK_CHARS = 1 << 16
EDGE_COLUMNS = ("source", "target", *EDGE_KEYS)
NODE_COLUMNS = ("id", *NODE_KEYS)
STATEMENT_COLUMNS = ("kind", "id", "property", "value", "shown", "conflict", "article", "url",
                     "quote")


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
# U+2028, U+2029 and U+0085 occur only inside strings: escaped, so that a tool splitting at
# every Unicode line break still reads one record per line.
_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})
_HAS_SEPARATOR = re.compile("[\u2028\u2029\u0085]")


def _json(value: Any) -> str:
    text = _encode(value)
    return text.translate(_SEPARATORS) if _HAS_SEPARATOR.search(text) else text


def node_link_chunks(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    """networkx node-link JSON (`nx.node_link_graph(json.load(f), edges="edges")`)."""
    yield '{"directed":true,"multigraph":true,"graph":{},"nodes":[\n'
    separator = ""
    for node_id, attrs in export.nodes(progress):
        yield separator + _json({"id": node_id, **attrs})
        separator = ",\n"
    yield '\n],"edges":[\n'
    separator = ""
    for source, target, key, attrs in export.edges(progress):
        yield separator + _json({"source": source, "target": target, "key": key, **attrs})
        separator = ",\n"
    yield "\n]}\n"


def graphml(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    return graphml_chunks(export.nodes(progress), export.edges(progress))


def gexf(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    return gexf_chunks(export.nodes(progress), export.edges(progress))


def ndjson(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    """The interchange format `aikg ingest` reads: entities first, then relations."""
    for entity in counted(export.entities(), progress):
        yield _json(entity.to_record()) + "\n"
    for relation in counted(export.relations(), progress):
        yield _json(relation.to_record()) + "\n"


def _csv_rows(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    yield buffer.getvalue()  # the header before any row is read: the download starts at once
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def edges_csv(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    """The edge table: source, target, then every edge attribute (Gephi reads it as is)."""
    rows = (
        (source, target, *(attrs[k] for k in EDGE_KEYS))
        for source, target, _key, attrs in export.edges(progress)
    )
    return _csv_rows(EDGE_COLUMNS, rows)


def nodes_csv(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    """The node table that goes with `edges_csv`: id, then every node attribute."""
    rows = ((node_id, *(attrs[k] for k in NODE_KEYS)) for node_id, attrs in export.nodes(progress))
    return _csv_rows(NODE_COLUMNS, rows)


def statements_csv(export: GraphExport, progress: Progress | None = None) -> Iterator[str]:
    """Every value with its source, one row each (`shown`: it is the display value)."""
    rows = (row for item in _items(export, progress) for row in _statement_rows(item))
    return _csv_rows(STATEMENT_COLUMNS, rows)


def _items(export: GraphExport, progress: Progress | None) -> Iterator[Entity | Relation]:
    yield from counted(export.entities(), progress)
    yield from counted(export.relations(), progress)


def _statement_rows(item: Entity | Relation) -> Iterator[tuple[Any, ...]]:
    shown: dict[str, Any] = dict(item.properties)
    if isinstance(item, Entity):
        kind, shown[st.NAME] = "entity", item.name
    else:
        kind, shown[st.DATE] = "relation", item.date
    conflicts = item.conflicts
    for s in item.statements:
        value = st.plain(s.value)
        is_shown = isinstance(value, list) or shown.get(s.property) == value
        yield (kind, item.id, s.property, value if isinstance(value, str) else encode(value),
               str(is_shown).lower(), str(s.property in conflicts).lower(),
               s.source.article or "", s.source.url or "", s.source.quote or "")


@dataclass(frozen=True)
class ExportFormat:
    """A format's name, file suffix, HTTP media type, writer and, for CSV, its nodes table."""

    name: str
    suffix: str
    media_type: str
    chunks: Chunks
    description: str
    nodes_table: Chunks | None = None

    def nodes_path_for(self, path: str) -> str:
        """Where the nodes table goes beside `path`: edges.csv -> edges.nodes.csv."""
        stem = path[: -len(self.suffix)] if path.endswith(self.suffix) else path
        return f"{stem}.nodes{self.suffix}"


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("node-link", ".json", "application/json", node_link_chunks,
                     "networkx node-link JSON: lossless, nx.node_link_graph reads it"),
        ExportFormat("graphml", ".graphml", "application/graphml+xml", graphml,
                     "GraphML for networkx, yEd, Cytoscape, igraph"),
        ExportFormat("gexf", ".gexf", "application/gexf+xml", gexf,
                     "GEXF 1.2 for Gephi (timeline on dated relations)"),
        ExportFormat("edgelist", ".csv", "text/csv; charset=utf-8", edges_csv,
                     "CSV edge table plus a nodes table, for pandas and Gephi",
                     nodes_table=nodes_csv),
        ExportFormat("ndjson", ".ndjson", "application/x-ndjson", ndjson,
                     "aikg's interchange format; `aikg ingest` reads it back"),
        ExportFormat("statements", ".csv", "text/csv; charset=utf-8", statements_csv,
                     "CSV of every value with its source (article, url, quote), one row each"),
    )
}


def export_format(name: str) -> ExportFormat:
    found = FORMATS.get(name)
    if found is None:
        raise NotFound(f"no export format {name!r} (formats: {', '.join(FORMATS)})")
    return found


def batched(chunks: Iterable[str], size: int = CHUNK_CHARS) -> Iterator[str]:
    """Join small chunks into pieces of about `size` characters (fewer writes and sends)."""
    pending: list[str] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    if pending:
        yield "".join(pending)


def write_chunks(chunks: Iterable[str], out: TextIO) -> None:
    for piece in batched(chunks):
        out.write(piece)
