"""The researchers' queries bound as methods of every store, so a store can override one.

`GraphReads` implements the `Store` contract's index helpers generically and binds each query
of `graph.store.research` (and `traversal`, `paths`, `timeline`, `aggregates`) as a method that
hands `self` to the plain function. A store overrides a method only with an equivalent answer:
the contract suite (`tests/contract/`) runs the same questions on every store. Each function's
module loads when the method is first called, so opening a store (`aikg stats`) loads none.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from graph.store.contract import GraphStats, Store

if TYPE_CHECKING:
    from graph.model import Entity, Relation
    from graph.store import aggregates, paths, timeline, traversal
    from graph.store.direction import Direction
    from graph.store.query import EntityFilter, Order, Page, RelationFilter, SortKey, Window


class GraphReads(Store):
    """Mixed into `GraphStore`: concrete, generic, deterministic read queries."""

    # The contract's index helpers, generically (a store with indexes overrides them).

    def degrees(self, ids: Sequence[str]) -> dict[str, int]:
        from graph.store import research

        return research.degrees(self, ids)

    def scan_relations(self, types: Sequence[str] | None = None) -> Iterator[Relation]:
        from graph.store import research

        return research.scan_relations(self, types)

    def entities_of_types(self, types: Sequence[str] | None = None) -> Iterator[Entity]:
        from graph.store import research

        return research.entities_of_types(self, types)

    def relations_citing(self, article_ids: Sequence[str]) -> dict[str, list[Relation]]:
        from graph.store import research

        return research.relations_citing(self, article_ids)

    def conflicted(self, first: int) -> tuple[list[Entity], list[Relation]]:
        from graph.store import research

        return research.conflicted(self, first)

    def lookup(self, keys: Sequence[str]) -> dict[str, list[str]]:
        from graph.store import research

        return research.lookup(self, keys)

    def search_hits(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, Entity]]:
        from graph.store import research

        return research.search_hits(self, text, types, limit)

    def search_keys(
        self, text: str, types: Sequence[str] | None = None, limit: int = 10
    ) -> list[tuple[SortKey, str]]:
        """`search_hits` as (rank key, entity id): a store may rank without decoding entities."""
        return [(key, entity.id) for key, entity in self.search_hits(text, types, limit)]

    def search_page(
        self, text: str, types: Sequence[str] | None, window: Window, cap: int
    ) -> Page[tuple[SortKey, str]]:
        """One window of the best `cap` hits of `search_keys` (a store may page in its index)."""
        from graph.store.keyset import page_of
        from graph.store.query import Order

        hits = self.search_keys(text, types, cap)
        return page_of(hits, lambda hit: hit[0], Order(), window)

    # Queries.

    def find_entities(
        self, flt: EntityFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Entity]:
        from graph.store import research

        return research.find_entities(self, flt, order, window, as_of)

    def find_relations(
        self, flt: RelationFilter | None, order: Order, window: Window, as_of: str | None = None
    ) -> Page[Relation]:
        from graph.store import research

        return research.find_relations(self, flt, order, window, as_of)

    def relations_matching(
        self, ids: Sequence[str], flt: RelationFilter | None, as_of: str | None = None
    ) -> dict[str, list[Relation]]:
        from graph.store import research

        return research.relations_matching(self, ids, flt, as_of)

    def neighbourhood(
        self, root: Entity, depth: int, types: list[str] | None, bounds: traversal.Bounds,
        as_of: str | None = None,
    ) -> traversal.Neighbourhood:
        """The hub-safe neighbourhood of `root` (see `graph.store.traversal`)."""
        from graph.store import traversal

        return traversal.neighbourhood(self, root, depth, types, bounds, as_of)

    def shortest_paths(
        self, source: str, target: str, max_hops: int, k: int, types: list[str] | None,
        bounds: traversal.Bounds, as_of: str | None = None,
    ) -> list[paths.Path]:
        """Up to k shortest paths between two entities (see `graph.store.paths`)."""
        from graph.store import paths

        return paths.shortest_paths(self, source, target, max_hops, k, types, bounds, as_of)

    def timeline(self, root: Entity, as_of: str | None = None) -> list[timeline.TimelineEvent]:
        """The dated events around an entity, oldest first (see `graph.store.timeline`)."""
        from graph.store import timeline

        return timeline.timeline(self, root, as_of)

    def top_entities(
        self, types: list[str], direction: Direction,
        relation_filter: RelationFilter | None = None, entity_filter: EntityFilter | None = None,
        as_of: str | None = None,
    ) -> list[aggregates.Ranked]:
        """Entities ranked by how many relations of `types` they are on the given end of."""
        from graph.store import aggregates

        return aggregates.top_entities(
            self, types, direction, relation_filter, entity_filter, as_of)

    def relation_sums(
        self, rel_type: str, prop: str, direction: Direction, split_by: str | None = None,
        relation_filter: RelationFilter | None = None, as_of: str | None = None,
    ) -> list[aggregates.Total]:
        """Sums of a numeric relation property per entity (e.g. fines per regulator)."""
        from graph.store import aggregates

        return aggregates.relation_sums(
            self, rel_type, prop, direction, split_by, relation_filter, as_of)

    def counts(
        self, entity_filter: EntityFilter | None = None,
        relation_filter: RelationFilter | None = None, as_of: str | None = None,
    ) -> GraphStats:
        """Counts by type of the matching entities and relations, as of a date."""
        from graph.store import aggregates

        return aggregates.counts(self, entity_filter, relation_filter, as_of)
