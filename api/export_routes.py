"""HTTP downloads: GET /export/{format} streams the same exports as `aikg export`."""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.stores import refreshed
from graph.errors import InvalidInput
from graph.export.formats import batched, export_format
from graph.export.selection import GraphExport, Selection

router = APIRouter(tags=["export"])
Names = Annotated[list[str] | None, Query()]


@router.get("/export/{fmt}", response_class=StreamingResponse)
def download(
    request: Request,
    fmt: str,
    type: Names = None,  # the query parameter as users type it: ?type=Company
    relation_type: Names = None,
    since: str | None = None,
    until: str | None = None,
    around: str | None = None,
    hops: int = 1,
    table: Literal["edges", "nodes"] = "edges",
) -> StreamingResponse:
    """The graph, or the part the filters select, as node-link, graphml, gexf, edgelist (CSV;
    `table=nodes` for its nodes table) or ndjson. Filters as `aikg export`; errors come
    before the first byte, as 400 (bad filter) or 404 (unknown format or entity)."""
    chosen = export_format(fmt)
    if table == "nodes" and chosen.nodes_table is None:
        raise InvalidInput(f"table=nodes is for the edgelist format only, not {chosen.name}")
    store = refreshed(request.app.state.store, request.app.state.settings)
    selection = Selection(
        tuple(type or ()), tuple(relation_type or ()), since, until, around, hops
    )
    export = GraphExport(store, selection)
    chunks = chosen.nodes_table if table == "nodes" and chosen.nodes_table else chosen.chunks
    name = "aikg" + (f"-{export.start}" if export.start else "")
    name += ("-nodes" if table == "nodes" else "") + chosen.suffix
    stream = batched(chunks(export, None))
    first = next(stream, "")  # a bad filter or unknown entity fails here, before any byte
    return StreamingResponse(
        itertools.chain((first,), stream),
        media_type=chosen.media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
