"""What to export: the whole graph, or part of it, read from any store through its interface."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.dates import parse_partial_date
from graph.errors import InvalidInput, NotFound
from graph.export.vocabulary import date_span, edge_attributes, node_attributes
from graph.model import Entity, Relation
from graph.schema import Schema
from graph.store.base import GraphStore, Progress

Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]
T = TypeVar("T")
PROGRESS_STEP = 10_000
BATCH = 1000


@dataclass(frozen=True)
class Selection:
    """Filters, all optional: entity types, relation types, a date range, a neighbourhood.

    Relations are kept when their type is listed, their date overlaps [since, until] (undated
    relations drop out once a range is given) and both their ends are kept. Entities are kept
    by type; with `around`, only those within `hops` relations of it (over kept relations).
    """

    types: tuple[str, ...] = ()
    relation_types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    around: str | None = None
    hops: int = 1

    def checked(self, schema: Schema) -> Selection:
        """This selection, or InvalidInput naming the unknown type or the bad date."""
        _known("entity type", self.types, schema.entity_types)
        _known("relation type", self.relation_types, schema.relation_types)
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None:
                try:
                    parse_partial_date(value)
                except ValueError as exc:
                    raise InvalidInput(f"{name}: {exc}") from None
        if self.hops < 0:
            raise InvalidInput(f"hops must be 0 or more, got {self.hops}")
        return self

    def keeps_relation(self, relation: Relation) -> bool:
        """The relation's type and date pass (its ends are checked separately)."""
        if self.relation_types and relation.type not in self.relation_types:
            return False
        if self.since is None and self.until is None:
            return True
        start, end = date_span(relation.date)
        if not start:
            return False
        after = self.since is None or end >= date_span(self.since)[0]
        return after and (self.until is None or start <= date_span(self.until)[1])

    def keeps_entity(self, entity: Entity) -> bool:
        return not self.types or entity.type in self.types


def _known(what: str, names: Iterable[str], declared: dict[str, Any]) -> None:
    unknown = sorted(set(names) - set(declared))
    if unknown:
        raise InvalidInput(
            f"unknown {what} {', '.join(unknown)} (known: {', '.join(sorted(declared))})"
        )


class GraphExport:
    """A selection resolved against a store: its entities and relations, in id order."""

    def __init__(self, store: GraphStore, selection: Selection | None = None) -> None:
        self.store = store
        self.selection = (selection or Selection()).checked(store.schema)
        self.start = self._resolve_start()
        self.entities_written = self.relations_written = 0

    def _resolve_start(self) -> str | None:
        around = self.selection.around
        if around is None:
            return None
        found = self.store.resolve([around]).get(around)
        if found is None:
            raise NotFound(f"no entity with id {around!r}; find ids with `aikg stats` or search")
        return found

    @functools.cached_property
    def node_ids(self) -> frozenset[str] | None:
        """The kept entity ids, or None when every entity is kept."""
        if self.start is not None:
            return frozenset(self._neighbourhood(self.start))
        if self.selection.types:
            return frozenset(e.id for e in self.store.iter_entities() if self._keeps(e))
        return None

    def _keeps(self, entity: Entity) -> bool:
        return self.selection.keeps_entity(entity)

    def _neighbourhood(self, start: str) -> set[str]:
        """Breadth-first over kept relations, one store call per hop for the whole frontier."""
        seen, frontier = {start}, [start]
        types = list(self.selection.relation_types) or None
        for _ in range(self.selection.hops):
            found = self.store.relations_of(frontier, types=types)
            ends = {
                end
                for rels in found.values()
                for r in rels
                if self.selection.keeps_relation(r)
                for end in (r.source, r.target)
            }
            fresh = self.store.get_entities(sorted(ends - seen))
            frontier = sorted(i for i, e in fresh.items() if self._keeps(e))
            seen.update(frontier)
            if not frontier:
                break
        return seen

    def entities(self) -> Iterator[Entity]:
        """The kept entities, in id order, counted in `entities_written` as they go by."""
        for entity in self._entities():
            self.entities_written += 1
            yield entity

    def relations(self) -> Iterator[Relation]:
        """The kept relations, in id order, counted in `relations_written` as they go by."""
        for relation in self._relations():
            self.relations_written += 1
            yield relation

    def _entities(self) -> Iterator[Entity]:
        ids = self.node_ids
        if self.start is None or ids is None:
            yield from (e for e in self.store.iter_entities() if ids is None or e.id in ids)
            return
        for batch in _batches(sorted(ids), BATCH):
            found = self.store.get_entities(batch)
            yield from (found[i] for i in batch if i in found)

    def _relations(self) -> Iterator[Relation]:
        ids, keeps = self.node_ids, self.selection.keeps_relation
        if self.start is None or ids is None:
            for r in self.store.iter_relations():
                if keeps(r) and (ids is None or (r.source in ids and r.target in ids)):
                    yield r
            return
        yield from sorted(self._relations_among(ids), key=lambda r: r.id)

    def _relations_among(self, ids: frozenset[str]) -> Iterator[Relation]:
        types = list(self.selection.relation_types) or None
        seen: set[str] = set()
        for batch in _batches(sorted(ids), BATCH):
            for rels in self.store.relations_of(batch, types=types).values():
                for r in rels:
                    if r.id in seen or r.source not in ids or r.target not in ids:
                        continue
                    seen.add(r.id)
                    if self.selection.keeps_relation(r):
                        yield r

    def nodes(self, progress: Progress | None = None) -> Iterator[Node]:
        """(id, attributes) per kept entity, in the export vocabulary."""
        return counted(((e.id, node_attributes(e)) for e in self.entities()), progress)

    def edges(self, progress: Progress | None = None) -> Iterator[Edge]:
        """(source, target, key, attributes) per kept relation; the key is the relation id."""
        items = ((r.source, r.target, r.id, edge_attributes(r)) for r in self.relations())
        return counted(items, progress)

    def estimate(self) -> int:
        """Entities plus relations, exactly for the whole graph, an upper bound otherwise."""
        stats = self.store.stats()
        ids = self.node_ids
        rel_types = self.selection.relation_types
        relations = (
            sum(stats.relation_types.get(t, 0) for t in rel_types)
            if rel_types
            else stats.relations
        )
        return (stats.entities if ids is None else len(ids)) + relations


def counted(items: Iterable[T], progress: Progress | None) -> Iterator[T]:
    """Pass items through, telling `progress` how many went by every PROGRESS_STEP."""
    if progress is None:
        yield from items
        return
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        if done % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
    if done % PROGRESS_STEP:
        progress(done % PROGRESS_STEP)


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

