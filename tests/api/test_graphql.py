"""The GraphQL API through FastAPI's test client over a real embedded store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.store.embedded import EmbeddedStore
from tests.api.documents import ENTITY, SCRAPED, SEARCH, STATS


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    return body


def test_search_finds_clearview_by_prefix(client: TestClient) -> None:
    body = gql(client, SEARCH, text="clearview")
    nodes = [e["node"] for e in body["data"]["search"]["edges"]]
    assert nodes[0] == {
        "id": "clearview-ai",
        "name": "Clearview AI",
        "type": "Company",
        "labels": ["Company"],
    }


def test_search_shows_the_lawyer_label(client: TestClient) -> None:
    nodes = [e["node"] for e in gql(client, SEARCH, text="Tor Ek")["data"]["search"]["edges"]]
    assert nodes == [
        {
            "id": "tor-ekeland",
            "name": "Tor Ekeland",
            "type": "Person",
            "labels": ["Person", "Lawyer"],
        }
    ]


def test_entity_lists_relations_with_evidence(
    client: TestClient, curated_store: EmbeddedStore
) -> None:
    entity = gql(client, ENTITY, id="clearview-ai")["data"]["entity"]
    relations = entity["relations"]
    expected = curated_store.relations_of(["clearview-ai"])["clearview-ai"]
    assert relations["totalCount"] == len(expected) > 20
    nodes = [e["node"] for e in relations["edges"]]
    assert all(node["evidence"] for node in nodes)
    scraped = next(n for n in nodes if n["id"] == "clearview-ai:SCRAPED_FROM:venmo")
    assert scraped["direction"] == "OUT" and scraped["target"]["name"] == "Venmo"
    article = scraped["evidence"][0]["article"]
    assert article["publishedAt"] == "2020-02-27" and article["url"] is None
    letter = next(n for n in nodes if n["id"] == "google:SENT_CEASE_AND_DESIST:clearview-ai")
    assert letter["direction"] == "IN" and letter["source"]["type"] == "Company"


def test_relations_filter_by_type_and_direction(client: TestClient) -> None:
    body = gql(client, SCRAPED, id="clearview-ai")
    names = [e["node"]["target"]["name"] for e in body["data"]["entity"]["relations"]["edges"]]
    assert sorted(names) == ["Facebook", "Venmo", "YouTube"]


def test_stats_count_by_type(client: TestClient, curated_store: EmbeddedStore) -> None:
    stats = gql(client, STATS)["data"]["stats"]
    counts = curated_store.stats()
    assert stats["entities"] == counts.entities and stats["relations"] == counts.relations
    by_type = {row["type"]: row["count"] for row in stats["relationTypes"]}
    assert by_type["SCRAPED_FROM"] == 3 and by_type["SENT_CEASE_AND_DESIST"] == 3


def test_unknown_id_is_null_without_error(client: TestClient) -> None:
    body = gql(client, ENTITY, id="no-such-entity")
    assert body["data"] == {"entity": None} and "errors" not in body


@pytest.mark.parametrize(
    "query", ["{ nope", "{ entity(id: 1) { nope } }", "query { stats { entities } "]
)
def test_malformed_queries_get_graphql_errors_not_500(client: TestClient, query: str) -> None:
    body = gql(client, query)
    assert body["errors"] and "Traceback" not in str(body)


def test_paging_walks_every_relation_once(client: TestClient) -> None:
    query = """query ($after: String) { entity(id: "clearview-ai") {
        relations(first: 7, after: $after) { totalCount
          pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = gql(client, query, after=after)["data"]["entity"]["relations"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]


def test_page_size_is_bounded(client: TestClient) -> None:
    body = gql(
        client, 'query { entity(id: "clearview-ai") { relations(first: 1000000) { totalCount } } }'
    )
    assert "between 0 and 100" in body["errors"][0]["message"]


def test_a_forged_cursor_is_a_clear_error(client: TestClient) -> None:
    body = gql(
        client, 'query { entity(id: "clearview-ai") { relations(after: "%%%") { totalCount } } }'
    )
    assert "not one this API issued" in body["errors"][0]["message"]


class CountingStore(EmbeddedStore):
    """The real store, counting the batched reads the API makes."""

    calls = 0

    def get_entities(self, ids: Any) -> Any:
        CountingStore.calls += 1
        return super().get_entities(ids)

    def relations_of(self, ids: Any, direction: Any = None, types: Any = None) -> Any:
        CountingStore.calls += 1
        return super().relations_of(ids, direction, types)


def test_nested_reads_are_batched(settings: Any, curated_store: EmbeddedStore) -> None:
    from api.app import create_app

    store = CountingStore(curated_store.schema, curated_store.data_dir)
    query = """{ search(text: "%s", first: %d) { edges { node { id relations(first: 100) {
        edges { node { source { name } target { name }
          evidence { article { title } } } } } } } } }"""
    with TestClient(create_app(settings, store)) as client:
        counts = []
        for first in (1, 10):
            CountingStore.calls = 0
            assert "errors" not in gql(client, query % ("c", first))
            counts.append(CountingStore.calls)
    assert counts[0] == counts[1] <= 4, counts
