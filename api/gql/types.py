"""GraphQL types: thin views over the one Entity and Relation shape of graph.model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from api.gql.context import Context
from api.gql.enums import Direction, EntityType, RelationType
from api.gql.paging import Connection, page
from graph import model
from graph.store.base import Direction as StoreDirection

GqlInfo = Info[Context, None]


@strawberry.type(description="A source document: a news article, decision, filing or report.")
class Article:
    id: strawberry.ID
    title: str | None
    url: str | None
    published_at: str | None = strawberry.field(
        description="Publication date (ISO, may be partial)."
    )

    @classmethod
    def from_entity(cls, entity: model.Entity) -> Article:
        props = entity.properties
        return cls(
            id=strawberry.ID(entity.id),
            title=props.get("title", entity.name),
            url=props.get("url"),
            published_at=props.get("published"),
        )


@strawberry.type(description="One source for a relation, with the short quote that supports it.")
class Evidence:
    quote: str | None
    url: str | None
    article_id: strawberry.Private[str | None]

    @strawberry.field(description="The Article node this evidence cites, if any.")
    async def article(self, info: GqlInfo) -> Article | None:
        if self.article_id is None:
            return None
        entity = await info.context.loaders.entities.load(self.article_id)
        return Article.from_entity(entity) if entity else None


@strawberry.type(description="A typed relation between two entities, with its date and evidence.")
class Relation:
    id: strawberry.ID
    type: RelationType
    direction: Direction | None = strawberry.field(
        description="OUT or IN relative to the entity whose relations were listed."
    )
    date: str | None = strawberry.field(
        description="The date the fact refers to (ISO, may be partial)."
    )
    properties: JSON
    evidence: list[Evidence]
    source_id: strawberry.Private[str]
    target_id: strawberry.Private[str]

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
        )

    @strawberry.field
    async def source(self, info: GqlInfo) -> Annotated[Entity, strawberry.lazy("api.gql.types")]:
        return await _entity(info, self.source_id)

    @strawberry.field
    async def target(self, info: GqlInfo) -> Annotated[Entity, strawberry.lazy("api.gql.types")]:
        return await _entity(info, self.target_id)


@strawberry.type(description="A node of the graph: company, platform, agency, person, article...")
class Entity:
    id: strawberry.ID
    type: EntityType
    labels: list[str] = strawberry.field(
        description="Neo4j-style labels: the type, then extras such as Lawyer."
    )
    name: str
    aliases: list[str]
    properties: JSON
    external_ids: JSON = strawberry.field(
        description='Ids in other datasets, e.g. {"aiid": "clearview-ai"}.'
    )
    source_ids: strawberry.Private[tuple[str, ...]]

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
            source_ids=entity.sources,
        )

    @strawberry.field(description="The documents this entity was taken from.")
    async def sources(self, info: GqlInfo) -> list[Article]:
        found = await info.context.loaders.entities.load_many(list(self.source_ids))
        return [Article.from_entity(e) for e in found if e is not None]

    @strawberry.field(description="This entity's relations, filtered by type and direction.")
    async def relations(
        self,
        info: GqlInfo,
        first: int = 20,
        after: str | None = None,
        type: list[RelationType] | None = None,
        direction: Direction | None = None,
    ) -> Connection[Relation]:
        types = tuple(sorted(t.value for t in type or ()))
        store_dir = StoreDirection(direction.value) if direction else None
        rows = await info.context.loaders.relations.load((str(self.id), store_dir, types))
        seen_from = str(self.id)
        return page(
            rows,
            _relation_key,
            lambda r: Relation.from_relation(r, seen_from),
            first,
            after,
            info.context.settings.max_page_size,
        )


def _json(values: Mapping[str, Any]) -> JSON:
    return cast(JSON, dict(values))


def _relation_key(rel: model.Relation) -> str:
    return rel.id


async def _entity(info: GqlInfo, entity_id: str) -> Entity:
    found = await info.context.loaders.entities.load(entity_id)
    if found is None:  # a relation's endpoint always exists; the store guarantees it
        raise LookupError(f"relation endpoint {entity_id!r} is missing from the store")
    return Entity.from_entity(found)


@strawberry.type(description="How many of one type.")
class TypeCount:
    type: str
    count: int


@strawberry.type(description="Counts of the whole graph.")
class Stats:
    entities: int
    relations: int
    entity_types: list[TypeCount]
    relation_types: list[TypeCount]

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
