"""Relation filters compiled to SQL, where every condition has an exact SQL equivalent.

`compile_relations` returns None for a filter with any condition it cannot express (property
matches, nested any_of/not_, filters on ends beyond ids and types...): those are answered by
the generic matcher. Partial dates compare as periods, as `graph.store.periods` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.store.periods import DateRange, first_day, last_day
from graph.store.query import EntityFilter, EvidenceMatch, RelationFilter
from graph.store.sqlite_codec import id_list

_IN = "{column} IN (SELECT value FROM json_each(?))"


def low(column: str) -> str:
    """SQL for the first day of a partial date."""
    return (
        f"CASE length({column}) WHEN 4 THEN {column} || '-01-01' "
        f"WHEN 7 THEN {column} || '-01' ELSE {column} END"
    )


def high(column: str) -> str:
    """SQL for the last day of a partial date."""
    return (
        f"CASE length({column}) WHEN 4 THEN {column} || '-12-31' "
        f"WHEN 7 THEN date({column} || '-01', '+1 month', '-1 day') ELSE {column} END"
    )


@dataclass
class Where:
    """Conditions joined by AND, with their parameters in order."""

    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any) -> None:
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.conditions) or "1"


def date_range(where: Where, column: str, dates: DateRange) -> None:
    """The conditions of `DateRange.matches` on a date column."""
    if dates.exists is False:
        where.add(f"{column} IS NULL")
        return
    where.add(f"{column} IS NOT NULL")
    if dates.before is not None:
        where.add(f"{high(column)} < ?", first_day(dates.before))
    if dates.after is not None:
        where.add(f"{low(column)} > ?", last_day(dates.after))
    if dates.start is not None:
        where.add(f"{low(column)} >= ?", first_day(dates.start))
    if dates.end is not None:
        where.add(f"{high(column)} <= ?", last_day(dates.end))


def visible(where: Where, column: str, as_of: str | None) -> None:
    """`periods.is_later` negated: undated, or starting no later than `as_of` ends."""
    if as_of is not None:
        where.add(f"({column} IS NULL OR {low(column)} <= ?)", last_day(as_of))


def _end(where: Where, column: str, flt: EntityFilter | None, as_of: str | None) -> bool:
    """An end of the relation that exists (and is visible, and matches ids and types)."""
    if flt is None and as_of is None:
        return True
    inner = Where()
    inner.add(f"e.id = {column}")
    visible(inner, "e.date", as_of)
    if flt is not None:
        simple = EntityFilter(ids=flt.ids, types=flt.types)
        if flt != simple:
            return False
        if flt.ids:
            inner.add(_IN.format(column="e.id"), id_list(sorted(set(flt.ids))))
        if flt.types:
            inner.add(_IN.format(column="e.type"), id_list(sorted(set(flt.types))))
    where.add(f"EXISTS (SELECT 1 FROM entities e WHERE {inner.sql()})", *inner.params)
    return True


def _evidence(where: Where, match: EvidenceMatch) -> bool:
    if match.publishers or match.url is not None:
        return False
    inner = Where()
    inner.add("v.relation = r.id")
    if match.articles:
        inner.add(_IN.format(column="v.article"), id_list(sorted(set(match.articles))))
    if match.has_quote is not None:
        inner.add("coalesce(v.quote, '') != ''" if match.has_quote else
                  "coalesce(v.quote, '') = ''")
    where.add(f"EXISTS (SELECT 1 FROM evidence v WHERE {inner.sql()})", *inner.params)
    return True


def compile_relations(flt: RelationFilter | None, as_of: str | None) -> Where | None:
    """SQL over `relations r` equal to the generic matcher at the root (types apart: the
    caller reads one type at a time), or None when some condition has no SQL here."""
    where = Where()
    visible(where, "r.date", as_of)
    if flt is None:
        return where if _end(where, "r.source", None, as_of) and _end(
            where, "r.target", None, as_of) else None
    unsupported = (
        flt.direction is not None or flt.properties or flt.other is not None
        or flt.all_of or flt.any_of or flt.not_ is not None
    )
    if unsupported:
        return None
    if flt.ids:
        where.add(_IN.format(column="r.id"), id_list(sorted(set(flt.ids))))
    if flt.date is not None:
        date_range(where, "r.date", flt.date)
    if flt.evidence is not None and not _evidence(where, flt.evidence):
        return None
    ok = _end(where, "r.source", flt.source, as_of) and _end(
        where, "r.target", flt.target, as_of)
    return where if ok else None
