"""The session's real Neo4j holding the bundled curated data written through the Neo4j store,
for running the Bloom search phrases and scene actions (the database is shared with other
suites: it is reloaded whenever another suite wrote it since)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from neo4j import Driver, GraphDatabase

from graph.schema import load_schema
from graph.settings import Settings
from ingest.runner import ingest_paths
from queries.neo4j_store import Neo4jStore
from tests.conftest import CURATED
from tests.support.neo4j_server import Neo4jServer, SharedDatabase

OWNER = "bloom"


@pytest.fixture
def bloom_settings(neo4j_server: Neo4jServer, neo4j_database: SharedDatabase) -> Settings:
    """Settings of the Neo4j store on a database holding data/curated (loaded when needed)."""
    settings = replace(Settings(), store="neo4j", neo4j_uri=neo4j_server.uri,
                       neo4j_user=neo4j_server.user, neo4j_password=neo4j_server.password,
                       neo4j_database=neo4j_server.database)
    if neo4j_database.claim(OWNER):
        neo4j_database.clear(OWNER)
        with Neo4jStore.connect(load_schema(), settings) as store:
            report = ingest_paths(store, [CURATED])
        assert report.ok, [str(p) for p in report.problems]
    return settings


@pytest.fixture
def bloom_driver(bloom_settings: Settings) -> Iterator[Driver]:
    auth = (bloom_settings.neo4j_user, bloom_settings.neo4j_password or "")
    with GraphDatabase.driver(bloom_settings.neo4j_uri, auth=auth) as driver:
        yield driver
