"""Parity: the AIID import against counts computed here, independently, from the raw files.

The expected numbers are read with csv/json only; the documented id rule (a slug's characters
ids may not hold are dropped) and decisions.yaml's merges are re-applied here by hand.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter

import pytest
import yaml

from graph.store.embedded import EmbeddedStore
from ingest.sources.aiid import Extract
from tests.ingest.conftest import (
    AIID,
    RESOLUTION,
    entity_records,
    needs_aiid,
    relation_records,
)

ROLES = {
    "DEPLOYED": "Alleged deployer of AI system",
    "DEVELOPED": "Alleged developer of AI system",
    "HARMED": "Alleged harmed or nearly harmed parties",
}


def _rows() -> list[dict[str, str]]:
    with (AIID / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _graphql_reports() -> dict[int, dict[str, object]]:
    data = json.loads((AIID / "aiid_graphql_export.json").read_text(encoding="utf-8"))
    return {r["report_number"]: r for i in data["data"]["incidents"] for r in i["reports"]}


def _redirects() -> dict[str, str]:
    decisions = yaml.safe_load((RESOLUTION / "decisions.yaml").read_text(encoding="utf-8"))
    merged: dict[str, str] = {}
    for d in decisions["decisions"]:
        if d["decision"] == "merge":
            merged.update({i: d["survivor"] for i in d["ids"] if i != d["survivor"]})
        else:
            for i in d["ids"]:
                merged.pop(i, None)
    return merged


def _final_id(slug: str, merged: dict[str, str]) -> str:
    cleaned = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._~+-]", "", slug)).strip("-")
    return merged.get(cleaned, cleaned)


def _readable_reports() -> set[int]:
    return {n for n, r in _graphql_reports().items() if r["url"] and r["title"]}


def test_incidents_one_node_per_snapshot_row(aiid_extract: Extract) -> None:
    numbers = [int(r["incident_id"]) for r in _rows()]
    incidents = [e for e in entity_records(aiid_extract).values() if e["type"] == "Incident"]
    assert len(incidents) == len(numbers) == len(set(numbers))
    assert {e["properties"]["aiid_incident"] for e in incidents} == set(numbers)  # type: ignore[index]


@pytest.mark.parametrize("rtype", sorted(ROLES))
def test_relations_per_role(aiid_extract: Extract, rtype: str) -> None:
    merged = _redirects()
    expected = {(_final_id(s, merged), f"aiid-incident-{r['incident_id']}")
                for r in _rows() for s in json.loads(r[ROLES[rtype]]) if s.strip()}
    found = {(d["source"], d["target"]) if rtype != "HARMED" else (d["target"], d["source"])
             for d in relation_records(aiid_extract, rtype)}
    assert found == expected


def test_distinct_report_urls(aiid_extract: Extract) -> None:
    listed = {n for r in _rows() for n in json.loads(r["reports"])}
    reports = _graphql_reports()
    expected = {reports[n]["url"] for n in listed & _readable_reports()}
    articles = [e for e in entity_records(aiid_extract).values() if e["type"] == "Article"]
    assert {a["properties"]["url"] for a in articles} == expected  # type: ignore[index]
    assert len(articles) == len(listed & _readable_reports())


def test_reported_links_every_readable_report_of_every_incident(aiid_extract: Extract) -> None:
    merged = _redirects()
    readable = _readable_reports()
    expected = {(merged.get(f"aiid-report-{n}", f"aiid-report-{n}"),
                 f"aiid-incident-{r['incident_id']}")
                for r in _rows() for n in json.loads(r["reports"]) if n in readable}
    found = {(d["source"], d["target"]) for d in relation_records(aiid_extract, "REPORTED")}
    assert found == expected


def test_role_evidence_is_the_incident_page_and_its_reports(aiid_extract: Extract) -> None:
    row = next(r for r in _rows() if r["incident_id"] == "781")
    rel = next(d for d in relation_records(aiid_extract, "DEPLOYED")
               if d["target"] == "aiid-incident-781")
    urls = {e.get("url") for e in rel["evidence"]}  # type: ignore[attr-defined]
    articles = {e.get("article") for e in rel["evidence"]}  # type: ignore[attr-defined]
    assert "https://incidentdatabase.ai/cite/781/" in urls
    assert len(articles - {None}) == len(json.loads(row["reports"]))


def test_the_report_counts_what_it_read_and_refused(aiid_extract: Extract) -> None:
    report = aiid_extract.report
    assert report.read["incidents.csv"] == len(_rows())
    assert report.entity_types["Incident"] == len(_rows())
    unreadable = {n for n, r in _graphql_reports().items() if not (r["url"] and r["title"])}
    assert len(report.refused) == len(unreadable)
    assert len(report.undecided) == report.rules["undecided"] > 0
    assert Counter(r.data["kind"] for r in aiid_extract.records)["relation"] == sum(
        report.relation_types.values())


@needs_aiid
def test_the_loaded_graph_matches_the_raw_counts(bundled_store: EmbeddedStore) -> None:
    """The committed extract, loaded with the curated files, still holds the raw counts."""
    rows = _rows()
    entities = list(bundled_store.iter_entities())
    incidents = [e for e in entities if "aiid_incident" in e.properties]
    assert len(incidents) == len(rows)
    merged = _redirects()
    relations = list(bundled_store.iter_relations())
    for rtype, column in ROLES.items():
        expected = {(_final_id(s, merged), f"aiid-incident-{r['incident_id']}")
                    for r in rows for s in json.loads(r[column]) if s.strip()}
        found = {(x.source, x.target) if rtype != "HARMED" else (x.target, x.source)
                 for x in relations if x.type == rtype and "aiid-incident-" in x.source + x.target}
        assert found == expected, rtype
    listed = {n for r in rows for n in json.loads(r["reports"])} & _readable_reports()
    reports = _graphql_reports()
    urls = {e.properties["url"] for e in entities
            if e.type == "Article" and "aiid_report" in e.properties}
    assert urls == {reports[n]["url"] for n in listed}
