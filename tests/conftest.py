"""Shared fixtures: real stores in temporary folders, the bundled curated data, the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.schema import load_schema
from graph.settings import PROJECT_ROOT, Settings
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from tests.support.bolt_server import BoltServer, run_bolt_server

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
CURATED = PROJECT_ROOT / "data" / "curated"
FOUNDING_ARTICLE = SHARED_DATA / "articles" / "2020-02-27-clearview-ai-client-list-stolen.txt"

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"third-party data folder {SHARED_DATA} is absent"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "store")


@pytest.fixture
def store(settings: Settings) -> EmbeddedStore:
    return EmbeddedStore(load_schema(), settings.data_dir)


@pytest.fixture
def curated_store(store: EmbeddedStore) -> EmbeddedStore:
    report = ingest_paths(store, [CURATED])
    assert report.ok, [str(p) for p in report.problems]
    return store


@pytest.fixture(scope="session")
def arcadedb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    """One ArcadeDB Bolt server per session, for the contract suite and the Bloom tests."""
    with run_bolt_server(tmp_path_factory.mktemp("arcadedb")) as server:
        yield server


@pytest.fixture
def client(settings: Settings, curated_store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, curated_store)) as test_client:
        yield test_client
