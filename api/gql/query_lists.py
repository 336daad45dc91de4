"""Root fields for finding things: look-ups, filtered lists and search."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import strawberry

from api.gql.context import GqlInfo
from api.gql.enums import EntityType
from api.gql.evidence import Article
from api.gql.filters import (
    EntityFilter,
    EntityOrder,
    RelationFilter,
    RelationOrder,
    entity_order,
    relation_order,
)
from api.gql.paging import DEFAULT_PAGE, Connection, Paging
from api.gql.scalars import Date
from api.gql.types import Entity, Relation
from graph import model
from graph.errors import InvalidInput
from graph.store import query as q
from graph.store.filtering import Matcher

SEARCH_WINDOW = 1000  # search ranks at most this many hits; totalCount counts within it
BY_RANK = "RANK_ASC"
P = ParamSpec("P")
T = TypeVar("T")


async def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A blocking store call, off the event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


async def find_one(info: GqlInfo, key: str) -> model.Entity | None:
    """The entity a key names (id, old id, external id, exact name); ambiguity is an error."""
    ids = (await run(info.context.store.lookup, [key])).get(key, [])
    if len(ids) > 1:
        shown = ", ".join(ids[:10]) + (", ..." if len(ids) > 10 else "")
        raise InvalidInput(f"{key!r} names {len(ids)} entities ({shown}); ask by id")
    return await info.context.loaders.entities.load(ids[0]) if ids else None


@strawberry.type(description="What one look-up key names.")
class LookupResult:
    key: str = strawberry.field(description="The key as asked.")
    entity: Entity | None = strawberry.field(description="The entity, when exactly one matches.")
    candidates: list[Entity] = strawberry.field(
        description="Every entity it names (several when a name or alias is shared)."
    )


@strawberry.type
class ListQueries:
    @strawberry.field(
        description="One entity by id, by an id merged into it, by an external id (AIID slug, "
        "Wikidata id: bare or as scheme:value) or by its exact name or alias; null if none. "
        "A name shared by several entities is an error listing them."
    )
    async def entity(self, info: GqlInfo, id: strawberry.ID) -> Entity | None:
        found = await find_one(info, str(id))
        return Entity.from_entity(found) if found else None

    @strawberry.field(description="Many look-ups at once, in the order asked.")
    async def lookup(self, info: GqlInfo, keys: list[str]) -> list[LookupResult]:
        _check_ids(info, keys)
        found = await run(info.context.store.lookup, keys)
        ids = sorted({i for hits in found.values() for i in hits})
        entities = dict(zip(ids, await info.context.loaders.entities.load_many(ids), strict=True))
        results = []
        for key in keys:
            hits = [Entity.from_entity(e) for i in found.get(key, []) if (e := entities[i])]
            results.append(LookupResult(key=key, entity=hits[0] if len(hits) == 1 else None,
                                        candidates=hits))
        return results

    @strawberry.field(description="One document by id (or any key `entity` accepts).")
    async def article(self, info: GqlInfo, id: strawberry.ID) -> Article | None:
        found = await find_one(info, str(id))
        return Article.from_entity(found) if found and found.type == "Article" else None

    @strawberry.field(
        description="Entities: by ids (any key `entity` accepts), and/or a filter; sorted, "
        "paged with keyset cursors. With `ids` and no first/last, one page holds them all."
    )
    async def entities(
        self,
        info: GqlInfo,
        ids: list[strawberry.ID] | None = None,
        filter: EntityFilter | None = None,
        order_by: EntityOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        as_of: Date | None = None,
    ) -> Connection[Entity]:
        flt = filter.to_store() if filter else None
        if ids is not None:
            flt = await _with_ids(info, [str(i) for i in ids], flt)
        order = entity_order(order_by)
        default = len(ids) if ids else DEFAULT_PAGE
        paging = Paging.of(info, order.name, first, after, last, before, default=default)
        page = await run(info.context.store.find_entities, flt, order, paging.window, as_of)
        return paging.connection(page, Entity.from_entity)

    @strawberry.field(
        description="Relations across the graph matching a filter (by type, date, either end, "
        "evidence...); sorted, paged with keyset cursors."
    )
    async def relations(
        self,
        info: GqlInfo,
        filter: RelationFilter | None = None,
        order_by: RelationOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        as_of: Date | None = None,
    ) -> Connection[Relation]:
        order = relation_order(order_by)
        paging = Paging.of(info, order.name, first, after, last, before)
        flt = filter.to_store() if filter else None
        page = await run(info.context.store.find_relations, flt, order, paging.window, as_of)
        return paging.connection(page, Relation.from_relation)

    @strawberry.field(
        description="Ranked search over names, aliases and descriptions: every word matches a "
        "word prefix (one typo allowed in a word that prefixes nothing); exact names first. "
        "Pages through the best 1000 hits (totalCount counts at most those)."
    )
    async def search(
        self,
        info: GqlInfo,
        text: str,
        first: int | None = 10,
        after: str | None = None,
        types: list[EntityType] | None = None,
        last: int | None = None,
        before: str | None = None,
        as_of: Date | None = None,
    ) -> Connection[Entity]:
        paging = Paging.of(info, BY_RANK, first, after, last, before)
        names = [t.value for t in types] if types else None
        store = info.context.store
        if as_of is not None:
            hits = await run(store.search_hits, text, names, SEARCH_WINDOW)
            shown = {e.id for e in Matcher(store, as_of).visible([e for _, e in hits])}
            hits = [h for h in hits if h[1].id in shown]
            return paging.over(hits, lambda hit: hit[0], q.Order(),
                               lambda hit: Entity.from_entity(hit[1]))
        page = await run(store.search_page, text, names, paging.window, SEARCH_WINDOW)
        found = await run(store.get_entities, [entity_id for _, entity_id in page.rows])
        entities = q.Page([found[entity_id] for _, entity_id in page.rows], page.keys,
                          page.total, page.has_next, page.has_previous)
        return paging.connection(entities, Entity.from_entity)  # only the page is decoded


def _check_ids(info: GqlInfo, ids: list[str]) -> None:
    if len(ids) > info.context.settings.max_page_size:
        raise InvalidInput(f"at most {info.context.settings.max_page_size} ids per request")


async def _with_ids(
    info: GqlInfo, keys: list[str], flt: q.EntityFilter | None
) -> q.EntityFilter:
    _check_ids(info, keys)
    found = await run(info.context.store.lookup, keys)
    ids = tuple(sorted({i for hits in found.values() for i in hits}))
    nothing = ("",)  # no key named an entity: an id no entity has, so the page is empty
    return q.EntityFilter(ids=ids or nothing, all_of=(flt,) if flt else ())
