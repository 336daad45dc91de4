"""The embedded store's SQL layout, derived from `graph/schema.yaml`, and the checks on opening.

Tables a reader queries (`entities`, `relations`, `evidence`, `entity_names`, `entity_keys`,
`merged_ids`, `type_counts`) are written with the changed rows of `entities` and `relations`
(`sqlite_write`); the full-text `entity_search` follows `entities` by triggers. One view per
entity type (`company`, `incident`...) and per relation type (`fined`...) spreads the declared
properties into columns for analysts; every identifier comes from the schema, never input.
"""

from __future__ import annotations

import hashlib
import sqlite3

from graph.errors import StoreUnavailable
from graph.schema import SCHEMA_FILE, Schema

FORMAT = "aikg-sqlite"
SCHEMA_VERSION = "4"  # 3: statements and conflicts columns; 4: covering endpoint indexes, degrees
UPGRADABLE = ("3",)  # layouts `upgrade` brings to this one in place

TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entity_types(name TEXT PRIMARY KEY, description TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE relation_types(name TEXT PRIMARY KEY, description TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entities(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  sort_name TEXT NOT NULL,
  date TEXT,
  labels TEXT NOT NULL,
  aliases TEXT NOT NULL,
  properties TEXT NOT NULL,
  sources TEXT NOT NULL,
  external_ids TEXT NOT NULL,
  merged_ids TEXT NOT NULL,
  search_names TEXT NOT NULL,
  search_text TEXT NOT NULL,
  statements TEXT,
  conflicts TEXT
);
CREATE INDEX entities_in_conflict ON entities(id) WHERE conflicts IS NOT NULL;
CREATE INDEX entities_by_type ON entities(type, id);
CREATE INDEX entities_by_name ON entities(sort_name, id);
CREATE INDEX entities_by_date ON entities(coalesce(date, '~'), id);
CREATE TABLE relations(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  date TEXT,
  properties TEXT NOT NULL,
  evidence TEXT NOT NULL,
  statements TEXT,
  conflicts TEXT
);
CREATE INDEX relations_in_conflict ON relations(id) WHERE conflicts IS NOT NULL;
CREATE INDEX relations_by_type ON relations(type, id);
CREATE INDEX relations_by_date ON relations(type, coalesce(date, '~'), id);
CREATE TABLE degrees(entity TEXT PRIMARY KEY, relations INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE evidence(
  relation TEXT NOT NULL, article TEXT, url TEXT, quote TEXT
);
CREATE INDEX evidence_by_relation ON evidence(relation);
CREATE INDEX evidence_by_article ON evidence(article) WHERE article IS NOT NULL;
CREATE TABLE entity_names(entity TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX entity_names_by_name ON entity_names(name);
CREATE INDEX entity_names_by_entity ON entity_names(entity);
CREATE TABLE entity_keys(entity TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX entity_keys_by_key ON entity_keys(key);
CREATE INDEX entity_keys_by_entity ON entity_keys(entity);
CREATE TABLE merged_ids(old_id TEXT NOT NULL, entity TEXT NOT NULL);
CREATE INDEX merged_ids_by_old ON merged_ids(old_id);
CREATE INDEX merged_ids_by_entity ON merged_ids(entity);
CREATE TABLE type_counts(
  kind TEXT NOT NULL, type TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (kind, type)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE entity_search USING fts5(
  search_names, search_text, content='entities', content_rowid='n',
  tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE entity_search_terms USING fts5vocab(entity_search, 'col');
"""

# Level-by-level walks read (neighbour, relation) pairs from these alone, never the table rows.
ENDPOINT_INDEXES = """
CREATE INDEX relations_by_source ON relations(source, type, target, id);
CREATE INDEX relations_by_target ON relations(target, type, source, id);
"""
_DEGREES = (
    "INSERT INTO degrees(entity, relations) SELECT e, count(*) FROM (SELECT source AS e FROM "
    "relations UNION ALL SELECT target FROM relations WHERE target != source) GROUP BY e"
)

_INDEX = """
  INSERT INTO entity_search(rowid, search_names, search_text)
    VALUES (new.n, new.search_names, new.search_text);
"""
_UNINDEX = """
  INSERT INTO entity_search(entity_search, rowid, search_names, search_text)
    VALUES ('delete', old.n, old.search_names, old.search_text);
"""

TRIGGERS = f"""
CREATE TRIGGER entities_added AFTER INSERT ON entities BEGIN{_INDEX}END;
CREATE TRIGGER entities_changed AFTER UPDATE ON entities BEGIN{_UNINDEX}{_INDEX}END;
CREATE TRIGGER entities_removed AFTER DELETE ON entities BEGIN{_UNINDEX}END;
"""


def schema_digest() -> str:
    """A short fingerprint of schema.yaml: the type tables and views follow it."""
    return hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest()[:16]


def type_views(schema: Schema) -> list[str]:
    """One view per type, its declared properties as columns (names checked by the schema)."""
    views = []
    for etype in schema.entity_types.values():
        columns = "".join(
            f", json_extract(properties, '$.{key}') AS \"{key}\"" for key in etype.properties
        )
        views.append(
            f"CREATE VIEW \"{etype.name.lower()}\" AS SELECT id, name, aliases, labels{columns}, "
            f"sources, external_ids FROM entities WHERE type = '{etype.name}'"
        )
    for rtype in schema.relation_types.values():
        columns = "".join(
            f", json_extract(properties, '$.{key}') AS \"{key}\"" for key in rtype.properties
        )
        views.append(
            f"CREATE VIEW \"{rtype.name.lower()}\" AS SELECT id, source, target, date{columns}, "
            f"evidence FROM relations WHERE type = '{rtype.name}'"
        )
    return views


def statements(script: str) -> list[str]:
    """A script cut into its statements (executescript would commit the caller's transaction)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    return found


def create(conn: sqlite3.Connection, schema: Schema) -> None:
    """Lay out an empty database (inside the caller's transaction)."""
    for statement in statements(TABLES + ENDPOINT_INDEXES + TRIGGERS):
        conn.execute(statement)
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES (?, ?)",
        [("format", FORMAT), ("schema_version", SCHEMA_VERSION)],
    )
    sync_types(conn, schema)


def sync_types(conn: sqlite3.Connection, schema: Schema) -> None:
    """The type tables and views as schema.yaml declares them now."""
    conn.execute("DELETE FROM entity_types")
    conn.execute("DELETE FROM relation_types")
    conn.executemany(
        "INSERT INTO entity_types(name, description) VALUES (?, ?)",
        [(t.name, t.description) for t in schema.entity_types.values()],
    )
    conn.executemany(
        "INSERT INTO relation_types(name, description) VALUES (?, ?)",
        [(t.name, t.description) for t in schema.relation_types.values()],
    )
    views = conn.execute("SELECT name FROM sqlite_schema WHERE type = 'view'").fetchall()
    for (view,) in views:
        conn.execute(f'DROP VIEW "{view}"')
    for statement in type_views(schema):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('schema_digest', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (schema_digest(),),
    )


def check(conn: sqlite3.Connection, where: str) -> str | None:
    """The stored schema digest of an aikg database; None for an empty file; else a clear error."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreUnavailable(
            f"{where} is an SQLite file but not an aikg graph (no meta table); point "
            "AIKG_DATA_DIR at another folder or move the file aside"
        )
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("format") != FORMAT:
        raise StoreUnavailable(
            f"{where} is not an aikg graph (format {meta.get('format')!r}); move it aside"
        )
    if meta.get("schema_version") not in (SCHEMA_VERSION, *UPGRADABLE):
        raise StoreUnavailable(
            f"{where} was written by another aikg version (layout "
            f"{meta.get('schema_version')}, this aikg reads {SCHEMA_VERSION}); move it aside "
            "and re-ingest your sources with `aikg ingest`"
        )
    return meta.get("schema_digest")


def upgrade(conn: sqlite3.Connection) -> bool:
    """Bring a layout of `UPGRADABLE` to this one (inside the caller's write transaction):
    the covering endpoint indexes and the `degrees` table, rebuilt from the relations."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] not in UPGRADABLE:
        return False
    conn.execute("DROP INDEX IF EXISTS relations_by_source")
    conn.execute("DROP INDEX IF EXISTS relations_by_target")
    for statement in statements(ENDPOINT_INDEXES):
        conn.execute(statement)
    conn.execute(
        "CREATE TABLE degrees(entity TEXT PRIMARY KEY, relations INTEGER NOT NULL) WITHOUT ROWID"
    )
    conn.execute(_DEGREES)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
    return True
