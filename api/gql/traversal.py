"""Neighbourhoods, paths and timelines as GraphQL types (views over graph.store results)."""

from __future__ import annotations

from collections import Counter

import strawberry

from api.gql.context import GqlInfo
from api.gql.enums import Direction, EntityType, SortDirection
from api.gql.paging import Connection, Paging
from api.gql.types import Entity, Relation, TypeCount
from graph.model import Entity as ModelEntity
from graph.model import Relation as ModelRelation
from graph.store import timeline as store_timeline
from graph.store import traversal as store_traversal
from graph.store.query import Order, SortKey

BY_DISTANCE = "DISTANCE_ASC"
BY_ID = "ID_ASC"


@strawberry.type(description="An entity found around the root.")
class Neighbour:
    entity: Entity = strawberry.field(description="The entity.")
    distance: int = strawberry.field(description="How many relations away from the root.")
    via: Relation = strawberry.field(description="The relation that first reached it.")
    degree: int = strawberry.field(description="How many relations it has in all.")
    is_hub: bool = strawberry.field(description="More relations than the hub threshold.")
    expanded: bool = strawberry.field(
        description="Whether its own relations were followed (never for hubs)."
    )

    @classmethod
    def of(cls, found: store_traversal.Neighbour) -> Neighbour:
        return cls(
            entity=Entity.from_entity(found.entity),
            distance=found.distance,
            via=Relation.from_relation(found.via),
            degree=found.degree,
            is_hub=found.hub,
            expanded=found.expanded,
        )


def _neighbour_key(found: store_traversal.Neighbour) -> SortKey:
    return (f"{found.distance:02d}", found.entity.id)


def _relation_id(rel: ModelRelation) -> SortKey:
    return (rel.id,)


@strawberry.type(description="How many neighbours are at one distance.")
class DistanceCount:
    distance: int = strawberry.field(description="Relations away from the root.")
    count: int = strawberry.field(description="How many neighbours.")


@strawberry.type(
    description="The entities within a few relations of a root: counts first, then pages. "
    "Hubs are flagged and not expanded; `truncated` says a bound stopped the walk."
)
class Neighbourhood:
    data: strawberry.Private[store_traversal.Neighbourhood]

    @strawberry.field(description="The entity asked about.")
    def root(self) -> Entity:
        return Entity.from_entity(self.data.root)

    @strawberry.field(description="How many relations deep the walk went.")
    def depth(self) -> int:
        return self.data.depth

    @strawberry.field(description="Whether the root is a hub (then only its own level is listed).")
    def root_is_hub(self, info: GqlInfo) -> bool:
        return self.data.root_degree > info.context.settings.hub_degree

    @strawberry.field(description="How many relations the root has.")
    def root_degree(self) -> int:
        return self.data.root_degree

    @strawberry.field(description="A bound (neighbours, relations read, time) stopped the walk.")
    def truncated(self) -> bool:
        return self.data.truncated

    @strawberry.field(description="How many neighbours were found.")
    def total_count(self) -> int:
        return len(self.data.neighbours)

    @strawberry.field(description="Neighbours by entity type.")
    def entity_type_counts(self) -> list[TypeCount]:
        counts = Counter(n.entity.type for n in self.data.neighbours)
        return [TypeCount(type=t, count=c) for t, c in sorted(counts.items())]

    @strawberry.field(description="Relations read between the entities found, by type.")
    def relation_type_counts(self) -> list[TypeCount]:
        counts = Counter(r.type for r in self.data.relations)
        return [TypeCount(type=t, count=c) for t, c in sorted(counts.items())]

    @strawberry.field(description="Neighbours by distance from the root.")
    def distance_counts(self) -> list[DistanceCount]:
        counts = Counter(n.distance for n in self.data.neighbours)
        return [DistanceCount(distance=d, count=c) for d, c in sorted(counts.items())]

    @strawberry.field(description="The hubs found (not expanded), most relations first.")
    def hubs(self, info: GqlInfo, first: int = 20) -> list[Neighbour]:
        Paging.of(info, BY_ID, first)  # checks `first` against the page limit
        hubs = sorted((n for n in self.data.neighbours if n.hub),
                      key=lambda n: (-n.degree, n.entity.id))
        return [Neighbour.of(n) for n in hubs[:first]]

    @strawberry.field(description="The neighbours, nearest first, then by id; paged.")
    def neighbours(
        self,
        info: GqlInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        types: list[EntityType] | None = None,
        distance: int | None = None,
    ) -> Connection[Neighbour]:
        wanted = {t.value for t in types or ()}
        rows = [
            n for n in self.data.neighbours
            if (not wanted or n.entity.type in wanted) and distance in (None, n.distance)
        ]
        paging = Paging.of(info, BY_DISTANCE, first, after, last, before)
        return paging.over(rows, _neighbour_key, Order(), Neighbour.of)

    @strawberry.field(description="The relations read between the entities found, by id; paged.")
    def relations(
        self,
        info: GqlInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Relation]:
        paging = Paging.of(info, BY_ID, first, after, last, before)
        return paging.over(self.data.relations, _relation_id, Order(), Relation.from_relation)


@strawberry.type(description="One relation along a path, walked from one entity to the next.")
class PathStep:
    relation: Relation = strawberry.field(description="The relation, with its evidence.")
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]

    @strawberry.field(name="from", description="The entity this step leaves.")
    async def from_(self, info: GqlInfo) -> Entity:
        return Entity.from_entity(await _load(info, self.from_id))

    @strawberry.field(description="The entity this step reaches.")
    async def to(self, info: GqlInfo) -> Entity:
        return Entity.from_entity(await _load(info, self.to_id))

    @strawberry.field(description="OUT when the relation points along the path, IN against it.")
    def direction(self) -> Direction:
        return self.relation.direction or Direction.OUT


async def _load(info: GqlInfo, entity_id: str) -> ModelEntity:
    found = await info.context.loaders.entities.load(entity_id)
    if found is None:
        raise LookupError(f"path entity {entity_id!r} is missing from the store")
    return found


@strawberry.type(description="A chain of relations from one entity to another.")
class Path:
    steps: list[PathStep] = strawberry.field(description="The relations, in order.")

    @strawberry.field(description="How many relations long.")
    def length(self) -> int:
        return len(self.steps)

    @classmethod
    def of(cls, source: str, relations: tuple[ModelRelation, ...]) -> Path:
        steps, at = [], source
        for rel in relations:
            nxt = rel.target if rel.source == at else rel.source
            steps.append(PathStep(relation=Relation.from_relation(rel, at), from_id=at, to_id=nxt))
            at = nxt
        return cls(steps=steps)


@strawberry.type(description="One dated event of a timeline: a relation, or a dated entity.")
class TimelineEvent:
    date: str = strawberry.field(description="When (ISO, may be partial).")
    kind: str = strawberry.field(
        description="RELATION, or the entity's type (Incident, Article, LegalAction...)."
    )
    relation: Relation | None = strawberry.field(description="The relation, for RELATION.")
    entity: Entity | None = strawberry.field(description="The dated entity, otherwise.")

    @classmethod
    def of(cls, event: store_timeline.TimelineEvent, seen_from: str) -> TimelineEvent:
        rel, entity = event.relation, event.entity
        return cls(
            date=event.date,
            kind=event.kind,
            relation=Relation.from_relation(rel, seen_from) if rel else None,
            entity=Entity.from_entity(entity) if entity else None,
        )


def timeline_order(direction: SortDirection) -> Order:
    return Order("TIMELINE", direction is SortDirection.DESC)
