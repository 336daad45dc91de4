"""Sort keys and keyset windows: a page is found by the last key seen, never by an offset.

Rows inserted between two requests therefore neither shift a later page nor repeat a row.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from graph.errors import InvalidInput
from graph.model import Entity, Relation
from graph.store.periods import entity_date
from graph.store.query import NO_DATE, Order, Page, SortKey, Window
from graph.store.search_index import fold

Row = TypeVar("Row")


def entity_key(order: Order, dates: Mapping[str, str]) -> Callable[[Entity], SortKey]:
    """The sort key of an entity under `order` (always ending with the id, so keys are unique)."""
    if order.field == "ID":
        return lambda e: (e.id,)
    if order.field == "NAME":
        return lambda e: (fold(e.name), e.id)
    if order.field == "DATE":
        return lambda e: (entity_date(e, dates) or NO_DATE, e.id)
    raise InvalidInput(f"entities cannot be ordered by {order.field}")


def relation_key(order: Order) -> Callable[[Relation], SortKey]:
    if order.field == "ID":
        return lambda r: (r.id,)
    if order.field == "DATE":
        return lambda r: (r.date or NO_DATE, r.id)
    if order.field == "TYPE":
        return lambda r: (r.type, r.id)
    raise InvalidInput(f"relations cannot be ordered by {order.field}")


def sort_rows(
    rows: Sequence[Row], key: Callable[[Row], SortKey]
) -> tuple[list[Row], list[SortKey]]:
    """Rows in ascending key order, with their keys."""
    pairs = sorted(((key(row), i) for i, row in enumerate(rows)))
    return [rows[i] for _, i in pairs], [k for k, _ in pairs]


def window_page(
    rows: Sequence[Row], keys: Sequence[SortKey], window: Window, descending: bool = False
) -> Page[Row]:
    """The window of rows sorted ascending by `keys`; `descending` reads the list backwards."""
    if descending:
        flipped = Window(window.last, window.before, window.first, window.after)
        page = window_page(rows, keys, flipped)
        return Page(
            page.rows[::-1], page.keys[::-1], page.total, page.has_previous, page.has_next
        )
    start = 0 if window.after is None else bisect.bisect_right(keys, window.after)
    end = len(keys) if window.before is None else bisect.bisect_left(keys, window.before)
    end = max(start, end)
    if window.first is not None:
        end = min(end, start + window.first)
    if window.last is not None:
        start = max(start, end - window.last)
    return Page(list(rows[start:end]), list(keys[start:end]), len(keys), end < len(keys), start > 0)


def page_of(
    rows: Sequence[Row], key: Callable[[Row], SortKey], order: Order, window: Window
) -> Page[Row]:
    """Sort `rows` by `order`'s key and cut the window out of them."""
    ordered, keys = sort_rows(rows, key)
    return window_page(ordered, keys, window, order.descending)
