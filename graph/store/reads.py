"""The researchers' queries, built on the store primitives; a store may override any of them.

Every method here works on any `GraphStore` through its batched primitives (`get_entities`,
`resolve`, `relations_of`, `search`, `iter_entities`, `iter_relations`...). The helpers at
the top (`degrees`, `scan_relations`, `relations_citing`, `entities_of_types`, `lookup`,
`search_hits`) are where a store with indexes gains most: the embedded store overrides them,
a Neo4j store can answer them, or anything below, with Cypher. Results are always sorted, so
two stores can be compared row for row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, cast

from graph.model import Entity, Relation
from graph.store import aggregates, lookup, paths, timeline, traversal
from graph.store.direction import Direction
from graph.store.filtering import Matcher
from graph.store.keyset import entity_key, page_of, relation_key
from graph.store.periods import date_properties
from graph.store.query import EntityFilter, Order, Page, RelationFilter, SortKey, Window
from graph.store.search_index import TIER_TYPO, allowed_typos, entity_rank_key, tokens

if TYPE_CHECKING:
    from graph.store.base import GraphStats, GraphStore

TYPO_CANDIDATES = 10_000  # names checked for typos by the generic search


class GraphReads:
    """Mixed into `GraphStore`: concrete, generic, deterministic read queries."""

    @property
    def _store(self) -> GraphStore:
        return cast("GraphStore", self)

    # Helpers a store with indexes should override.

    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        """How many relations each entity has (in and out, all types)."""
        found = self._store.relations_of(ids)
        return {i: len(found.get(i, [])) for i in ids}

    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        """Every relation of these types (all when none), in id order."""
        wanted = set(types or ())
        return (r for r in self._store.iter_relations() if not wanted or r.type in wanted)

    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        """Every entity of these types (all when none), in id order."""
        wanted = set(types or ())
        return (e for e in self._store.iter_entities() if not wanted or e.type in wanted)

    def relations_citing(self, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
        """The relations whose evidence cites each article, sorted by id."""
        wanted = set(article_ids)
        found: dict[str, list[Relation]] = {a: [] for a in article_ids}
        for rel in self._store.iter_relations():
            for article in sorted({e.article for e in rel.evidence if e.article in wanted}):
                found[str(article)].append(rel)
        return found

    def conflicted(self, first: int) -> tuple[list[Entity], list[Relation]]:
        """Up to `first` entities and relations whose sources disagree, entities first, by id."""
        entities = list(islice((e for e in self._store.iter_entities() if e.conflicts), first))
        rest = first - len(entities)
        relations = list(islice((r for r in self._store.iter_relations() if r.conflicts), rest))
        return entities, relations

    def lookup(self, keys: Sequence[str]) -> dict[str, list[str]]:
        """The entity ids each key names: an id or merged id, else an external id, else a name."""
        return lookup.generic_lookup(self._store, keys)

    def search_hits(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        """Search results with their rank keys (`search_index.rank_key`), best first."""
        store = self._store
        hits = store.search(text, types, limit) or _typo_candidates(store, text, types)
        return sorted((entity_rank_key(text, e), e) for e in hits)[:limit]

    def search_keys(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, str]]:
        """`search_hits` as (rank key, entity id): a store may rank without decoding entities."""
        return [(key, entity.id) for key, entity in self.search_hits(text, types, limit)]

    # Queries.

    def find_entities(
        self, flt: EntityFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Entity]:
        """A window of the entities matching `flt`, sorted by `order`, with the total count."""
        store = self._store
        if flt is not None and flt.ids:
            found = store.get_entities(sorted(set(flt.ids)))
            pool = [found[i] for i in sorted(found)]
        else:
            pool = list(store.entities_of_types(flt.types if flt else None))
        matched = Matcher(store, as_of).entities(flt, pool)
        return page_of(matched, entity_key(order, date_properties(store.schema)), order, window)

    def find_relations(
        self, flt: RelationFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Relation]:
        """A window of all relations matching `flt`, sorted by `order`, with the total count."""
        store = self._store
        pool = _relation_candidates(store, flt)
        matched = [r for r, _ in Matcher(store, as_of).relations(flt, [(r, None) for r in pool])]
        return page_of(matched, relation_key(order), order, window)

    def relations_matching(
        self, ids: Sequence[str], flt: RelationFilter | None, as_of: str | None = None
    ) -> dict[str, list[Relation]]:
        """Each entity's relations matching `flt` (sorted by id), for many entities at once."""
        types = list(flt.types) if flt and flt.types else None
        found = self._store.relations_of(ids, flt.direction if flt else None, types)
        items = [(r, i) for i in ids for r in found.get(i, [])]
        result: dict[str, list[Relation]] = {i: [] for i in ids}
        for rel, seen_from in Matcher(self._store, as_of).relations(flt, items):
            result[str(seen_from)].append(rel)
        return result

    def neighbourhood(
        self,
        root: Entity,
        depth: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> traversal.Neighbourhood:
        """The hub-safe neighbourhood of `root` (see `graph.store.traversal`)."""
        return traversal.neighbourhood(self._store, root, depth, types, bounds, as_of)

    def shortest_paths(
        self,
        source: str,
        target: str,
        max_hops: int,
        k: int,
        types: list[str] | None,
        bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> list[paths.Path]:
        """Up to k shortest paths between two entities (see `graph.store.paths`)."""
        return paths.shortest_paths(
            self._store, source, target, max_hops, k, types, bounds, as_of
        )

    def timeline(self, root: Entity, as_of: str | None = None) -> list[timeline.TimelineEvent]:
        """The dated events around an entity, oldest first (see `graph.store.timeline`)."""
        return timeline.timeline(self._store, root, as_of)

    def top_entities(
        self,
        types: list[str],
        direction: Direction,
        relation_filter: RelationFilter | None = None,
        entity_filter: EntityFilter | None = None,
        as_of: str | None = None,
    ) -> list[aggregates.Ranked]:
        """Entities ranked by how many relations of `types` they are on the given end of."""
        return aggregates.top_entities(
            self._store, types, direction, relation_filter, entity_filter, as_of
        )

    def relation_sums(
        self,
        rel_type: str,
        prop: str,
        direction: Direction,
        split_by: str | None = None,
        relation_filter: RelationFilter | None = None,
        as_of: str | None = None,
    ) -> list[aggregates.Total]:
        """Sums of a numeric relation property per entity (e.g. fines per regulator)."""
        return aggregates.relation_sums(
            self._store, rel_type, prop, direction, split_by, relation_filter, as_of
        )

    def counts(
        self,
        entity_filter: EntityFilter | None = None,
        relation_filter: RelationFilter | None = None,
        as_of: str | None = None,
    ) -> GraphStats:
        """Counts by type of the matching entities and relations, as of a date."""
        return aggregates.counts(self._store, entity_filter, relation_filter, as_of)


def _relation_candidates(store: GraphStore, flt: RelationFilter | None) -> list[Relation]:
    """Relations that may match: by id, by a given endpoint id, else by type."""
    if flt is None:
        return list(store.scan_relations())
    if flt.ids:
        found = store.get_relations(sorted(set(flt.ids)))
        return [found[i] for i in sorted(found)]
    types = list(flt.types) or None
    for end, direction in ((flt.source, Direction.OUT), (flt.target, Direction.IN)):
        if end is not None and end.ids:
            by_end = store.relations_of(sorted(set(end.ids)), direction, types)
            return sorted({r.id: r for rs in by_end.values() for r in rs}.values(), key=_rid)
    return list(store.scan_relations(types))


def _typo_candidates(store: GraphStore, text: str, types: Sequence[str] | None) -> list[Entity]:
    """When nothing matches: entities whose names match with typos, searched by the first two
    letters of each long word (a store with a fuzzy index should override `search_hits`)."""
    words = tokens(text)
    stems = [w[:2] if allowed_typos(w) else w for w in words]
    candidates = store.search(" ".join(stems), types, TYPO_CANDIDATES) if words else []
    return [e for e in candidates if entity_rank_key(text, e)[0] <= str(TIER_TYPO)]


def _rid(rel: Relation) -> str:
    return rel.id
