"""The GraphQL schema: the root fields of every module, merged, with the request limits."""

from __future__ import annotations

from dataclasses import replace

import strawberry
from strawberry.schema.config import StrawberryConfig

from api.gql.limits import TimedSchema, extensions
from api.gql.mutation import Mutation
from api.gql.named import NamedQueries
from api.gql.query_aggregates import AggregateQueries
from api.gql.query_graph import GraphQueries
from api.gql.query_lists import ListQueries
from api.gql.query_statements import StatementQueries
from api.gql.scalars import SCALARS
from graph.settings import Settings


@strawberry.type(description="Read the AI accountability graph: every relation with its evidence.")
class Query(ListQueries, GraphQueries, AggregateQueries, NamedQueries, StatementQueries):
    pass


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema for these settings: read-only unless write keys are configured."""
    settings = settings or Settings()
    schema = TimedSchema(
        query=Query,
        mutation=Mutation if settings.write_keys else None,
        extensions=extensions(settings),
        config=StrawberryConfig(scalar_map=SCALARS),
    )
    schema.timeout = settings.request_timeout
    schema.max_tokens = settings.max_tokens
    return schema


def read_only_sdl() -> str:
    """The SDL a server without write keys serves: the committed api/schema.graphql."""
    return build_schema(replace(Settings(), write_keys=())).as_str() + "\n"
