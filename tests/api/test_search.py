"""Item 4: ranked search over names, aliases and descriptions, with typos and types."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

SEARCH = """query ($text: String!, $types: [EntityType!], $first: Int, $after: String,
    $asOf: Date) { search(text: $text, types: $types, first: $first, after: $after, asOf: $asOf)
    { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


def hits(api: Api, text: str, **variables: Any) -> list[str]:
    found = api.data(SEARCH, text=text, **variables)["search"]
    return [e["node"]["id"] for e in found["edges"]]


@pytest.mark.parametrize(
    ("text", "first_hit"),
    [
        ("Clearview AI", "clearview-ai"),  # the exact name
        ("clearv", "clearview-ai"),  # a prefix, as typed
        ("CLEARVIEW", "clearview-ai"),  # an exact alias beats longer names
        ("tor ek", "tor-ekeland"),  # every word a prefix
        ("clearveiw", "clearview-ai"),  # a transposition
        ("garnte", "garante-privacy"),  # a letter left out
        ("metro polise", "metro-police-department"),  # a typo in one word of two
    ],
)
def test_the_best_match_comes_first(api: Api, text: str, first_hit: str) -> None:
    assert hits(api, text)[0] == first_hit


def test_exact_alias_then_shorter_names_then_descriptions(api: Api) -> None:
    assert hits(api, "acme") == ["acme-vision", "acme-robotics", "acme-misidentification-2022"]


def test_descriptions_are_searched(api: Api) -> None:
    assert hits(api, "shopper thief") == ["acme-misidentification-2022"]


def test_types_filter_the_hits(api: Api) -> None:
    assert hits(api, "acme", types=["Incident"]) == ["acme-misidentification-2022"]
    assert hits(api, "clearview", types=["Platform"]) == []


def test_no_match_and_blank_text_find_nothing(api: Api) -> None:
    assert hits(api, "zzqxv") == [] and hits(api, "   ") == []


def test_as_of_hides_what_did_not_exist_yet(api: Api) -> None:
    assert hits(api, "acme", asOf="2021") == ["acme-vision", "acme-robotics"]


def test_search_pages_by_rank_without_repeats(api: Api) -> None:
    every = hits(api, "c", first=100)
    seen: list[str] = []
    after = None
    while True:
        page = api.data(SEARCH, text="c", first=4, after=after)["search"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == every and len(every) > 8
