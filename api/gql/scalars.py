"""Custom scalars: partial ISO dates, as the graph stores them (registered in the schema config)."""

from __future__ import annotations

from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.dates import parse_partial_date
from graph.errors import InvalidInput

Date = NewType("Date", str)


def _parse_date(value: object) -> str:
    try:
        return parse_partial_date(value)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


SCALARS: dict[object, ScalarDefinition] = {
    Date: strawberry.scalar(
        name="Date",
        description=(
            "An ISO 8601 date, possibly partial: 2020, 2020-02 or 2020-02-27. A partial date "
            "stands for its whole period (2020 is all of 2020)."
        ),
        serialize=str,
        parse_value=_parse_date,
    )
}
