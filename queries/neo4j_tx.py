"""How the Neo4j store runs a statement: reads bounded by the request's deadline, and the
statements of one upsert combined per id before they are sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from neo4j import Query
from neo4j.exceptions import Neo4jError

from graph import cancel
from graph.errors import AikgError, StoreUnavailable
from graph.model import Entity, Relation
from queries.registry import Statement

Item = TypeVar("Item", Entity, Relation)


def combined(
    items: list[Item], normalise: Callable[[Item], Item], merge: Callable[[Item, Item], Item]
) -> dict[str, Item]:
    """One statement per id, repeats within the batch merged (the plan found no conflict)."""
    found: dict[str, Item] = {}
    for item in items:
        seen = found.get(item.id)
        found[item.id] = normalise(item) if seen is None else merge(seen, item)
    return found


TIMED_OUT = ("Neo.ClientError.Transaction.TransactionTimedOut",
             "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration")


def bounded_query(statement: Statement) -> Query:
    """The statement as a driver Query whose transaction timeout is the time the request has left.

    Neo4j then stops the work itself when a request times out (nothing keeps running there).
    """
    left = cancel.remaining()
    if left is None:
        return statement.query
    cancel.check()
    return Query(statement.text, metadata={"query": statement.name}, timeout=max(left, 0.001))


def read_error(name: str, exc: Exception) -> AikgError:
    if isinstance(exc, Neo4jError) and exc.code in TIMED_OUT:
        return cancel.Cancelled(
            f"Neo4j stopped query {name}: the request ran out of time; ask for less "
            "(smaller pages, fewer hops, narrower filters)"
        )
    return StoreUnavailable(f"Neo4j query {name} failed: {exc}")
