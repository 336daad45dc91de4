"""Root fields for checking values: one relation by id, and what curators must look at."""

from __future__ import annotations

import strawberry

from api.gql.context import GqlInfo
from api.gql.query_lists import run
from api.gql.types import Entity, Relation
from graph.errors import InvalidInput


@strawberry.type(description="An entity or a relation whose sources disagree, for curators.")
class Conflicted:
    id: strawberry.ID = strawberry.field(description="The entity's or the relation's id.")
    keys: list[str] = strawberry.field(description="The properties in conflict.")
    entity: Entity | None = strawberry.field(description="The entity, when it is one.")
    relation: Relation | None = strawberry.field(description="The relation, when it is one.")


@strawberry.type
class StatementQueries:
    @strawberry.field(
        description="One relation by id (source:TYPE:target[@identity]); null if none."
    )
    async def relation(self, info: GqlInfo, id: strawberry.ID) -> Relation | None:
        found = await run(info.context.store.get_relations, [str(id)])
        rel = found.get(str(id))
        return Relation.from_relation(rel) if rel else None

    @strawberry.field(
        description="Entities, then relations, whose sources state different values of a "
        "property, by id: what a curator should settle. Scans the graph until it has `first`."
    )
    async def conflicts(self, info: GqlInfo, first: int = 20) -> list[Conflicted]:
        maximum = info.context.settings.max_page_size
        if not 0 <= first <= maximum:
            raise InvalidInput(f"`first` must be between 0 and {maximum}, got {first}")
        entities, relations = await run(info.context.store.conflicted, first)
        found = [
            Conflicted(id=strawberry.ID(e.id), keys=list(e.conflicts),
                       entity=Entity.from_entity(e), relation=None)
            for e in entities
        ]
        found += [
            Conflicted(id=strawberry.ID(r.id), keys=list(r.conflicts), entity=None,
                       relation=Relation.from_relation(r))
            for r in relations
        ]
        return found
