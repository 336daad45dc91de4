"""One contract suite, every store: the same fixture data and assertions on each backend.

- ``embedded``: always.
- ``neo4j``: real Neo4j through the Neo4j store: the session's Neo4j 5.26 Community server
  (tests/support/neo4j_server.py), or the server NEO4J_URI names. Never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from graph.schema import load_schema
from graph.settings import PROJECT_ROOT, Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from queries.neo4j_store import Neo4jStore
from tests.support.neo4j_server import SharedDatabase

FIXTURE = Path(__file__).with_name("fixture.ndjson")
CURATED = PROJECT_ROOT / "data" / "curated"
INPUTS = [CURATED, FIXTURE]
BATCH_SIZE = 25  # small, so the fixture data takes several batches per type
OWNER = "contract"

BACKENDS = ["embedded", "neo4j"]


@dataclass
class Backend:
    """How to open a fresh or a loaded store of one kind; Neo4j is cleared in between."""

    name: str
    settings: Settings
    database: SharedDatabase | None = None  # the Neo4j server's, shared with other suites
    loaded: bool = False  # the store holds exactly the fixture data, untouched since
    generation: int = 0
    opened: list[GraphStore] = field(default_factory=list)

    @property
    def bolt(self) -> bool:
        return self.database is not None

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
        """Forget everything stored: a new folder for the embedded store, DETACH DELETE on Neo4j."""
        self.loaded, self.generation = False, self.generation + 1
        if self.database is not None:
            self.database.clear(OWNER)

    def still_loaded(self) -> bool:
        """The fixture data is there, and no other suite wrote the database since."""
        if self.database is not None and self.database.claim(OWNER):
            self.loaded = False
        return self.loaded

    def close_all(self) -> None:
        while self.opened:
            self.opened.pop().close()


def _settings(name: str, request: pytest.FixtureRequest, tmp: Path) -> Settings:
    base = Settings(data_dir=tmp, batch_size=BATCH_SIZE)
    if name == "embedded":
        return base
    server = request.getfixturevalue("neo4j_server")
    return replace(base, store="neo4j", neo4j_uri=server.uri, neo4j_user=server.user,
                   neo4j_password=server.password, neo4j_database=server.database)


_BACKENDS: dict[str, Backend] = {}


def _backend(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Backend:
    name: str = request.param
    if name not in _BACKENDS:
        settings = _settings(name, request, factory.mktemp(name))
        database = request.getfixturevalue("neo4j_database") if name == "neo4j" else None
        _BACKENDS[name] = Backend(name, settings, database)
    return _BACKENDS[name]


@pytest.fixture(params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """Each store in turn: embedded, then real Neo4j."""
    found = _backend(request, tmp_path_factory)
    yield found
    found.close_all()


@pytest.fixture(params=["neo4j"])
def bolt(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """Real Neo4j only, for what is specific to the Neo4j store."""
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
    if not backend.still_loaded():
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
