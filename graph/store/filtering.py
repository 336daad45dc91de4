"""Filters evaluated over batches: one store call per nesting level, whatever the batch size."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from graph import cancel
from graph.errors import InvalidInput
from graph.model import Entity, Relation
from graph.store.direction import Direction
from graph.store.periods import date_properties, entity_date, entity_visible, relation_visible
from graph.store.query import (
    EntityFilter,
    EvidenceMatch,
    PropertyMatch,
    Quantifier,
    RelationExists,
    RelationFilter,
)

if TYPE_CHECKING:
    from graph.store.contract import Store

Seen = tuple[Relation, str | None]  # a relation and the entity it was listed from, if any
PUBLISHED = "PUBLISHED"
CHECK_EVERY = 512  # rows between two looks at the deadline (graph.cancel)
T = TypeVar("T")


def checked(items: Iterable[T]) -> Iterator[T]:
    """The items, stopping with Cancelled once the request's deadline has passed."""
    for number, item in enumerate(items):
        if number % CHECK_EVERY == 0:
            cancel.check()
        yield item


def other_end(relation: Relation, seen_from: str) -> str:
    return relation.target if relation.source == seen_from else relation.source


def _number(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else None


def property_matches(match: PropertyMatch, props: Mapping[str, Any]) -> bool:
    """Whether a declared property satisfies every condition of `match`."""
    if match.key not in props:
        return match.exists is False
    value = props[match.key]
    values = value if isinstance(value, list) else [value]
    return (
        match.exists is not False
        and _in_bounds(_number(value), match)
        and (match.equals is None or _same(match.equals, values))
        and (not match.any_of or _any_of(match, values))
        and (match.text is None or any(match.text.matches(str(v)) for v in values))
        and (match.date is None or match.date.matches(str(value)))
    )


def _any_of(match: PropertyMatch, values: list[Any]) -> bool:
    texts, others = match.any_of_compiled
    return any(
        (isinstance(v, str) and v.casefold() in texts) or _same_value(v, others) for v in values
    )


def _same_value(value: Any, wanted: tuple[Any, ...]) -> bool:
    return any(value == w and isinstance(value, bool) == isinstance(w, bool) for w in wanted)


def _in_bounds(number: float | None, m: PropertyMatch) -> bool:
    if all(bound is None for bound in (m.gt, m.gte, m.lt, m.lte)):
        return True
    return number is not None and (
        (m.gt is None or number > m.gt)
        and (m.gte is None or number >= m.gte)
        and (m.lt is None or number < m.lt)
        and (m.lte is None or number <= m.lte)
    )


def _same(wanted: Any, values: list[Any]) -> bool:
    if isinstance(wanted, str):
        return any(isinstance(v, str) and v.casefold() == wanted.casefold() for v in values)
    return any(v == wanted and isinstance(v, bool) == isinstance(wanted, bool) for v in values)


def entity_matches_locally(flt: EntityFilter, entity: Entity, dates: Mapping[str, str]) -> bool:
    """The conditions of `flt` that need nothing but the entity itself."""
    return (
        (not flt.ids or entity.id in flt.id_set)
        and (not flt.types or entity.type in flt.types)
        and all(label in entity.labels for label in flt.labels)
        and (flt.name is None or flt.name.matches(entity.name))
        and (flt.name_or_alias is None or flt.name_or_alias.matches_any(
            (entity.name, *entity.aliases)))
        and (flt.date is None or flt.date.matches(entity_date(entity, dates)))
        and all(property_matches(p, entity.properties) for p in flt.properties)
        and (flt.external_id is None or flt.external_id.matches_any(
            [*entity.external_ids.values(), *(f"{k}:{v}" for k, v in entity.external_ids.items())]))
    )


class Matcher:
    """Evaluates entity and relation filters for one request, hiding what `as_of` hides."""

    def __init__(self, store: Store, as_of: str | None = None) -> None:
        self.store = store
        self.as_of = as_of
        self.dates = date_properties(store.schema)

    def visible(self, entities: Sequence[Entity]) -> list[Entity]:
        return [e for e in entities if entity_visible(e, self.dates, self.as_of)]

    def entities(self, flt: EntityFilter | None, pool: Sequence[Entity]) -> list[Entity]:
        """The entities of `pool` (in its order) that are visible and match `flt`."""
        shown = self.visible(pool)
        if flt is None:
            return shown
        keep = self._entity_ids(flt, shown)
        return [e for e in shown if e.id in keep]

    def _entity_ids(self, flt: EntityFilter, pool: Sequence[Entity]) -> set[str]:
        found = [e for e in checked(pool) if entity_matches_locally(flt, e, self.dates)]
        for condition in flt.has_relation:
            keep = self._has_relation(condition, found) if found else set()
            found = [e for e in found if e.id in keep]
        for sub in flt.all_of:
            keep = self._entity_ids(sub, found)
            found = [e for e in found if e.id in keep]
        if flt.any_of:
            keep = set().union(*(self._entity_ids(sub, found) for sub in flt.any_of))
            found = [e for e in found if e.id in keep]
        if flt.not_ is not None:
            drop = self._entity_ids(flt.not_, found)
            found = [e for e in found if e.id not in drop]
        return {e.id for e in found}

    def _ends(self, ids: Sequence[str], flt: EntityFilter | None) -> tuple[set[str] | None, ...]:
        """Of these entity ids: those visible as of the date, and those matching `flt`."""
        if flt is None and self.as_of is None:
            return None, None
        found = self.store.get_entities(sorted(set(ids)))
        shown = self.visible([found[i] for i in sorted(found)])
        wanted = None if flt is None else self._entity_ids(flt, shown)
        return {e.id for e in shown}, wanted

    def _has_relation(self, condition: RelationExists, pool: Sequence[Entity]) -> set[str]:
        types = list(condition.types) or None
        rels = self.store.relations_of([e.id for e in pool], condition.direction, types)
        others = [other_end(r, e.id) for e in pool for r in rels.get(e.id, [])]
        shown, wanted = self._ends(others, condition.other)
        keep: set[str] = set()
        for entity in pool:
            listed = [
                r for r in rels.get(entity.id, [])
                if relation_visible(r, self.as_of)
                and (shown is None or other_end(r, entity.id) in shown)
            ]
            hits = sum(
                1 for r in listed
                if (condition.date is None or condition.date.matches(r.date))
                and (wanted is None or other_end(r, entity.id) in wanted)
            )
            if _quantified(condition, hits, len(listed)):
                keep.add(entity.id)
        return keep

    def relations(self, flt: RelationFilter | None, items: Sequence[Seen]) -> list[Seen]:
        """The items (in order) whose relation is visible and matches `flt`."""
        ends: dict[str, Entity] = {}
        if self.as_of is not None or (flt is not None and _needs_ends(flt)):
            ids = {end for rel, _ in items for end in (rel.source, rel.target)}
            ends = self.store.get_entities(sorted(ids))
        shown = [
            item for item in items
            if relation_visible(item[0], self.as_of)
            and (self.as_of is None or all(
                e in ends and entity_visible(ends[e], self.dates, self.as_of)
                for e in (item[0].source, item[0].target)))
        ]
        if flt is None:
            return shown
        keep = self._relation_indices(flt, shown, ends)
        return [item for i, item in enumerate(shown) if i in keep]

    def _relation_indices(
        self, flt: RelationFilter, items: Sequence[Seen], ends: Mapping[str, Entity]
    ) -> set[int]:
        found = [i for i, item in enumerate(checked(items)) if _relation_matches_locally(flt, item)]
        for which, sub in (("source", flt.source), ("target", flt.target), ("other", flt.other)):
            if sub is not None and found:
                end_ids = {j: _end(items[j], which) for j in found}
                pool = [ends[i] for i in sorted(set(end_ids.values())) if i in ends]
                ok = self._entity_ids(sub, pool)
                found = [j for j in found if end_ids[j] in ok]
        if flt.evidence is not None and found:
            ok_rel = self._evidence_ok(flt.evidence, [items[j][0] for j in found])
            found = [j for j in found if items[j][0].id in ok_rel]
        return self._combine(flt, items, ends, set(found))

    def _combine(
        self,
        flt: RelationFilter,
        items: Sequence[Seen],
        ends: Mapping[str, Entity],
        found: set[int],
    ) -> set[int]:
        def subset(indices: set[int], sub: RelationFilter) -> set[int]:
            chosen = sorted(indices)
            inner = self._relation_indices(sub, [items[i] for i in chosen], ends)
            return {chosen[k] for k in inner}

        for sub in flt.all_of:
            found = subset(found, sub)
        if flt.any_of:
            found = set().union(*(subset(found, sub) for sub in flt.any_of))
        if flt.not_ is not None:
            found -= subset(found, flt.not_)
        return found

    def _evidence_ok(self, match: EvidenceMatch, rels: Sequence[Relation]) -> set[str]:
        publishers: dict[str, set[str]] = {}
        if match.publishers:
            articles = sorted({e.article for r in rels for e in r.evidence if e.article})
            found = self.store.relations_of(articles, Direction.IN, [PUBLISHED])
            publishers = {a: {r.source for r in found.get(a, [])} for a in articles}
        return {
            r.id for r in rels
            if any(
                (not match.articles or e.article in match.article_set)
                and (not match.publishers or bool(
                    publishers.get(e.article or "", set()) & match.publisher_set))
                and (match.has_quote is None or bool(e.quote) == match.has_quote)
                and (match.url is None or (e.url is not None and match.url.matches(e.url)))
                for e in r.evidence
            )
        }


def _end(item: Seen, which: str) -> str:
    rel = item[0]
    if which == "source":
        return rel.source
    return rel.target if which == "target" else other_end(rel, _seen_from(item, which))


def _seen_from(item: Seen, what: str) -> str:
    if item[1] is None:
        raise InvalidInput(f"`{what}` applies to one entity's relations; use source or target")
    return item[1]


def _relation_matches_locally(flt: RelationFilter, item: Seen) -> bool:
    rel, seen_from = item
    direction = None
    if flt.direction is not None:
        start = _seen_from(item, "direction")
        direction = Direction.OUT if rel.source == start else Direction.IN
    return (
        (not flt.ids or rel.id in flt.id_set)
        and (not flt.types or rel.type in flt.types)
        and (flt.direction is None or direction == flt.direction or rel.source == rel.target)
        and (flt.date is None or flt.date.matches(rel.date))
        and all(property_matches(p, rel.properties) for p in flt.properties)
    )


def _needs_ends(flt: RelationFilter) -> bool:
    subs = (*flt.all_of, *flt.any_of, *((flt.not_,) if flt.not_ else ()))
    return (
        flt.source is not None or flt.target is not None or flt.other is not None
        or any(_needs_ends(s) for s in subs)
    )


def _quantified(condition: RelationExists, hits: int, listed: int) -> bool:
    if condition.quantifier is Quantifier.NONE:
        return hits == 0
    if condition.quantifier is Quantifier.ALL:
        return hits == listed
    low = 1 if condition.min_count is None else condition.min_count
    return hits >= low and (condition.max_count is None or hits <= condition.max_count)
