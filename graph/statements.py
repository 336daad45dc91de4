"""Every value with its source: statements, the rule that merges them, the rule that displays them.

A statement is one value of one property as one source states it (OpenSanctions' statement
model, without first/last seen). Entities and relations keep every statement; their
`properties` are the display values, chosen from the statements by `display` (the rule is in
docs/data-formats.md, "Every value has a source"). Names, aliases and relation dates are
statements too.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NAME = "name"
ALIAS = "alias"
DATE = "date"  # a relation's own date; an entity's `date` is an ordinary property
ENTITY_FIELDS = frozenset({NAME, ALIAS})  # never displayed as properties, never in conflict
RELATION_FIELDS = frozenset({DATE})  # dates refine or are refused: see model.merge_dates


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """One source: an Article id and/or a URL, and the quote that supports what it states."""

    article: str | None = None
    url: str | None = None
    quote: str | None = None

    def to_record(self) -> dict[str, str]:
        pairs = (("article", self.article), ("url", self.url), ("quote", self.quote))
        return {k: v for k, v in pairs if v is not None}


NO_SOURCE = Evidence()
UNSOURCED = (NO_SOURCE,)  # the one source of a value whose record names none


@dataclass(frozen=True, slots=True)
class Statement:
    """One value of one property, as one source states it (list values are kept as tuples)."""

    property: str
    value: Any
    source: Evidence = NO_SOURCE

    def to_record(self) -> dict[str, Any]:
        return {"property": self.property, "value": plain(self.value), **self.source.to_record()}


class _Mapping(dict[str, Any]):
    """A mapping value kept as given (no declared property has one; the store refuses it)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(value_key(dict(self)))


def hashable(value: Any) -> Any:
    """A property value as a statement keeps it: lists become tuples."""
    if isinstance(value, list):
        return tuple(value)
    return _Mapping(value) if isinstance(value, dict) else value


def plain(value: Any) -> Any:
    """A statement's value as the model and JSON show it: tuples become lists."""
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if isinstance(value, _Mapping) else value


def evidence_key(evidence: Evidence) -> tuple[str, str, str]:
    """Sort key that tolerates missing fields (url-only next to article-only evidence)."""
    return (evidence.article or "", evidence.url or "", evidence.quote or "")


def source_key(evidence: Evidence) -> tuple[str, str]:
    """Which source states it, whatever the quote: what an update of a value is matched on."""
    return (evidence.article or "", evidence.url or "")


def value_key(value: Any) -> str:
    if type(value) is str:  # what json.dumps gives a string, without building an encoder
        return _encode_string(value)
    return json.dumps(plain(value), ensure_ascii=False, sort_keys=True, default=str)


_encode_string = json.encoder.encode_basestring


def _sort_key(statement: Statement) -> tuple[str, str, tuple[str, str, str]]:
    return (statement.property, value_key(statement.value), evidence_key(statement.source))


def canonical(statements: Iterable[Statement]) -> tuple[Statement, ...]:
    """Sorted and unique: equal statement sets compare equal."""
    unique = set(statements)
    if len(unique) < 2:  # nothing to sort (most relations): no sort keys computed
        return tuple(unique)
    return tuple(sorted(unique, key=_sort_key))


def complete(
    statements: Iterable[Statement],
    values: Iterable[tuple[str, Any]],
    sources: tuple[Evidence, ...],
) -> tuple[Statement, ...]:
    """The statements plus, for each value no statement states, that value from every source.

    This is how a record without statements (old NDJSON) is read: each of its values comes
    from the record's own sources or evidence.
    """
    found = list(statements)
    stated = {(s.property, s.value) for s in found}
    names = {s.value for s in found if s.property == NAME}
    for key, value in values:
        value = hashable(value)
        if (key, value) in stated or (key == ALIAS and value in names):
            continue
        stated.add((key, value))
        found.extend(Statement(key, value, source) for source in sources or UNSOURCED)
    return canonical(found)


def implied(
    statements: tuple[Statement, ...],
    values: Iterable[tuple[str, Any]],
    sources: tuple[Evidence, ...],
) -> bool:
    """Whether canonical `statements` are exactly `complete((), values, sources)`: the values
    from every source and nothing else (compared as sets, so nothing is sorted)."""
    implied_by: set[tuple[str, Any, Evidence]] = set()  # statements as the tuples they compare as
    for key, value in values:
        value = hashable(value)
        implied_by.update((key, value, source) for source in sources or UNSOURCED)
    return len(implied_by) == len(statements) and all(
        (s.property, s.value, s.source) in implied_by for s in statements)


def merge(
    old: Iterable[Statement], new: Collection[Statement], accumulate: Collection[str]
) -> tuple[Statement, ...]:
    """Union, except that a source stating a new value of a property replaces its old value.

    The `accumulate` properties (names, aliases, relation dates) only accumulate: every name
    is kept as an alias; dates refine. Two sources with different values are both kept: a
    conflict, not an overwrite.
    """
    restated = {(s.property, source_key(s.source)) for s in new if s.property not in accumulate}
    kept = [s for s in old if (s.property, source_key(s.source)) not in restated]
    return canonical([*kept, *new])


def by_value(
    statements: Iterable[Statement], skip: Collection[str] = ()
) -> dict[str, dict[Any, list[Evidence]]]:
    """Each property's values, each with the sources that state it (in statement order)."""
    grouped: dict[str, dict[Any, list[Evidence]]] = {}
    for s in statements:
        if s.property not in skip:
            grouped.setdefault(s.property, {}).setdefault(s.value, []).append(s.source)
    return grouped


def _rank(value: Any, sources: list[Evidence]) -> tuple[int, int, int, str]:
    """Smaller is shown first: quoted (curated), more sources, a document, then the value."""
    quoted = any(s.quote for s in sources)
    distinct = len({source_key(s) for s in sources})
    document = any(s.article for s in sources)
    return (-quoted, -distinct, -document, value_key(value))


def ranked(values: Mapping[Any, list[Evidence]]) -> list[Any]:
    """The values of one property, the display value first (see `_rank`)."""
    return sorted(values, key=lambda v: _rank(v, values[v]))


def display(statements: Iterable[Statement], skip: Collection[str]) -> dict[str, Any]:
    """The display value of every property; list properties show the union of every list."""
    shown: dict[str, Any] = {}
    for key, values in sorted(by_value(statements, skip).items()):
        if all(isinstance(v, tuple) for v in values):
            shown[key] = sorted({item for v in values for item in v})
        else:
            shown[key] = plain(next(iter(values)) if len(values) == 1 else ranked(values)[0])
    return shown


def conflicts(statements: Iterable[Statement], skip: Collection[str]) -> tuple[str, ...]:
    """The single-valued properties whose sources state different values."""
    return tuple(
        key
        for key, values in sorted(by_value(statements, skip).items())
        if len(values) > 1 and not all(isinstance(v, tuple) for v in values)
    )


def records(statements: Iterable[Statement]) -> list[dict[str, Any]]:
    """Statements as interchange objects."""
    return [s.to_record() for s in statements]


def from_records(items: Iterable[Mapping[str, Any]]) -> tuple[Statement, ...]:
    """Statements from interchange objects this module wrote (stores read them back so)."""
    return tuple(
        Statement(
            str(item["property"]),
            hashable(item.get("value")),
            Evidence(item.get("article"), item.get("url"), item.get("quote")),
        )
        for item in items
    )
