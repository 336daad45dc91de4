"""Data item 7: the curated fines with their sources' exact figures; the Dutch fine shows both."""

from __future__ import annotations

import csv

import pytest
import yaml

from graph.model import relation_id
from graph.store.embedded import EmbeddedStore
from tests.conftest import CURATED, needs_shared_data
from tests.ingest.conftest import AIID

DUTCH_FINE = relation_id("FINED", "dutch-data-protection-authority", "clearview-ai",
                         {"date": "2024-09"})
FORBES = "forbes-2024-09-03-clearview-fined-33-million"
AIID_781 = "https://incidentdatabase.ai/cite/781/"


def test_the_dutch_fine_keeps_the_headline_and_the_aiid_figure(
    bundled_store: EmbeddedStore,
) -> None:
    fine = bundled_store.get_relations([DUTCH_FINE])[DUTCH_FINE]
    amounts = {(s.value, s.source.article or s.source.url, s.source.quote)
               for s in fine.statements if s.property == "amount"}
    assert amounts == {
        (33_000_000, FORBES, "Fined $33 Million For \u2018Illegal Database\u2019"),
        (33_700_000, AIID_781,
         "Clearview AI was fined $33.7 million by the Dutch data protection authority"),
    }
    assert fine.conflicts == ("amount",)
    assert fine.properties == {"amount": 33_000_000, "currency": "USD"}  # a document's figure


def test_the_bundled_conflicts_are_the_ones_expected(bundled_store: EmbeddedStore) -> None:
    entities, relations = bundled_store.conflicted(1000)
    found = {(e.id, e.conflicts) for e in entities} | {(r.id, r.conflicts) for r in relations}
    assert (DUTCH_FINE, ("amount",)) in found
    print(f"bundled data: {len(entities)} entities and {len(relations)} relations in conflict:",
          sorted(found))


@needs_shared_data
def test_every_curated_figure_is_quoted_from_its_source() -> None:
    """Each amount is in its quote as the source writes it; AIID quotes are in incidents.csv."""
    csv.field_size_limit(1 << 24)
    with (AIID / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        descriptions = {row["incident_id"]: row["description"] for row in csv.DictReader(handle)}
    written = {33_000_000: "$33 Million", 20_000_000: "€20 million", 33_700_000: "$33.7 million"}
    checked = 0
    for path in sorted(CURATED.glob("*.yaml")):
        for relation in yaml.safe_load(path.read_text(encoding="utf-8"))["relations"] or []:
            amount = (relation.get("properties") or {}).get("amount")
            if amount is not None:
                assert written[amount] in relation["quote"], path.name
                checked += 1
            for statement in relation.get("statements") or []:
                if statement["property"] == "amount":
                    assert written[statement["value"]] in statement["quote"], path.name
                    assert statement["url"] == AIID_781
                    assert statement["quote"] in descriptions["781"]
                    checked += 1
    assert checked == 3


@pytest.mark.parametrize("bad", [
    {"property": "amount", "value": 1},  # no quote
    {"property": "amount", "value": "a lot", "quote": "a lot"},
    {"property": "colour", "value": "red", "quote": "red"},
])
def test_a_bad_curated_statement_is_refused_with_its_line(bad: dict[str, object],
                                                          tmp_path: object) -> None:
    from pathlib import Path

    from graph.schema import load_schema
    from ingest.runner import ingest_paths

    folder = Path(str(tmp_path))
    source = (CURATED / "reuters-2024-09-03-clearview-fined-by-dutch-agency.yaml").read_text()
    head = source.split("    statements:")[0]
    text = head + "    statements:\n      - " + yaml.safe_dump(bad, default_flow_style=True)
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    store = EmbeddedStore(load_schema(), folder / "store")
    report = ingest_paths(store, [folder / "bad.yaml"])
    assert not report.ok and all("bad.yaml:" in str(p) for p in report.problems)
    assert store.stats().entities == 0
