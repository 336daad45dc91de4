"""The default store: one SQLite database file under the data dir (WAL, stdlib `sqlite3`).

Readers never block the writer nor each other; every read call (or a whole request, inside
`snapshot()`) sees one committed state, and an ingest is one transaction: a crash, a full disk
or a request out of time leaves the last committed state. The layout is in `sqlite_schema`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store import sqlite_schema
from graph.store.base import Direction, GraphStats, GraphStore, Progress, UpsertPlan
from graph.store.embedded_reads import EmbeddedReads
from graph.store.periods import date_properties
from graph.store.search_index import text_properties
from graph.store.sqlite_codec import (
    ENTITY_COLUMNS,
    RELATION_COLUMNS,
    entity_of,
    id_list,
    relation_of,
)
from graph.store.sqlite_conn import Connections, connect, translated
from graph.store.sqlite_write import write_entities, write_relations

GRAPH_FILE = "graph.sqlite"
OLD_PICKLE = "graph.pickle"
SQLITE_HEADER = b"SQLite format 3\x00"
WRITE_CHUNK = 10_000

_RELATIONS_OF = {
    Direction.OUT: (("source", False),),
    Direction.IN: (("target", False),),
    None: (("source", False), ("target", True)),
}


class EmbeddedStore(EmbeddedReads, GraphStore):
    """The graph in `data_dir/graph.sqlite`; see `sqlite_schema` for its tables."""

    def __init__(self, schema: Schema, data_dir: Path) -> None:
        super().__init__(schema)
        self.data_dir = data_dir
        self.path = data_dir / GRAPH_FILE
        self.dates = date_properties(schema)
        self.description_keys = text_properties(schema)
        self._open()
        self.db = Connections(self.path)

    def _open(self) -> None:
        """Create the file, or check it is an aikg graph of this layout; say how to move on."""
        old = self.data_dir / OLD_PICKLE
        if old.exists() and not self.path.exists():
            raise StoreUnavailable(
                f"{old} was written by an older aikg (a pickled networkx graph); this aikg "
                f"keeps the graph in {GRAPH_FILE}. Convert it with `python -m "
                f"graph.store.migrate {self.data_dir}`, or move it aside and re-ingest your "
                "sources with `aikg ingest`"
            )
        with translated(self.path):
            self.data_dir.mkdir(parents=True, exist_ok=True)
        conn = connect(self.path)
        try:
            with translated(self.path):
                sqlite_schema.check(conn, str(self.path))  # a foreign file stays untouched
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("BEGIN IMMEDIATE")
                digest = sqlite_schema.check(conn, str(self.path))
                if digest is None:
                    sqlite_schema.create(conn, self.schema)
                elif sqlite_schema.upgrade(conn) or digest != sqlite_schema.schema_digest():
                    sqlite_schema.sync_types(conn, self.schema)
                conn.execute("COMMIT")
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the graph at {self.path}: {exc}") from None
        finally:
            conn.close()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside the block sees the same committed state (for a whole request)."""
        with self.db.snapshot():
            yield

    def get_entities(self, ids: Sequence[str]) -> dict[str, Entity]:
        rows = self.db.rows(
            f"SELECT {ENTITY_COLUMNS} FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (id_list(ids),),
        )
        return {row[0]: entity_of(row) for row in rows}

    def resolve(self, ids: Sequence[str]) -> dict[str, str]:
        with self.db.snapshot():
            wanted = id_list(ids)
            found = dict(self.db.rows(
                "SELECT id, id FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                (wanted,),
            ))
            for old, current in self.db.rows(
                "SELECT old_id, entity FROM merged_ids "
                "WHERE old_id IN (SELECT value FROM json_each(?)) ORDER BY entity",
                (wanted,),
            ):
                found.setdefault(old, current)
        return found

    def get_relations(self, ids: Sequence[str]) -> dict[str, Relation]:
        rows = self.db.rows(
            f"SELECT {RELATION_COLUMNS} FROM relations "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (id_list(ids),),
        )
        return {row[0]: relation_of(row) for row in rows}

    def relations_of(
        self,
        ids: Sequence[str],
        direction: Direction | None = None,
        types: Sequence[str] | None = None,
    ) -> dict[str, list[Relation]]:
        result: dict[str, list[Relation]] = {i: [] for i in ids}
        params: tuple[str, ...] = (id_list(ids),)
        type_clause = ""
        if types:
            type_clause, params = " AND r.type IN (SELECT value FROM json_each(?))", (
                id_list(ids), id_list(types))
        parts = [
            f"SELECT j.value, {_prefixed(RELATION_COLUMNS)} FROM json_each(?) j "
            f"JOIN relations r ON r.{end} = j.value{type_clause}"
            + (" AND r.source != r.target" if skip_loops else "")
            for end, skip_loops in _RELATIONS_OF[direction]
        ]
        rows = self.db.rows(" UNION ALL ".join(parts), params * len(parts))
        for row in rows:
            result[row[0]].append(relation_of(row[1:]))
        for rels in result.values():
            rels.sort(key=_rid)
        return result

    def search(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[Entity]:
        return [entity for _, entity in self.ranked_search(text, types, limit)]

    def stats(self) -> GraphStats:
        counts: dict[str, dict[str, int]] = {"entity": {}, "relation": {}}
        for kind, rtype, count in self.db.rows(
            "SELECT kind, type, count FROM type_counts WHERE count > 0 ORDER BY kind, type"
        ):
            counts[kind][rtype] = count
        entity_types, relation_types = counts["entity"], counts["relation"]
        return GraphStats(
            sum(entity_types.values()), sum(relation_types.values()), entity_types, relation_types
        )

    def iter_entities(self) -> Iterator[Entity]:
        rows = self.db.stream(f"SELECT {ENTITY_COLUMNS} FROM entities ORDER BY id")
        return (entity_of(row) for row in rows)

    def iter_relations(self) -> Iterator[Relation]:
        rows = self.db.stream(f"SELECT {RELATION_COLUMNS} FROM relations ORDER BY id")
        return (relation_of(row) for row in rows)

    def _write_lock(self) -> contextlib.AbstractContextManager[object]:
        """The write transaction: plan and write see and change one state, all or nothing."""
        return self.db.writing()

    def _write(self, plan: UpsertPlan, progress: Progress | None) -> None:
        conn = self.db.current()
        with translated(self.path):
            fresh = self.stats().entities == 0
            for start in range(0, len(plan.entities), WRITE_CHUNK):
                chunk = plan.entities[start:start + WRITE_CHUNK]
                write_entities(conn, chunk, self.dates, self.description_keys, fresh)
                if progress:
                    progress(len(chunk))
            for start in range(0, len(plan.relations), WRITE_CHUNK):
                rels = plan.relations[start:start + WRITE_CHUNK]
                write_relations(conn, rels, fresh)
                if progress:
                    progress(len(rels))

    def ping(self) -> None:
        """Cheap: the file is still an SQLite database and answers one indexed read."""
        try:
            with self.path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreUnavailable(f"cannot read the graph at {self.path}: {exc}") from None
        if header != SQLITE_HEADER:
            raise StoreUnavailable(
                f"{self.path} is no longer an SQLite database. Move the file aside and re-ingest."
            )
        self.db.rows("SELECT value FROM meta WHERE key = 'schema_version'")

    def close(self) -> None:
        self.db.close()


def _prefixed(columns: str) -> str:
    return ", ".join(f"r.{c}" for c in columns.split(", "))


def _rid(rel: Relation) -> str:
    return rel.id

