"""Paths on Neo4j: the embedded store's link search (graph/store/sqlite_walk.py) over Cypher.

The bidirectional search of `graph.store.paths` reads, per level, one statement: the
frontier's relations as links (`links_around`: ids, types and ends, no property decoded),
capped at the budget, with the degree of each entity reached (a degree look-up on the node:
a hub is counted, never expanded past the budget), which prices the next level; the last
hop of each length is a bridge (`links_between`) read from the frontier with fewer
relations. Only the relations of the paths found are decoded, in one statement at the end.
The answer equals the generic search's (tests/contract/test_neo4j_reads.py compares them);
with `as_of` the generic search runs.
"""

from __future__ import annotations

from typing import Any

from graph.store import paths, sqlite_walk
from graph.store.filtering import Matcher
from graph.store.sqlite_walk import Link
from graph.store.traversal import Bounds
from queries.neo4j_rows import Neo4jRows


class CypherLinkSearch(sqlite_walk.LinkSearch):
    """`LinkSearch` whose levels and bridges are Cypher statements."""

    neo4j: Neo4jRows
    known: dict[str, int]  # degrees read so far (each level's statement returns the next's)

    def degree_of(self, side: paths._Side) -> int:
        missing = [n for n in side.frontier if n not in self.known]
        if missing:
            self.known.update(self.store.degrees(missing))
        return sum(self.known[n] for n in side.frontier)

    def _bridges(self, scanned: list[str], other: list[str]) -> list[Link]:
        found = self.neo4j._read("links_between", scanned=scanned, other=other,
                                 types=sorted(set(self.types or ())))
        return [_link(record) for record in found]

    def _links(self, ids: list[str]) -> dict[str, list[Link]]:
        """Each entity's links, sorted by id: one statement capped at the budget."""
        cap = self.bounds.max_relations
        found: dict[str, dict[str, Link]] = {i: {} for i in ids}
        if not ids:
            return {}
        records = self.neo4j._read("links_around", ids=ids, types=sorted(set(self.types or ())),
                                   limit=cap + 1)
        if len(records) > cap:  # the degrees said otherwise: written to meanwhile
            raise paths.PathBoundsExceeded(
                f"path search stopped: one level holds more than {cap} relations "
                "(AIKG_TRAVERSAL_BUDGET); lower maxHops or restrict the relation types"
            )
        for record in records:
            found[record["entity"]][record["id"]] = _link(record)
            self.known[record["reached"]] = record["degree"]
        return {i: sorted(links.values()) for i, links in found.items()}


def _link(record: Any) -> Link:
    return Link(record["id"], record["type"], record["source"], record["target"])


def shortest_paths(
    store: Neo4jRows,
    source: str,
    target: str,
    max_hops: int,
    k: int,
    types: list[str] | None,
    bounds: Bounds,
) -> list[paths.Path]:
    """`paths.shortest_paths` over links; only the relations of the paths found are decoded."""
    if source == target:
        return []
    search = CypherLinkSearch(
        store, Matcher(store, None), types, bounds,
        paths._Side({source: 0}, [source]), paths._Side({target: 0}, [target]),
    )
    search.neo4j, search.known = store, store.degrees([source, target])
    found = sqlite_walk._search(search, source, target, max_hops, k)
    relations = store.get_relations(sorted({link.id for path in found for link in path}))
    return [tuple(relations[link.id] for link in path) for path in found]
