"""What a reader can ask of a store: filters, orderings and keyset windows, as plain data.

The API turns GraphQL inputs into these; every store answers them (generically in
`graph.store.reads`, faster where a store has indexes) with the same, sorted, result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, Generic, TypeVar

from graph.store.direction import Direction
from graph.store.periods import DateRange
from graph.store.search_index import fold

Row = TypeVar("Row")


def fold_fast(text: str) -> str:
    """`fold`, with ASCII (most names, ids, URLs) taking the short way: the same result."""
    return text.casefold() if text.isascii() else fold(text)


@dataclass(frozen=True)
class TextMatch:
    """Case-insensitive conditions on a text; all given ones must hold."""

    equals: str | None = None
    contains: str | None = None
    starts_with: str | None = None
    ends_with: str | None = None
    any_of: tuple[str, ...] = ()

    @cached_property
    def _folded(self) -> tuple[str | None, str | None, str | None, str | None, frozenset[str]]:
        """The conditions folded once per filter, not once per row compared."""
        once = [None if v is None else fold_fast(v)
                for v in (self.equals, self.contains, self.starts_with, self.ends_with)]
        return once[0], once[1], once[2], once[3], frozenset(fold_fast(v) for v in self.any_of)

    def matches(self, text: str) -> bool:
        value = fold_fast(text)
        equals, contains, starts_with, ends_with, any_of = self._folded
        return (
            (equals is None or value == equals)
            and (contains is None or contains in value)
            and (starts_with is None or value.startswith(starts_with))
            and (ends_with is None or value.endswith(ends_with))
            and (not any_of or value in any_of)
        )

    def matches_any(self, texts: Iterable[str]) -> bool:
        return any(self.matches(t) for t in texts)


@dataclass(frozen=True)
class PropertyMatch:
    """Conditions on one declared property; a missing property matches only `exists: false`."""

    key: str
    equals: Any = None
    any_of: tuple[Any, ...] = ()
    text: TextMatch | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None
    date: DateRange | None = None
    exists: bool | None = None

    @cached_property
    def any_of_compiled(self) -> tuple[frozenset[str], tuple[Any, ...]]:
        """`any_of` once per filter: the texts case-folded into a set, the others as given."""
        texts = frozenset(v.casefold() for v in self.any_of if isinstance(v, str))
        return texts, tuple(v for v in self.any_of if not isinstance(v, str))


class Quantifier(StrEnum):
    """How many of an entity's relations must satisfy a condition."""

    SOME = "SOME"
    NONE = "NONE"
    ALL = "ALL"


@dataclass(frozen=True)
class RelationExists:
    """An entity's relations of some types and direction, a date and a filter on the other end."""

    types: tuple[str, ...] = ()
    direction: Direction | None = None
    date: DateRange | None = None
    other: EntityFilter | None = None
    quantifier: Quantifier = Quantifier.SOME
    min_count: int | None = None
    max_count: int | None = None


@dataclass(frozen=True)
class EntityFilter:
    """Conditions on entities; every given field must hold (AND), plus any_of (OR) and not_."""

    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    name: TextMatch | None = None
    name_or_alias: TextMatch | None = None
    date: DateRange | None = None
    properties: tuple[PropertyMatch, ...] = ()
    external_id: TextMatch | None = None
    has_relation: tuple[RelationExists, ...] = ()
    all_of: tuple[EntityFilter, ...] = ()
    any_of: tuple[EntityFilter, ...] = ()
    not_: EntityFilter | None = None

    @cached_property
    def id_set(self) -> frozenset[str]:
        return frozenset(self.ids)


@dataclass(frozen=True)
class EvidenceMatch:
    """Conditions on a relation's evidence: some piece of it satisfies every given field."""

    publishers: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    has_quote: bool | None = None
    url: TextMatch | None = None

    @cached_property
    def article_set(self) -> frozenset[str]:
        return frozenset(self.articles)

    @cached_property
    def publisher_set(self) -> frozenset[str]:
        return frozenset(self.publishers)


@dataclass(frozen=True)
class RelationFilter:
    """Conditions on relations; `direction` and `other` apply to one entity's relations."""

    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    direction: Direction | None = None
    date: DateRange | None = None
    properties: tuple[PropertyMatch, ...] = ()
    source: EntityFilter | None = None
    target: EntityFilter | None = None
    other: EntityFilter | None = None
    evidence: EvidenceMatch | None = None
    all_of: tuple[RelationFilter, ...] = ()
    any_of: tuple[RelationFilter, ...] = ()
    not_: RelationFilter | None = None

    @cached_property
    def id_set(self) -> frozenset[str]:
        return frozenset(self.ids)


class EntityOrderField(StrEnum):
    ID = "ID"
    NAME = "NAME"
    DATE = "DATE"


class RelationOrderField(StrEnum):
    ID = "ID"
    DATE = "DATE"
    TYPE = "TYPE"


@dataclass(frozen=True)
class Order:
    """A sort: the field (an EntityOrderField or RelationOrderField value) and its direction."""

    field: str = "ID"
    descending: bool = False

    @property
    def name(self) -> str:
        return f"{self.field}_{'DESC' if self.descending else 'ASC'}"


SortKey = tuple[str, ...]
NO_DATE = "~"  # sorts after every date: undated rows come last ascending, first descending


@dataclass(frozen=True)
class Window:
    """Relay paging: `first` after a key, or `last` before one (both bounds may be given)."""

    first: int | None = None
    after: SortKey | None = None
    last: int | None = None
    before: SortKey | None = None


@dataclass
class Page(Generic[Row]):
    """One window of a sorted result, the sort key of each row, and the whole result's size."""

    rows: list[Row]
    keys: list[SortKey]
    total: int
    has_next: bool
    has_previous: bool
