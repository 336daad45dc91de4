"""GraphQL enums: entity types, relation types and property keys generated from the schema."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import strawberry

from graph import schema

_SCHEMA = schema.load_schema()


def _described(names: dict[str, str]) -> dict[str, strawberry.enum_value]:  # type: ignore[valid-type]
    return {name: strawberry.enum_value(name, description=text) for name, text in names.items()}


def _property_kinds() -> dict[str, str]:
    kinds: dict[str, set[str]] = {}
    declared: list[schema.EntityType | schema.RelationType] = [
        *_SCHEMA.entity_types.values(), *_SCHEMA.relation_types.values()
    ]
    for owner in declared:
        for key, kind in owner.properties.items():
            kinds.setdefault(key, set()).add(f"{owner.name} ({kind})")
    return {key: "On " + ", ".join(sorted(owners)) for key, owners in sorted(kinds.items())}


if TYPE_CHECKING:
    EntityType = Enum
    RelationType = Enum
    PropertyKey = Enum
else:
    EntityType = strawberry.enum(
        Enum("EntityType", _described(
            {n: t.description for n, t in _SCHEMA.entity_types.items()})),
        description="An entity type declared in graph/schema.yaml.",
    )
    RelationType = strawberry.enum(
        Enum("RelationType", _described(
            {n: t.description for n, t in _SCHEMA.relation_types.items()})),
        description="A relation type declared in graph/schema.yaml.",
    )
    PropertyKey = strawberry.enum(
        Enum("PropertyKey", _described(_property_kinds())),
        description="A property declared in graph/schema.yaml, on entities or relations.",
    )


@strawberry.enum(description="Which way a relation points, seen from the entity asked about.")
class Direction(Enum):
    OUT = strawberry.enum_value("OUT", description="The entity is the relation's source.")
    IN = strawberry.enum_value("IN", description="The entity is the relation's target.")


@strawberry.enum(description="Sort order.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Smallest first; undated rows last.")
    DESC = strawberry.enum_value("DESC", description="Largest first; undated rows first.")


@strawberry.enum(description="What to sort entities by; ties are broken by id.")
class EntityOrderField(Enum):
    ID = strawberry.enum_value("ID", description="The entity id.")
    NAME = strawberry.enum_value("NAME", description="The name, case- and accent-insensitive.")
    DATE = strawberry.enum_value(
        "DATE", description="The entity's own date (Incident.date, Article.published...)."
    )


@strawberry.enum(description="What to sort relations by; ties are broken by id.")
class RelationOrderField(Enum):
    ID = strawberry.enum_value("ID", description="The relation id (source:TYPE:target).")
    DATE = strawberry.enum_value("DATE", description="The date the fact refers to.")
    TYPE = strawberry.enum_value("TYPE", description="The relation type.")


@strawberry.enum(description="How many of an entity's relations must satisfy a condition.")
class Quantifier(Enum):
    SOME = strawberry.enum_value("SOME", description="At least one (or minCount..maxCount).")
    NONE = strawberry.enum_value("NONE", description="Not one.")
    ALL = strawberry.enum_value(
        "ALL", description="Every one of the given types and direction (true when there are none)."
    )
