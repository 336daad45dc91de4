"""The Neo4j test server itself (tools/neo4j-server, tests/support/neo4j_server.py) works.

The session's server is Neo4j Community at the version pinned in the launcher's pom.xml and in
docker-compose.yml, on 127.0.0.1 with auth, HTTP off and APOC core loaded. The harness around
it (ready line, failures, clean stop) is checked with stand-in launchers, without a JVM.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError

from graph.settings import PROJECT_ROOT
from tests.support.neo4j_server import (
    Neo4jServer,
    Neo4jServerError,
    run_neo4j_server,
)

POM = PROJECT_ROOT / "tools" / "neo4j-server" / "pom.xml"
COMPOSE = PROJECT_ROOT / "docker-compose.yml"


def pinned_version() -> str:
    found = re.search(r"<neo4j.version>([0-9.]+)</neo4j.version>", POM.read_text())
    assert found
    return found.group(1)


@pytest.fixture
def ours(neo4j_server: Neo4jServer) -> Neo4jServer:
    if neo4j_server.log_path is None:
        pytest.skip("NEO4J_URI names a server of yours; these tests check the launcher's own")
    return neo4j_server


@pytest.fixture
def driver(ours: Neo4jServer) -> Iterator[Driver]:
    with GraphDatabase.driver(ours.uri, auth=ours.auth) as found:
        yield found


def test_the_pinned_version_is_the_compose_image_and_the_server_run(ours: Neo4jServer) -> None:
    version = pinned_version()
    assert f"image: neo4j:{version}-community" in COMPOSE.read_text()
    assert ours.version == f"Neo4j {version} community"
    assert re.fullmatch(r"bolt://127\.0\.0\.1:\d+", ours.uri)


def test_bolt_only_on_loopback_with_auth_and_apoc(driver: Driver, ours: Neo4jServer) -> None:
    records, _, _ = driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        names=["server.bolt.listen_address", "server.http.enabled", "server.https.enabled",
               "dbms.security.auth_enabled"],
        database_=ours.database,
    )
    settings = {r["name"]: r["value"] for r in records}
    assert settings["server.bolt.listen_address"].startswith("127.0.0.1:")
    assert settings["server.http.enabled"] == settings["server.https.enabled"] == "false"
    assert settings["dbms.security.auth_enabled"] == "true"
    records, _, _ = driver.execute_query("RETURN apoc.version() AS v", database_=ours.database)
    assert records[0]["v"] == pinned_version()


def test_a_wrong_password_is_refused(ours: Neo4jServer) -> None:
    with (
        GraphDatabase.driver(ours.uri, auth=(ours.user, "not-the-password")) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def _launcher(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "launcher"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return script


def test_start_failure_reports_the_log_tail(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path, "echo 'boom: the fake server failed'\nexit 3\n")
    with (
        pytest.raises(Neo4jServerError, match="exited with code 3") as failure,
        run_neo4j_server(tmp_path / "server", launcher=launcher),
    ):
        pytest.fail("the server should not have started")
    assert "boom: the fake server failed" in str(failure.value)


READY = "echo 'aikg-neo4j ready: Neo4j 5.26.0 community at bolt://127.0.0.1:1'\n"


def test_the_ready_line_names_the_server_and_stdin_eof_stops_it(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path, READY + "cat >/dev/null\necho stopped\n")
    with run_neo4j_server(tmp_path / "server", launcher=launcher) as server:
        assert (server.uri, server.version) == ("bolt://127.0.0.1:1", "Neo4j 5.26.0 community")
        assert server.started_in is not None and server.describe().startswith(
            "Neo4j 5.26.0 community at bolt://127.0.0.1:1 (started in "
        )
    assert server.log_path is not None and "stopped" in server.log_path.read_text()


def test_an_unclean_stop_is_an_error(tmp_path: Path) -> None:
    launcher = _launcher(tmp_path, READY + "cat >/dev/null\necho 'lost a file'\nexit 1\n")
    with (
        pytest.raises(Neo4jServerError, match="did not stop cleanly") as failure,
        run_neo4j_server(tmp_path / "server", launcher=launcher),
    ):
        pass
    assert "lost a file" in str(failure.value)
