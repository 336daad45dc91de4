"""GraphQL types: thin views over the one Entity and Relation shape of graph.model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from api.gql.context import GqlInfo
from api.gql.enums import Direction, EntityType, RelationType
from api.gql.evidence import Article, Evidence
from api.gql.filters import RelationFilter, RelationOrder, relation_order
from api.gql.paging import Connection, Paging
from api.gql.scalars import Date
from api.gql.statements import PropertyValue, property_value
from graph import model
from graph import statements as st
from graph.schema import load_schema
from graph.statements import ENTITY_FIELDS, RELATION_FIELDS
from graph.store import query as q
from graph.store.direction import Direction as StoreDirection
from graph.store.keyset import relation_key
from graph.store.periods import date_properties, entity_date

__all__ = ["Article", "Entity", "Evidence", "Relation", "Stats", "TypeCount"]
DATES = date_properties(load_schema())  # each entity type's own date property


@strawberry.type(description="A typed relation between two entities, with its date and evidence.")
class Relation:
    id: strawberry.ID = strawberry.field(
        description="Derived from the fact: source:TYPE:target, plus @date for dated events."
    )
    type: RelationType = strawberry.field(description="What the relation states.")
    direction: Direction | None = strawberry.field(
        description="OUT or IN relative to the entity whose relations were listed."
    )
    date: str | None = strawberry.field(
        description="The date the fact refers to (ISO, may be partial)."
    )
    properties: JSON = strawberry.field(
        description="Declared properties (amount, currency...): display values; every value "
        "with its sources is under `property(key:)`."
    )
    evidence: list[Evidence] = strawberry.field(
        description="Every source that states it: article and quote, one or more."
    )
    source_id: strawberry.Private[str]
    target_id: strawberry.Private[str]
    seen_from: strawberry.Private[str | None]
    statements: strawberry.Private[tuple[model.Statement, ...]]

    @strawberry.field(
        name="property",
        description="Every value of one property (or `date`) with its sources; null if none.",
    )
    def property_(self, key: str) -> PropertyValue | None:
        shown = self.date if key == st.DATE else None
        return property_value(self.statements, key, RELATION_FIELDS, shown)

    @strawberry.field(description="The properties whose sources state different values.")
    def conflicts(self) -> list[str]:
        return list(st.conflicts(self.statements, RELATION_FIELDS))

    @classmethod
    def from_relation(cls, rel: model.Relation, seen_from: str | None = None) -> Relation:
        direction = None
        if seen_from is not None:
            direction = Direction.OUT if rel.source == seen_from else Direction.IN
        return cls(
            id=strawberry.ID(rel.id),
            type=RelationType(rel.type),
            direction=direction,
            date=rel.date,
            properties=_json(rel.properties),
            evidence=[
                Evidence(quote=e.quote, url=e.url, article_id=e.article) for e in rel.evidence
            ],
            source_id=rel.source,
            target_id=rel.target,
            seen_from=seen_from,
            statements=rel.statements,
        )

    @strawberry.field(description="The entity the relation starts from.")
    async def source(self, info: GqlInfo) -> Annotated[Entity, strawberry.lazy("api.gql.types")]:
        return await _entity(info, self.source_id)

    @strawberry.field(description="The entity the relation points to.")
    async def target(self, info: GqlInfo) -> Annotated[Entity, strawberry.lazy("api.gql.types")]:
        return await _entity(info, self.target_id)

    @strawberry.field(
        description="The end that is not the entity whose relations were listed (else target)."
    )
    async def other(self, info: GqlInfo) -> Annotated[Entity, strawberry.lazy("api.gql.types")]:
        mine = self.target_id == self.seen_from and self.source_id != self.seen_from
        return await _entity(info, self.source_id if mine else self.target_id)


@strawberry.type(description="How many relations of one type and direction an entity has.")
class RelationCount:
    type: RelationType = strawberry.field(description="The relation type.")
    direction: Direction = strawberry.field(description="OUT: the entity is the source.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="A node of the graph: company, platform, agency, person, article...")
class Entity:
    id: strawberry.ID = strawberry.field(description="Stable, readable id (a slug).")
    type: EntityType = strawberry.field(description="The entity type (its main Neo4j label).")
    labels: list[str] = strawberry.field(
        description="Neo4j-style labels: the type, then extras such as Lawyer."
    )
    name: str = strawberry.field(description="Display name.")
    aliases: list[str] = strawberry.field(description="Other names it is known by.")
    properties: JSON = strawberry.field(
        description="Declared properties of its type: display values; every value with its "
        "sources is under `property(key:)`."
    )
    external_ids: JSON = strawberry.field(
        description='Ids in other datasets, e.g. {"aiid": "clearview-ai"}.'
    )
    merged_ids: list[strawberry.ID] = strawberry.field(
        description="Ids merged into this entity; asking for them answers with this one."
    )
    date: str | None = strawberry.field(
        description="Its own date, if its type has one (Incident.date, Article.published...)."
    )
    source_ids: strawberry.Private[tuple[str, ...]]
    statements: strawberry.Private[tuple[model.Statement, ...]]

    @strawberry.field(
        name="property",
        description="Every value of one property (or `name`: every name) with its sources; "
        "null if none.",
    )
    def property_(self, key: str) -> PropertyValue | None:
        shown = self.name if key == st.NAME else None
        return property_value(self.statements, key, ENTITY_FIELDS, shown)

    @strawberry.field(description="The properties whose sources state different values.")
    def conflicts(self) -> list[str]:
        return list(st.conflicts(self.statements, ENTITY_FIELDS))

    @classmethod
    def from_entity(cls, entity: model.Entity) -> Entity:
        return cls(
            id=strawberry.ID(entity.id),
            type=EntityType(entity.type),
            labels=list(entity.labels),
            name=entity.name,
            aliases=list(entity.aliases),
            properties=_json(entity.properties),
            external_ids=_json(entity.external_ids),
            merged_ids=[strawberry.ID(i) for i in entity.merged_ids],
            date=entity_date(entity, DATES),
            source_ids=entity.sources,
            statements=entity.statements,
        )

    @strawberry.field(description="The documents this entity was taken from.")
    async def sources(self, info: GqlInfo) -> list[Article]:
        found = await info.context.loaders.entities.load_many(list(self.source_ids))
        return [Article.from_entity(e) for e in found if e is not None]

    @strawberry.field(description="This entity as a document, when it is an Article.")
    async def article(self, info: GqlInfo) -> Article | None:
        found = await info.context.loaders.entities.load(str(self.id))
        return Article.from_entity(found) if found and found.type == "Article" else None

    @strawberry.field(description="How many relations it has; above the hub threshold it is a hub.")
    async def degree(self, info: GqlInfo) -> int:
        return await info.context.loaders.degrees.load(str(self.id))

    @strawberry.field(description="Whether it has more relations than the hub threshold.")
    async def is_hub(self, info: GqlInfo) -> bool:
        degree = await info.context.loaders.degrees.load(str(self.id))
        return degree > info.context.settings.hub_degree

    @strawberry.field(description="Its relations counted by type and direction.")
    async def relation_counts(
        self, info: GqlInfo, as_of: Date | None = None
    ) -> list[RelationCount]:
        rows = await info.context.loaders.relations.load((str(self.id), None, as_of))
        counts = Counter(
            (r.type, "OUT" if r.source == str(self.id) else "IN") for r in rows
        )
        return [
            RelationCount(type=RelationType(t), direction=Direction(d), count=n)
            for (t, d), n in sorted(counts.items())
        ]

    @strawberry.field(
        description="This entity's relations: filtered, sorted, paged with keyset cursors."
    )
    async def relations(
        self,
        info: GqlInfo,
        first: int | None = None,
        after: str | None = None,
        type: list[RelationType] | None = None,
        direction: Direction | None = None,
        filter: RelationFilter | None = None,
        order_by: RelationOrder | None = None,
        last: int | None = None,
        before: str | None = None,
        as_of: Date | None = None,
    ) -> Connection[Relation]:
        flt = entity_relation_filter(type, direction, filter)
        rows = await info.context.loaders.relations.load((str(self.id), flt, as_of))
        order = relation_order(order_by)
        paging = Paging.of(info, order.name, first, after, last, before)
        seen_from = str(self.id)
        return paging.over(rows, relation_key(order), order,
                           lambda r: Relation.from_relation(r, seen_from))


def entity_relation_filter(
    types: list[RelationType] | None,
    direction: Direction | None,
    flt: RelationFilter | None,
) -> q.RelationFilter | None:
    """The `type` and `direction` shortcuts and the full filter, as one store filter."""
    inner = flt.to_store() if flt else None
    if not types and direction is None:
        return inner
    return q.RelationFilter(
        types=tuple(sorted(t.value for t in types or ())),
        direction=StoreDirection(direction.name) if direction else None,
        all_of=(inner,) if inner else (),
    )


def _json(values: Mapping[str, Any]) -> JSON:
    return cast(JSON, dict(values))


async def _entity(info: GqlInfo, entity_id: str) -> Entity:
    found = await info.context.loaders.entities.load(entity_id)
    if found is None:  # a relation's endpoint always exists; the store guarantees it
        raise LookupError(f"relation endpoint {entity_id!r} is missing from the store")
    return Entity.from_entity(found)


@strawberry.type(description="How many of one type.")
class TypeCount:
    type: str = strawberry.field(description="An entity or relation type.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="Counts of the whole graph (or of what a filter selects).")
class Stats:
    entities: int = strawberry.field(description="Entities in all.")
    relations: int = strawberry.field(description="Relations in all.")
    entity_types: list[TypeCount] = strawberry.field(description="Entities by type.")
    relation_types: list[TypeCount] = strawberry.field(description="Relations by type.")

    @classmethod
    def from_counts(
        cls, entities: int, relations: int, by_entity: dict[str, int], by_relation: dict[str, int]
    ) -> Stats:
        def rows(counts: dict[str, Any]) -> list[TypeCount]:
            return [TypeCount(type=k, count=v) for k, v in counts.items()]

        return cls(
            entities=entities,
            relations=relations,
            entity_types=rows(by_entity),
            relation_types=rows(by_relation),
        )
