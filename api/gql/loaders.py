"""Per-request DataLoaders: every read of a nested query is one batched store call per level."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph.model import Entity, Relation
from graph.store.base import Direction, GraphStore

RelationsKey = tuple[str, Direction | None, tuple[str, ...]]


@dataclass
class Loaders:
    """The loaders of one request, built in the GraphQL context getter."""

    entities: DataLoader[str, Entity | None]
    relations: DataLoader[RelationsKey, list[Relation]]


def make_loaders(store: GraphStore) -> Loaders:
    async def load_entities(ids: list[str]) -> Sequence[Entity | None]:
        found = await asyncio.to_thread(store.get_entities, ids)
        return [found.get(i) for i in ids]

    async def load_relations(keys: list[RelationsKey]) -> Sequence[list[Relation]]:
        groups: dict[tuple[Direction | None, tuple[str, ...]], list[str]] = defaultdict(list)
        for entity_id, direction, types in keys:
            groups[direction, types].append(entity_id)
        results: dict[RelationsKey, list[Relation]] = {}
        for (direction, types), ids in groups.items():
            found = await asyncio.to_thread(store.relations_of, ids, direction, list(types) or None)
            for entity_id in ids:
                results[entity_id, direction, types] = found.get(entity_id, [])
        return [results[key] for key in keys]

    return Loaders(DataLoader(load_fn=load_entities), DataLoader(load_fn=load_relations))
