"""Entity resolution: explicit, reversible decisions; scored candidates; nothing merges silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.records import Origin
from ingest.sources.aiid_files import SimilarPair
from ingest.sources.candidates import Known, find_candidates, known_entity, name_key
from ingest.sources.pipeline import Decided, extract, load, merge_candidates, write_extract
from ingest.sources.resolution import (
    Decision,
    append_decision,
    load_decisions,
    resolve,
)
from tests.ingest.conftest import entity_records
from tests.ingest.snapshots import ACME, ACME_AL, write_snapshot

MERGE = Decision(("acme-inc", "acme-al"), "merge", "OCR variant of one name", "a test", "acme-inc")
APART = Decision(("acme-inc", "acme-al"), "keep-apart", "checked: two firms", "a test")


def _decided(tmp_path: Path, *decisions: Decision) -> Decided:
    resolution = tmp_path / "resolution"
    resolution.mkdir(exist_ok=True)
    path = resolution / "decisions.yaml"
    path.unlink(missing_ok=True)
    for decision in decisions:
        append_decision(path, decision)
    return Decided(None, resolution)


def _store(path: Path) -> EmbeddedStore:
    return EmbeddedStore(load_schema(), path)


def test_a_merge_writes_one_node_whose_old_id_still_resolves(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    result = extract("aiid", snapshot, _decided(tmp_path, MERGE))
    entities = entity_records(result)
    assert "acme-al" not in entities
    assert entities["acme-inc"]["merged_ids"] == ["acme-al"]
    assert "Acme Al" in entities["acme-inc"]["aliases"]  # type: ignore[operator]
    assert result.report.merged == {"acme-al": ("acme-inc", "OCR variant of one name")}
    store = _store(tmp_path / "store")
    report, _ = load(store, result)
    assert report.ok, report.problems
    assert store.resolve(["acme-al"]) == {"acme-al": "acme-inc"}
    deployed = store.relations_of(["acme-inc"], types=["DEPLOYED"])["acme-inc"]
    assert {r.target for r in deployed} == {"aiid-incident-1", "aiid-incident-2"}


def test_keep_apart_undoes_the_merge_in_a_fresh_store(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    undone = extract("aiid", snapshot, _decided(tmp_path, MERGE, APART))
    entities = entity_records(undone)
    assert {"acme-inc", "acme-al"} <= set(entities)
    assert "merged_ids" not in entities["acme-inc"]
    store = _store(tmp_path / "fresh")
    report, _ = load(store, undone)
    assert report.ok
    assert store.resolve(["acme-al"]) == {"acme-al": "acme-al"}


def test_without_a_decision_nothing_merges(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    entities = entity_records(extract("aiid", snapshot, _decided(tmp_path)))
    assert {"acme-inc", "acme-al", "drivers", "driver"} <= set(entities)


def test_decisions_file_round_trip_and_later_decisions_win(tmp_path: Path) -> None:
    path = _decided(tmp_path, MERGE, APART).file("decisions.yaml")
    assert path is not None
    assert load_decisions(path) == [MERGE, APART]
    assert resolve([MERGE]).redirects == {"acme-al": "acme-inc"}
    assert resolve([MERGE, APART]).redirects == {}
    assert frozenset(("acme-inc", "acme-al")) in resolve([APART]).decided_pairs


def test_a_chain_of_merges_is_refused() -> None:
    first = Decision(("a", "b"), "merge", "r", "t", "b")
    second = Decision(("b", "c"), "merge", "r", "t", "c")
    with pytest.raises(InvalidInput, match="itself merged"):
        resolve([first, second])


@pytest.mark.parametrize("entry", [
    "- {ids: [a], decision: merge, survivor: a, reason: r, decided_by: t}",
    "- {ids: [a, b], decision: fuse, reason: r, decided_by: t}",
    "- {ids: [a, b], decision: merge, survivor: c, reason: r, decided_by: t}",
    "- {ids: [a, b], decision: keep-apart, decided_by: t}",
])
def test_malformed_decisions_are_refused(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "decisions.yaml"
    path.write_text(f"decisions:\n  {entry}\n")
    with pytest.raises(InvalidInput):
        load_decisions(path)


@pytest.mark.parametrize("variant", ["Clearview AI Inc.", "Clearview Al", "clearview-ai",
                                     "CLEARVIEW AI, INC", "The Clearview AI"])
def test_name_variants_share_a_key(variant: str) -> None:
    assert name_key(variant) == name_key("Clearview AI")


def test_plural_and_punctuation_variants_share_a_key() -> None:
    assert name_key("Unknown deepfake creators") == name_key("Unknown deepfake creator")
    assert name_key("LGBTQ+ people") == name_key("LGBTQ people")


def _known(entity_id: str, etype: str, name: str) -> Known:
    return known_entity({"id": entity_id, "type": etype, "name": name})


def test_candidates_are_scored_and_decided_pairs_are_not_proposed_again() -> None:
    curated = _known("clearview-ai", "Company", "Clearview AI")
    inc = _known("clearview-ai-inc", "Company", "Clearview AI Inc.")
    ocr = _known("clearview-al", "Company", "Clearview Al")
    other = _known("clearwater", "Company", "Clearwater")
    found = find_candidates([curated, inc, ocr, other], [], set())
    pairs = {frozenset((c.first.id, c.second.id)) for c in found}
    assert frozenset(("clearview-ai", "clearview-ai-inc")) in pairs
    assert frozenset(("clearview-ai", "clearview-al")) in pairs
    assert not any("clearwater" in p for p in pairs)
    assert all(0 < c.score <= 1 for c in found)
    decided = {frozenset(("clearview-ai", "clearview-al"))}
    again = find_candidates([curated, inc, ocr], [], decided)
    assert frozenset(("clearview-ai", "clearview-al")) not in {
        frozenset((c.first.id, c.second.id)) for c in again}


def test_aiid_similar_entities_are_candidates_not_decisions() -> None:
    one = _known("female-facebook-users", "Group", "female Facebook users")
    two = _known("male-facebook-users", "Group", "male Facebook users")
    pair = SimilarPair("female-facebook-users", "male-facebook-users", 94.74, Origin("x", 2))
    found = find_candidates([one, two], [pair], set())
    assert len(found) == 1 and "similar_entities.csv" in found[0].why
    assert found[0].score < 1


def test_merge_candidates_reads_inputs_and_the_similar_list(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    (snapshot / "similar_entities.csv").write_text(
        "Entity ID 1,Entity Name 1,Entity ID 2,Entity Name 2,Similarity,Keep (1 or 2)\n"
        "drivers,Drivers,driver,driver,95.0,\n", encoding="utf-8")
    decided = _decided(tmp_path)
    out = tmp_path / "aiid.ndjson"
    write_extract(extract("aiid", snapshot, decided), out)
    found = merge_candidates([out], snapshot, decided)
    pairs = {frozenset((c.first.id, c.second.id)): c for c in found}
    assert frozenset(("acme-inc", "acme-al")) in pairs
    assert frozenset(("driver", "drivers")) in pairs
