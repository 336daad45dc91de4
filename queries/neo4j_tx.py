"""How the Neo4j store runs a read: bounded by the request's deadline, its errors named."""

from __future__ import annotations

from neo4j import Query
from neo4j.exceptions import Neo4jError

from graph import cancel
from graph.errors import AikgError, StoreUnavailable
from queries.registry import Statement

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
