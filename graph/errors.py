"""The one error hierarchy: every failure a user can see is an AikgError with a clear message."""

from __future__ import annotations


class AikgError(Exception):
    """Base of every error aikg reports to a user; `http_status` maps it for the API."""

    http_status = 500


class InvalidInput(AikgError):
    """Input that breaks the schema or the evidence rules; says what, where and what to do."""

    http_status = 400


class NotFound(AikgError):
    """A requested id, file or named query does not exist."""

    http_status = 404


class StoreUnavailable(AikgError):
    """The graph store cannot be opened, read or written."""

    http_status = 503
