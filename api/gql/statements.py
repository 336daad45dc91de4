"""Every value of a property with its sources, and the properties whose sources disagree."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from api.gql.evidence import Evidence
from graph import statements as st
from graph.model import Statement

RULE = (
    "The value shown is chosen at read time: a quoted (curated) value over an unquoted "
    "(extracted) one, then the value more sources state, then one an Article states over a "
    "bare URL, then the smallest value."
)


@strawberry.type(description="One value of a property and every source that states it.")
class SourcedValue:
    value: JSON = strawberry.field(description="The value (number, text, date, list...).")
    sources: list[Evidence] = strawberry.field(
        description="Each source stating it: article and/or url, with its quote where there is one."
    )


@strawberry.type(description=f"A property: the value shown and every other value. {RULE}")
class PropertyValue:
    key: str = strawberry.field(description="The property asked for.")
    value: JSON = strawberry.field(
        description="The display value: what `properties` shows, filters and sums use."
    )
    sources: list[Evidence] = strawberry.field(description="The sources of the display value.")
    alternatives: list[SourcedValue] = strawberry.field(
        description="Every other value some source states, each with its sources, best first."
    )
    conflict: bool = strawberry.field(
        description="True when sources state different values (names and dates never conflict)."
    )


def _evidence(sources: Iterable[st.Evidence]) -> list[Evidence]:
    unique = sorted(set(sources), key=st.evidence_key)
    return [
        Evidence(quote=e.quote, url=e.url, article_id=e.article)
        for e in unique
        if e != st.NO_SOURCE
    ]


def _sourced(value: Any, sources: Iterable[st.Evidence]) -> SourcedValue:
    return SourcedValue(value=cast(JSON, st.plain(value)), sources=_evidence(sources))


def property_value(
    statements: Collection[Statement],
    key: str,
    fields: Collection[str],
    shown: Any = None,
) -> PropertyValue | None:
    """The view of one property; `shown` is the display value of a name or date field."""
    keys = {st.NAME, st.ALIAS} if key == st.NAME else {key}
    values: dict[Any, list[st.Evidence]] = {}
    for statement in statements:
        if statement.property in keys:
            values.setdefault(statement.value, []).append(statement.source)
    if not values:
        return None
    if all(isinstance(v, tuple) for v in values):  # a list property shows the union
        union = sorted({item for v in values for item in v})
        every = [s for sources in values.values() for s in sources]
        return PropertyValue(key=key, value=cast(JSON, union), sources=_evidence(every),
                             alternatives=[], conflict=False)
    order = st.ranked(values)
    if shown is not None and shown in values:
        order = [shown, *(v for v in order if v != shown)]
    first, rest = order[0], order[1:]
    return PropertyValue(
        key=key,
        value=cast(JSON, st.plain(first)),
        sources=_evidence(values[first]),
        alternatives=[_sourced(v, values[v]) for v in rest],
        conflict=bool(rest) and key not in fields and key != st.NAME,
    )
