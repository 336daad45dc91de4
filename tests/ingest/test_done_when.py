"""`make run` serves the joined graph: the issue's done-when, through the GraphQL app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.embedded import EmbeddedStore

RELATIONS = """query ($id: ID!, $types: [RelationType!]) { entity(id: $id) { id name type
  relations(first: 100, type: $types) { totalCount edges { node { type
    source { id type name } target { id type name }
    evidence { url article { id title url } } } } } } }"""
SEARCH = """query ($text: String!) { search(text: $text, types: [Agency], first: 5) {
  edges { node { id name type } } } }"""


@pytest.fixture(scope="module")
def client(bundled_store: EmbeddedStore, bundled_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(bundled_settings, bundled_store)) as test_client:
        yield test_client


def _gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


def _edges(entity: dict[str, Any]) -> list[dict[str, Any]]:
    return [e["node"] for e in entity["relations"]["edges"]]


def test_clearview_is_one_node_with_curated_and_aiid_relations(client: TestClient) -> None:
    entity = _gql(client, RELATIONS, id="clearview-ai")["entity"]
    assert (entity["id"], entity["type"], entity["name"]) == ("clearview-ai", "Company",
                                                              "Clearview AI")
    found = {(r["type"], r["source"]["id"], r["target"]["id"]) for r in _edges(entity)}
    for platform in ("facebook", "youtube", "venmo"):  # curated, from the founding article
        assert ("SCRAPED_FROM", "clearview-ai", platform) in found
    for number in (267, 781):  # AIID
        assert ("DEPLOYED", "clearview-ai", f"aiid-incident-{number}") in found
        assert ("DEVELOPED", "clearview-ai", f"aiid-incident-{number}") in found
    assert ("DEVELOPED", "clearview-ai", "nijeer-parks-detention-2019") in found  # litigation
    search = _gql(client, SEARCH.replace("[Agency]", "[Company]"), text="Clearview AI")
    assert [n["node"]["id"] for n in search["search"]["edges"]].count("clearview-ai") == 1


@pytest.mark.parametrize(("number", "curated_report"), [
    (267, "nyt-2020-01-18-secretive-company"),
    (781, "reuters-2024-09-03-clearview-fined-by-dutch-agency"),
])
def test_clearview_incidents_carry_their_reports(client: TestClient, number: int,
                                                 curated_report: str) -> None:
    incident = _gql(client, RELATIONS, id=f"aiid-incident-{number}", types=["REPORTED"])
    reports = {r["source"]["id"] for r in _edges(incident["entity"])}
    assert curated_report in reports
    deployed = _gql(client, RELATIONS, id=f"aiid-incident-{number}", types=["DEPLOYED"])
    evidence = _edges(deployed["entity"])[0]["evidence"]
    articles = {e["article"]["id"] for e in evidence if e["article"]}
    assert reports <= articles
    assert f"https://incidentdatabase.ai/cite/{number}/" in {e["url"] for e in evidence}


def test_clearview_litigation_is_reachable(client: TestClient) -> None:
    incident = _gql(client, RELATIONS, id="nijeer-parks-detention-2019", types=["CONCERNS"])
    matters = [r["source"] for r in _edges(incident["entity"])]
    assert [m["type"] for m in matters] == ["LegalAction"]
    heard = _gql(client, RELATIONS, id=matters[0]["id"], types=["HEARD"])
    assert {r["source"]["type"] for r in _edges(heard["entity"])} == {"Agency"}


def test_a_police_department_is_an_agency_linked_to_its_incidents(client: TestClient) -> None:
    hits = _gql(client, SEARCH, text="Detroit Police Department")["search"]["edges"]
    assert hits[0]["node"] == {"id": "detroit-police-department", "type": "Agency",
                               "name": "Detroit Police Department"}
    entity = _gql(client, RELATIONS, id="detroit-police-department", types=["DEPLOYED"])
    incidents = {r["target"]["id"] for r in _edges(entity["entity"])}
    assert any(i.startswith("aiid-incident-") for i in incidents)
    assert all(r["target"]["type"] == "Incident" for r in _edges(entity["entity"]))


def test_a_merged_id_redirects_to_its_survivor(client: TestClient) -> None:
    entity = _gql(client, RELATIONS, id="nypd", types=["DEPLOYED"])["entity"]
    assert entity["id"] == "new-york-city-police-department"
    assert entity["type"] == "Agency"
    report = _gql(client, RELATIONS, id="aiid-report-1848")["entity"]
    assert report["id"] == "nyt-2020-01-18-secretive-company"
