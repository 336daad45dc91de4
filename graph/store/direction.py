"""Which way a relation points: a leaf module, so query modules can use it without cycles."""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which way a relation points, seen from the entity asked about."""

    OUT = "OUT"
    IN = "IN"
