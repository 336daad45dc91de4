"""Item 5: hub-safe neighbourhoods: counts first, paged neighbours, hubs flagged not expanded."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.api.conftest import HUB_DEGREE, Api, Backend, serve

AROUND = """query ($id: ID!, $depth: Int, $types: [RelationType!], $asOf: Date, $first: Int,
    $after: String) { neighbourhood(id: $id, depth: $depth, types: $types, asOf: $asOf) {
      rootDegree rootIsHub truncated totalCount
      entityTypeCounts { type count } distanceCounts { distance count }
      hubs { entity { id } degree expanded }
      neighbours(first: $first, after: $after) { pageInfo { hasNextPage endCursor }
        edges { node { distance isHub expanded entity { id } via { id } } } } } }"""


def around(api: Api, entity: str, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = api.data(AROUND, id=entity, **variables)["neighbourhood"]
    return found


def _rows(found: dict[str, Any]) -> list[tuple[int, str]]:
    return [(e["node"]["distance"], e["node"]["entity"]["id"])
            for e in found["neighbours"]["edges"]]


def test_two_levels_around_a_police_department(api: Api) -> None:
    found = around(api, "metro-police-department", depth=2)
    assert found["rootDegree"] == 2 and not found["rootIsHub"] and not found["truncated"]
    assert _rows(found) == [
        (1, "acme-misidentification-2022"), (1, "acme-vision"),
        (2, "acme-robotics"), (2, "clearview-ai"), (2, "garante-privacy"),
    ]
    assert found["entityTypeCounts"] == [
        {"type": "Agency", "count": 1}, {"type": "Company", "count": 3},
        {"type": "Incident", "count": 1},
    ]
    assert found["distanceCounts"] == [{"distance": 1, "count": 2}, {"distance": 2, "count": 3}]


def test_a_hub_is_flagged_and_never_expanded(api: Api) -> None:
    found = around(api, "metro-police-department", depth=3)
    [hub] = found["hubs"]
    assert hub["entity"]["id"] == "clearview-ai" and hub["degree"] > HUB_DEGREE
    assert not hub["expanded"]
    # nothing is reached through Clearview AI (35 relations): depth 3 finds nothing new
    assert _rows(found) == _rows(around(api, "metro-police-department", depth=2))


def test_a_hub_root_lists_its_neighbours_only(api: Api) -> None:
    found = around(api, "clearview-ai", depth=2, types=["FINED"])
    assert found["rootIsHub"] and found["truncated"]
    assert _rows(found) == [
        (1, "dutch-data-protection-authority"), (1, "french-regulator"), (1, "garante-privacy")
    ]


def test_neighbours_page_with_cursors(api: Api) -> None:
    every = _rows(around(api, "clearview-ai", first=100))
    seen: list[tuple[int, str]] = []
    after = None
    while True:
        found = around(api, "clearview-ai", first=7, after=after)
        seen += _rows(found)
        if not found["neighbours"]["pageInfo"]["hasNextPage"]:
            break
        after = found["neighbours"]["pageInfo"]["endCursor"]
    assert seen == every and len(every) == found["totalCount"] > 20


def test_as_of_hides_later_relations(api: Api) -> None:
    rows = _rows(around(api, "acme-vision", asOf="2022-12"))
    assert rows == [(1, "acme-misidentification-2022"), (1, "metro-police-department")]


def test_the_number_of_neighbours_is_bounded(backend: Backend) -> None:
    settings = replace(backend.settings, max_neighbours=4)
    with serve(settings, backend.standard(), backend.name) as api:
        found = around(api, "metro-police-department", depth=3)
    assert found["truncated"] and found["totalCount"] == 4


def test_depth_is_at_most_three(api: Api) -> None:
    assert api.errors(AROUND, id="clearview-ai", depth=4) == [
        "`depth` must be between 1 and 3, got 4"
    ]


def test_an_unknown_root_is_not_found(api: Api) -> None:
    [message] = api.errors(AROUND, id="nobody-at-all")
    assert message == "neighbourhood: no entity has the id, external id or name 'nobody-at-all'"
