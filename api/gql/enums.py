"""GraphQL enums generated from the schema: one value per entity and relation type."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import strawberry

from graph.schema import load_schema

_SCHEMA = load_schema()

if TYPE_CHECKING:
    EntityType = Enum
    RelationType = Enum
else:
    EntityType = strawberry.enum(
        Enum("EntityType", {name: name for name in _SCHEMA.entity_types}),
        description="An entity type declared in graph/schema.yaml.",
    )
    RelationType = strawberry.enum(
        Enum("RelationType", {name: name for name in _SCHEMA.relation_types}),
        description="A relation type declared in graph/schema.yaml.",
    )


@strawberry.enum(description="Which way a relation points, seen from the entity asked about.")
class Direction(Enum):
    OUT = "OUT"
    IN = "IN"
