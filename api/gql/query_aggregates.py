"""Root fields that count: totals by type, top entities by a relation type, sums of amounts."""

from __future__ import annotations

import strawberry

from api.gql.context import GqlInfo
from api.gql.enums import Direction, PropertyKey, RelationType
from api.gql.filters import EntityFilter, RelationFilter
from api.gql.paging import check_size
from api.gql.query_lists import run
from api.gql.scalars import Date
from api.gql.types import Entity, Stats
from graph.store.direction import Direction as StoreDirection


@strawberry.type(description="An entity and how many of the counted relations it has.")
class RankedEntity:
    entity: Entity = strawberry.field(description="The entity.")
    count: int = strawberry.field(description="How many relations.")


@strawberry.type(description="A sum of a numeric relation property for one entity and group.")
class RelationSum:
    entity: Entity = strawberry.field(description="The entity on the grouped end.")
    group: str | None = strawberry.field(
        description="The value of `splitBy` (e.g. the currency), if asked."
    )
    total: float = strawberry.field(description="The sum.")
    count: int = strawberry.field(description="How many relations were summed.")


@strawberry.type
class AggregateQueries:
    @strawberry.field(description="Counts of entities and relations, in all and by type.")
    async def stats(self, info: GqlInfo) -> Stats:
        counts = await run(info.context.store.stats)
        return Stats.from_counts(
            counts.entities, counts.relations, counts.entity_types, counts.relation_types
        )

    @strawberry.field(
        description="Counts by type of the entities and relations matching filters, as of a "
        "date (a scan: prefer `stats` for the whole graph)."
    )
    async def counts(
        self,
        info: GqlInfo,
        entity_filter: EntityFilter | None = None,
        relation_filter: RelationFilter | None = None,
        as_of: Date | None = None,
    ) -> Stats:
        counts = await run(
            info.context.store.counts,
            entity_filter.to_store() if entity_filter else None,
            relation_filter.to_store() if relation_filter else None,
            as_of,
        )
        return Stats.from_counts(
            counts.entities, counts.relations, counts.entity_types, counts.relation_types
        )

    @strawberry.field(
        description="Entities ranked by how many relations of the given types they are the "
        "source (OUT) or target (IN) of: most cease-and-desist letters received is "
        "type: [SENT_CEASE_AND_DESIST], direction: IN. Ties by id."
    )
    async def top_entities(
        self,
        info: GqlInfo,
        type: list[RelationType],
        direction: Direction,
        first: int = 10,
        relation_filter: RelationFilter | None = None,
        entity_filter: EntityFilter | None = None,
        as_of: Date | None = None,
    ) -> list[RankedEntity]:
        check_size("first", first, info.context.settings.max_page_size)
        ranked = await run(
            info.context.store.top_entities,
            [t.value for t in type],
            StoreDirection(direction.name),
            relation_filter.to_store() if relation_filter else None,
            entity_filter.to_store() if entity_filter else None,
            as_of,
        )
        return [RankedEntity(entity=Entity.from_entity(r.entity), count=r.count)
                for r in ranked[:first]]

    @strawberry.field(
        description="Sums of a numeric property of one relation type per entity, largest "
        "first: fines by regulator is type: FINED, property: amount, direction: OUT, "
        "splitBy: currency (amounts in different currencies are never added up). Sums the "
        "display values: a fine whose sources disagree counts once, at its displayed amount."
    )
    async def relation_sums(
        self,
        info: GqlInfo,
        type: RelationType,
        property: PropertyKey,
        direction: Direction = Direction.OUT,
        split_by: PropertyKey | None = None,
        first: int = 20,
        relation_filter: RelationFilter | None = None,
        as_of: Date | None = None,
    ) -> list[RelationSum]:
        check_size("first", first, info.context.settings.max_page_size)
        rows = await run(
            info.context.store.relation_sums,
            type.value,
            property.value,
            StoreDirection(direction.name),
            split_by.value if split_by else None,
            relation_filter.to_store() if relation_filter else None,
            as_of,
        )
        return [
            RelationSum(entity=Entity.from_entity(r.entity), group=r.group, total=r.total,
                        count=r.count)
            for r in rows[:first]
        ]
