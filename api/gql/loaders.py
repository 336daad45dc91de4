"""Per-request DataLoaders: every read of a nested query is one batched store call per level."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph.model import Entity, Relation
from graph.store.base import GraphStore
from graph.store.query import RelationFilter

# An entity's relations matching a filter, as of a date: what `Entity.relations` loads.
RelationsKey = tuple[str, RelationFilter | None, str | None]


@dataclass
class Loaders:
    """The loaders of one request, built in the GraphQL context getter."""

    entities: DataLoader[str, Entity | None]
    relations: DataLoader[RelationsKey, list[Relation]]
    degrees: DataLoader[str, int]
    citing: DataLoader[str, list[Relation]]


def make_loaders(store: GraphStore) -> Loaders:
    async def load_entities(ids: list[str]) -> Sequence[Entity | None]:
        found = await asyncio.to_thread(store.get_entities, ids)
        return [found.get(i) for i in ids]

    async def load_relations(keys: list[RelationsKey]) -> Sequence[list[Relation]]:
        groups: dict[tuple[RelationFilter | None, str | None], list[str]] = defaultdict(list)
        for entity_id, flt, as_of in keys:
            groups[flt, as_of].append(entity_id)
        results: dict[RelationsKey, list[Relation]] = {}
        for (flt, as_of), ids in groups.items():
            found = await asyncio.to_thread(store.relations_matching, ids, flt, as_of)
            for entity_id in ids:
                results[entity_id, flt, as_of] = found.get(entity_id, [])
        return [results[key] for key in keys]

    async def load_degrees(ids: list[str]) -> Sequence[int]:
        found = await asyncio.to_thread(store.degrees, ids)
        return [found.get(i, 0) for i in ids]

    async def load_citing(ids: list[str]) -> Sequence[list[Relation]]:
        found = await asyncio.to_thread(store.relations_citing, ids)
        return [found.get(i, []) for i in ids]

    return Loaders(
        DataLoader(load_fn=load_entities),
        DataLoader(load_fn=load_relations),
        DataLoader(load_fn=load_degrees),
        DataLoader(load_fn=load_citing),
    )
