"""Keyset pages of relations read from relationship RANGE indexes, one relation type at a time.

`aikg db init` creates a RANGE index on `id` and on `date` of every relation type of the
schema (`relation_indexes`); a page of a type is then an index seek that stops after `$limit`
rows (`ORDER BY` answered by the index, no sort of the whole type). The pages of the wanted
types are merged in Python, as the SQLite store merges its per-type runs (graph/store/
sqlite_pages.py). Types are written into the text from the schema only; values are parameters.

The order equals the embedded store's (`graph.store.keyset.relation_key`): by id, or by
`(date or NO_DATE, id)`. Neo4j's ORDER BY puts nulls last ascending and first descending, as
NO_DATE does; an undated relation's key is `(NO_DATE, id)`, so the undated run is ordered by id.
"""

from __future__ import annotations

import dataclasses
import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import Relation
from graph.schema import Schema
from graph.store.query import NO_DATE, SortKey
from queries.registry import Statement

LAST_ID = "\U0010ffff"  # above every id the store writes: the start of a descending id run
_RETURN = "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props\n"

# One statement per (relation type, run): the WHERE and ORDER BY of each run, reading the index
# of the first ORDER BY key. An id run with `$undated` keeps the undated relations only. Dated
# runs seek `date >= $date` (or `<=`) and keep the rows past the cursor's id on that date, as
# SQLite's `_beyond` does; that id test is a CASE, not an OR, so that the planner does not
# answer it as a union of the `date` and `id` indexes (whose rows come unordered).
_RUNS = {
    "id_up": ("r.id > $id AND (NOT $undated OR r.date IS NULL)", "r.id"),
    "id_down": ("r.id < $id AND (NOT $undated OR r.date IS NULL)", "r.id DESC"),
    "dated_up": ("r.date >= $date AND CASE r.date WHEN $date THEN r.id > $id ELSE true END",
                 "r.date, r.id"),
    "dated_down": ("r.date <= $date AND CASE r.date WHEN $date THEN r.id < $id ELSE true END",
                   "r.date DESC, r.id DESC"),
}


def relation_indexes(schema: Schema) -> list[Statement]:
    """A RANGE index on `id` and on `date` of every relation type (the sort keys of pages)."""
    return [
        Statement(
            f"create_index_{rtype.lower()}_{key}",
            f"CREATE RANGE INDEX {rtype.lower()}_{key} IF NOT EXISTS\n"
            f"FOR ()-[r:{rtype}]-() ON (r.{key})",
            purpose=f"pages of {rtype} relationships in {key} order",
        )
        for rtype in sorted(schema.relation_types)
        for key in ("id", "date")
    ]


def page_statements(schema: Schema) -> dict[tuple[str, str], Statement]:
    """(relation type, run) -> the keyset statement reading that run of that type."""
    return {(rtype, run): _page(rtype, run) for rtype in sorted(schema.relation_types)
            for run in _RUNS}


def _page(rtype: str, run: str) -> Statement:
    where, order = _RUNS[run]
    params = ("date", "id", "limit") if run.startswith("dated") else ("id", "undated", "limit")
    return Statement(
        f"relations_{rtype.lower()}_{run}",
        f"MATCH (a)-[r:{rtype}]->(b)\nWHERE {where}\n{_RETURN}ORDER BY {order}\nLIMIT $limit",
        params,
        purpose=f"a keyset page of {rtype} relationships ({run.replace('_', ' ')})",
    )


Run = Callable[[str, str, dict[str, Any]], list[Relation]]  # (type, run, params) -> rows


@dataclass
class RelationSeeks:
    """Keyset reads of the relations of `types` ordered by `field` ("ID" or "DATE")."""

    run: Run
    types: Sequence[str]
    field: str
    dated: frozenset[str] = frozenset()  # types known to hold no undated relation: not sought
    learned: set[str] = dataclasses.field(default_factory=set)  # whole undated run empty

    def key(self, rel: Relation) -> SortKey:
        return (rel.id,) if self.field == "ID" else (rel.date or NO_DATE, rel.id)

    def beyond(self, cursor: SortKey | None, descending: bool, limit: int) -> list[Relation]:
        """Up to `limit` relations strictly after `cursor` (from the start when None)."""
        runs = [self._of_type(t, cursor, descending, limit) for t in self.types]
        merged = heapq.merge(*runs, key=self.key, reverse=descending)
        return list(itertools.islice(merged, limit))

    def _of_type(self, rtype: str, cursor: SortKey | None, descending: bool,
                 limit: int) -> list[Relation]:
        way = "down" if descending else "up"
        if self.field == "ID":
            start = cursor[0] if cursor else (LAST_ID if descending else "")
            return self.run(rtype, f"id_{way}", {"id": start, "undated": False, "limit": limit})
        date, rid = cursor if cursor else (NO_DATE, LAST_ID) if descending else ("", "")
        if date == NO_DATE:  # in the undated run (it comes last ascending, first descending)
            undated = self._undated(rtype, way, rid, limit)
            if not descending or len(undated) >= limit:
                return undated
            rest = self.run(rtype, "dated_down", {"date": NO_DATE, "id": "",
                                                  "limit": limit - len(undated)})
            return undated + rest
        dated = self.run(rtype, f"dated_{way}", {"date": date, "id": rid, "limit": limit})
        if descending or len(dated) >= limit:
            return dated
        return dated + self._undated(rtype, "up", "", limit - len(dated))

    def _undated(self, rtype: str, way: str, rid: str, limit: int) -> list[Relation]:
        """The undated run past `rid`. No index holds a missing date, so this reads the type's
        id index until `limit` undated rows are found: all of it when there are none, which
        is remembered (`learned`) when the run started at either end."""
        if rtype in self.dated:
            return []
        found = self.run(rtype, f"id_{way}", {"id": rid, "undated": True, "limit": limit})
        if not found and rid in ("", LAST_ID):
            self.learned.add(rtype)
        return found
