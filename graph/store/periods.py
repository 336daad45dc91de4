"""Partial dates as periods: "2020" is the whole year, so it is before 2021 but not before 2020-06.

A date matches a bound only when its whole period does; "as of" hides what surely came later.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.dates import parse_partial_date
from graph.errors import InvalidInput
from graph.model import Entity, Relation
from graph.schema import Schema


def first_day(date: str) -> str:
    """The first day of a partial date's period, as YYYY-MM-DD."""
    parts = date.split("-")
    return "-".join([parts[0], *(parts[1:] + ["01", "01"])[:2]])


def last_day(date: str) -> str:
    """The last day of a partial date's period, as YYYY-MM-DD."""
    parts = date.split("-")
    if len(parts) == 3:
        return date
    year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def checked_date(value: str, what: str) -> str:
    """A user-given partial date, or InvalidInput naming the argument."""
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None


@dataclass(frozen=True)
class DateRange:
    """Bounds on a date: strictly `before`/`after`, or inclusive `start`/`end` (between)."""

    before: str | None = None
    after: str | None = None
    start: str | None = None
    end: str | None = None
    exists: bool | None = None

    def matches(self, date: str | None) -> bool:
        if date is None:
            return self.exists is False
        if self.exists is False:
            return False
        low, high = first_day(date), last_day(date)
        return not (
            (self.before is not None and high >= first_day(self.before))
            or (self.after is not None and low <= last_day(self.after))
            or (self.start is not None and low < first_day(self.start))
            or (self.end is not None and high > last_day(self.end))
        )


def is_later(date: str | None, as_of: str | None) -> bool:
    """True when `date`'s period starts after `as_of`: the fact was not true yet then."""
    return date is not None and as_of is not None and first_day(date) > last_day(as_of)


def date_properties(schema: Schema) -> dict[str, str]:
    """Each entity type's own date: its first declared date property (Incident.date...)."""
    found: dict[str, str] = {}
    for etype in schema.entity_types.values():
        for key, kind in etype.properties.items():
            if kind == "date":
                found[etype.name] = key
                break
    return found


def entity_date(entity: Entity, dates: Mapping[str, str]) -> str | None:
    key = dates.get(entity.type)
    value: Any = entity.properties.get(key) if key else None
    return str(value) if value is not None else None


def entity_visible(entity: Entity, dates: Mapping[str, str], as_of: str | None) -> bool:
    """An incident, article or legal action dated after `as_of` did not exist yet."""
    return not is_later(entity_date(entity, dates), as_of)


def relation_visible(relation: Relation, as_of: str | None) -> bool:
    return not is_later(relation.date, as_of)
