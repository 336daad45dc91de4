"""Keyset pages of relations read from relationship RANGE indexes, one relation type at a time.

`aikg db init` creates a RANGE index on `id`, on `date` and on `(undated, id)` of every
relation type of the schema (`relation_indexes`); a page of a type is then an index seek that
stops after `$limit` rows (`ORDER BY` answered by the index, no sort of the whole type). The
pages of the wanted types are merged in Python, as the SQLite store merges its per-type runs
(graph/store/sqlite_pages.py). Types are written into the text from the schema only; values
are parameters.

The order equals the embedded store's (`graph.store.keyset.relation_key`): by id, or by
`(date or NO_DATE, id)`. Neo4j's ORDER BY puts nulls last ascending and first descending, as
NO_DATE does; an undated relation's key is `(NO_DATE, id)`, so the undated run is ordered by id.
No index holds a missing property, so every write marks an undated relationship
`undated: true` (`queries.encoding.UNDATED`; removed when a date arrives) and the undated run
seeks the `(undated, id)` index: its cost is the page, whatever the share of undated relations.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import Relation
from graph.schema import Schema
from graph.store.query import NO_DATE, SortKey
from queries.encoding import UNDATED
from queries.registry import Statement

LAST_ID = "\U0010ffff"  # above every id the store writes: the start of a descending id run
_RETURN = "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props\n"

# One statement per (relation type, run): the WHERE and ORDER BY of each run, reading the index
# of the first ORDER BY key. Undated runs seek the `(undated, id)` index, ordered by both keys
# as the index is; a `USING INDEX SEEK` hint makes it a seek whatever the statistics (planned
# on an index that was empty, Neo4j chose a scan of it from the far end, filtered by id).
# Dated runs seek `date >= $date` (or `<=`) and keep the rows past the cursor's id on that
# date, as SQLite's `_beyond` does; that id test is a CASE, not an OR, so that the planner does
# not answer it as a union of the `date` and `id` indexes (whose rows come unordered).
_RUNS = {
    "id_up": ("r.id > $id", "r.id"),
    "id_down": ("r.id < $id", "r.id DESC"),
    "undated_up": (f"r.{UNDATED} = true AND r.id > $id", f"r.{UNDATED}, r.id"),
    "undated_down": (f"r.{UNDATED} = true AND r.id < $id", f"r.{UNDATED} DESC, r.id DESC"),
    "dated_up": ("r.date >= $date AND CASE r.date WHEN $date THEN r.id > $id ELSE true END",
                 "r.date, r.id"),
    "dated_down": ("r.date <= $date AND CASE r.date WHEN $date THEN r.id < $id ELSE true END",
                   "r.date DESC, r.id DESC"),
}


def undated_index_name(rtype: str) -> str:
    """The name of a relation type's `(undated, id)` index."""
    return f"{rtype.lower()}_{UNDATED}"


def relation_indexes(schema: Schema) -> list[Statement]:
    """A RANGE index on `id` and on `date` of every relation type (the sort keys of pages), and
    on `(undated, id)`: the undated relations in id order."""
    types = sorted(schema.relation_types)
    return [
        *(_range_index(rtype, f"{rtype.lower()}_{key}", f"r.{key}", f"{rtype} relationships in "
                       f"{key} order") for rtype in types for key in ("id", "date")),
        *(_range_index(rtype, undated_index_name(rtype), f"r.{UNDATED}, r.id",
                       f"undated {rtype} relationships in id order") for rtype in types),
    ]


def _range_index(rtype: str, name: str, keys: str, pages: str) -> Statement:
    return Statement(f"create_index_{name}",
                     f"CREATE RANGE INDEX {name} IF NOT EXISTS\nFOR ()-[r:{rtype}]-() ON ({keys})",
                     purpose=f"pages of {pages}")


def mark_undated(rtype: str) -> Statement:
    """Mark the undated relationships of a type that an older aikg wrote without the marker:
    run by `aikg db init` before it creates the type's `(undated, id)` index (it reads the whole
    type once, in transactions of 10,000 rows; an implicit transaction is needed)."""
    return Statement(
        f"mark_undated_{rtype.lower()}_relations",
        f"MATCH ()-[r:{rtype}]->()\nWHERE r.date IS NULL AND r.{UNDATED} IS NULL\n"
        f"CALL (r) {{ SET r.{UNDATED} = true }} IN TRANSACTIONS OF 10000 ROWS",
        purpose=f"mark the undated {rtype} relationships written before the marker existed",
    )


def page_statements(schema: Schema) -> dict[tuple[str, str], Statement]:
    """(relation type, run) -> the keyset statement reading that run of that type."""
    return {(rtype, run): _page(rtype, run) for rtype in sorted(schema.relation_types)
            for run in _RUNS}


def _page(rtype: str, run: str) -> Statement:
    where, order = _RUNS[run]
    hint = f"USING INDEX SEEK r:{rtype}({UNDATED}, id)\n" if run.startswith("undated") else ""
    params = ("date", "id", "limit") if run.startswith("dated") else ("id", "limit")
    return Statement(
        f"relations_{rtype.lower()}_{run}",
        f"MATCH (a)-[r:{rtype}]->(b)\n{hint}WHERE {where}\n{_RETURN}ORDER BY {order}\n"
        "LIMIT $limit",
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
            return self.run(rtype, f"id_{way}", {"id": start, "limit": limit})
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
        """The undated run past `rid`: a seek of the `(undated, id)` index."""
        return self.run(rtype, f"undated_{way}", {"id": rid, "limit": limit})
