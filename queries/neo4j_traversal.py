"""Neighbourhoods and paths on Neo4j, bounded in Cypher.

The hub-safe algorithms are the generic ones (`graph.store.traversal`, `graph.store.paths`),
so every store answers alike; on Neo4j they read through `BoundedReads`: degrees are degree
look-ups on the node (a hub is counted, never expanded), each level's relations are one
statement for both directions with the traversal budget as its `LIMIT`, and every statement
runs with the traversal's deadline as its transaction timeout, so Neo4j itself stops work
that runs out of time.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from graph import cancel
from graph.model import Relation
from graph.store.direction import Direction
from graph.store.paths import PathBoundsExceeded
from graph.store.traversal import Bounds

if TYPE_CHECKING:
    from graph.store.base import GraphStore
    from queries.neo4j_rows import Neo4jRows


class BoundedReads:
    """The Neo4j store as a traversal sees it: relation reads capped at the budget in Cypher."""

    def __init__(self, store: Neo4jRows, bounds: Bounds) -> None:
        self._store, self._cap = store, bounds.max_relations

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def relations_of(
        self,
        ids: Sequence[str],
        direction: Direction | None = None,
        types: Sequence[str] | None = None,
    ) -> dict[str, list[Relation]]:
        if direction is not None:
            return self._store.relations_of(ids, direction, types)
        records = self._store._read("relations_around", ids=list(dict.fromkeys(ids)),
                                    types=list(types or ()), limit=self._cap + 1)
        if len(records) > self._cap:  # the degrees said otherwise: written to meanwhile
            raise PathBoundsExceeded(
                f"traversal stopped: one level holds more than {self._cap} relations "
                "(AIKG_TRAVERSAL_BUDGET); lower the depth or restrict the relation types"
            )
        found: dict[str, dict[str, Relation]] = {i: {} for i in ids}
        for record in records:
            relation = self._store._relation(record)
            found[record["entity"]][relation.id] = relation
        return {i: sorted(rels.values(), key=lambda r: r.id) for i, rels in found.items()}

    def as_store(self) -> GraphStore:
        return cast("GraphStore", self)


@contextlib.contextmanager
def within(bounds: Bounds) -> Iterator[None]:
    """The traversal's deadline as the deadline of every statement it sends."""
    if bounds.deadline is None:
        yield
        return
    with cancel.deadline(max(bounds.deadline - time.monotonic(), 0.0)):
        yield
