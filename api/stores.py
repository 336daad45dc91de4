"""Open the store the settings name: the embedded networkx store or Neo4j."""

from __future__ import annotations

from graph.errors import InvalidInput
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore

STORES = ("embedded",)


def open_store(settings: Settings) -> GraphStore:
    """The configured store, ready to read and write."""
    if settings.store == "embedded":
        return EmbeddedStore(load_schema(), settings.data_dir)
    raise InvalidInput(
        f"AIKG_STORE={settings.store!r} is not a store aikg knows ({', '.join(STORES)})"
    )
