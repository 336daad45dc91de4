"""Item 13: the committed SDL is the live schema, and every type and field is documented."""

from __future__ import annotations

from dataclasses import replace

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLString,
)

from api.gql.schema import build_schema, read_only_sdl
from api.gql.sdl import SDL_FILE
from graph.settings import Settings

FIX = "the schema changed: run `python -m api.gql.sdl --write` and commit api/schema.graphql"


def test_the_committed_sdl_is_the_live_schema() -> None:
    assert SDL_FILE.read_text(encoding="utf-8") == read_only_sdl(), FIX


def ours() -> list[GraphQLNamedType]:
    """The types of the schema with writes enabled, without GraphQL's own."""
    types = build_schema(replace(Settings(), write_keys=("k" * 16,)))._schema.type_map.values()
    return [t for t in types if not t.name.startswith("__") and t.name not in (
        "String", "Int", "Float", "Boolean", "ID")]


def undocumented(types: list[GraphQLNamedType]) -> list[str]:
    """Every type, field, input field and enum value without a description."""
    missing = []
    for named in types:
        if not named.description:
            missing.append(named.name)
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            missing += [f"{named.name}.{f}" for f, d in named.fields.items() if not d.description]
        if isinstance(named, GraphQLEnumType):
            missing += [f"{named.name}.{v}" for v, d in named.values.items() if not d.description]
    return missing


def test_every_type_and_field_is_documented() -> None:
    types = ours()
    assert len(types) > 40 and undocumented(types) == []


def test_the_check_can_fail() -> None:
    bare = GraphQLObjectType("Bare", {"x": GraphQLField(GraphQLString)})
    assert undocumented([bare]) == ["Bare", "Bare.x"]


def test_write_keys_add_the_mutation_and_nothing_else() -> None:
    read_only = build_schema(Settings())._schema
    writable = build_schema(replace(Settings(), write_keys=("k" * 16,)))._schema
    assert read_only.mutation_type is None
    assert writable.mutation_type is not None
    assert list(writable.mutation_type.fields) == ["upsertRecords"]
    added = set(writable.type_map) - set(read_only.type_map)
    assert added == {"Mutation", "UpsertResult"}
