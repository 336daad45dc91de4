"""The named queries of queries/named/ as root fields: listed with typed parameters, run."""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api.gql.context import GqlInfo
from api.gql.paging import check_size
from api.gql.query_lists import run
from graph.errors import InvalidInput
from queries.named import NAMED_QUERIES, NamedQuery, Param, run_named


@strawberry.type(description="One parameter of a named query.")
class NamedQueryParameter:
    name: str = strawberry.field(description="Its name, a key of `params`.")
    type: str = strawberry.field(description="ID (any look-up key), Date, Int or String.")
    description: str = strawberry.field(description="What it does.")
    required: bool = strawberry.field(description="Whether it must be given.")
    default: JSON | None = strawberry.field(description="Its value when not given.")

    @classmethod
    def of(cls, param: Param) -> NamedQueryParameter:
        default = None if param.required else cast(JSON, param.default)
        return cls(name=param.name, type=param.kind, description=param.description,
                   required=param.required, default=default)


@strawberry.type(description="A stored query: what it answers, its parameters, its Cypher.")
class NamedQueryInfo:
    name: str = strawberry.field(description="Pass to runNamedQuery.")
    description: str = strawberry.field(description="What it answers (the Cypher file's header).")
    parameters: list[NamedQueryParameter] = strawberry.field(description="Typed parameters.")
    columns: list[str] = strawberry.field(description="The keys of every row it returns.")
    cypher: str = strawberry.field(description="The statement run on the Neo4j store.")

    @classmethod
    def of(cls, query: NamedQuery) -> NamedQueryInfo:
        return cls(name=query.name, description=query.description,
                   parameters=[NamedQueryParameter.of(p) for p in query.params],
                   columns=list(query.columns), cypher=query.statement.text)


@strawberry.type(description="The rows a named query returned (the same on every store).")
class NamedQueryResult:
    name: str = strawberry.field(description="The query that ran.")
    columns: list[str] = strawberry.field(description="The keys of every row.")
    rows: list[JSON] = strawberry.field(description="The first `first` rows, in order.")
    total_count: int = strawberry.field(description="Rows in all.")


@strawberry.type
class NamedQueries:
    @strawberry.field(description="The named queries any store can run, with their parameters.")
    def named_queries(self) -> list[NamedQueryInfo]:
        return [NamedQueryInfo.of(q) for _, q in sorted(NAMED_QUERIES.items())]

    @strawberry.field(
        description="Run a named query (read-only): Cypher on the Neo4j store, the equivalent "
        "Python on the embedded store; `params` maps parameter names to values."
    )
    async def run_named_query(
        self, info: GqlInfo, name: str, params: JSON | None = None, first: int = 100
    ) -> NamedQueryResult:
        check_size("first", first, info.context.settings.max_page_size)
        if params is not None and not isinstance(params, dict):
            raise InvalidInput("`params` must be an object of parameter names and values")
        given: dict[str, Any] = dict(params or {})
        rows = await run(run_named, info.context.store, name, given)
        return NamedQueryResult(name=name, columns=list(NAMED_QUERIES[name].columns),
                                rows=[cast(JSON, r) for r in rows[:first]], total_count=len(rows))
