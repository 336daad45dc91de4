"""GET /export/{format}: the same exports over HTTP, streamed, with a type and a file name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.export import to_networkx
from graph.export.formats import FORMATS
from graph.store.embedded import EmbeddedStore
from tests.export.readers import read


@pytest.mark.parametrize("fmt", ["node-link", "graphml", "gexf"])
def test_download_reads_back_as_the_store(
    fmt: str, client: TestClient, curated_store: EmbeddedStore, tmp_path: Path
) -> None:
    response = client.get(f"/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(FORMATS[fmt].media_type)
    suffix = FORMATS[fmt].suffix
    assert response.headers["content-disposition"] == f'attachment; filename="aikg{suffix}"'
    path = tmp_path / f"download{suffix}"
    path.write_bytes(response.content)
    graph = read(fmt, path)
    want = to_networkx(curated_store)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        want.number_of_nodes(), want.number_of_edges())


def test_edgelist_and_its_nodes_table(client: TestClient, tmp_path: Path) -> None:
    edges = client.get("/export/edgelist")
    nodes = client.get("/export/edgelist", params={"table": "nodes"})
    assert edges.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="aikg-nodes.csv"' in nodes.headers["content-disposition"]
    (tmp_path / "g.csv").write_bytes(edges.content)
    (tmp_path / "g.nodes.csv").write_bytes(nodes.content)
    graph = read("edgelist", tmp_path / "g.csv")
    assert graph.number_of_nodes() == 65 and graph.number_of_edges() == 130


def test_filters_are_the_cli_filters(client: TestClient) -> None:
    response = client.get("/export/node-link", params={
        "around": "clearview-ai", "relation_type": ["FINED", "SUED"], "since": "2022"})
    assert 'filename="aikg-clearview-ai.json"' in response.headers["content-disposition"]
    data = json.loads(response.content)
    assert {e["rel_type"] for e in data["edges"]} == {"FINED"}
    assert all(e["start"] >= "2022" for e in data["edges"])


def test_ndjson_download(client: TestClient) -> None:
    lines = client.get("/export/ndjson", params={"type": ["Company"]}).text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and {r["type"] for r in records if r["kind"] == "entity"} == {"Company"}


@pytest.mark.parametrize(
    ("path", "params", "status", "message"),
    [
        ("/export/pdf", {}, 404, "no export format 'pdf'"),
        ("/export/gexf", {"type": "Spaceship"}, 400, "unknown entity type Spaceship"),
        ("/export/gexf", {"around": "nobody"}, 404, "no entity with id 'nobody'"),
        ("/export/gexf", {"table": "nodes"}, 400, "edgelist format only"),
        ("/export/gexf", {"until": "yesterday"}, 400, "until"),
    ],
)
def test_bad_requests_are_refused_before_streaming(
    client: TestClient, path: str, params: dict[str, str], status: int, message: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert message in response.json()["error"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_never_break_a_download(fmt: str, tmp_path: Path) -> None:
    from api.app import create_app
    from graph.model import Entity
    from graph.schema import load_schema
    from graph.settings import Settings

    store = EmbeddedStore(load_schema(), tmp_path / "bell")
    store.upsert([Entity(f"bell-{i}", "Group", f"ring\x07 {i}") for i in range(3000)], [])
    with TestClient(create_app(Settings(data_dir=tmp_path / "bell"), store)) as client:
        response = client.get(f"/export/{fmt}")
    assert response.status_code == 200
    path = tmp_path / f"bell{FORMATS[fmt].suffix}"
    path.write_bytes(response.content)
    assert read(fmt, path).number_of_nodes() == 3000


def test_a_bad_filter_fails_before_the_first_byte(client: TestClient) -> None:
    response = client.get("/export/graphml", params={"around": "no-such-entity"})
    assert response.status_code == 404
    assert "no-such-entity" in response.json()["error"]
