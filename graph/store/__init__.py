"""Graph stores behind one interface."""

from graph.store.base import Direction, GraphStats, GraphStore, UpsertPlan, UpsertSummary
from graph.store.embedded import EmbeddedStore

__all__ = ["Direction", "EmbeddedStore", "GraphStats", "GraphStore", "UpsertPlan", "UpsertSummary"]
