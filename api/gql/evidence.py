"""Evidence and the documents it cites: what a journalist needs to check a line of the graph."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import strawberry

from api.gql.context import GqlInfo
from api.gql.filters import RelationOrder, relation_order
from api.gql.paging import Connection, Paging
from api.gql.scalars import Date
from graph import model
from graph.store.direction import Direction
from graph.store.filtering import Matcher
from graph.store.keyset import relation_key
from graph.store.query import RelationFilter

if TYPE_CHECKING:
    from api.gql.types import Entity, Relation

PUBLISHED = RelationFilter(types=("PUBLISHED",), direction=Direction.IN)
AUTHORED = RelationFilter(types=("AUTHORED",), direction=Direction.IN)
EntityRef = Annotated["Entity", strawberry.lazy("api.gql.types")]
RelationRef = Annotated["Relation", strawberry.lazy("api.gql.types")]


@strawberry.type(description="A source document: a news article, decision, filing or report.")
class Article:
    id: strawberry.ID = strawberry.field(description="The Article entity's id.")
    title: str | None = strawberry.field(description="Its title (else the entity name).")
    url: str | None = strawberry.field(description="Where to read it, if known.")
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

    @strawberry.field(description="The article as a graph entity (its relations, sources...).")
    async def entity(self, info: GqlInfo) -> EntityRef | None:
        from api.gql.types import Entity

        found = await info.context.loaders.entities.load(str(self.id))
        return Entity.from_entity(found) if found else None

    @strawberry.field(description="Who published it (PUBLISHED), if known; the first by id.")
    async def publisher(self, info: GqlInfo) -> EntityRef | None:
        ends = await _ends(info, str(self.id), PUBLISHED)
        return ends[0] if ends else None

    @strawberry.field(description="Who wrote it (AUTHORED): people, sometimes an outlet.")
    async def authors(self, info: GqlInfo) -> list[EntityRef]:
        return await _ends(info, str(self.id), AUTHORED)

    @strawberry.field(description="The relations whose evidence cites this article.")
    async def supports(
        self,
        info: GqlInfo,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        order_by: RelationOrder | None = None,
        as_of: Date | None = None,
    ) -> Connection[RelationRef]:
        from api.gql.types import Relation

        rows = await info.context.loaders.citing.load(str(self.id))
        if as_of is not None:
            matcher = Matcher(info.context.store, as_of)
            seen = await asyncio.to_thread(matcher.relations, None, [(r, None) for r in rows])
            rows = [r for r, _ in seen]
        order = relation_order(order_by)
        paging = Paging.of(info, order.name, first, after, last, before)
        return paging.over(rows, relation_key(order), order, Relation.from_relation)


async def _ends(info: GqlInfo, article_id: str, flt: RelationFilter) -> list[Entity]:
    from api.gql.types import Entity

    rels = await info.context.loaders.relations.load((article_id, flt, None))
    found = await info.context.loaders.entities.load_many([r.source for r in rels])
    return [Entity.from_entity(e) for e in found if e is not None]


@strawberry.type(description="One source for a relation, with the short quote that supports it.")
class Evidence:
    quote: str | None = strawberry.field(description="The words of the source that state it.")
    url: str | None = strawberry.field(description="A URL given for this evidence, if any.")
    article_id: strawberry.Private[str | None]

    @strawberry.field(description="The Article node this evidence cites, if any.")
    async def article(self, info: GqlInfo) -> Article | None:
        if self.article_id is None:
            return None
        entity = await info.context.loaders.entities.load(self.article_id)
        return Article.from_entity(entity) if entity else None
