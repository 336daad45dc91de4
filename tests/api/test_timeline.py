"""Item 7: timelines, and `asOf` on every list (relations dated after it are hidden)."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api

TIMELINE = """query ($id: ID!, $first: Int, $after: String, $direction: SortDirection,
    $kinds: [String!], $asOf: Date) { timeline(id: $id, first: $first, after: $after,
    direction: $direction, kinds: $kinds, asOf: $asOf) { totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { date kind relation { id } entity { id } } } } }"""


def events(api: Api, entity: str, **variables: Any) -> list[tuple[str, str, str]]:
    found = api.data(TIMELINE, id=entity, **variables)["timeline"]
    rows = [e["node"] for e in found["edges"]]
    return [(n["date"], n["kind"], (n["relation"] or n["entity"])["id"]) for n in rows]


def test_an_entitys_timeline_orders_relations_incidents_and_articles(api: Api) -> None:
    assert events(api, "acme-vision") == [
        ("2021-05", "RELATION", "metro-police-department:CUSTOMER_OF:acme-vision"),
        ("2022-07", "Incident", "acme-misidentification-2022"),
        ("2023-02", "RELATION", "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai"),
        ("2023-03", "RELATION", "acme-robotics:SENT_CEASE_AND_DESIST:acme-vision"),
        ("2023-05", "RELATION", "garante-privacy:FINED:acme-vision@2023-05"),
        ("2023-06-01", "Article", "api-fixture-report"),  # the source it and its relations cite
    ]


def test_newest_first_kinds_and_as_of(api: Api) -> None:
    newest = events(api, "clearview-ai", direction="DESC", kinds=["RELATION"], first=2)
    assert newest == [
        ("2024-09", "RELATION", "dutch-data-protection-authority:FINED:clearview-ai@2024-09"),
        ("2023-02", "RELATION", "acme-vision:SENT_CEASE_AND_DESIST:clearview-ai"),
    ]
    then = events(api, "acme-vision", asOf="2022-12-31")
    assert [kind for _, kind, _ in then] == ["RELATION", "Incident"]


def test_a_long_timeline_pages_without_repeats(api: Api) -> None:
    every = events(api, "clearview-ai", first=100)
    seen: list[tuple[str, str, str]] = []
    after = None
    while True:
        found = api.data(TIMELINE, id="clearview-ai", first=3, after=after)["timeline"]
        seen += events(api, "clearview-ai", first=3, after=after)
        if not found["pageInfo"]["hasNextPage"]:
            break
        after = found["pageInfo"]["endCursor"]
    assert seen == every == sorted(every) and len(every) > 10


def test_as_of_on_every_list(api: Api) -> None:
    query = """query ($asOf: Date) {
      entity(id: "clearview-ai") { relations(asOf: $asOf, type: [FINED], first: 10) {
        edges { node { id } } } relationCounts(asOf: $asOf) { type direction count } }
      relations(asOf: $asOf, filter: {type: [SENT_CEASE_AND_DESIST]}) { totalCount }
      entities(asOf: $asOf, filter: {type: [Incident]}) { totalCount }
      counts(asOf: $asOf) { relationTypes { type count } }
      article(id: "api-fixture-report") { supports(asOf: $asOf) { totalCount } } }"""
    now, then = api.data(query, asOf=None), api.data(query, asOf="2022-06")
    fines = [e["node"]["id"] for e in then["entity"]["relations"]["edges"]]
    assert fines == ["garante-privacy:FINED:clearview-ai@2022-03"]
    counted = {(r["type"], r["direction"]): r["count"] for r in then["entity"]["relationCounts"]}
    assert counted[("FINED", "IN")] == 1
    assert now["relations"]["totalCount"] == 5 and then["relations"]["totalCount"] == 3
    assert now["entities"]["totalCount"] == 3 and then["entities"]["totalCount"] == 2
    by_type = {r["type"]: r["count"] for r in then["counts"]["relationTypes"]}
    assert by_type["FINED"] == 1 and "PUBLISHED" in by_type
    # of the ten relations the fixture report supports, two were facts by June 2022: the
    # others are dated later, or touch an entity dated later (the report itself, the incident)
    supported = [found["article"]["supports"]["totalCount"] for found in (then, now)]
    assert supported == [2, 10]
