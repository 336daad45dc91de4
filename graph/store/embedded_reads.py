"""The embedded store's answers to the read helpers, in SQL over its indexes.

Results equal the generic ones in `graph.store.reads` (tests/graph/test_reads.py compares
them); each call reads one committed state, and the generic queries built on these helpers
run inside one read transaction too (`_ONE_STATE`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store import sqlite_search
from graph.store.query import Order, Page, RelationFilter, SortKey, Window
from graph.store.reads import GraphReads
from graph.store.search_index import fold
from graph.store.sqlite_codec import (
    ENTITY_COLUMNS,
    RELATION_COLUMNS,
    entity_of,
    id_list,
    relation_of,
)
from graph.store.sqlite_conn import Connections
from graph.store.sqlite_filters import compile_relations
from graph.store.sqlite_pages import KEYS, RelationPages

if TYPE_CHECKING:  # the walks load on first use: opening a store (aikg stats) needs neither
    from graph.store import paths, traversal

_DEGREES = (
    "SELECT j.value, coalesce((SELECT d.relations FROM degrees d WHERE d.entity = j.value), 0) "
    "FROM json_each(?) j"
)
_CITING = (
    "SELECT DISTINCT e.article, {columns} FROM evidence e JOIN relations r ON r.id = e.relation "
    "WHERE e.article IN (SELECT value FROM json_each(?)) ORDER BY e.article, r.id"
)
_KEYED = (
    "SELECT DISTINCT {column}, entity FROM {table} "
    "WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY entity"
)
_ONE_STATE = (
    "find_entities", "find_relations", "relations_matching", "neighbourhood",
    "shortest_paths", "timeline", "top_entities", "relation_sums", "counts", "lookup",
    "search_hits", "search_keys", "search_page",
)


class EmbeddedReads(GraphReads):
    """Overrides for a store with an SQLite database in `db` (see EmbeddedStore)."""

    db: Connections
    schema: Schema

    def find_relations(
        self, flt: RelationFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Relation]:
        """Keyset pages read from the indexes when the filter compiles to SQL."""
        pages = self._relation_pages(flt, order, window, as_of)
        if pages is None:
            return GraphReads.find_relations(self, flt, order, window, as_of)
        return pages.page(window, order.descending)

    def _relation_pages(
        self, flt: RelationFilter | None, order: Order, window: Window, as_of: str | None
    ) -> RelationPages | None:
        where = compile_relations(flt, as_of)
        keys = KEYS.get(order.field)
        if where is None or keys is None or any(
            key is not None and len(key) != len(keys) for key in (window.after, window.before)
        ):
            return None
        present = self.stats().relation_types
        wanted = sorted(set(flt.types)) if flt and flt.types else sorted(present)
        types = [t for t in wanted if t in present]

        def counted(chosen: Sequence[str]) -> int:
            return sum(present[t] for t in chosen)

        return RelationPages(
            self.db.rows, types, where, order.field, None if where.conditions else counted
        )

    def neighbourhood(
        self,
        root: Entity,
        depth: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> traversal.Neighbourhood:
        """Level by level over the endpoint indexes (`sqlite_walk`); the generic walk for as_of."""
        if as_of is not None:
            return GraphReads.neighbourhood(self, root, depth, types, bounds, as_of)
        from graph.store import sqlite_walk

        return sqlite_walk.neighbourhood(self, self.db.rows, root, depth, types, bounds)

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        k: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> list[paths.Path]:
        """Bidirectional over the endpoint indexes (`sqlite_walk`); the generic one for as_of."""
        if as_of is not None or source == target:
            return GraphReads.shortest_paths(
                self, source, target, max_hops, k, types, bounds, as_of
            )
        from graph.store import sqlite_walk

        return sqlite_walk.shortest_paths(
            self, self.db.rows, source, target, max_hops, k, types, bounds
        )

    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        return dict(self.db.rows(_DEGREES, (id_list(ids),)))

    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        if not types:
            rows = self.db.stream(f"SELECT {RELATION_COLUMNS} FROM relations ORDER BY id")
        else:
            rows = self.db.stream(
                f"SELECT {RELATION_COLUMNS} FROM relations "
                "WHERE type IN (SELECT value FROM json_each(?)) ORDER BY id",
                (id_list(sorted(set(types))),),
            )
        return (relation_of(row) for row in rows)

    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        if not types:
            rows = self.db.stream(f"SELECT {ENTITY_COLUMNS} FROM entities ORDER BY id")
        else:
            rows = self.db.stream(
                f"SELECT {ENTITY_COLUMNS} FROM entities "
                "WHERE type IN (SELECT value FROM json_each(?)) ORDER BY id",
                (id_list(sorted(set(types))),),
            )
        return (entity_of(row) for row in rows)

    def conflicted(self, first: int) -> tuple[list[Entity], list[Relation]]:
        """From the partial indexes on `conflicts`: cost grows with the conflicts, not the graph."""
        entities = [entity_of(row) for row in self.db.rows(
            f"SELECT {ENTITY_COLUMNS} FROM entities WHERE conflicts IS NOT NULL "
            "ORDER BY id LIMIT ?", (first,))]
        relations = [relation_of(row) for row in self.db.rows(
            f"SELECT {RELATION_COLUMNS} FROM relations WHERE conflicts IS NOT NULL "
            "ORDER BY id LIMIT ?", (first - len(entities),))]
        return entities, relations

    def relations_citing(self, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
        columns = ", ".join(f"r.{c}" for c in RELATION_COLUMNS.split(", "))
        found: dict[str, list[Relation]] = {a: [] for a in article_ids}
        for row in self.db.rows(_CITING.format(columns=columns), (id_list(article_ids),)):
            found[row[0]].append(relation_of(row[1:]))
        return found

    def lookup(self, keys: Sequence[str]) -> dict[str, list[str]]:
        found = {key: [current] for key, current in self.resolve(keys).items()}
        rest = [k for k in keys if k not in found]
        if not rest:
            return found
        folded = sorted({fold(k) for k in rest})
        external = self._keyed("entity_keys", "key", folded)
        named = self._keyed("entity_names", "name", folded)
        for key in rest:
            hits = external.get(fold(key)) or named.get(fold(key))
            if hits:
                found[key] = hits
        return found

    def _keyed(self, table: str, column: str, keys: Sequence[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        sql = _KEYED.format(table=table, column=column)
        for key, entity_id in self.db.rows(sql, (id_list(keys),)):
            found[key].append(entity_id)
        return found

    def search_hits(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        return self.ranked_search(text, types, limit)

    def search_keys(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, str]]:
        """The FTS5 ranking alone: no entity is read or decoded (the API decodes one page)."""
        return sqlite_search.ranked(self.db.rows, text, types, limit)

    def search_page(
        self, text: str, types: Sequence[str] | None, window: Window, cap: int
    ) -> Page[tuple[SortKey, str]]:
        """One window of the ranking, ordered by SQLite when many entities match."""
        return sqlite_search.page(self.db.rows, text, types, window, cap)

    def ranked_search(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        """The FTS5 search (`sqlite_search`): hits with their rank keys, best first."""
        hits = sqlite_search.ranked(self.db.rows, text, types, limit)
        found = self.get_entities([i for _, i in hits])
        return [(key, found[i]) for key, i in hits if i in found]


def _snapshotted(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def within_one_read(self: EmbeddedReads, *args: Any, **kwargs: Any) -> Any:
        with self.db.snapshot():
            return method(self, *args, **kwargs)

    return within_one_read


for _name in _ONE_STATE:
    _method = vars(EmbeddedReads).get(_name) or getattr(GraphReads, _name)
    setattr(EmbeddedReads, _name, _snapshotted(_method))
