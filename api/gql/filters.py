"""GraphQL filter and order inputs, and their translation to the store's plain query data."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.gql.enums import (
    Direction,
    EntityOrderField,
    EntityType,
    PropertyKey,
    Quantifier,
    RelationOrderField,
    RelationType,
    SortDirection,
)
from api.gql.scalars import Date
from graph.errors import InvalidInput
from graph.schema import load_schema
from graph.store import query as q
from graph.store.direction import Direction as StoreDirection
from graph.store.periods import DateRange


@strawberry.input(description="Case- and accent-insensitive conditions on a text; all must hold.")
class TextFilter:
    equals: str | None = strawberry.field(default=None, description="The whole text.")
    contains: str | None = strawberry.field(default=None, description="A part of it.")
    starts_with: str | None = strawberry.field(default=None, description="Its beginning.")
    ends_with: str | None = strawberry.field(default=None, description="Its end.")
    in_: list[str] | None = strawberry.field(
        default=None, name="in", description="Any one of these whole texts."
    )

    def to_store(self) -> q.TextMatch:
        return q.TextMatch(
            self.equals, self.contains, self.starts_with, self.ends_with, tuple(self.in_ or ())
        )


@strawberry.input(
    description="Bounds on a date. A partial date is its whole period: {after: \"2019\"} "
    "matches 2020-01 but not 2019-12. Between = from + to."
)
class DateFilter:
    before: Date | None = strawberry.field(default=None, description="Wholly before this.")
    after: Date | None = strawberry.field(default=None, description="Wholly after this.")
    from_: Date | None = strawberry.field(
        default=None, name="from", description="On or after the start of this (inclusive)."
    )
    to: Date | None = strawberry.field(
        default=None, description="On or before the end of this (inclusive)."
    )
    exists: bool | None = strawberry.field(
        default=None, description="true: has a date (any); false: has none."
    )

    def to_store(self) -> DateRange:
        return DateRange(self.before, self.after, self.from_, self.to, self.exists)


@strawberry.input(
    description="Conditions on one declared property's display value (see `property(key:)` "
    "for every value with its sources); all given ones must hold."
)
class PropertyFilter:
    key: PropertyKey = strawberry.field(description="The property.")
    equals: JSON | None = strawberry.field(default=None, description="Equal (texts: any case).")
    in_: list[JSON] | None = strawberry.field(
        default=None, name="in", description="Equal to one of these."
    )
    text: TextFilter | None = strawberry.field(default=None, description="Text conditions.")
    gt: float | None = strawberry.field(default=None, description="Greater than (numbers).")
    gte: float | None = strawberry.field(default=None, description="At least (numbers).")
    lt: float | None = strawberry.field(default=None, description="Less than (numbers).")
    lte: float | None = strawberry.field(default=None, description="At most (numbers).")
    date: DateFilter | None = strawberry.field(default=None, description="Date bounds.")
    exists: bool | None = strawberry.field(default=None, description="Set (true) or not (false).")

    def to_store(self) -> q.PropertyMatch:
        return q.PropertyMatch(
            key=self.key.value,
            equals=_scalar(self.equals),
            any_of=tuple(_scalar(v) for v in self.in_ or ()),
            text=self.text.to_store() if self.text else None,
            gt=self.gt, gte=self.gte, lt=self.lt, lte=self.lte,
            date=self.date.to_store() if self.date else None,
            exists=self.exists,
        )


def _scalar(value: Any) -> Any:
    if isinstance(value, dict | list):
        raise InvalidInput("property filters compare with a text, number or boolean, not a list")
    return value


@strawberry.input(
    description="A condition on an entity's relations (Neo4j GraphQL's SOME/NONE/ALL): of these "
    "types and direction, dated within `date`, whose other end matches `other`."
)
class RelationCondition:
    type: list[RelationType] | None = strawberry.field(default=None, description="Any of these.")
    direction: Direction | None = strawberry.field(default=None, description="OUT, IN or both.")
    date: DateFilter | None = strawberry.field(default=None, description="The relation's date.")
    other: EntityFilter | None = strawberry.field(
        default=None, description="The entity at the other end."
    )
    quantifier: Quantifier = strawberry.field(
        default=Quantifier.SOME, description="How many must satisfy date and other."
    )
    min_count: int | None = strawberry.field(default=None, description="SOME: at least this many.")
    max_count: int | None = strawberry.field(default=None, description="SOME: at most this many.")

    def to_store(self) -> q.RelationExists:
        return q.RelationExists(
            types=tuple(t.value for t in self.type or ()),
            direction=_direction(self.direction),
            date=self.date.to_store() if self.date else None,
            other=self.other.to_store() if self.other else None,
            quantifier=q.Quantifier(self.quantifier.name),
            min_count=self.min_count,
            max_count=self.max_count,
        )


@strawberry.input(description="Conditions on entities; all given fields must hold (AND).")
class EntityFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Any of these.")
    type: list[EntityType] | None = strawberry.field(default=None, description="Any of these.")
    label: list[str] | None = strawberry.field(default=None, description="Every one of these.")
    name: TextFilter | None = strawberry.field(default=None, description="The display name.")
    name_or_alias: TextFilter | None = strawberry.field(
        default=None, description="The name or any alias."
    )
    date: DateFilter | None = strawberry.field(
        default=None, description="The entity's own date (Incident.date, Article.published...)."
    )
    properties: list[PropertyFilter] | None = strawberry.field(
        default=None, description="Every one of these property conditions."
    )
    external_id: TextFilter | None = strawberry.field(
        default=None, description='An external id, bare ("Q42") or with a scheme ("wikidata:Q42").'
    )
    has_relation: list[RelationCondition] | None = strawberry.field(
        default=None, description="Every one of these relation conditions."
    )
    and_: list[EntityFilter] | None = strawberry.field(
        default=None, name="AND", description="Every one of these filters."
    )
    or_: list[EntityFilter] | None = strawberry.field(
        default=None, name="OR", description="At least one of these filters."
    )
    not_: EntityFilter | None = strawberry.field(
        default=None, name="NOT", description="Not this filter."
    )

    def to_store(self) -> q.EntityFilter:
        return q.EntityFilter(
            ids=tuple(str(i) for i in self.ids or ()),
            types=tuple(t.value for t in self.type or ()),
            labels=_labels(self.label or ()),
            name=self.name.to_store() if self.name else None,
            name_or_alias=self.name_or_alias.to_store() if self.name_or_alias else None,
            date=self.date.to_store() if self.date else None,
            properties=tuple(p.to_store() for p in self.properties or ()),
            external_id=self.external_id.to_store() if self.external_id else None,
            has_relation=tuple(c.to_store() for c in self.has_relation or ()),
            all_of=tuple(f.to_store() for f in self.and_ or ()),
            any_of=tuple(f.to_store() for f in self.or_ or ()),
            not_=self.not_.to_store() if self.not_ else None,
        )


def _labels(labels: Any) -> tuple[str, ...]:
    known = load_schema().labels()
    unknown = [label for label in labels if label not in known]
    if unknown:
        raise InvalidInput(f"unknown label(s) {unknown}; labels are: {', '.join(known)}")
    return tuple(labels)


def _direction(direction: Direction | None) -> StoreDirection | None:
    return StoreDirection(direction.name) if direction else None


@strawberry.input(description="Conditions on a relation's evidence: one piece satisfies all.")
class EvidenceFilter:
    publisher: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Its article was published by one of these (PUBLISHED)."
    )
    article: list[strawberry.ID] | None = strawberry.field(
        default=None, description="It cites one of these articles."
    )
    has_quote: bool | None = strawberry.field(default=None, description="It has a quote.")
    url: TextFilter | None = strawberry.field(default=None, description="Its URL.")

    def to_store(self) -> q.EvidenceMatch:
        return q.EvidenceMatch(
            publishers=tuple(str(p) for p in self.publisher or ()),
            articles=tuple(str(a) for a in self.article or ()),
            has_quote=self.has_quote,
            url=self.url.to_store() if self.url else None,
        )


@strawberry.input(description="Conditions on relations; all given fields must hold (AND).")
class RelationFilter:
    ids: list[strawberry.ID] | None = strawberry.field(default=None, description="Any of these.")
    type: list[RelationType] | None = strawberry.field(default=None, description="Any of these.")
    direction: Direction | None = strawberry.field(
        default=None, description="On an entity's relations: OUT or IN."
    )
    date: DateFilter | None = strawberry.field(default=None, description="The relation's date.")
    properties: list[PropertyFilter] | None = strawberry.field(
        default=None, description="Every one of these property conditions."
    )
    source: EntityFilter | None = strawberry.field(default=None, description="The source end.")
    target: EntityFilter | None = strawberry.field(default=None, description="The target end.")
    other: EntityFilter | None = strawberry.field(
        default=None, description="On an entity's relations: the end that is not the entity."
    )
    evidence: EvidenceFilter | None = strawberry.field(
        default=None, description="Some piece of evidence matches."
    )
    and_: list[RelationFilter] | None = strawberry.field(
        default=None, name="AND", description="Every one of these filters."
    )
    or_: list[RelationFilter] | None = strawberry.field(
        default=None, name="OR", description="At least one of these filters."
    )
    not_: RelationFilter | None = strawberry.field(
        default=None, name="NOT", description="Not this filter."
    )

    def to_store(self) -> q.RelationFilter:
        return q.RelationFilter(
            ids=tuple(str(i) for i in self.ids or ()),
            types=tuple(t.value for t in self.type or ()),
            direction=_direction(self.direction),
            date=self.date.to_store() if self.date else None,
            properties=tuple(p.to_store() for p in self.properties or ()),
            source=self.source.to_store() if self.source else None,
            target=self.target.to_store() if self.target else None,
            other=self.other.to_store() if self.other else None,
            evidence=self.evidence.to_store() if self.evidence else None,
            all_of=tuple(f.to_store() for f in self.and_ or ()),
            any_of=tuple(f.to_store() for f in self.or_ or ()),
            not_=self.not_.to_store() if self.not_ else None,
        )


@strawberry.input(description="How to sort entities.")
class EntityOrder:
    field: EntityOrderField = strawberry.field(default=EntityOrderField.ID, description="By what.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")

    def to_store(self) -> q.Order:
        return q.Order(self.field.name, self.direction is SortDirection.DESC)


@strawberry.input(description="How to sort relations.")
class RelationOrder:
    field: RelationOrderField = strawberry.field(
        default=RelationOrderField.ID, description="By what."
    )
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")

    def to_store(self) -> q.Order:
        return q.Order(self.field.name, self.direction is SortDirection.DESC)


def entity_order(order: EntityOrder | None) -> q.Order:
    return order.to_store() if order else q.Order()


def relation_order(order: RelationOrder | None) -> q.Order:
    return order.to_store() if order else q.Order()
