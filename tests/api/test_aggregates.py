"""Item 9: counts by type, top entities by a relation type and direction, sums of amounts."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api

TOP = """query ($type: [RelationType!]!, $direction: Direction!, $r: RelationFilter,
    $e: EntityFilter, $first: Int) { topEntities(type: $type, direction: $direction,
    relationFilter: $r, entityFilter: $e, first: $first) { entity { id } count } }"""
SUMS = """query ($direction: Direction, $splitBy: PropertyKey, $property: PropertyKey!) {
    relationSums(type: FINED, property: $property, direction: $direction, splitBy: $splitBy)
    { entity { id } group total count } }"""


def top(api: Api, **variables: Any) -> list[tuple[str, int]]:
    return [(r["entity"]["id"], r["count"]) for r in api.data(TOP, **variables)["topEntities"]]


def test_most_cease_and_desist_letters_received(api: Api) -> None:
    found = top(api, type=["SENT_CEASE_AND_DESIST"], direction="IN")
    assert found == [("clearview-ai", 4), ("acme-vision", 1)]


def test_incidents_per_deployer_since_2020(api: Api) -> None:
    every = top(api, type=["DEPLOYED"], direction="OUT")
    assert ("woodbridge-police-department", 1) in every  # its incident is from 2019
    since = top(api, type=["DEPLOYED"], direction="OUT",
                r={"target": {"date": {"from": "2020"}}})
    assert since == [("acme-vision", 1), ("metro-police-department", 1)]
    agencies = top(api, type=["DEPLOYED"], direction="OUT", e={"type": ["Agency"]}, first=1)
    assert agencies == [("metro-police-department", 1)]


def test_fines_by_regulator_never_add_currencies(api: Api) -> None:
    rows = api.data(SUMS, property="amount", splitBy="currency")["relationSums"]
    assert [(r["entity"]["id"], r["group"], r["total"], r["count"]) for r in rows] == [
        ("dutch-data-protection-authority", "USD", 33_000_000, 1),
        ("garante-privacy", "EUR", 21_500_000, 2),
        ("french-regulator", "EUR", 20_000_000, 1),
    ]
    fined = api.data(SUMS, property="amount", direction="IN", splitBy="currency")["relationSums"]
    assert (fined[0]["entity"]["id"], fined[0]["group"], fined[0]["total"]) == (
        "clearview-ai", "EUR", 40_000_000)


def test_a_property_that_is_not_a_number_is_refused(api: Api) -> None:
    assert api.errors(SUMS, property="currency") == [
        "FINED has no numeric property 'currency' (numeric: amount)"
    ]


def test_counts_by_type_whole_graph_and_filtered(api: Api) -> None:
    query = """{ stats { entities relations } counts(entityFilter: {type: [Company, Agency]},
        relationFilter: {type: [FINED]}) { entities relations entityTypes { type count }
        relationTypes { type count } } }"""
    found = api.data(query)
    stats, counts = found["stats"], found["counts"]
    totals = (stats["entities"], stats["relations"])
    assert totals == (api.store.stats().entities, api.store.stats().relations)
    assert counts["relationTypes"] == [{"type": "FINED", "count": 4}]
    by_type = {row["type"]: row["count"] for row in counts["entityTypes"]}
    assert by_type == {"Agency": 5, "Company": 4} and counts["entities"] == 9
