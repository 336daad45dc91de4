"""The AI Error Litigation Index import: parity with data.json, parties, courts, joins."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from graph.store.embedded import EmbeddedStore
from ingest.sources.aiid import Extract
from ingest.sources.pipeline import Decided, extract
from tests.conftest import CURATED
from tests.ingest.conftest import (
    LITIGATION,
    RESOLUTION,
    entity_records,
    needs_litigation,
    relation_records,
)


def _included() -> list[dict[str, object]]:
    data = json.loads(LITIGATION.read_text(encoding="utf-8"))
    records: list[dict[str, object]] = data["datasets"]["included"]["records"]
    return records


def _authorities(record: dict[str, object]) -> list[str]:
    graph = record.get("legal_graph") or {}
    if isinstance(graph, dict) and graph.get("authorities"):
        return [a["name"] for a in graph["authorities"]]
    return [p.strip() for p in str(record["jurisdiction"]).split(";") if p.strip()]


def test_one_matter_and_one_incident_per_included_record(litigation_extract: Extract) -> None:
    records = _included()
    entities = entity_records(litigation_extract).values()
    matters = [e for e in entities if e["type"] == "LegalAction"]
    incidents = [e for e in entities if e["type"] == "Incident"]
    assert len(matters) == len(incidents) == len(records)
    expected = {r["error_id"] for r in records}
    assert {e["external_ids"]["aiel"] for e in matters} == expected  # type: ignore[index]
    decisions = yaml.safe_load((RESOLUTION / "decisions.yaml").read_text(encoding="utf-8"))
    merged = {i: d["survivor"] for d in decisions["decisions"] if d["decision"] == "merge"
              for i in d["ids"] if i != d["survivor"]}
    own = {(r["error_id"], merged.get(str(r["error_id"]).lower(), str(r["error_id"]).lower()))
           for r in records}
    links = {(k, f"aiid-incident-{n}") for k, m in _matters().items() for n in m.get("aiid") or []}
    assert len(relation_records(litigation_extract, "CONCERNS")) == len(own | links)


def _matters() -> dict[str, dict[str, object]]:
    data = yaml.safe_load((RESOLUTION / "litigation_matters.yaml").read_text(encoding="utf-8"))
    return dict(data["matters"])


def test_every_court_or_agency_heard_its_matter(litigation_extract: Extract) -> None:
    extra = {k: len(m.get("courts") or []) for k, m in _matters().items()}  # type: ignore[arg-type]
    expected = sum(len(_authorities(r)) + extra.get(str(r["error_id"]), 0) for r in _included())
    heard = relation_records(litigation_extract, "HEARD")
    assert len(heard) == expected
    agencies = entity_records(litigation_extract)
    assert all(agencies[h["source"]]["type"] == "Agency" for h in heard)  # type: ignore[index]


def test_parties_are_named_verbatim_and_evidenced_by_the_record(
        litigation_extract: Extract) -> None:
    by_id = {str(r["error_id"]).lower(): r for r in _included()}
    names = entity_records(litigation_extract)
    for rel in relation_records(litigation_extract, "DEPLOYED"):
        incident = names[rel["target"]]  # type: ignore[index]
        record = by_id[incident["external_ids"]["aiel"].lower()]  # type: ignore[index]
        quotes = {e.get("quote") for e in rel["evidence"]}  # type: ignore[attr-defined]
        assert record["deployer"] in quotes
        party_names = [names[rel["source"]]["name"], *names[rel["source"]].get("aliases", [])]  # type: ignore[index]
        assert any(str(n) in str(record["deployer"]) for n in party_names)
        urls = {e.get("url") for e in rel["evidence"]}  # type: ignore[attr-defined]
        assert record["public_record_link"] in urls


def test_review_and_global_candidates_are_skipped_and_counted(
        litigation_extract: Extract) -> None:
    data = json.loads(LITIGATION.read_text(encoding="utf-8"))["datasets"]
    skipped = litigation_extract.report.skipped
    assert sum(v for k, v in skipped.items() if "not verified" in k) == (
        len(data["review"]["records"]) + len(data["global"]["records"]))


@needs_litigation
def test_a_party_name_not_in_the_record_is_refused(tmp_path: Path) -> None:
    resolution = tmp_path / "resolution"
    resolution.mkdir()
    for name in ("types.yaml", "decisions.yaml"):
        (resolution / name).write_text((RESOLUTION / name).read_text(encoding="utf-8"))
    (resolution / "litigation_parties.yaml").write_text(yaml.safe_dump(
        {"parties": {"AIEL-2024-001": [{"name": "Invented Corp", "type": "Company"}]}}))
    result = extract("ai-incident-law", LITIGATION, Decided(CURATED, resolution))
    assert any("Invented Corp" in str(p) for p in result.report.refused)
    assert "invented-corp" not in entity_records(result)


def test_litigation_joins_aiid_and_curated_ids(bundled_store: EmbeddedStore) -> None:
    deployed = bundled_store.relations_of(["detroit-police-department"], types=["DEPLOYED"])
    targets = {r.target for r in deployed["detroit-police-department"]}
    assert any(t.startswith("aiid-incident-") for t in targets)
    assert {"aiid-incident-74", "aiid-incident-592"} <= targets  # the index's arrests joined AIID's
    assert bundled_store.resolve(["aiel-2024-014"]) == {"aiel-2024-014": "aiid-incident-74"}
    matter = bundled_store.relations_of(["aiel-2024-015-matter"], types=["CONCERNS"])
    assert [r.target for r in matter["aiel-2024-015-matter"]] == ["nijeer-parks-detention-2019"]
    resolved = bundled_store.resolve(["aiel-2024-015"])
    assert resolved == {"aiel-2024-015": "nijeer-parks-detention-2019"}
