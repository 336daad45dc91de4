"""The health check is a connectivity check, and a store that cannot answer gives 503."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.app import create_app
from graph.errors import StoreUnavailable
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.embedded import EmbeddedStore


class UnreachableStore(EmbeddedStore):
    """The real embedded store, with its connectivity check failing as a dead server's would."""

    def ping(self) -> None:
        raise StoreUnavailable("the store does not answer")

    def stats(self) -> object:  # type: ignore[override]
        raise AssertionError("the health check must not scan the graph")


def test_health_is_ok_on_a_live_store(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200 and response.json() == {"status": "ok", "store": "embedded"}


def test_health_is_503_when_the_store_does_not_answer(settings: Settings) -> None:
    store = UnreachableStore(load_schema(), settings.data_dir)
    with TestClient(create_app(settings, store)) as client:
        response = client.get("/health")
    assert response.status_code == 503 and "does not answer" in response.json()["error"]


def test_the_neo4j_password_is_not_in_the_settings_repr() -> None:
    settings = Settings.from_env({"NEO4J_PASSWORD": "s3cret-value"})
    assert settings.neo4j_password == "s3cret-value"
    assert "s3cret-value" not in repr(settings)
