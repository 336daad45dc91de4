"""Keyset pages of relations straight from the indexes: each relation type is read in key order
from `relations_by_type` / `relations_by_date` (a page needs at most `first` rows of each) and
the runs are merged; the result equals `keyset.window_page` over the whole sorted list."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import Relation
from graph.store.query import Page, SortKey, Window
from graph.store.sqlite_codec import RELATION_COLUMNS, Rows, relation_of
from graph.store.sqlite_filters import Where

KEYS = {
    "ID": ("r.id",),
    "DATE": ("coalesce(r.date, '~')", "r.id"),
    "TYPE": ("r.type", "r.id"),
}
_COLUMNS = ", ".join(f"r.{c}" for c in RELATION_COLUMNS.split(", "))


@dataclass
class RelationPages:
    """Pages of the relations of `types` matching `where`, ordered by `field`."""

    rows: Rows
    types: Sequence[str]
    where: Where
    field: str
    counted: Callable[[Sequence[str]], int] | None = None  # total from counts, if no filter

    @property
    def keys(self) -> tuple[str, ...]:
        return KEYS[self.field]

    def _select(self, what: str, rtype: str, bounds: list[tuple[str, SortKey]], tail: str,
                extra: tuple[Any, ...] = ()) -> list[Any]:
        conditions = ["r.type = ?", self.where.sql()]
        params: list[Any] = [rtype, *self.where.params]
        for op, key in bounds:
            condition, values = _beyond(self.keys, op, key)
            conditions.append(condition)
            params.extend(values)
        sql = f"SELECT {what} FROM relations r WHERE {' AND '.join(conditions)} {tail}"
        return self.rows(sql, (*params, *extra))

    def _read(self, bounds: list[tuple[str, SortKey]], descending: bool,
              limit: int | None) -> list[tuple[SortKey, Relation]]:
        way = " DESC" if descending else ""
        order = "ORDER BY " + ", ".join(k + way for k in self.keys)
        tail, extra = (f"{order} LIMIT ?", (limit,)) if limit is not None else (order, ())
        size = len(self.keys)
        runs = []
        for rtype in self.types:
            found = self._select(f"{', '.join(self.keys)}, {_COLUMNS}", rtype, bounds, tail,
                                 extra)
            runs.append([(tuple(row[:size]), relation_of(row[size:])) for row in found])
        merged = heapq.merge(*runs, key=lambda pair: pair[0], reverse=descending)
        return list(itertools.islice(merged, limit))

    def _exists(self, op: str, key: SortKey) -> bool:
        return any(self._select("1", t, [(op, key)], "LIMIT 1") for t in self.types)

    def _count(self, bounds: list[tuple[str, SortKey]]) -> int:
        if not bounds and self.counted is not None:
            return self.counted(self.types)
        return sum(self._select("count(*)", t, bounds, "")[0][0] for t in self.types)

    def page(self, window: Window, descending: bool = False) -> Page[Relation]:
        if descending:
            flipped = Window(window.last, window.before, window.first, window.after)
            page = self.page(flipped)
            return Page(page.rows[::-1], page.keys[::-1], page.total, page.has_previous,
                        page.has_next)
        bounds: list[tuple[str, SortKey]] = []
        if window.before is not None:
            bounds.append(("<", window.before))
        if window.after is not None:
            bounds.append((">", window.after))
        if window.last is not None and window.first is None:
            found = self._read(bounds, True, window.last)[::-1]
        else:
            found = self._read(bounds, False, window.first)
            if window.last is not None:
                found = found[len(found) - min(window.last, len(found)):]
        total = self._count([])
        if not found:
            return self._empty(window, total)
        keys = [k for k, _ in found]
        return Page([r for _, r in found], keys, total, self._exists(">", keys[-1]),
                    self._exists("<", keys[0]))

    def _empty(self, window: Window, total: int) -> Page[Relation]:
        """No row in the window: where it would start and end, as `window_page` counts."""
        start = self._count([("<=", window.after)]) if window.after is not None else 0
        end = self._count([("<", window.before)]) if window.before is not None else total
        end = max(start, end)
        if window.first is not None:
            end = min(end, start + window.first)
        if window.last is not None:
            start = max(start, end - window.last)
        return Page([], [], total, end < total, start > 0)


def _beyond(keys: Sequence[str], op: str, key: SortKey) -> tuple[str, list[str]]:
    """`(keys) op (key)` spelled so that SQLite reads a range of the index on `keys` (it
    does not for a row-value comparison on an expression such as coalesce(date, '~'))."""
    if len(keys) == 1:
        return f"{keys[0]} {op} ?", [key[0]]
    strict = op[0]
    return (f"{keys[0]} {strict}= ? AND ({keys[0]} {strict} ? OR {keys[1]} {op} ?)",
            [key[0], key[0], key[1]])
