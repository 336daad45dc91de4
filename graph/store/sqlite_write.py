"""Writing changed entities and relations: their rows and the rows derived from them.

Every statement is an executemany over a chunk; an upsert touches only the rows given (the
store passes only what changed), and the derived rows of an updated item are replaced.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence

from graph.model import Entity, Relation
from graph.store.sqlite_codec import (
    ENTITY_WRITE,
    RELATION_COLUMNS,
    entity_row,
    entity_side_rows,
    evidence_rows,
    id_list,
    relation_row,
)

UPSERT_ENTITY = (
    f"INSERT INTO entities({ENTITY_WRITE}) VALUES ({', '.join('?' * ENTITY_WRITE.count(','))}, ?) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in ENTITY_WRITE.split(", ")[2:])
)
UPSERT_RELATION = (
    f"INSERT INTO relations({RELATION_COLUMNS}) "
    f"VALUES ({', '.join('?' * RELATION_COLUMNS.count(','))}, ?) "
    "ON CONFLICT(id) DO UPDATE SET date = excluded.date, properties = excluded.properties, "
    "evidence = excluded.evidence, statements = excluded.statements, "
    "conflicts = excluded.conflicts"
)
_SIDE = (
    ("entity_names", "entity", "INSERT INTO entity_names(entity, name) VALUES (?, ?)"),
    ("entity_keys", "entity", "INSERT INTO entity_keys(entity, key) VALUES (?, ?)"),
    ("merged_ids", "entity", "INSERT INTO merged_ids(old_id, entity) VALUES (?, ?)"),
)
_DEGREE = (
    "INSERT INTO degrees(entity, relations) VALUES (?, ?) "
    "ON CONFLICT(entity) DO UPDATE SET relations = relations + excluded.relations"
)
_COUNT = (
    "INSERT INTO type_counts(kind, type, count) VALUES (?, ?, ?) "
    "ON CONFLICT(kind, type) DO UPDATE SET count = count + excluded.count"
)


def _stored(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> set[str]:
    rows = conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (id_list(ids),)
    )
    return {row[0] for row in rows}


def _count(conn: sqlite3.Connection, kind: str, types: Counter[str]) -> None:
    conn.executemany(_COUNT, [(kind, t, n) for t, n in sorted(types.items())])


def write_entities(
    conn: sqlite3.Connection,
    entities: Sequence[Entity],
    dates: Mapping[str, str],
    description_keys: Sequence[str],
    fresh: bool = False,
) -> None:
    """Upsert entities and their names, keys and merged ids (`fresh`: the store was empty)."""
    stored = set() if fresh else _stored(conn, "entities", [e.id for e in entities])
    conn.executemany(UPSERT_ENTITY, [entity_row(e, dates, description_keys) for e in entities])
    sides = [entity_side_rows(e) for e in entities]
    for index, (table, column, insert) in enumerate(_SIDE):
        if stored:
            conn.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in stored])
        conn.executemany(insert, [row for side in sides for row in side[index]])
    _count(conn, "entity", Counter(e.type for e in entities if e.id not in stored))


def write_relations(
    conn: sqlite3.Connection, relations: Sequence[Relation], fresh: bool = False
) -> None:
    """Upsert relations and their evidence rows (`fresh`: the store was empty)."""
    stored = set() if fresh else _stored(conn, "relations", [r.id for r in relations])
    conn.executemany(UPSERT_RELATION, [relation_row(r) for r in relations])
    if stored:
        conn.executemany("DELETE FROM evidence WHERE relation = ?", [(i,) for i in stored])
    conn.executemany(
        "INSERT INTO evidence(relation, article, url, quote) VALUES (?, ?, ?, ?)",
        [row for r in relations for row in evidence_rows(r)],
    )
    added = [r for r in relations if r.id not in stored]
    _count(conn, "relation", Counter(r.type for r in added))
    ends = Counter(r.source for r in added)
    ends.update(r.target for r in added if r.target != r.source)
    conn.executemany(_DEGREE, sorted(ends.items()))
