"""The Bolt test server itself (tests/support/bolt_server.py, ArcadeDB embedded) works.

These tests fail, rather than skip, when ``arcadedb-embedded`` is not installed:
layer 2 of the Neo4j verification must always run (it is in the ``dev`` extra).
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import ConstraintError

from tests.support.bolt_server import BoltServer, BoltServerError, run_bolt_server


@pytest.fixture(scope="module")
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BoltServer]:
    with run_bolt_server(tmp_path_factory.mktemp("arcadedb")) as server:
        yield server


@pytest.fixture(scope="module")
def driver(bolt_server: BoltServer) -> Iterator[Driver]:
    with GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth) as driver:
        yield driver


def _port(uri: str) -> int:
    return int(uri.rsplit(":", 1)[1])


def test_server_is_on_loopback_with_auth(bolt_server: BoltServer) -> None:
    assert bolt_server.uri.startswith("bolt://127.0.0.1:")
    assert bolt_server.user == "root"
    assert len(bolt_server.password) >= 16
    log = bolt_server.log_path.read_text(encoding="utf-8")
    assert f"BOLT connections on /127.0.0.1:{_port(bolt_server.uri)}" in log
    assert f"HTTP Server started (host=127.0.0.1 port={bolt_server.http_port}" in log


def test_merge_round_trip_through_the_driver(driver: Driver, bolt_server: BoltServer) -> None:
    rows = [
        {"id": "org:acme", "props": {"name": "Acme AI"}},
        {"id": "person:ada", "props": {"name": "Ada"}},
    ]
    driver.execute_query(
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n += row.props",
        rows=rows,
        database_=bolt_server.database,
    )
    driver.execute_query(
        "MATCH (a:Entity {id: $src}) MATCH (b:Entity {id: $dst}) "
        "MERGE (a)-[r:LEADS]->(b) SET r.sources = $sources",
        src="person:ada",
        dst="org:acme",
        sources=["https://example.org/a", "https://example.org/b"],
        database_=bolt_server.database,
    )
    records, _, _ = driver.execute_query(
        "MATCH (a:Entity)-[r:LEADS]->(b:Entity) RETURN a.name AS a, r.sources AS s, b.id AS b",
        database_=bolt_server.database,
    )
    assert [r.data() for r in records] == [
        {"a": "Ada", "s": ["https://example.org/a", "https://example.org/b"], "b": "org:acme"}
    ]
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity {id: $id}) RETURN n", id="org:acme", database_=bolt_server.database
    )
    node = records[0]["n"]
    assert node.labels == {"Entity"}
    assert dict(node) == {"id": "org:acme", "name": "Acme AI"}


def test_uniqueness_constraint_is_enforced(driver: Driver, bolt_server: BoltServer) -> None:
    ddl = "CREATE CONSTRAINT thing_id IF NOT EXISTS FOR (n:Thing) REQUIRE n.id IS UNIQUE"
    driver.execute_query(ddl, database_=bolt_server.database)
    driver.execute_query(ddl, database_=bolt_server.database)  # IF NOT EXISTS: no error
    driver.execute_query("CREATE (:Thing {id: 1})", database_=bolt_server.database)
    with pytest.raises(ConstraintError):
        driver.execute_query("CREATE (:Thing {id: 1})", database_=bolt_server.database)


def test_server_stops_and_frees_its_port(tmp_path: Path) -> None:
    with (
        run_bolt_server(tmp_path) as server,
        GraphDatabase.driver(server.uri, auth=server.auth) as driver,
    ):
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=server.database)
        assert records[0]["one"] == 1
    port = _port(server.uri)
    with socket.socket() as sock:
        sock.settimeout(1.0)
        assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still accepts"


def test_start_failure_reports_the_log_tail(tmp_path: Path) -> None:
    fake_python = tmp_path / "fake-python"
    fake_python.write_text("#!/bin/sh\necho 'boom: the fake server failed'\nexit 3\n")
    fake_python.chmod(0o755)
    with (
        pytest.raises(BoltServerError, match="exited with code 3") as failure,
        run_bolt_server(tmp_path / "server", python=str(fake_python)),
    ):
        pytest.fail("the server should not have started")
    assert "boom: the fake server failed" in str(failure.value)
