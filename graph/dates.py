"""Partial ISO 8601 dates (YYYY, YYYY-MM, YYYY-MM-DD): facts often have only a year or month."""

from __future__ import annotations

import datetime as dt
import re

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: object) -> str:
    """Return `value` as a canonical partial ISO date string, or raise ValueError saying why."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2020, 2020-02 or 2020-02-27, got {value!r}")
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"expected a date like 2020, 2020-02 or 2020-02-27, got {value!r}")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real calendar date ({exc})") from None
    return value.strip()


def date_refines(general: str, specific: str) -> bool:
    """True when `specific` is the same date as `general` or a more precise one (2020 → 2020-02)."""
    return specific == general or specific.startswith(general + "-")
