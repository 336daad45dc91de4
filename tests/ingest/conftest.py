"""Fixtures for the source importers: real extracts of ../shared/data and a bundled store."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.settings import PROJECT_ROOT
from ingest.sources.aiid import Extract
from ingest.sources.pipeline import Decided, extract
from tests.conftest import CURATED, SHARED_DATA

RESOLUTION = PROJECT_ROOT / "data" / "resolution"
EXTRACT = PROJECT_ROOT / "data" / "extract"
AIID = SHARED_DATA / "aiid"
LITIGATION = SHARED_DATA / "ai-incident-law" / "data.json"
DECIDED = Decided(CURATED, RESOLUTION)
needs_aiid = pytest.mark.skipif(
    not AIID.is_dir(), reason=f"third-party data folder {AIID} is absent (users never have it)"
)
needs_litigation = pytest.mark.skipif(
    not LITIGATION.is_file(), reason=f"third-party data file {LITIGATION} is absent"
)


@pytest.fixture(scope="session")
def aiid_extract() -> Extract:
    if not AIID.is_dir():
        pytest.skip(f"third-party data folder {AIID} is absent")
    return extract("aiid", AIID, DECIDED)


@pytest.fixture(scope="session")
def litigation_extract() -> Extract:
    if not LITIGATION.is_file():
        pytest.skip(f"third-party data file {LITIGATION} is absent")
    return extract("ai-incident-law", LITIGATION, DECIDED)


def entity_records(result: Extract) -> dict[str, dict[str, object]]:
    return {r.data["id"]: r.data for r in result.records if r.data["kind"] == "entity"}


def relation_records(result: Extract, rtype: str) -> list[dict[str, object]]:
    return [r.data for r in result.records
            if r.data["kind"] == "relation" and r.data["type"] == rtype]


def written(path: Path) -> str:
    return path.read_text(encoding="utf-8")
