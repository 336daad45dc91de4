"""Neighbourhoods and paths in the embedded store, read level by level from the endpoint indexes.

Each level is one query over the covering indexes `relations_by_source` (source, type, target,
id) and `relations_by_target` (target, type, source, id): it yields (entity, relation id, type,
source, target) and never touches a table row, so no JSON is decoded while walking. Degrees
come from the `degrees` table (one row per entity, kept by the writes), so a hub costs the same
as any entity: it is counted, flagged and, past the first level, not expanded. Only the
entities and relations of the answer are decoded, each set in one query at the end.

The answers equal the generic walks of `graph.store.traversal` and `graph.store.paths`
(tests/graph/test_reads.py compares them); with `as_of` the generic walks run (they need each
relation's date and each entity's own date rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from graph import cancel
from graph.model import Entity, Relation
from graph.store import paths, traversal
from graph.store.filtering import Matcher
from graph.store.sqlite_codec import Rows, id_list

_TYPED = " AND r.type IN (SELECT value FROM json_each(?2))"
_LINKS = (
    "SELECT j.value, r.id, r.type, r.source, r.target FROM json_each(?1) j "
    "JOIN relations r INDEXED BY relations_by_source ON r.source = j.value{typed} "
    "UNION ALL "
    "SELECT j.value, r.id, r.type, r.source, r.target FROM json_each(?1) j "
    "JOIN relations r INDEXED BY relations_by_target ON r.target = j.value "
    "AND r.source != r.target{typed}"
)


class Link(NamedTuple):
    """A relation as the endpoint indexes hold it: enough to walk, nothing decoded."""

    id: str
    type: str
    source: str
    target: str


def links_of(
    rows: Rows, ids: Sequence[str], types: Sequence[str] | None
) -> dict[str, list[Link]]:
    """Each entity's relations (either direction, a loop once) as links sorted by id: one query."""
    found: dict[str, list[Link]] = {i: [] for i in ids}
    if not ids:
        return found
    sql = _LINKS.format(typed=_TYPED if types else "")
    params = (id_list(ids), id_list(sorted(set(types)))) if types else (id_list(ids),)
    for node, *link in rows(sql, params):
        found[node].append(Link(*link))
    for links in found.values():
        links.sort()
    return found


def neighbourhood(
    store: Any,
    rows: Rows,
    root: Entity,
    depth: int,
    types: list[str] | None,
    bounds: traversal.Bounds,
) -> traversal.Neighbourhood:
    """`traversal.neighbourhood` over links: the same answer, one query per level."""
    walk = traversal._Walk(found={root.id: 0}, degrees=store.degrees([root.id]))
    via: dict[str, Link] = {}
    kept: dict[str, Link] = {}
    frontier = [root.id]
    if depth > 1 and walk.degrees.get(root.id, 0) > bounds.hub_degree:
        depth, walk.truncated = 1, True  # a hub's neighbours are listed, never expanded
    for level in range(1, depth + 1):
        cancel.check()
        expand = traversal._expandable(frontier, level, root.id, walk, bounds)
        if not expand or bounds.expired():
            walk.truncated = walk.truncated or bool(expand)
            break
        found = links_of(rows, expand, types)
        walk.expanded.update(expand)
        read = [link for node in expand for link in found[node]]
        new = _reached(read, walk, bounds)
        for node in sorted(new):
            walk.found[node], via[node] = level, new[node]
        for link in read:
            if link.source in walk.found and link.target in walk.found:
                kept[link.id] = link
        frontier = sorted(new)
        walk.degrees.update(store.degrees(frontier))
    _decode(store, walk, via, kept)
    return traversal._result(root, depth, walk, bounds)


def _reached(read: list[Link], walk: traversal._Walk, bounds: traversal.Bounds) -> dict[str, Link]:
    """The entities first reached by this level's links (in link order), within `max_nodes`."""
    new: dict[str, Link] = {}
    for link in read:
        for node in (link.source, link.target):
            if node in walk.found or node in new:
                continue
            if len(walk.found) - 1 + len(new) >= bounds.max_nodes:
                walk.truncated = True
            else:
                new[node] = link
    return new


def _decode(store: Any, walk: traversal._Walk, via: dict[str, Link], kept: dict[str, Link]) -> None:
    """The answer's entities and relations, each set read and decoded in one query."""
    relations: dict[str, Relation] = store.get_relations(
        sorted({link.id for link in (*via.values(), *kept.values())})
    )
    walk.entities = store.get_entities(sorted(via))
    walk.via = {node: relations[link.id] for node, link in via.items()}
    walk.relations = {rel_id: relations[rel_id] for rel_id in kept}


# The relations between two frontiers: the scanned side's index entries are filtered in SQLite
# (no row reaches Python but the bridges), so a hub on the scanned side costs a C-level scan.
_BRIDGES = (
    "SELECT r.id, r.type, r.source, r.target FROM json_each(?1) f "
    "JOIN relations r INDEXED BY relations_by_source ON r.source = f.value{typed} "
    "WHERE r.target IN (SELECT value FROM json_each(?3)) "
    "UNION ALL "
    "SELECT r.id, r.type, r.source, r.target FROM json_each(?1) f "
    "JOIN relations r INDEXED BY relations_by_target ON r.target = f.value "
    "AND r.source != r.target{typed} WHERE r.source IN (SELECT value FROM json_each(?3))"
)


class LinkSearch(paths.PathSearch):
    """`paths.PathSearch` reading links (one query per level) instead of decoded relations.

    Its last level is a bridge: once the balls' radii add up to one hop less than the paths
    being listed, every relation of those paths but one is read already, and the missing one
    joins the two frontiers (a relation on position `rf` of a path has one end at forward
    distance `rf` and the other at backward distance `rb`). `bridge` reads exactly those
    relations, scanning in SQLite the frontier with fewer relations, instead of expanding a
    whole level (which near a hub means tens of thousands of relations).
    """

    rows: Rows
    bridged: tuple[int, int] | None = None

    def bridge(self) -> bool:
        """Add the relations between the two frontiers; whether there are any."""
        cancel.check()
        sides = (self.forward, self.backward)
        if self.bridged == (self.forward.radius, self.backward.radius):
            return True
        costs = [self.degree_of(side) for side in sides]
        scanned, other = sides if costs[0] <= costs[1] else sides[::-1]
        found = self._bridges(scanned.frontier, other.frontier)
        for link in found:
            self._adjoin(link)
        self.bridged = (self.forward.radius, self.backward.radius)
        return bool(found)

    def _bridges(self, scanned: list[str], other: list[str]) -> list[Link]:
        """The links between the entities `scanned` (read) and `other` (filtered)."""
        typed = _TYPED if self.types else ""
        return [Link(*row) for row in self.rows(_BRIDGES.format(typed=typed), (
            id_list(scanned), id_list(sorted(set(self.types or ()))), id_list(other)))]

    def _links(self, ids: list[str]) -> dict[str, list[Link]]:
        """Each entity's links, sorted by id: one query for the level."""
        return links_of(self.rows, ids, self.types)

    def _adjoin(self, link: Link) -> None:
        self.adjacent.setdefault(link.source, {})[link.id] = link  # type: ignore[assignment]
        self.adjacent.setdefault(link.target, {})[link.id] = link  # type: ignore[assignment]

    def _expand(self, side: paths._Side) -> None:
        nodes = [n for n in side.frontier if n not in self.read_from]
        found = self._links(nodes)
        for node in nodes:
            self.read_from[node] = found[node]  # type: ignore[assignment]
        links = [link for n in side.frontier for link in self.read_from[n]]
        new = sorted({e for link in links for e in (link.source, link.target)} - side.dist.keys())
        known = set(new) | side.dist.keys()
        for link in links:
            if link.source in known and link.target in known:
                self._adjoin(link)  # type: ignore[arg-type]
        side.radius += 1
        for node in new:
            side.dist[node] = side.radius
        side.frontier = new


def shortest_paths(
    store: Any,
    rows: Rows,
    source: str,
    target: str,
    max_hops: int,
    k: int,
    types: list[str] | None,
    bounds: traversal.Bounds,
) -> list[paths.Path]:
    """`paths.shortest_paths` over links; only the relations of the paths found are decoded."""
    search = LinkSearch(
        store, Matcher(store, None), types, bounds,
        paths._Side({source: 0}, [source]), paths._Side({target: 0}, [target]),
    )
    search.rows = rows
    found = _search(search, source, target, max_hops, k)
    relations = store.get_relations(sorted({link.id for path in found for link in path}))
    return [tuple(relations[link.id] for link in path) for path in found]


def _search(search: LinkSearch, source: str, target: str, max_hops: int, k: int) -> list[Any]:
    """`paths.search_paths`, the last level of each hop count read as a bridge."""
    found: list[Any] = []
    hops = 1
    while hops <= max_hops and len(found) < k:
        while not search.covers(hops - 1):
            search.grow()
        bridged = not search.covers(hops) and search.bridge()
        shortest = search.shortest()
        if shortest is None and not bridged and (search.forward.done or search.backward.done):
            break
        if bridged or (shortest is not None and shortest <= hops):
            found.extend(paths._enumerate(search, source, target, hops, k - len(found)))
        hops += 1
    return found
