"""The README's researcher queries on legal actions answer as shown, on the bundled data."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.embedded import EmbeddedStore

OPENAI = """{ relations(filter: {type: [FINED, INVESTIGATED, ORDERED, CHARGED, SETTLED_WITH,
    SANCTIONED, SUED], target: {ids: ["openai", "chatgpt"]}}, orderBy: {field: DATE}) {
    totalCount edges { node { type source { name type } target { name }
    evidence { quote } } } } }"""
LAWYERS = """{ relations(filter: {type: [DEPLOYED], source: {type: [Person], label: ["Lawyer"]},
    target: {hasRelation: [{type: [CONCERNS], direction: IN,
      other: {type: [LegalAction], properties: [{key: status, equals: "sanctioned"}]}}]}},
    first: 3) { totalCount edges { node { source { name } } } } }"""


def _ask(store: EmbeddedStore, settings: Settings, query: str) -> dict[str, Any]:
    with TestClient(create_app(settings, store)) as client:
        answer = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in answer, answer
    data: dict[str, Any] = answer["data"]["relations"]
    return data


def test_legal_actions_against_openai_with_their_titles(
        bundled_store: EmbeddedStore, bundled_settings: Settings) -> None:
    found = _ask(bundled_store, bundled_settings, OPENAI)
    rows = {(e["node"]["type"], e["node"]["source"]["name"], e["node"]["target"]["name"])
            for e in found["edges"]}
    assert ("ORDERED", "Italian privacy regulator", "ChatGPT") in rows
    assert ("SUED", "The New York Times", "OpenAI") in rows
    quotes = {q["quote"] for e in found["edges"] for q in e["node"]["evidence"]}
    assert "Italian privacy regulator bans ChatGPT" in quotes


def test_lawyers_of_sanctioned_matters(
        bundled_store: EmbeddedStore, bundled_settings: Settings) -> None:
    found = _ask(bundled_store, bundled_settings, LAWYERS)
    assert found["totalCount"] >= 30
    assert all(e["node"]["source"]["name"] for e in found["edges"])
