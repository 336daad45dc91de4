"""Up to k shortest paths between two entities: bidirectional BFS, one batched read per level.

Relations are followed in either direction. Each side is expanded a level at a time (the
side with fewer relations to read first) until the two balls together reach the hop count
being enumerated; every path of that length then lies in the relations read, and a
depth-first walk lists them in order of their relation ids. Paths come out sorted by
(length, relation ids), so every store gives the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph import cancel
from graph.errors import InvalidInput
from graph.model import Relation
from graph.store.filtering import CHECK_EVERY, Matcher
from graph.store.periods import relation_visible
from graph.store.traversal import Bounds

if TYPE_CHECKING:
    from graph.store.contract import Store

Path = tuple[Relation, ...]
UNREACHABLE = 1 << 30


@dataclass
class _Side:
    """One search ball: distance of every node seen, the frontier, and whether it is exhausted."""

    dist: dict[str, int]
    frontier: list[str]
    radius: int = 0

    @property
    def done(self) -> bool:
        return not self.frontier

    def bound(self, node: str) -> int:
        """A lower bound on the distance of `node` from this side's start."""
        if node in self.dist:
            return self.dist[node]
        return UNREACHABLE if self.done else self.radius + 1


@dataclass
class PathSearch:
    """State of one search: both balls, every relation read (by endpoint), the work done."""

    store: Store
    matcher: Matcher
    types: list[str] | None
    bounds: Bounds
    forward: _Side
    backward: _Side
    adjacent: dict[str, dict[str, Relation]] = field(default_factory=dict)
    read: int = 0
    read_from: dict[str, list[Relation]] = field(default_factory=dict)

    def degree_of(self, side: _Side) -> int:
        return sum(self.store.degrees(side.frontier).values())

    def grow(self) -> None:
        """Expand the cheaper side by one level, or stop with a clear error past the bounds."""
        cancel.check()
        sides = [s for s in (self.forward, self.backward) if not s.done]
        costs = [(self.degree_of(s), i) for i, s in enumerate(sides)]
        cost, index = min(costs)
        if self.read + cost > self.bounds.max_relations or self.bounds.expired():
            raise PathBoundsExceeded(
                f"path search stopped: it read {self.read} relations and the next level "
                f"needs {cost} more (limit {self.bounds.max_relations}, or the time limit "
                "was reached); lower maxHops or restrict the relation types"
            )
        self._expand(sides[index])
        self.read += cost

    def _expand(self, side: _Side) -> None:
        nodes = [n for n in side.frontier if n not in self.read_from]
        found = self.store.relations_of(nodes, None, self.types) if nodes else {}
        as_of = self.matcher.as_of
        for node in nodes:
            rels = found.get(node, [])
            self.read_from[node] = rels if as_of is None else [
                r for r in rels if relation_visible(r, as_of)
            ]
        rels = [r for n in side.frontier for r in self.read_from[n]]
        new = sorted({e for r in rels for e in (r.source, r.target)} - side.dist.keys())
        shown = set(new)
        if self.matcher.as_of is not None:
            entities = self.store.get_entities(new)
            shown = {e.id for e in self.matcher.visible(list(entities.values()))}
        known = shown | side.dist.keys()
        for rel in rels:
            if rel.source in known and rel.target in known:
                self.adjacent.setdefault(rel.source, {})[rel.id] = rel
                self.adjacent.setdefault(rel.target, {})[rel.id] = rel
        side.radius += 1
        for node in sorted(shown):
            side.dist[node] = side.radius
        side.frontier = sorted(shown)

    def shortest(self) -> int | None:
        meet = set(self.forward.dist) & set(self.backward.dist)
        if not meet:
            return None
        return min(self.forward.dist[n] + self.backward.dist[n] for n in meet)

    def covers(self, hops: int) -> bool:
        """Whether every path of `hops` relations lies within the relations read so far."""
        return (
            self.forward.done or self.backward.done
            or self.forward.radius + self.backward.radius >= hops
        )


class PathBoundsExceeded(InvalidInput):
    """A path search would read more relations than allowed, or ran out of time."""


def shortest_paths(
    store: Store,
    source: str,
    target: str,
    max_hops: int,
    k: int,
    types: list[str] | None,
    bounds: Bounds,
    as_of: str | None = None,
) -> list[Path]:
    """Up to `k` paths of at most `max_hops` relations, shortest first; [] if there is none."""
    if source == target:
        return []
    search = PathSearch(
        store, Matcher(store, as_of), types, bounds,
        _Side({source: 0}, [source]), _Side({target: 0}, [target]),
    )
    paths: list[Path] = []
    hops = 1
    while hops <= max_hops and len(paths) < k:
        while not search.covers(hops):
            search.grow()
        shortest = search.shortest()
        if shortest is None and (search.forward.done or search.backward.done):
            break
        if shortest is not None and shortest <= hops:
            paths.extend(_enumerate(search, source, target, hops, k - len(paths)))
        hops += 1
    return paths


def _enumerate(search: PathSearch, source: str, target: str, hops: int, k: int) -> list[Path]:
    """Simple paths of exactly `hops` relations, in order of their relation ids."""
    found: list[Path] = []
    steps: list[Relation] = []
    on_path = {source}
    budget = [search.bounds.max_relations]
    ordered: dict[str, list[Relation]] = {}  # each node's relations by id, sorted once

    def around(node: str) -> list[Relation]:
        if node not in ordered:
            rels = search.adjacent.get(node, {})
            ordered[node] = [rels[rel_id] for rel_id in sorted(rels)]
        return ordered[node]

    def walk(node: str) -> None:
        if len(found) >= k:
            return
        remaining = hops - len(steps)
        if remaining == 0:
            if node == target:
                found.append(tuple(steps))
            return
        for rel in around(node):
            budget[0] -= 1
            if budget[0] % CHECK_EVERY == 0:
                cancel.check()
            if budget[0] < 0:
                raise PathBoundsExceeded(
                    f"path search stopped after {search.bounds.max_relations} steps listing "
                    f"paths of {hops} relations; ask for fewer paths or restrict the types"
                )
            nxt = rel.target if rel.source == node else rel.source
            if nxt in on_path or search.backward.bound(nxt) > remaining - 1:
                continue
            steps.append(rel)
            on_path.add(nxt)
            walk(nxt)
            on_path.discard(nxt)
            steps.pop()

    walk(source)
    return found
