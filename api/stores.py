"""Open the store the settings name: the embedded SQLite store or Neo4j (its driver loaded
only when it is the one chosen, so the CLI starts without it)."""

from __future__ import annotations

from graph.errors import AikgError, InvalidInput, StoreUnavailable
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore

STORES = ("embedded", "neo4j")


def damaged(settings: Settings, exc: BaseException) -> StoreUnavailable:
    return StoreUnavailable(
        f"cannot read the store at {settings.data_dir} ({type(exc).__name__}: {exc}); it may "
        "be damaged: move it aside and run `aikg ingest` again"
    )


def refreshed(store: GraphStore, settings: Settings) -> GraphStore:
    """The store with other processes' writes picked up; a damaged file is StoreUnavailable
    (HTTP 503), never a 500."""
    try:
        store.refresh()
    except AikgError:
        raise
    except Exception as exc:
        raise damaged(settings, exc) from exc
    return store


def describe_store(settings: Settings) -> str:
    """Which store the settings name, for users: the kind and where it is."""
    if settings.store == "neo4j":
        return f"neo4j at {settings.neo4j_uri} (database {settings.neo4j_database})"
    where = settings.data_dir
    fresh = "" if where.exists() else " (new: nothing ingested there yet)"
    return f"{settings.store} at {where}{fresh} (AIKG_DATA_DIR)"


def open_store(settings: Settings) -> GraphStore:
    """The configured store, ready to read and write; a damaged one is StoreUnavailable."""
    if settings.store == "embedded":
        try:
            return EmbeddedStore(load_schema(), settings.data_dir)
        except AikgError:
            raise
        except Exception as exc:  # a damaged file can fail in any way while it is decoded
            raise damaged(settings, exc) from exc
    if settings.store == "neo4j":
        from queries.neo4j_store import Neo4jStore  # the driver loads only for this store

        return Neo4jStore.connect(load_schema(), settings)
    raise InvalidInput(
        f"AIKG_STORE={settings.store!r} is not a store aikg knows ({', '.join(STORES)})"
    )
