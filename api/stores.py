"""Open the store the settings name: the embedded networkx store or Neo4j."""

from __future__ import annotations

from graph.errors import InvalidInput
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from queries.neo4j_store import Neo4jStore

STORES = ("embedded", "neo4j")


def describe_store(settings: Settings) -> str:
    """Which store the settings name, for users: the kind and where it is."""
    if settings.store == "neo4j":
        return f"neo4j at {settings.neo4j_uri} (database {settings.neo4j_database})"
    where = settings.data_dir
    fresh = "" if where.exists() else " (new: nothing ingested there yet)"
    return f"{settings.store} at {where}{fresh} (AIKG_DATA_DIR)"


def open_store(settings: Settings) -> GraphStore:
    """The configured store, ready to read and write."""
    if settings.store == "embedded":
        return EmbeddedStore(load_schema(), settings.data_dir)
    if settings.store == "neo4j":
        return Neo4jStore.connect(load_schema(), settings)
    raise InvalidInput(
        f"AIKG_STORE={settings.store!r} is not a store aikg knows ({', '.join(STORES)})"
    )
