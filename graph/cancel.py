"""Cooperative cancellation: work started for a request stops when the request's time is up.

The API opens a `deadline` around each request; long loops call `check()` and stores consult
`remaining()` (SQLite through a progress handler, Neo4j as a transaction timeout), so a refused
or timed-out request stops its work instead of leaving it running in a thread.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from graph.errors import AikgError

_DEADLINE: ContextVar[float | None] = ContextVar("aikg_deadline", default=None)


class Cancelled(AikgError):
    """The work ran past its deadline and was stopped; nothing it was writing was committed."""

    http_status = 503


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Run the block with a deadline `seconds` from now (None: no deadline; nested: earliest)."""
    if seconds is None:
        yield
        return
    outer = _DEADLINE.get()
    at = time.monotonic() + seconds
    token = _DEADLINE.set(at if outer is None else min(outer, at))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before the current deadline, or None when there is none."""
    at = _DEADLINE.get()
    return None if at is None else at - time.monotonic()


def expired() -> bool:
    """True once the current deadline has passed (cheap enough for a progress handler)."""
    at = _DEADLINE.get()
    return at is not None and time.monotonic() >= at


def check() -> None:
    """Raise Cancelled if the current deadline has passed."""
    if expired():
        raise Cancelled(
            "the request ran out of time and its work was stopped: ask for less "
            "(smaller pages, fewer hops, narrower filters)"
        )
