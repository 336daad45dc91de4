"""Relay connections with keyset cursors: a cursor holds the row's sort key and id, never an offset.

Rows inserted or deleted between two requests therefore neither repeat nor skip a row.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import strawberry

from api.gql.context import GqlInfo
from graph.errors import InvalidInput
from graph.store.keyset import page_of
from graph.store.query import Order, Page, SortKey, Window

Node = TypeVar("Node")
Row = TypeVar("Row")
CURSOR_PREFIX = "k2:"  # keyset cursor, version 2: [ordering, sort key..., id]
DEFAULT_PAGE = 20


@strawberry.type(description="Where a page sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    has_previous_page: bool = strawberry.field(description="Rows come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first row, if any.")
    end_cursor: str | None = strawberry.field(description="Cursor of the last row, if any.")


@strawberry.type(description="One row of a list, with the cursor to page from it.")
class Edge(Generic[Node]):
    node: Node = strawberry.field(description="The row.")
    cursor: str = strawberry.field(description="Pass as `after` (or `before`) to page from here.")


@strawberry.type(description="A page of a list, Relay style, with the size of the whole list.")
class Connection(Generic[Node]):
    edges: list[Edge[Node]] = strawberry.field(description="The rows of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more rows exist.")
    total_count: int = strawberry.field(description="Rows in the whole list, not just this page.")


def encode_cursor(ordering: str, key: SortKey) -> str:
    text = CURSOR_PREFIX + json.dumps([ordering, *key], ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")


def decode_cursor(cursor: str, ordering: str) -> SortKey:
    """The sort key inside a cursor this API issued for `ordering`; anything else is an error."""
    try:
        raw = base64.b64decode(cursor.encode("ascii"), altchars=b"-_", validate=True)
        text = raw.decode("utf-8")
        parts = json.loads(text[len(CURSOR_PREFIX) :]) if text.startswith(CURSOR_PREFIX) else None
    except (binascii.Error, UnicodeError, ValueError):
        parts = None
    if not isinstance(parts, list) or len(parts) < 2 or not all(isinstance(p, str) for p in parts):
        raise InvalidInput(f"cursor {cursor!r} is not one this API issued")
    if parts[0] != ordering:
        raise InvalidInput(
            f"cursor {cursor!r} was issued for ordering {parts[0]}, not {ordering}: "
            "ask with the same orderBy, or start again without a cursor"
        )
    return tuple(parts[1:])


def check_size(name: str, value: int | None, maximum: int) -> None:
    if value is not None and not 0 <= value <= maximum:
        raise InvalidInput(f"`{name}` must be between 0 and {maximum}, got {value}")


def window(
    ordering: str,
    maximum: int,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
    default: int = DEFAULT_PAGE,
) -> Window:
    """The keyset window the Relay arguments ask for; `first` defaults when neither is given."""
    check_size("first", first, maximum)
    check_size("last", last, maximum)
    if first is None and last is None:
        first = min(default, maximum)
    return Window(
        first=first,
        after=decode_cursor(after, ordering) if after is not None else None,
        last=last,
        before=decode_cursor(before, ordering) if before is not None else None,
    )


def connection(
    page: Page[Row], make: Callable[[Row], Node], ordering: str
) -> Connection[Node]:
    """A Connection from a store page: each row made into a node, with its keyset cursor."""
    edges = [
        Edge(node=make(row), cursor=encode_cursor(ordering, key))
        for row, key in zip(page.rows, page.keys, strict=True)
    ]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )


@dataclass(frozen=True)
class Paging:
    """One list's Relay arguments (first/after/last/before), checked against the page limit
    and decoded for `ordering`: every paged resolver goes Relay arguments → window → connection
    through this, whether the store pages (`window`) or the rows are in memory (`over`)."""

    ordering: str
    window: Window

    @classmethod
    def of(cls, info: GqlInfo, ordering: str, first: int | None = None,
           after: str | None = None, last: int | None = None, before: str | None = None,
           default: int = DEFAULT_PAGE) -> Paging:
        maximum = info.context.settings.max_page_size
        return cls(ordering, window(ordering, maximum, first, after, last, before, default))

    def connection(self, page: Page[Row], make: Callable[[Row], Node]) -> Connection[Node]:
        """The store's page as a connection, each row made into a node."""
        return connection(page, make, self.ordering)

    def over(self, rows: Sequence[Row], key: Callable[[Row], SortKey], order: Order,
             make: Callable[[Row], Node]) -> Connection[Node]:
        """Rows already in memory, sorted by `order`'s key, cut to the window, as a connection."""
        return self.connection(page_of(rows, key, order, self.window), make)
