"""Shared fixtures: real stores in temporary folders, the bundled curated data, the app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.schema import load_schema
from graph.settings import PROJECT_ROOT, Settings
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from tests.support.neo4j_server import (
    Neo4jServer,
    SharedDatabase,
    from_environment,
    run_neo4j_server,
)

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
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """The `make run` dataset: the curated files plus the committed extract, one batch."""
    store = EmbeddedStore(load_schema(), tmp_path_factory.mktemp("bundled"))
    report = ingest_paths(store, [CURATED, PROJECT_ROOT / "data" / "extract"])
    assert report.ok, [str(p) for p in report.problems[:20]]
    return store


@pytest.fixture(scope="session")
def bundled_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("unused"))


_NEO4J: list[Neo4jServer] = []  # the session's server, once a test asked for it


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """Real Neo4j for the session: NEO4J_URI's server if set, else Community 5.26 started here.

    One server serves every suite (contract, API, Bloom, exports); they take turns on its one
    user database through `neo4j_database`. NEO4J_URI's database is wiped by the tests.
    """
    given = from_environment(os.environ)
    if given is not None:
        _NEO4J.append(given)
        yield given
        return
    with run_neo4j_server(tmp_path_factory.mktemp("neo4j")) as server:
        _NEO4J.append(server)
        yield server


@pytest.fixture(scope="session")
def neo4j_database(neo4j_server: Neo4jServer) -> Iterator[SharedDatabase]:
    """The server's user database, claimed in turn by the suites that load data into it."""
    database = SharedDatabase(neo4j_server)
    yield database
    database.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the Neo4j server the run used (or say that no test needed one)."""
    for server in _NEO4J:
        terminalreporter.write_line(server.describe())


@pytest.fixture
def client(settings: Settings, curated_store: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(settings, curated_store)) as test_client:
        yield test_client
