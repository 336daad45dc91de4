"""Issue 15's done-when, on every store: one fine, two sources, two amounts, both kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from graph.store.base import GraphStore
from ingest.runner import ingest_paths
from tests.contract.conftest import Backend

DOCUMENT = """query ($id: ID!) { relation(id: $id) { id conflicts
    property(key: "amount") { value sources { quote url article { id title } }
      alternatives { value sources { quote url article { id title } } } } } }"""
ENTITY_DOCUMENT = """query ($id: ID!) { entity(id: $id) { id conflicts properties
    property(key: "country") { value conflict sources { url article { id } }
      alternatives { value sources { url article { id } } } } } }"""
ROOT = "{ conflicts(first: 20) { id keys entity { id } relation { id properties } } }"
FINE = "garante-st:FINED:clearview-st@2022-03"
DECISION, NEWS = "garante-st-decision", "news-st-report"
QUOTE = "a fine of 20 million euros"


def _article(article_id: str, title: str) -> dict[str, Any]:
    return {"kind": "entity", "id": article_id, "type": "Article", "name": title,
            "properties": {"title": title}}


def _records(source: str, amount: int, country: str, quote: str | None) -> list[dict[str, Any]]:
    evidence = {"article": source, **({"quote": quote} if quote else {})}
    return [
        _article(source, f"Report {source}"),
        {"kind": "entity", "id": "garante-st", "type": "Agency", "name": "Garante",
         "properties": {"country": country}, "sources": [source]},
        {"kind": "entity", "id": "clearview-st", "type": "Company", "name": "Clearview AI"},
        {"kind": "relation", "type": "FINED", "source": "garante-st", "target": "clearview-st",
         "date": "2022-03", "properties": {"amount": amount, "currency": "EUR"},
         "evidence": [evidence]},
    ]


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _gql(store: GraphStore, query: str, **variables: Any) -> dict[str, Any]:
    with TestClient(create_app(Settings(), store)) as client:
        response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


def _ingest(store: GraphStore, *paths: Path) -> dict[str, int]:
    report = ingest_paths(store, list(paths))
    assert report.ok, [str(p) for p in report.problems]
    return report.summary.as_dict()


def test_one_fine_from_two_sources_keeps_both_amounts(
    empty_store: GraphStore, backend: Backend, tmp_path: Path
) -> None:
    decision = _write(tmp_path / "decision.ndjson", _records(DECISION, 20_000_000, "Italy", QUOTE))
    news = _write(tmp_path / "news.ndjson", _records(NEWS, 5_000_000, "IT", None))
    _ingest(empty_store, decision)
    _ingest(empty_store, news)
    relation = _gql(empty_store, DOCUMENT, id=FINE)["relation"]
    assert relation["conflicts"] == ["amount"]
    shown = relation["property"]
    assert shown["value"] == 20_000_000  # quoted (curated) over unquoted
    assert shown["sources"] == [{"quote": QUOTE, "url": None,
                                 "article": {"id": DECISION, "title": f"Report {DECISION}"}}]
    assert shown["alternatives"] == [{"value": 5_000_000, "sources": [
        {"quote": None, "url": None, "article": {"id": NEWS, "title": f"Report {NEWS}"}}]}]
    agency = _gql(empty_store, ENTITY_DOCUMENT, id="garante-st")["entity"]
    assert agency["conflicts"] == ["country"] and agency["property"]["conflict"] is True
    assert {agency["property"]["value"], agency["property"]["alternatives"][0]["value"]} == {
        "Italy", "IT"}
    assert agency["properties"]["country"] == agency["property"]["value"]
    root = _gql(empty_store, ROOT)["conflicts"]
    assert [(c["id"], c["keys"]) for c in root] == [("garante-st", ["country"]),
                                                    (FINE, ["amount"])]
    assert root[1]["relation"]["properties"]["amount"] == 20_000_000

    again = _ingest(empty_store, decision, news)  # re-ingesting changes nothing
    assert again["entities_updated"] == again["relations_updated"] == 0
    assert again["entities_added"] == again["relations_added"] == 0

    exported = _write(tmp_path / "export.ndjson", [
        *(e.to_record() for e in empty_store.iter_entities()),
        *(r.to_record() for r in empty_store.iter_relations()),
    ])
    backend.clear()
    fresh = backend.open()
    _ingest(fresh, exported)  # export -> ingest is lossless, statements included
    assert _gql(fresh, DOCUMENT, id=FINE) == {"relation": relation}
    assert [r.to_record() for r in fresh.iter_relations()] == [
        json.loads(line) for line in exported.read_text().splitlines() if '"relation"' in line]


def test_a_source_restating_its_value_updates_it(empty_store: GraphStore, tmp_path: Path) -> None:
    _ingest(empty_store, _write(tmp_path / "a.ndjson", _records(NEWS, 5_000_000, "IT", None)))
    _ingest(empty_store, _write(tmp_path / "b.ndjson", _records(NEWS, 6_000_000, "IT", None)))
    relation = _gql(empty_store, DOCUMENT, id=FINE)["relation"]
    assert relation["conflicts"] == [] and relation["property"]["value"] == 6_000_000
    assert relation["property"]["alternatives"] == []
