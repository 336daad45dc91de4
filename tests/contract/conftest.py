"""One contract suite, every store: the same fixture data and assertions on each backend.

- ``embedded``: always.
- ``arcadedb``: ArcadeDB's Bolt server (PyPI ``arcadedb-embedded``) started once per session on
  127.0.0.1, spoken to by the official ``neo4j`` driver through the Neo4j store. A pass proves
  the driver conversation and the round trip, not Neo4j-exact results.
- ``neo4j``: a real Neo4j, only when ``NEO4J_URI`` is set (``docker compose up -d neo4j``, then
  ``make test-neo4j``); otherwise skipped with that reason, never counted as passed.

Statements only Neo4j can run (full-text search) are tested by cases marked ``neo4j_only``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from graph.schema import load_schema
from graph.settings import PROJECT_ROOT, Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from queries.neo4j_store import Neo4jStore
from tests.support.bolt_server import BoltServer

FIXTURE = Path(__file__).with_name("fixture.ndjson")
CURATED = PROJECT_ROOT / "data" / "curated"
INPUTS = [CURATED, FIXTURE]
NO_NEO4J = (
    "real Neo4j not run: NEO4J_URI is not set "
    "(`docker compose up -d neo4j`, then `make test-neo4j` with NEO4J_URI and NEO4J_PASSWORD)"
)
NEO4J_ONLY = "Neo4j-only (full-text index): ArcadeDB's Bolt server cannot run it; not run here"
BATCH_SIZE = 25  # small, so the fixture data takes several batches per type

BACKENDS = [
    pytest.param("embedded"),
    pytest.param("arcadedb"),
    pytest.param(
        "neo4j",
        marks=[pytest.mark.neo4j_only, pytest.mark.skipif("NEO4J_URI" not in os.environ,
                                                          reason=NO_NEO4J)],
    ),
]


@dataclass
class Backend:
    """How to open a fresh or a loaded store of one kind; Bolt servers are cleared in between."""

    name: str
    settings: Settings
    loaded: bool = False  # the store holds exactly the fixture data, untouched since
    generation: int = 0
    opened: list[GraphStore] = field(default_factory=list)

    @property
    def bolt(self) -> bool:
        return self.name != "embedded"

    def open(self, settings: Settings | None = None) -> GraphStore:
        settings = settings or self.settings
        store: GraphStore
        if self.bolt:
            store = Neo4jStore.connect(load_schema(), settings)
        else:
            store = EmbeddedStore(load_schema(), settings.data_dir / str(self.generation))
        self.opened.append(store)
        return store

    def clear(self) -> None:
        """Forget everything stored: a new folder for the embedded store, DETACH DELETE on Bolt."""
        self.loaded, self.generation = False, self.generation + 1
        if not self.bolt:
            return
        auth = (self.settings.neo4j_user, self.settings.neo4j_password or "")
        with GraphDatabase.driver(self.settings.neo4j_uri, auth=auth) as driver:
            database = self.settings.neo4j_database
            driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)

    def close_all(self) -> None:
        while self.opened:
            self.opened.pop().close()


# The ArcadeDB Bolt server is the session fixture `arcadedb` of tests/conftest.py, shared with
# tests/bloom (which uses a database of its own on it).


def _settings(name: str, request: pytest.FixtureRequest, tmp: Path) -> Settings:
    base = Settings(data_dir=tmp, batch_size=BATCH_SIZE)
    if name == "embedded":
        return base
    if name == "arcadedb":
        server: BoltServer = request.getfixturevalue("arcadedb")
        return replace(base, store="neo4j", neo4j_uri=server.uri, neo4j_user=server.user,
                       neo4j_password=server.password, neo4j_database=server.database)
    env = Settings.from_env(os.environ)
    return replace(base, store="neo4j", neo4j_uri=env.neo4j_uri, neo4j_user=env.neo4j_user,
                   neo4j_password=env.neo4j_password, neo4j_database=env.neo4j_database)


_BACKENDS: dict[str, Backend] = {}


def _backend(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Backend:
    name: str = request.param
    if name not in _BACKENDS:
        _BACKENDS[name] = Backend(name, _settings(name, request, factory.mktemp(name)))
    return _BACKENDS[name]


@pytest.fixture(params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """Each store in turn: embedded, ArcadeDB over Bolt, real Neo4j when configured."""
    found = _backend(request, tmp_path_factory)
    yield found
    found.close_all()


@pytest.fixture(params=BACKENDS[1:])
def bolt(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """The Bolt servers only, for what is specific to the Neo4j store."""
    found = _backend(request, tmp_path_factory)
    yield found
    found.close_all()


@pytest.fixture
def empty_store(backend: Backend) -> GraphStore:
    """A store with nothing in it; the test may write."""
    backend.clear()
    return backend.open()


def load(backend: Backend) -> GraphStore:
    """A store of `backend` holding the curated data and the contract fixture (loaded once)."""
    if not backend.loaded:
        backend.clear()
        report = ingest_paths(backend.open(), INPUTS)
        assert report.ok, [str(p) for p in report.problems]
        backend.loaded = True
    return backend.open()


@pytest.fixture
def loaded_store(backend: Backend) -> GraphStore:
    """A store holding the curated data and the contract fixture; the test must not write."""
    return load(backend)


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """The embedded store loaded with the same inputs: what every backend must equal."""
    store = EmbeddedStore(load_schema(), tmp_path_factory.mktemp("reference"))
    report = ingest_paths(store, INPUTS)
    assert report.ok, [str(p) for p in report.problems]
    return store
