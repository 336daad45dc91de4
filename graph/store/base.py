"""The store interface the API and ingest use: the `Store` contract's primitives (graph/store/
contract.py), the researchers' queries bound as methods (graph/store/reads.py), and the
idempotent, atomic batch upsert every store shares; a store implements the primitives and
`_write`."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Self, TypeVar

from graph import cancel
from graph.model import (
    Entity,
    MergeConflict,
    Relation,
    merge_entities,
    merge_relations,
    normalise_entity,
    normalise_relation,
)
from graph.schema import Schema
from graph.store.contract import GraphStats
from graph.store.direction import Direction
from graph.store.reads import GraphReads

__all__ = ["Conflict", "Direction", "GraphStats", "GraphStore", "UpsertPlan", "UpsertSummary"]

Progress = Callable[[int], None]


@dataclass
class UpsertSummary:
    """What a batch changed: the numbers an ingest reports."""

    entities_added: int = 0
    entities_updated: int = 0
    entities_unchanged: int = 0
    relations_added: int = 0
    relations_updated: int = 0
    relations_unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(vars(self))


@dataclass(frozen=True)
class Conflict:
    """Why one entity or relation of a batch cannot be merged with what is stored."""

    item_id: str
    message: str


@dataclass
class UpsertPlan:
    """The merged state of every changed entity and relation, ready to write, and the ids of
    those that were not stored when the plan was made (a store may create them outright)."""

    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    summary: UpsertSummary = field(default_factory=UpsertSummary)
    conflicts: list[Conflict] = field(default_factory=list)
    new_entity_ids: frozenset[str] = frozenset()
    new_relation_ids: frozenset[str] = frozenset()


class GraphStore(GraphReads, ABC):
    """Reads by many ids at once, search, counts, and idempotent atomic batch upserts.

    A store implements the `Store` primitives (abstract, from graph/store/contract.py) and
    `_write`; `GraphReads` binds the researchers' queries (filters, paths, neighbourhoods...)
    built on them, which a store may override with an equivalent the contract suite checks.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    @abstractmethod
    def _write(self, plan: UpsertPlan, progress: Progress | None) -> None:
        """Write the plan's merged entities and relations, all or nothing."""

    def _write_lock(self) -> contextlib.AbstractContextManager[object]:
        return contextlib.nullcontext()

    def plan_upsert(self, entities: Iterable[Entity], relations: Iterable[Relation]) -> UpsertPlan:
        """Merge a batch with what is stored; conflicts are collected, nothing is written."""
        conflicts: list[Conflict] = []
        batch_e = _combine(entities, normalise_entity, merge_entities, conflicts)
        batch_r = _combine(relations, normalise_relation, merge_relations, conflicts)
        stored_e = self.get_entities(list(batch_e))
        new_e, counts_e = _merge_stored(batch_e, stored_e, merge_entities, conflicts)
        stored_r = self.get_relations(self._maybe_stored(batch_r, batch_e, stored_e))
        new_r, counts_r = _merge_stored(batch_r, stored_r, merge_relations, conflicts)
        conflicts.extend(self._dangling(batch_r.values(), batch_e))
        summary = UpsertSummary(*counts_e, *counts_r)
        return UpsertPlan(new_e, new_r, summary, conflicts,
                          frozenset(batch_e.keys() - stored_e.keys()),
                          frozenset(batch_r.keys() - stored_r.keys()))

    def _maybe_stored(
        self, relations: dict[str, Relation], batch: dict[str, Entity], stored: dict[str, Entity]
    ) -> list[str]:
        """The ids of the batch's relations that may be stored: all of them, unless the store
        knows better (a store whose relations are found from their stored source can skip
        those whose source this batch creates)."""
        return list(relations)

    def _dangling(
        self, relations: Collection[Relation], batch: dict[str, Entity]
    ) -> list[Conflict]:
        """Relations whose endpoints exist neither in the batch nor in the store."""
        ends = {end for r in relations for end in (r.source, r.target) if end not in batch}
        if not ends:  # every endpoint is in the batch (a first load of a whole graph)
            return []
        known = self.get_entities(sorted(ends))
        return [
            Conflict(r.id, f"relation {r.id!r} points to unknown entity {end!r}")
            for r in relations
            for end in (r.source, r.target)
            if end not in batch and end not in known
        ]

    def upsert(
        self,
        entities: Iterable[Entity],
        relations: Iterable[Relation],
        progress: Progress | None = None,
    ) -> UpsertPlan:
        """Merge and write a batch atomically; on any conflict nothing is written."""
        with self._write_lock():
            plan = self.plan_upsert(entities, relations)
            if not plan.conflicts and (plan.entities or plan.relations):
                cancel.check()  # a request out of time writes nothing (graph.cancel)
                self._write(plan, progress)
            return plan

    def ping(self) -> None:
        """Raise StoreUnavailable if the store cannot answer; cheap enough for a health check."""

    def refresh(self) -> None:
        """Pick up writes made by another process, where the store needs telling."""

    def close(self) -> None:
        """Release files, locks or connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


Item = TypeVar("Item", Entity, Relation)


def _combine(
    items: Iterable[Item],
    normalise: Callable[[Item], Item],
    merge: Callable[[Item, Item], Item],
    conflicts: list[Conflict],
) -> dict[str, Item]:
    """One canonical item per id: repeated statements within a batch are merged first."""
    combined: dict[str, Item] = {}
    for item in items:
        seen = combined.get(item.id)
        try:
            combined[item.id] = normalise(item) if seen is None else merge(seen, item)
        except MergeConflict as exc:
            conflicts.append(Conflict(item.id, str(exc)))
    return combined


def _merge_stored(
    batch: dict[str, Item],
    stored: dict[str, Item],
    merge: Callable[[Item, Item], Item],
    conflicts: list[Conflict],
) -> tuple[list[Item], tuple[int, int, int]]:
    """The items to write, and how many were added, updated and unchanged."""
    changed: list[Item] = []
    added = updated = unchanged = 0
    for item_id, item in batch.items():
        old = stored.get(item_id)
        if old is None:
            changed.append(item)
            added += 1
            continue
        try:
            merged = merge(old, item)
        except MergeConflict as exc:
            conflicts.append(Conflict(item_id, str(exc)))
            continue
        if merged == old:
            unchanged += 1
        else:
            changed.append(merged)
            updated += 1
    return changed, (added, updated, unchanged)
