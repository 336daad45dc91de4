"""Relay connections with keyset cursors: a cursor names the last row's sort key, not an offset."""

from __future__ import annotations

import base64
import binascii
import bisect
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import strawberry

from graph.errors import InvalidInput

Node = TypeVar("Node")
Row = TypeVar("Row")


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="One row of a list, with the cursor to page from it.")
class Edge(Generic[Node]):
    node: Node
    cursor: str


@strawberry.type(description="A page of a list, Relay style.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Rows in the whole list, not just this page.")


CURSOR_PREFIX = "k1:"  # a keyset cursor, version 1: the sort key of the last row seen


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode((CURSOR_PREFIX + key).encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str) -> str:
    """The sort key inside a cursor this API issued; anything else is a clear error."""
    try:
        raw = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        text = ""
    if not text.startswith(CURSOR_PREFIX):
        raise InvalidInput(f"cursor {cursor!r} is not one this API issued")
    return text[len(CURSOR_PREFIX) :]


def check_first(first: int, maximum: int) -> None:
    if not 0 <= first <= maximum:
        raise InvalidInput(f"`first` must be between 0 and {maximum}, got {first}")


def page(
    rows: Sequence[Row],
    key: Callable[[Row], str],
    make: Callable[[Row], Node],
    first: int,
    after: str | None,
    maximum: int,
) -> Connection[Node]:
    """The page after `after` of rows sorted by `key` (keys unique and ascending)."""
    check_first(first, maximum)
    start = 0
    if after is not None:
        last = decode_cursor(after)
        start = bisect.bisect_right(rows, last, key=key)
    chosen = rows[start : start + first]
    edges = [Edge(node=make(row), cursor=encode_cursor(key(row))) for row in chosen]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=start + first < len(rows),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=len(rows),
    )
