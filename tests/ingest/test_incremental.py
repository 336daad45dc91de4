"""Idempotent and incremental: the same snapshot changes nothing; a newer one adds and updates."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from graph.schema import load_schema
from graph.store.embedded import EmbeddedStore
from ingest.sources.pipeline import extract, load
from tests.ingest.conftest import AIID, DECIDED, LITIGATION, needs_aiid, needs_litigation
from tests.ingest.snapshots import ACME, ACME_AL, write_snapshot


def _trimmed(folder: Path, keep: int) -> Path:
    """The real snapshot with only the first `keep` rows of incidents.csv, and only their
    incidents in the GraphQL export (which would otherwise add the others)."""
    shutil.copytree(AIID, folder)
    for name in ("incidents.csv", "aiid_graphql_export.json"):
        (folder / name).chmod(0o644)
    with (AIID / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    with (folder / "incidents.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows[: keep + 1])
    kept = {row[rows[0].index("incident_id")] for row in rows[1: keep + 1]}
    export = json.loads((AIID / "aiid_graphql_export.json").read_text(encoding="utf-8"))
    incidents = export["data"]["incidents"]
    export["data"]["incidents"] = [i for i in incidents if str(i["incident_id"]) in kept]
    (folder / "aiid_graphql_export.json").write_text(json.dumps(export), encoding="utf-8")
    return folder


@needs_aiid
@needs_litigation
def test_reimporting_the_same_snapshot_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(load_schema(), tmp_path / "store")
    result = extract("aiid", AIID, DECIDED)
    first, changes = load(store, result)
    assert first.ok and first.summary.entities_added > 10_000
    assert len(changes.entities_added) == first.summary.entities_added
    again, nothing = load(store, extract("aiid", AIID, DECIDED))
    assert again.ok and nothing.empty
    s = again.summary
    assert (s.entities_added, s.entities_updated, s.relations_added, s.relations_updated) == (
        0, 0, 0, 0)
    lit, _ = load(store, extract("ai-incident-law", LITIGATION, DECIDED))
    lit_again, lit_nothing = load(store, extract("ai-incident-law", LITIGATION, DECIDED))
    assert lit.ok and lit_again.ok and lit_nothing.empty


@needs_aiid
def test_a_newer_snapshot_adds_and_updates_and_says_which(tmp_path: Path) -> None:
    store = EmbeddedStore(load_schema(), tmp_path / "store")
    older, _ = load(store, extract("aiid", _trimmed(tmp_path / "old", 500), DECIDED))
    assert older.ok
    before = {e.id for e in store.iter_entities()}
    newer, changes = load(store, extract("aiid", AIID, DECIDED))
    assert newer.ok
    old_ids = {e.id for e in store.iter_entities() if e.id.startswith("aiid-incident-")}
    assert len(old_ids) == 1137  # incidents.csv's 989 and the GraphQL export's 148 newer ones
    assert len([i for i in changes.entities_added if i.startswith("aiid-incident-")]) == 637
    # names seen again under another spelling become aliases; merged ids join their survivor
    assert changes.entities_updated and set(changes.entities_updated) <= before
    assert not set(changes.entities_added) & before
    assert newer.summary.entities_added == len(changes.entities_added)
    lines = changes.lines()
    assert lines[0].startswith(f"entities added: {len(changes.entities_added)}")


def test_a_changed_fact_in_a_newer_snapshot_is_reported_as_updated(tmp_path: Path) -> None:
    store = EmbeddedStore(load_schema(), tmp_path / "store")
    load(store, extract("aiid", write_snapshot(tmp_path / "v1", [ACME]), DECIDED))
    renamed = {**ACME, "title": "Acme face matcher misidentified shoppers (corrected)"}
    _, changes = load(store, extract("aiid", write_snapshot(tmp_path / "v2", [renamed, ACME_AL]),
                                     DECIDED))
    assert "aiid-incident-1" in changes.entities_updated
    assert "aiid-incident-2" in changes.entities_added
