"""SANCTIONED from the litigation index: the court against the lawyer or party, with amounts.

Expected values are read here from data.json with json only; the reviewed entries
(`sanctioned:` in `litigation_matters.yaml`) are checked against the records they read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

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


def _included() -> dict[str, dict[str, Any]]:
    data = json.loads(LITIGATION.read_text(encoding="utf-8"))
    return {r["error_id"]: r for r in data["datasets"]["included"]["records"]}


def test_sanctions_name_court_target_amount_and_quote(litigation_extract: Extract) -> None:
    rels = relation_records(litigation_extract, "SANCTIONED")
    assert len(rels) >= 45
    entities = entity_records(litigation_extract)
    records = _included()
    for rel in rels:
        assert entities[str(rel["source"])]["type"] == "Agency"
        assert entities[str(rel["target"])]["type"] in {"Person", "Organization", "Company"}
        quote, article = next((e["quote"], e["article"]) for e in rel["evidence"]  # type: ignore[attr-defined]
                              if "quote" in e)
        record = records[str(article).removesuffix("-record").upper()]
        text = " ".join(record[f] for f in ("error_description", "notes_on_resolution",
                                            "reliance_or_harm"))
        assert quote in text, rel
        assert rel.get("date"), rel
    by_target = {r["target"]: r for r in rels}
    hersh = by_target["heather-hersh"]
    assert hersh["source"] == "u-s-court-of-appeals-for-the-fifth-circuit"
    assert hersh["properties"] == {"amount": 2500.0, "currency": "USD"}
    guo = by_target["guo-aiel-2026-022"]  # imposed by the trial court the record names
    assert (guo["source"], guo["date"]) == ("sandusky-county-court-of-common-pleas", "2025-08-11")
    assert by_target["joshua-b-watkins"]["properties"]["amount"] == 47056.9  # type: ignore[index]
    assert "properties" not in by_target["nick-norris"]  # disqualified: no amount stated


@needs_litigation
def test_a_sanction_the_record_does_not_state_is_refused(tmp_path: Path) -> None:
    resolution = tmp_path / "resolution"
    resolution.mkdir()
    for name in ("types.yaml", "decisions.yaml", "litigation_parties.yaml"):
        (resolution / name).write_text((RESOLUTION / name).read_text(encoding="utf-8"))
    (resolution / "litigation_matters.yaml").write_text(yaml.safe_dump({"matters": {
        "AIEL-2026-005": {"plaintiffs": ["Fletcher"], "sanctioned": [
            {"name": "Heather Hersh", "quote": "$2,500 sanction on appellate counsel Heather Hersh",
             "amount": 9999, "currency": "USD"},
            {"name": "Invented Lawyer", "quote": "sanctioned for everything"}]}}}))
    result = extract("ai-incident-law", LITIGATION, Decided(CURATED, resolution))
    refused = " ".join(str(p) for p in result.report.refused)
    assert "9999" in refused and "Invented Lawyer" in refused
    assert "sanctioned for everything" in refused
    assert not relation_records(result, "SANCTIONED")
