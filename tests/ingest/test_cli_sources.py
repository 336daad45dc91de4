"""The commands: aikg extract, aikg ingest --source, aikg resolve, default aikg ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import aikg, stats
from tests.conftest import CURATED
from tests.ingest.conftest import EXTRACT, LITIGATION, RESOLUTION
from tests.ingest.snapshots import ACME, ACME_AL, write_snapshot


def test_extract_then_ingest_the_ndjson(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    out = tmp_path / "acme.ndjson"
    done = aikg(tmp_path / "store", "extract", "--source", "aiid", str(snapshot), "-o", str(out),
                check=True)
    assert "read 2 rows from incidents.csv" in done.stderr
    assert "undecided type (written as Organization)" in done.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"aiid-incident-1", "aiid-incident-2", "aiid-report-11"} <= {r.get("id") for r in lines}
    assert all("description" not in r.get("properties", {}) for r in lines)
    loaded = aikg(tmp_path / "store", "ingest", "-q", str(out), check=True)
    assert "entities:" in loaded.stdout
    assert stats(tmp_path / "store")["entity_types"]["Incident"] == 2


def test_ingest_source_prints_what_it_read_wrote_and_changed(tmp_path: Path) -> None:
    if not LITIGATION.exists():
        pytest.skip(f"third-party data {LITIGATION} is absent")
    args = ("ingest", "-q", "--source", "ai-incident-law", str(LITIGATION))
    first = aikg(tmp_path / "store", *args, check=True)
    assert "read 64 rows from data.json included" in first.stderr
    assert "LegalAction" in first.stderr and "merged by decision: 14" in first.stderr
    assert "entities added: " in first.stdout
    second = aikg(tmp_path / "store", *args, check=True)
    assert "entities added: 0" in second.stdout and "relations updated: 0" in second.stdout


def test_resolve_lists_candidates_and_records_a_decision(tmp_path: Path) -> None:
    snapshot = write_snapshot(tmp_path / "aiid", [ACME, ACME_AL])
    resolution = tmp_path / "resolution"
    resolution.mkdir()
    out = tmp_path / "acme.ndjson"
    res = ("--resolution", str(resolution))
    aikg(tmp_path / "s", "extract", "--source", "aiid", str(snapshot), "-o", str(out), *res,
         check=True)
    listed = aikg(tmp_path / "s", "resolve", str(out), *res, check=True)
    assert "acme-al" in listed.stdout and "acme-inc" in listed.stdout
    aikg(tmp_path / "s", "resolve", "--merge", "acme-inc", "acme-al", "--reason", "OCR slip",
         "--by", "a test", *res, check=True)
    assert "acme-al" not in aikg(tmp_path / "s", "resolve", str(out), *res, check=True).stdout
    merged = aikg(tmp_path / "s", "extract", "--source", "aiid", str(snapshot), *res, check=True)
    assert '"merged_ids":["acme-al"]' in merged.stdout
    refused = aikg(tmp_path / "s", "resolve", "--merge", "a", "b", *res)
    assert refused.returncode == 2 and "--reason" in refused.stderr


def test_default_ingest_loads_curated_and_extract_not_the_decisions(tmp_path: Path) -> None:
    done = aikg(tmp_path / "store", "ingest", "-q", check=True)
    files = len(list(CURATED.glob("*.yaml"))) + len(list(EXTRACT.glob("*.ndjson")))
    assert f"from {files} file(s)" in done.stdout
    counts = stats(tmp_path / "store")
    assert counts["entity_types"]["LegalAction"] == 64
    assert counts["entity_types"]["Incident"] > 1000
    assert (RESOLUTION / "decisions.yaml").exists()
