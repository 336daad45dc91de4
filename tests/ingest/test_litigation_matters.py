"""Litigation matters: parties with roles, amounts, every court, AIID links, filing dates.

Expected sets are computed here from data.json with json/re only; the reviewed file
(`litigation_matters.yaml`) is read with yaml and checked against the record it reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.dates import parse_partial_date
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

MONEY = re.compile(r"(?:C\$|\$|EUR )\s?\d")


def _included() -> dict[str, dict[str, Any]]:
    data = json.loads(LITIGATION.read_text(encoding="utf-8"))
    return {r["error_id"]: r for r in data["datasets"]["included"]["records"]}


def _matters() -> dict[str, dict[str, Any]]:
    text = (RESOLUTION / "litigation_matters.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text)["matters"])


def _by_matter(result: Extract, rtype: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for rel in relation_records(result, rtype):
        key = str(rel["target"] if rtype != "MENTIONS" else rel["source"])
        found.setdefault(key, []).append(rel)
    return found


def test_every_included_matter_is_reviewed(litigation_extract: Extract) -> None:
    assert set(_matters()) == set(_included())
    assert not litigation_extract.report.refused


def test_every_captioned_matter_has_parties_with_roles(litigation_extract: Extract) -> None:
    records = _included()
    captioned = {k for k, r in records.items() if " v. " in r["public_matter_name"]}
    assert len(captioned) >= 59
    roles = {**_by_matter(litigation_extract, "PLAINTIFF_IN")}
    for key, rels in _by_matter(litigation_extract, "DEFENDANT_IN").items():
        roles.setdefault(key, []).extend(rels)
    with_parties = {k for k in records if f"{k.lower()}-matter" in roles}
    assert captioned <= with_parties
    without = set(records) - with_parties
    assert all(_matters()[k].get("no_parties") for k in without)
    assert len(with_parties) == 62


def test_party_names_are_in_the_caption_and_evidenced(litigation_extract: Extract) -> None:
    records = _included()
    for key, matter in _matters().items():
        name = records[key]["public_matter_name"]
        for party in [*(matter.get("plaintiffs") or []), *(matter.get("defendants") or [])]:
            assert (party if isinstance(party, str) else party["name"]) in name, (key, party)
    for rtype in ("PLAINTIFF_IN", "DEFENDANT_IN"):
        for rel in relation_records(litigation_extract, rtype):
            quotes = {e.get("quote") for e in rel["evidence"]}  # type: ignore[attr-defined]
            record = records[str(rel["target"]).removesuffix("-matter").upper()]
            assert record["public_matter_name"] in quotes
            assert rel["date"] == parse_partial_date(record["filing_date"])


def test_agencies_bring_their_matters(litigation_extract: Extract) -> None:
    plaintiffs = {(r["source"], r["target"]) for r in relation_records(litigation_extract,
                                                                         "PLAINTIFF_IN")}
    assert ("eeoc", "aiel-2023-009-matter") in plaintiffs
    assert ("u-s-federal-trade-commission", "aiel-2023-013-matter") in plaintiffs
    mentioned = {r["target"] for r in relation_records(litigation_extract, "MENTIONS")}
    assert {"us-department-of-justice", "department-of-housing-and-urban-development-hud"} <= (
        mentioned)
    types = entity_records(litigation_extract)
    assert all(types[i]["type"] == "Agency" for i in ["eeoc", *mentioned])


def test_every_stated_amount_is_on_its_matter_with_currency(litigation_extract: Extract) -> None:
    records = _included()
    with_money = {k for k, r in records.items()
                  if MONEY.search(r["notes_on_resolution"] + r["reliance_or_harm"])}
    entities = entity_records(litigation_extract)
    amounts = {k: entities[f"{k.lower()}-matter"]["properties"] for k in records
               if "amount" in entities[f"{k.lower()}-matter"]["properties"]}  # type: ignore[operator]
    assert with_money <= set(amounts)
    for key, props in amounts.items():
        record = records[key]
        assert props["currency"] in {"USD", "CAD", "EUR"}  # type: ignore[index]
        assert props["amount_quote"] in record["notes_on_resolution"] + record["reliance_or_harm"]  # type: ignore[index]
    assert amounts["AIEL-2023-009"]["amount"] == 365000  # type: ignore[index]
    assert amounts["AIEL-2024-001"]["currency"] == "CAD"  # type: ignore[index]


def test_every_court_of_a_multi_court_matter(litigation_extract: Extract) -> None:
    heard = _by_matter(litigation_extract, "HEARD")
    mentions = _by_matter(litigation_extract, "MENTIONS")
    entities = entity_records(litigation_extract)
    agencies_bringing = {r["target"] for r in relation_records(litigation_extract, "PLAINTIFF_IN")
                         if entities[str(r["source"])]["type"] == "Agency"}
    for key, record in _included().items():
        parts = [p for p in record["jurisdiction"].split(";") if p.strip()]
        matter = f"{key.lower()}-matter"
        found = len(heard.get(matter, [])) + len(mentions.get(f"{key.lower()}-record", []))
        found += 1 if matter in agencies_bringing and len(parts) > 1 else 0
        assert found >= len(parts), (key, record["jurisdiction"])


@needs_litigation
def test_a_reviewed_name_or_quote_not_in_the_record_is_refused(tmp_path: Path) -> None:
    resolution = tmp_path / "resolution"
    resolution.mkdir()
    for name in ("types.yaml", "decisions.yaml", "litigation_parties.yaml"):
        (resolution / name).write_text((RESOLUTION / name).read_text(encoding="utf-8"))
    (resolution / "litigation_matters.yaml").write_text(yaml.safe_dump({"matters": {
        "AIEL-2024-001": {"plaintiffs": ["Invented"], "amount": {
            "value": 999, "currency": "USD", "kind": "award", "quote": "awarded $999"}}}}))
    result = extract("ai-incident-law", LITIGATION, Decided(CURATED, resolution))
    refused = " ".join(str(p) for p in result.report.refused)
    assert "Invented" in refused and "awarded $999" in refused
    assert "amount" not in entity_records(result)["aiel-2024-001-matter"]["properties"]  # type: ignore[operator]
    assert not relation_records(result, "PLAINTIFF_IN")


@pytest.mark.parametrize("matter,incident", [("aiel-2024-014-matter", "aiid-incident-74"),
                                             ("aiel-2025-016-matter", "aiid-incident-592")])
def test_the_same_arrest_in_both_sources_is_linked(bundled_store: EmbeddedStore, matter: str,
                                                   incident: str) -> None:
    concerns = bundled_store.relations_of([matter], types=["CONCERNS"])[matter]
    link = next(r for r in concerns if r.target == incident)
    number = incident.rsplit("-", 1)[-1]
    assert any(e.url == f"https://incidentdatabase.ai/cite/{number}/" for e in link.evidence)
    assert link.date is not None
