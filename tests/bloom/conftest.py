"""A database of its own on the session's ArcadeDB Bolt server, holding the bundled curated data
written through the Neo4j store, for running the Bloom search phrases and scene actions."""

from __future__ import annotations

import base64
import json
import urllib.request
from collections.abc import Iterator

import pytest
from neo4j import Driver, GraphDatabase

from graph.schema import load_schema
from graph.settings import Settings
from ingest.runner import ingest_paths
from queries.neo4j_store import Neo4jStore
from tests.conftest import CURATED
from tests.support.bolt_server import BoltServer

DATABASE = "bloom"


def create_database(server: BoltServer, name: str) -> None:
    """ArcadeDB's HTTP server command; the Bolt database name is the ArcadeDB database name."""
    token = base64.b64encode(f"{server.user}:{server.password}".encode()).decode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.http_port}/api/v1/server",
        data=json.dumps({"command": f"create database {name}"}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Basic {token}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert json.load(response) == {"result": "ok"}


@pytest.fixture(scope="session")
def bloom_settings(arcadedb: BoltServer) -> Settings:
    """Settings of the Neo4j store on the `bloom` database, loaded with data/curated once."""
    create_database(arcadedb, DATABASE)
    settings = Settings(store="neo4j", neo4j_uri=arcadedb.uri, neo4j_user=arcadedb.user,
                        neo4j_password=arcadedb.password, neo4j_database=DATABASE)
    with Neo4jStore.connect(load_schema(), settings) as store:
        report = ingest_paths(store, [CURATED])
    assert report.ok, [str(p) for p in report.problems]
    return settings


@pytest.fixture(scope="session")
def bloom_driver(bloom_settings: Settings) -> Iterator[Driver]:
    auth = (bloom_settings.neo4j_user, bloom_settings.neo4j_password or "")
    with GraphDatabase.driver(bloom_settings.neo4j_uri, auth=auth) as driver:
        yield driver
