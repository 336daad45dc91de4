"""The GraphQL API and the `aikg` CLI give the same answers on every store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.cli import cli
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.store.embedded import EmbeddedStore
from tests.api.documents import ENTITY, SCRAPED, SEARCH, STATS
from tests.contract.conftest import INPUTS, Backend

DOCUMENTS = [
    (SEARCH, {"text": "clearview"}),
    (SEARCH, {"text": "Tor Ek"}),
    (ENTITY, {"id": "clearview-ai"}),
    (ENTITY, {"id": "societe-generale-ia"}),
    (ENTITY, {"id": "sg-ia"}),  # merged into societe-generale-ia
    (ENTITY, {"id": "no-such-entity"}),
    (SCRAPED, {"id": "clearview-ai"}),
    (STATS, {}),
]


def answers(store: GraphStore) -> list[dict[str, Any]]:
    with TestClient(create_app(Settings(), store)) as client:
        found = []
        for query, variables in DOCUMENTS:
            response = client.post("/graphql", json={"query": query, "variables": variables})
            assert response.status_code == 200, response.text
            found.append(response.json())
        return found


@pytest.fixture(scope="session")
def reference_answers(reference: EmbeddedStore) -> list[dict[str, Any]]:
    return answers(reference)


def test_graphql_documents_answer_the_same_on_every_store(
    loaded_store: GraphStore, reference_answers: list[dict[str, Any]]
) -> None:
    found = answers(loaded_store)
    assert all("errors" not in body for body in found), found
    assert found == reference_answers
    clearview = found[2]["data"]["entity"]["relations"]
    assert clearview["totalCount"] > 20
    assert found[4]["data"]["entity"]["id"] == "societe-generale-ia"


def _env(backend: Backend, data_dir: Path) -> dict[str, str]:
    s = backend.settings
    env = {"AIKG_STORE": s.store, "AIKG_DATA_DIR": str(data_dir),
           "AIKG_BATCH_SIZE": str(s.batch_size)}
    if backend.bolt:
        env.update(NEO4J_URI=s.neo4j_uri, NEO4J_USER=s.neo4j_user,
                   NEO4J_PASSWORD=s.neo4j_password or "", NEO4J_DATABASE=s.neo4j_database)
    return env


def run(env: dict[str, str], *args: str) -> str:
    done = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.stdout


def cli_session(env: dict[str, str]) -> dict[str, str]:
    """What a user sees: db init, ingest, ingest again, stats, export."""
    inputs = [str(p) for p in INPUTS]
    return {
        "ingest": run(env, "ingest", "-q", *inputs),
        "again": run(env, "ingest", "-q", *inputs),
        "stats": run(env, "stats", "--json"),
        "export": run(env, "export", "-q"),
    }


@pytest.fixture(scope="session")
def reference_cli(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("reference-cli")
    return cli_session({"AIKG_STORE": "embedded", "AIKG_DATA_DIR": str(data_dir)})


def test_cli_ingest_stats_and_export_are_the_same_on_every_store(
    backend: Backend, reference_cli: dict[str, str], tmp_path: Path
) -> None:
    backend.clear()
    env = _env(backend, tmp_path / "store")
    init = run(env, "db", "init")
    assert ("schema statements" in init) == backend.bolt
    found = cli_session(env)
    assert found == reference_cli
    assert "relations: 0 added, 0 updated" in found["again"]
    assert json.loads(found["stats"])["relation_types"]["SCRAPED_FROM"] == 3
    assert len(found["export"].splitlines()) > 200
