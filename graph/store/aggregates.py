"""Aggregates: counts by type, top entities by a relation type, sums of a numeric property."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.errors import InvalidInput
from graph.model import Entity, Relation
from graph.store.contract import GraphStats
from graph.store.direction import Direction
from graph.store.filtering import Matcher
from graph.store.query import EntityFilter, RelationFilter

if TYPE_CHECKING:
    from graph.store.contract import Store


@dataclass(frozen=True)
class Ranked:
    """An entity and how many of the counted relations it is on the given end of."""

    entity: Entity
    count: int


@dataclass(frozen=True)
class Total:
    """The sum of a numeric relation property for one entity (and one value of `split_by`)."""

    entity: Entity
    group: str | None
    total: float
    count: int


def _end(rel: Relation, direction: Direction) -> str:
    return rel.source if direction is Direction.OUT else rel.target


def _matching(
    store: Store, types: list[str], flt: RelationFilter | None, matcher: Matcher
) -> list[Relation]:
    rels = list(store.scan_relations(types))
    return [r for r, _ in matcher.relations(flt, [(r, None) for r in rels])]


def top_entities(
    store: Store,
    types: list[str],
    direction: Direction,
    relation_filter: RelationFilter | None = None,
    entity_filter: EntityFilter | None = None,
    as_of: str | None = None,
) -> list[Ranked]:
    """Entities by how many relations of `types` they are the source (OUT) or target (IN) of,
    most first (ties by id)."""
    matcher = Matcher(store, as_of)
    counts = Counter(_end(r, direction) for r in _matching(store, types, relation_filter, matcher))
    found = store.get_entities(sorted(counts))
    chosen = matcher.entities(entity_filter, [found[i] for i in sorted(found)])
    return [Ranked(e, counts[e.id]) for e in sorted(chosen, key=lambda e: (-counts[e.id], e.id))]


def check_sum(store: Store, rel_type: str, prop: str, split_by: str | None) -> None:
    declared = store.schema.relation_types[rel_type].properties
    if declared.get(prop) not in ("number", "integer"):
        numeric = sorted(k for k, v in declared.items() if v in ("number", "integer"))
        raise InvalidInput(
            f"{rel_type} has no numeric property {prop!r} (numeric: {', '.join(numeric) or 'none'})"
        )
    if split_by is not None and split_by not in declared:
        raise InvalidInput(f"{rel_type} has no property {split_by!r} to split by")


def relation_sums(
    store: Store,
    rel_type: str,
    prop: str,
    direction: Direction,
    split_by: str | None = None,
    relation_filter: RelationFilter | None = None,
    as_of: str | None = None,
) -> list[Total]:
    """Sums of `prop` over relations of `rel_type` per source (OUT) or target (IN) entity,
    split by another property (a currency), largest first; relations without it are skipped."""
    check_sum(store, rel_type, prop, split_by)
    sums: dict[tuple[str, str | None], list[float]] = defaultdict(list)
    for rel in _matching(store, [rel_type], relation_filter, Matcher(store, as_of)):
        value = rel.properties.get(prop)
        if isinstance(value, int | float) and not isinstance(value, bool):
            group = rel.properties.get(split_by) if split_by else None
            sums[_end(rel, direction), None if group is None else str(group)].append(value)
    found = store.get_entities(sorted({entity for entity, _ in sums}))
    rows = [
        Total(found[entity], group, sum(values), len(values))
        for (entity, group), values in sums.items()
        if entity in found
    ]
    return sorted(rows, key=lambda t: (-t.total, t.entity.id, t.group or ""))


def counts(
    store: Store,
    entity_filter: EntityFilter | None = None,
    relation_filter: RelationFilter | None = None,
    as_of: str | None = None,
) -> GraphStats:
    """Counts by type of the entities and relations matching the filters, as of a date."""
    if entity_filter is None and relation_filter is None and as_of is None:
        return store.stats()
    matcher = Matcher(store, as_of)
    entities = matcher.entities(entity_filter, list(store.iter_entities()))
    rels = _matching(store, [], relation_filter, matcher)
    by_entity = Counter(e.type for e in entities)
    by_relation = Counter(r.type for r in rels)
    return GraphStats(
        len(entities), len(rels), dict(sorted(by_entity.items())), dict(sorted(by_relation.items()))
    )
