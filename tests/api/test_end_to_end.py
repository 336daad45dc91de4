"""CLI ingest → `aikg serve` in a subprocess → GraphQL over real HTTP on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.documents import ENTITY, SCRAPED, STATS
from tests.cli_runner import AIKG, aikg
from tests.conftest import CURATED


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path / "store"
    done = aikg(data_dir, "ingest", "-q", str(CURATED), check=True)
    assert "relations:" in done.stdout
    port = _free_port()
    env = {**os.environ, "AIKG_DATA_DIR": str(data_dir)}
    proc = subprocess.Popen(
        [*AIKG, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # generous: a loaded 2-core machine starts slowly
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            proc.kill()
            raise AssertionError(f"server did not start: {proc.communicate()[1]}")
        yield url, data_dir
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _post(url: str, query: str, **variables: object) -> dict[str, object]:
    response = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables}, timeout=10
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_ingest_serve_query_over_http(server: tuple[str, Path]) -> None:
    url, _ = server
    entity = _post(url, ENTITY, id="clearview-ai")["data"]["entity"]  # type: ignore[index]
    assert entity["name"] == "Clearview AI"
    assert entity["relations"]["totalCount"] > 20
    scraped = _post(url, SCRAPED, id="clearview-ai")["data"]["entity"]["relations"]["edges"]  # type: ignore[index]
    assert sorted(e["node"]["target"]["name"] for e in scraped) == ["Facebook", "Venmo", "YouTube"]
    assert httpx.get(f"{url}/graphql", headers={"Accept": "text/html"}).status_code == 200


def test_a_later_ingest_is_served_without_restart(server: tuple[str, Path], tmp_path: Path) -> None:
    url, data_dir = server
    before = _post(url, STATS)["data"]["stats"]["entities"]  # type: ignore[index]
    extra = tmp_path / "extra.ndjson"
    extra.write_text('{"kind":"entity","id":"newco","type":"Company","name":"NewCo"}\n')
    aikg(data_dir, "ingest", "-q", str(extra), check=True)
    after = _post(url, STATS)["data"]["stats"]["entities"]  # type: ignore[index]
    assert after == before + 1


def test_researchers_questions_over_real_http(server: tuple[str, Path]) -> None:
    url, _ = server
    query = """{
      letters: relations(filter: {type: [SENT_CEASE_AND_DESIST]}) { totalCount
        edges { node { source { name } target { name } evidence { article { title } } } } }
      police: neighbourhood(id: "woodbridge-police-department", depth: 1) { totalCount }
      paths(from: "woodbridge-police-department", to: "Clearview AI", first: 1) { length }
      fines: relationSums(type: FINED, property: amount, splitBy: currency) { total group }
      named: runNamedQuery(name: "fines_by_regulator") { totalCount }
    }"""
    body = _post(url, query)
    data: dict[str, Any] = body["data"]  # type: ignore[assignment]
    assert data["letters"]["totalCount"] == 3
    assert {e["node"]["source"]["name"] for e in data["letters"]["edges"]} == {
        "Facebook", "Google", "YouTube"}
    assert data["police"]["totalCount"] > 0 and data["paths"] == [{"length": 2}]
    assert data["fines"][0]["group"] == "USD" and data["named"]["totalCount"] == 2
    assert body["extensions"]["cost"]["estimated"] > 0  # type: ignore[index]


def test_limits_over_real_http(server: tuple[str, Path]) -> None:
    url, _ = server
    body = _post(url, '{ entities(first: 1000000) { totalCount } }')
    assert body["errors"] == [{"message": "`first` must be between 0 and 100, got 1000000"}]
