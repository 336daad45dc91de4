"""Which errors of a GraphQL result are whose: the request's (refused, logged in one line),
the store's (the whole response answers 503) or the server's (masked, logged in full)."""

from __future__ import annotations

from graphql import GraphQLError

from graph.errors import AikgError, StoreUnavailable

HTTP_SERVER_ERROR = 500
MASKED = "Internal error: the server could not answer this query. It has been logged."


class LimitExceeded(Exception):
    """A request asks for more than the limits allow; the message says what and how to fix it."""


def root_cause(error: GraphQLError) -> BaseException | None:
    original = error.original_error
    while isinstance(original, GraphQLError) and original.original_error is not None:
        original = original.original_error
    return original


def should_mask(error: GraphQLError) -> bool:
    """Hide everything but GraphQL's own errors and ours (AikgError, limits), however wrapped."""
    original = root_cause(error)
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(original, AikgError | LimitExceeded)


def refused(error: GraphQLError) -> bool:
    """An error of the request, not of the server: logged in one line, without a traceback."""
    original = root_cause(error)
    if isinstance(original, AikgError):
        return original.http_status < HTTP_SERVER_ERROR
    return original is None or isinstance(original, GraphQLError | LimitExceeded)


def unavailable(errors: list[GraphQLError] | None) -> StoreUnavailable | None:
    """A store that could not answer, among a result's errors: the whole response then takes
    its 503, as /health does, not a 200 with no data. (A query out of time stays a GraphQL
    error: the store is fine.)"""
    for error in errors or ():
        original = root_cause(error)
        if isinstance(original, StoreUnavailable):
            return original
    return None
