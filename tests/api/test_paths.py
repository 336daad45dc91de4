"""Item 6: up to k shortest paths, each step with its relation and evidence; bounded."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.api.conftest import Api, Backend, serve

PATHS = """query ($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $types: [RelationType!],
    $asOf: Date) { paths(from: $from, to: $to, maxHops: $maxHops, first: $first, types: $types,
    asOf: $asOf) { length steps { direction from { id } to { id }
      relation { id type evidence { quote article { title } } } } } }"""


def paths(api: Api, source: str, target: str, **variables: Any) -> list[list[str]]:
    found = api.data(PATHS, **{"from": source, "to": target}, **variables)["paths"]
    assert all(p["length"] == len(p["steps"]) for p in found)
    return [[s["relation"]["id"] for s in p["steps"]] for p in found]


def test_how_a_police_department_is_connected_to_a_company(api: Api) -> None:
    found = paths(api, "metro-police-department", "clearview-ai", first=4)
    assert found == [
        ["metro-police-department:CUSTOMER_OF:acme-vision",
         "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai"],
        ["metro-police-department:CUSTOMER_OF:acme-vision",
         "garante-privacy:FINED:acme-vision@2023-05",
         "garante-privacy:FINED:clearview-ai@2022-03"],
        ["metro-police-department:DEPLOYED:acme-misidentification-2022",
         "acme-vision:DEPLOYED:acme-misidentification-2022",
         "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai"],
        ["metro-police-department:DEPLOYED:acme-misidentification-2022",
         "acme-vision:DEVELOPED:acme-misidentification-2022",
         "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai"],
    ]


def test_each_step_walks_from_one_entity_to_the_next_with_evidence(api: Api) -> None:
    query_vars = {"from": "metro-police-department", "to": "Clearview AI", "first": 2}
    second = api.data(PATHS, **query_vars)["paths"][1]
    walk = [(s["from"]["id"], s["direction"], s["to"]["id"]) for s in second["steps"]]
    assert walk == [
        ("metro-police-department", "OUT", "acme-vision"),
        ("acme-vision", "IN", "garante-privacy"),
        ("garante-privacy", "OUT", "clearview-ai"),
    ]
    evidence = second["steps"][1]["relation"]["evidence"][0]
    assert evidence == {"quote": "and Acme Vision 1.5 million euros",
                        "article": {"title": "API fixture report"}}


def test_types_max_hops_and_as_of_narrow_the_paths(api: Api) -> None:
    only_fines = paths(api, "acme-vision", "clearview-ai", types=["FINED"])
    assert only_fines == [["garante-privacy:FINED:acme-vision@2023-05",
                           "garante-privacy:FINED:clearview-ai@2022-03"]]
    assert paths(api, "metro-police-department", "clearview-ai", maxHops=1) == []
    before_letters = paths(api, "metro-police-department", "clearview-ai", asOf="2022-12")
    assert all("SENT_CEASE_AND_DESIST" not in rid for path in before_letters for rid in path)
    assert all("@2023" not in rid for path in before_letters for rid in path)


def test_no_connection_is_an_empty_list(api: Api) -> None:
    assert paths(api, "acme-robotics", "venmo", types=["FINED"]) == []


def test_bounds_are_clear_errors(api: Api) -> None:
    ends = {"from": "metro-police-department", "to": "clearview-ai"}
    assert api.errors(PATHS, **ends, maxHops=7) == ["`maxHops` must be between 1 and 6, got 7"]
    assert api.errors(PATHS, **ends, first=21) == ["`first` must be between 1 and 20 paths, got 21"]
    [missing] = api.errors(PATHS, **{**ends, "to": "nobody-at-all"})
    assert missing == "paths `to`: no entity has the id, external id or name 'nobody-at-all'"


def test_a_search_past_its_budget_stops_with_a_clear_error(backend: Backend) -> None:
    settings = replace(backend.settings, traversal_budget=10)
    with serve(settings, backend.standard(), backend.name) as api:
        [message] = api.errors(PATHS, **{"from": "tor-ekeland", "to": "venmo", "maxHops": 6})
    assert message.startswith("path search stopped") and "restrict the" in message
