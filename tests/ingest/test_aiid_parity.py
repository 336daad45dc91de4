"""Parity: the AIID import against counts computed here, independently, from the raw files.

The expected numbers are read with csv/json only; the documented id rule (a slug's characters
ids may not hold are dropped) and decisions.yaml's merges are re-applied here by hand. Incidents
are the rows of incidents.csv plus those only the GraphQL export holds (deployers, harmed
parties and reports from the export; no developers, which only incidents.csv names).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from typing import Any

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


def _graphql() -> list[dict[str, Any]]:
    data = json.loads((AIID / "aiid_graphql_export.json").read_text(encoding="utf-8"))
    return list(data["data"]["incidents"])


def _graphql_reports() -> dict[int, dict[str, object]]:
    return {r["report_number"]: r for i in _graphql() for r in i["reports"]}


GRAPHQL_ROLES = {"DEPLOYED": "AllegedDeployerOfAISystem",
                 "HARMED": "AllegedHarmedOrNearlyHarmedParties"}


def _all_incidents() -> list[tuple[int, dict[str, list[str]], list[int], str]]:
    """(number, role -> slugs, report numbers, date) of every incident of either file."""
    found = [(int(r["incident_id"]), {t: json.loads(r[c]) for t, c in ROLES.items()},
              json.loads(r["reports"]), r["date"]) for r in _rows()]
    listed = {n for n, *_ in found}
    for inc in _graphql():
        if int(inc["incident_id"]) not in listed:
            roles = {t: [e["entity_id"] for e in inc[k]] for t, k in GRAPHQL_ROLES.items()}
            found.append((int(inc["incident_id"]), {**roles, "DEVELOPED": []},
                          [r["report_number"] for r in inc["reports"]], inc["date"]))
    return found


def _role_pairs(rtype: str, merged: dict[str, str]) -> set[tuple[str, str]]:
    return {(_final_id(s, merged), f"aiid-incident-{n}")
            for n, roles, _, _ in _all_incidents() for s in roles[rtype] if s.strip()}


def _redirects() -> dict[str, str]:
    decisions = yaml.safe_load((RESOLUTION / "decisions.yaml").read_text(encoding="utf-8"))
    merged: dict[str, str] = {}
    for d in decisions["decisions"]:
        if d["decision"] == "merge":
            merged.update({i: d["survivor"] for i in d["ids"] if i != d["survivor"]})
        else:  # keep-apart undoes only a merge that put two of its ids in one node
            for i in d["ids"]:
                if any(merged.get(i, i) == merged.get(j, j) for j in d["ids"] if j != i):
                    merged.pop(i, None)
    return merged


def _final_id(slug: str, merged: dict[str, str]) -> str:
    cleaned = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._~+-]", "", slug)).strip("-")
    return merged.get(cleaned, cleaned)


def _readable_reports() -> set[int]:
    return {n for n, r in _graphql_reports().items() if r["url"] and r["title"]}


def test_incidents_one_node_per_incident_of_either_file(aiid_extract: Extract) -> None:
    numbers = [n for n, *_ in _all_incidents()]
    graphql = {int(i["incident_id"]) for i in _graphql()}
    assert set(numbers) == graphql | {int(r["incident_id"]) for r in _rows()}
    incidents = [e for e in entity_records(aiid_extract).values() if e["type"] == "Incident"]
    assert len(incidents) == len(numbers) == len(set(numbers)) == 1137
    assert {e["properties"]["aiid_incident"] for e in incidents} == set(numbers)  # type: ignore[index]


@pytest.mark.parametrize("rtype", sorted(ROLES))
def test_relations_per_role(aiid_extract: Extract, rtype: str) -> None:
    expected = _role_pairs(rtype, _redirects())
    found = {(d["source"], d["target"]) if rtype != "HARMED" else (d["target"], d["source"])
             for d in relation_records(aiid_extract, rtype)}
    assert found == expected


@pytest.mark.parametrize("rtype", sorted(ROLES))
def test_role_relations_carry_the_incident_date(aiid_extract: Extract, rtype: str) -> None:
    dates = {f"aiid-incident-{n}": date for n, _, _, date in _all_incidents()}
    for d in relation_records(aiid_extract, rtype):
        incident = d["target"] if rtype != "HARMED" else d["source"]
        assert d["date"] == dates[str(incident)], d


def test_distinct_report_urls(aiid_extract: Extract) -> None:
    listed = {n for _, _, reports, _ in _all_incidents() for n in reports}
    reports = _graphql_reports()
    expected = {reports[n]["url"] for n in listed & _readable_reports()}
    articles = [e for e in entity_records(aiid_extract).values() if e["type"] == "Article"]
    assert {a["properties"]["url"] for a in articles} == expected  # type: ignore[index]
    assert len(articles) == len(listed & _readable_reports())


def test_reported_links_every_readable_report_of_every_incident(aiid_extract: Extract) -> None:
    merged = _redirects()
    readable = _readable_reports()
    expected = {(merged.get(f"aiid-report-{n}", f"aiid-report-{n}"), f"aiid-incident-{number}")
                for number, _, reports, _ in _all_incidents() for n in reports if n in readable}
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
    assert report.entity_types["Incident"] == len(_all_incidents())
    assert any("only incidents.csv names developers" in note for note in report.notes)
    unreadable = {n for n, r in _graphql_reports().items() if not (r["url"] and r["title"])}
    assert len(report.refused) == len(unreadable)
    assert len(report.undecided) == report.rules["undecided"]  # 0 since types_reviewed.yaml
    assert Counter(r.data["kind"] for r in aiid_extract.records)["relation"] == sum(
        report.relation_types.values())


@needs_aiid
def test_the_loaded_graph_matches_the_raw_counts(bundled_store: EmbeddedStore) -> None:
    """The committed extract, loaded with the curated files, still holds the raw counts."""
    entities = list(bundled_store.iter_entities())
    incidents = [e for e in entities if "aiid_incident" in e.properties]
    assert len(incidents) == len(_all_incidents())
    merged = _redirects()
    relations = list(bundled_store.iter_relations())
    for rtype in ROLES:
        expected = _role_pairs(rtype, merged)
        found = {(x.source, x.target) if rtype != "HARMED" else (x.target, x.source)
                 for x in relations if x.type == rtype and any(
                     (e.url or "").startswith("https://incidentdatabase.ai/cite/")
                     for e in x.evidence)}
        assert found == expected, rtype
    listed = {n for _, _, reports, _ in _all_incidents() for n in reports} & _readable_reports()
    reports = _graphql_reports()
    urls = {e.properties["url"] for e in entities
            if e.type == "Article" and "aiid_report" in e.properties}
    assert urls == {reports[n]["url"] for n in listed}
