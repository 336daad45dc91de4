"""Hub-safe neighbourhoods: breadth-first, one batched read per level, hubs flagged not expanded.

A hub is an entity with more relations than `hub_degree`. The root is always expanded one
level (its neighbours are what was asked for); a hub is never expanded further (a hub root's
neighbours are not expanded either), and the number of neighbours and of relations read are
bounded; `truncated` says a bound was hit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph import cancel
from graph.model import Entity, Relation
from graph.store.filtering import Matcher
from graph.store.periods import relation_visible

if TYPE_CHECKING:
    from graph.store.contract import Store


@dataclass(frozen=True)
class Bounds:
    """How far a traversal may go before it stops and says so."""

    hub_degree: int = 500
    max_nodes: int = 5000
    max_relations: int = 50_000
    deadline: float | None = None  # time.monotonic() value

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline


@dataclass(frozen=True)
class Neighbour:
    """An entity found around the root, how far, the relation that reached it, its degree."""

    entity: Entity
    distance: int
    via: Relation
    degree: int
    hub: bool
    expanded: bool


@dataclass
class Neighbourhood:
    """Everything found, sorted by (distance, id), with the relations read between them."""

    root: Entity
    root_degree: int
    depth: int
    neighbours: list[Neighbour] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    truncated: bool = False


@dataclass
class _Walk:
    found: dict[str, int]
    via: dict[str, Relation] = field(default_factory=dict)
    degrees: dict[str, int] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    expanded: set[str] = field(default_factory=set)
    truncated: bool = False


def neighbourhood(
    store: Store,
    root: Entity,
    depth: int,
    types: list[str] | None,
    bounds: Bounds,
    as_of: str | None = None,
) -> Neighbourhood:
    """The entities within `depth` relations of `root` (following `types` only, if given)."""
    walk = _Walk(found={root.id: 0}, degrees=store.degrees([root.id]))
    matcher = Matcher(store, as_of)
    frontier = [root.id]
    if depth > 1 and walk.degrees.get(root.id, 0) > bounds.hub_degree:
        depth, walk.truncated = 1, True  # a hub's neighbours are listed, never expanded
    for level in range(1, depth + 1):
        cancel.check()
        expand = _expandable(frontier, level, root.id, walk, bounds)
        if not expand or bounds.expired():
            walk.truncated = walk.truncated or bool(expand)
            break
        frontier = _step(store, matcher, expand, level, types, walk, bounds)
    return _result(root, depth, walk, bounds)


def _expandable(
    frontier: list[str], level: int, root: str, walk: _Walk, bounds: Bounds
) -> list[str]:
    """The frontier nodes to expand: not hubs (the root once), within the relation budget."""
    chosen, budget = [], bounds.max_relations
    for node in sorted(frontier):
        degree = walk.degrees.get(node, 0)
        if degree > bounds.hub_degree and not (node == root and level == 1):
            continue
        if degree > budget:
            walk.truncated = True
            break
        budget -= degree
        chosen.append(node)
    return chosen


def _step(
    store: Store,
    matcher: Matcher,
    expand: list[str],
    level: int,
    types: list[str] | None,
    walk: _Walk,
    bounds: Bounds,
) -> list[str]:
    """Expand one level: one read of relations, entities and degrees for the whole frontier."""
    found = store.relations_of(expand, None, types)
    walk.expanded.update(expand)
    read = [r for n in expand for r in found.get(n, []) if relation_visible(r, matcher.as_of)]
    new: dict[str, Relation] = {}
    for rel in read:
        for node in (rel.source, rel.target):
            if node in walk.found or node in new:
                continue
            if len(walk.found) - 1 + len(new) >= bounds.max_nodes:
                walk.truncated = True
            else:
                new[node] = rel
    entities = store.get_entities(sorted(new))
    shown = {e.id for e in matcher.visible(list(entities.values()))}
    for node in sorted(shown):
        walk.found[node], walk.via[node], walk.entities[node] = level, new[node], entities[node]
    for rel in read:
        if rel.source in walk.found and rel.target in walk.found:
            walk.relations[rel.id] = rel
    walk.degrees.update(store.degrees(sorted(shown)))
    return sorted(shown)


def _result(root: Entity, depth: int, walk: _Walk, bounds: Bounds) -> Neighbourhood:
    neighbours = [
        Neighbour(
            entity=walk.entities[node],
            distance=distance,
            via=walk.via[node],
            degree=walk.degrees.get(node, 0),
            hub=walk.degrees.get(node, 0) > bounds.hub_degree,
            expanded=node in walk.expanded,
        )
        for node, distance in sorted(walk.found.items(), key=lambda kv: (kv[1], kv[0]))
        if node != root.id
    ]
    relations = sorted(walk.relations.values(), key=lambda r: r.id)
    return Neighbourhood(
        root, walk.degrees.get(root.id, 0), depth, neighbours, relations, walk.truncated
    )
