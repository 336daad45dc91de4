"""Graph stores behind one interface."""

from graph.store.base import (
    Conflict,
    Direction,
    GraphStats,
    GraphStore,
    UpsertPlan,
    UpsertSummary,
)
from graph.store.embedded import EmbeddedStore

__all__ = [
    "Conflict",
    "Direction",
    "EmbeddedStore",
    "GraphStats",
    "GraphStore",
    "UpsertPlan",
    "UpsertSummary",
]
