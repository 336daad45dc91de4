"""The researchers' API on every store: the embedded store and the Neo4j store over Bolt.

`api` runs each test against the curated data plus `fixture.ndjson` on the embedded store
and on the Neo4j store over Bolt on the session's real Neo4j (tests/support/neo4j_server.py;
its one database is shared with other suites, see `SharedDatabase`); tests that write get a
fresh store, and the standard one is reloaded after them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from ingest.runner import ingest_paths
from queries.neo4j_store import Neo4jStore
from tests.conftest import CURATED
from tests.support.neo4j_server import Neo4jServer, SharedDatabase

FIXTURE = Path(__file__).with_name("fixture.ndjson")
API_INPUTS = [CURATED, FIXTURE]
HUB_DEGREE = 12  # small, so Clearview AI (30+ relations) is a hub in these tests
STORES = ["embedded", "neo4j"]
OWNER = "api"


# A loaded 2-core CI machine can take over 10 s (the default) for a cold Neo4j plan; the
# timeout itself is tested with explicit small values.
TEST_REQUEST_TIMEOUT = 60.0


def api_settings(data_dir: Path, **changes: Any) -> Settings:
    base = Settings(data_dir=data_dir, hub_degree=HUB_DEGREE, batch_size=50,
                    request_timeout=TEST_REQUEST_TIMEOUT)
    return replace(base, **changes)


@dataclass
class Backend:
    """Opens stores of one kind; the Bolt database is shared, so it is reloaded when written."""

    name: str
    settings: Settings
    database: SharedDatabase | None = None  # Neo4j's, shared with other suites
    loaded: GraphStore | None = None
    generation: int = 0
    opened: list[GraphStore] = field(default_factory=list)

    def open(self, fresh: bool) -> GraphStore:
        if self.database is not None and self.database.claim(OWNER):
            fresh = True  # another suite wrote the database since
        if fresh or self.loaded is None:
            self._clear()
        store: GraphStore
        if self.name == "embedded":
            store = EmbeddedStore(load_schema(), self.settings.data_dir / str(self.generation))
        else:
            store = Neo4jStore.connect(load_schema(), self.settings)
        self.opened.append(store)
        return store

    def _clear(self) -> None:
        if self.loaded is not None:
            self.loaded.close()
        self.loaded, self.generation = None, self.generation + 1
        if self.database is not None:
            self.database.clear(OWNER)

    def standard(self) -> GraphStore:
        """A store holding the curated data and the API fixture, loaded once."""
        if self.database is not None and self.database.claim(OWNER) and self.loaded is not None:
            self.loaded.close()
            self.loaded = None
        if self.loaded is None:
            store = self.open(fresh=True)
            report = ingest_paths(store, API_INPUTS)
            assert report.ok, [str(p) for p in report.problems]
            self.loaded = store
        return self.loaded

    def fresh(self) -> GraphStore:
        """An empty store the test may write; the standard one is reloaded afterwards."""
        return self.open(fresh=True)

    def close_loaded(self) -> None:
        if self.loaded is not None:
            self.loaded.close()
            self.loaded = None

    def close_all(self) -> None:
        while self.opened:
            store = self.opened.pop()
            if store is not self.loaded:
                store.close()


_BACKENDS: dict[str, Backend] = {}


@pytest.fixture(params=STORES)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """Each store in turn; stores a test opens are closed after it (the standard one stays)."""
    name: str = request.param
    if name not in _BACKENDS:
        settings = api_settings(tmp_path_factory.mktemp(f"api-{name}"))
        database: SharedDatabase | None = None
        if name == "neo4j":
            server: Neo4jServer = request.getfixturevalue("neo4j_server")
            database = request.getfixturevalue("neo4j_database")
            database.on_close(lambda: _BACKENDS["neo4j"].close_loaded())
            settings = replace(settings, store="neo4j", neo4j_uri=server.uri,
                               neo4j_user=server.user, neo4j_password=server.password,
                               neo4j_database=server.database)
        _BACKENDS[name] = Backend(name, settings, database)
    yield _BACKENDS[name]
    _BACKENDS[name].close_all()


@dataclass
class Api:
    """A test client over one store, with helpers that read data or errors from answers."""

    client: TestClient
    store: GraphStore
    backend: str

    def post(self, query: str, headers: dict[str, str] | None = None, **variables: Any) -> Any:
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers or {}
        )
        assert response.status_code in (200, 400), response.text
        return response.json()

    def data(self, query: str, **variables: Any) -> Any:
        body = self.post(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    def errors(self, query: str, **variables: Any) -> list[str]:
        body = self.post(query, **variables)
        assert body.get("errors"), body
        assert "Traceback" not in str(body) and "File \"" not in str(body)
        return [e["message"] for e in body["errors"]]


@contextlib.contextmanager
def serve(settings: Settings, store: GraphStore, backend: str) -> Iterator[Api]:
    with TestClient(create_app(settings, store)) as client:
        yield Api(client, store, backend)


@pytest.fixture
def api(backend: Backend) -> Iterator[Api]:
    """The API over the standard data, on each store in turn."""
    with serve(backend.settings, backend.standard(), backend.name) as found:
        yield found


@pytest.fixture
def fresh_api(backend: Backend) -> Iterator[Api]:
    """The API over an empty store of each kind, which the test may write."""
    with serve(backend.settings, backend.fresh(), backend.name) as found:
        yield found
