"""The GraphQL schema: queries over the store, with errors masked unless they are ours."""

from __future__ import annotations

import asyncio

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from api.gql.enums import EntityType
from api.gql.paging import Connection, decode_cursor, page
from api.gql.types import Entity, GqlInfo, Stats
from graph.errors import AikgError, InvalidInput

SEARCH_WINDOW = 1000  # search ranks at most this many hits; totalCount counts within it
MASKED = "Internal error: the server could not answer this query. It has been logged."


@strawberry.type
class Query:
    @strawberry.field(
        description="One entity by id (or an id merged into it); null when no entity has it."
    )
    async def entity(self, info: GqlInfo, id: strawberry.ID) -> Entity | None:
        resolved = await asyncio.to_thread(info.context.store.resolve, [str(id)])
        if str(id) not in resolved:
            return None
        found = await info.context.loaders.entities.load(resolved[str(id)])
        return Entity.from_entity(found) if found else None

    @strawberry.field(description="Entities by id, in the order asked; null for unknown ids.")
    async def entities(self, info: GqlInfo, ids: list[strawberry.ID]) -> list[Entity | None]:
        if len(ids) > info.context.settings.max_page_size:
            raise InvalidInput(f"at most {info.context.settings.max_page_size} ids per request")
        found = await info.context.loaders.entities.load_many([str(i) for i in ids])
        return [Entity.from_entity(e) if e else None for e in found]

    @strawberry.field(description="Entities whose name or an alias matches the text, best first.")
    async def search(
        self,
        info: GqlInfo,
        text: str,
        first: int = 10,
        after: str | None = None,
        types: list[EntityType] | None = None,
    ) -> Connection[Entity]:
        maximum = info.context.settings.max_page_size
        start = _rank_after(after)
        limit = max(SEARCH_WINDOW, start + first + 1)
        type_names = [t.value for t in types] if types else None
        hits = await asyncio.to_thread(info.context.store.search, text, type_names, limit)
        ranked = [(f"{rank:08d}", e) for rank, e in enumerate(hits, 1)]
        return page(
            ranked,
            lambda row: row[0],
            lambda row: Entity.from_entity(row[1]),
            first,
            after,
            maximum,
        )

    @strawberry.field(description="Counts of entities and relations, in all and by type.")
    async def stats(self, info: GqlInfo) -> Stats:
        counts = await asyncio.to_thread(info.context.store.stats)
        return Stats.from_counts(
            counts.entities, counts.relations, counts.entity_types, counts.relation_types
        )


def _rank_after(after: str | None) -> int:
    """Search results page by rank: a cursor holds the rank of the last row seen."""
    if after is None:
        return 0
    try:
        return int(decode_cursor(after))
    except ValueError:
        raise InvalidInput(f"cursor {after!r} is not a search cursor") from None


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, AikgError)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        extensions=[lambda: MaskErrors(should_mask_error=_should_mask, error_message=MASKED)],
    )
