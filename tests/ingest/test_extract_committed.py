"""The committed extract is exactly what the importers produce now, and holds no prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.sources.pipeline import extract, write_extract
from tests.ingest.conftest import AIID, DECIDED, EXTRACT, LITIGATION, written

SOURCES = [("aiid", AIID, "aiid.ndjson"), ("ai-incident-law", LITIGATION, "ai-incident-law.ndjson")]


@pytest.mark.parametrize(("source", "path", "name"), SOURCES)
def test_committed_extract_equals_a_fresh_regeneration(
        tmp_path: Path, source: str, path: Path, name: str) -> None:
    if not path.exists():
        pytest.skip(f"third-party data {path} is absent")
    fresh = tmp_path / name
    write_extract(extract(source, path, DECIDED), fresh)
    assert written(fresh) == written(EXTRACT / name), (
        f"data/extract/{name} is stale: run `make extract` and commit it")


@pytest.mark.parametrize("name", ["aiid.ndjson", "ai-incident-law.ndjson"])
def test_committed_extract_has_no_descriptions(name: str) -> None:
    text = written(EXTRACT / name)
    assert '"description"' not in text
    assert '"error_description"' not in text


def test_descriptions_only_when_asked(tmp_path: Path) -> None:
    if not AIID.is_dir():
        pytest.skip(f"third-party data folder {AIID} is absent")
    with_text = extract("aiid", AIID, DECIDED, descriptions=True)
    incident = next(r.data for r in with_text.records if r.data["id"] == "aiid-incident-1")
    assert incident["properties"]["description"]


def test_the_extract_folder_carries_the_licences() -> None:
    readme = written(EXTRACT / "README.md")
    for needed in ("CC BY-SA 4.0", "CC BY 4.0", "https://incidentdatabase.ai",
                   "https://aiincidentlaw.org/", "make extract"):
        assert needed in readme
