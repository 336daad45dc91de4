"""Root fields that walk the graph: neighbourhoods, paths and timelines."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.gql.context import GqlInfo
from api.gql.enums import RelationType, SortDirection
from api.gql.paging import Connection, Paging
from api.gql.query_lists import find_one, run
from api.gql.scalars import Date
from api.gql.traversal import Neighbourhood, Path, TimelineEvent, timeline_order
from graph import model
from graph.errors import InvalidInput, NotFound
from graph.settings import Settings
from graph.store.timeline import TimelineEvent as StoreEvent
from graph.store.traversal import Bounds

MAX_DEPTH = 3
MAX_HOPS = 6


def bounds(info: GqlInfo) -> Bounds:
    settings: Settings = info.context.settings
    return Bounds(
        hub_degree=settings.hub_degree,
        max_nodes=settings.max_neighbours,
        max_relations=settings.traversal_budget,
        deadline=info.context.deadline,
    )


async def _required(info: GqlInfo, key: str, what: str) -> model.Entity:
    found = await find_one(info, key)
    if found is None:
        raise NotFound(f"{what}: no entity has the id, external id or name {key!r}")
    return found


def _types(types: list[RelationType] | None) -> list[str] | None:
    return [t.value for t in types] if types else None


def _event_key(event: StoreEvent) -> tuple[str, ...]:
    return event.key


@strawberry.type
class GraphQueries:
    @strawberry.field(
        description="The entities within `depth` (1-3) relations of one entity, following "
        "`types` only if given: counts by type first, then paged neighbours. Hubs (more "
        "relations than AIKG_HUB_DEGREE) are flagged and never expanded."
    )
    async def neighbourhood(
        self,
        info: GqlInfo,
        id: strawberry.ID,
        depth: int = 1,
        types: list[RelationType] | None = None,
        as_of: Date | None = None,
    ) -> Neighbourhood:
        if not 1 <= depth <= MAX_DEPTH:
            raise InvalidInput(f"`depth` must be between 1 and {MAX_DEPTH}, got {depth}")
        root = await _required(info, str(id), "neighbourhood")
        found = await run(
            info.context.store.neighbourhood, root, depth, _types(types), bounds(info), as_of
        )
        return Neighbourhood(data=found)

    @strawberry.field(
        description="Up to `first` shortest paths (at most AIKG_MAX_PATHS) of at most `maxHops` "
        "(1-6) relations between two entities, in either direction, shortest first; each step "
        "with its relation and evidence. A search that would read more than "
        "AIKG_TRAVERSAL_BUDGET relations stops with an error."
    )
    async def paths(
        self,
        info: GqlInfo,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
        types: list[RelationType] | None = None,
        first: int = 3,
        as_of: Date | None = None,
    ) -> list[Path]:
        if not 1 <= max_hops <= MAX_HOPS:
            raise InvalidInput(f"`maxHops` must be between 1 and {MAX_HOPS}, got {max_hops}")
        limit = info.context.settings.max_paths
        if not 1 <= first <= limit:
            raise InvalidInput(f"`first` must be between 1 and {limit} paths, got {first}")
        source = await _required(info, str(from_), "paths `from`")
        target = await _required(info, str(to), "paths `to`")
        found = await run(
            info.context.store.shortest_paths,
            source.id, target.id, max_hops, first, _types(types), bounds(info), as_of,
        )
        return [Path.of(source.id, rels) for rels in found]

    @strawberry.field(
        description="One entity's dated relations, and the dated incidents, articles and legal "
        "actions around it (related to it, or cited as evidence), oldest first; paged."
    )
    async def timeline(
        self,
        info: GqlInfo,
        id: strawberry.ID,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        direction: SortDirection = SortDirection.ASC,
        kinds: list[str] | None = None,
        as_of: Date | None = None,
    ) -> Connection[TimelineEvent]:
        root = await _required(info, str(id), "timeline")
        order = timeline_order(direction)
        paging = Paging.of(info, order.name, first, after, last, before)
        events = await run(info.context.store.timeline, root, as_of)
        if kinds:
            events = [e for e in events if e.kind in set(kinds)]
        return paging.over(events, _event_key, order, lambda e: TimelineEvent.of(e, root.id))
