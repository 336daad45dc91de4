"""The explorer and GraphiQL pages: served by the app from the built assets, naming no other
host; when the assets were never built, a page that says how to build them (never a CDN)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.web import BUILD_HINT, missing_assets
from graph.export.style import type_colours
from graph.schema import load_schema
from graph.settings import Settings
from graph.store.embedded import EmbeddedStore

HTML = {"Accept": "text/html"}
BUILT = Settings().web_dir


@pytest.fixture
def built() -> None:
    """`make test` builds web/dist first; without it these fail rather than skip."""
    assert not missing_assets(BUILT), f"web/dist is not built: run `{BUILD_HINT}`"


def _outside_references(html: str) -> list[str]:
    """src/href values that leave the server (anything absolute but a data: URI)."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    return [u for u in found if re.match(r"^(https?:)?//", u)]


@pytest.mark.usefixtures("built")
@pytest.mark.parametrize("path", ["/", "/?q=Clearview", "/entity/clearview-ai", "/paths"])
def test_every_explorer_url_answers_the_page(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200 and 'src="/static/explorer.js"' in response.text
    assert _outside_references(response.text) == []


@pytest.mark.usefixtures("built")
def test_graphiql_is_the_bundled_page(client: TestClient) -> None:
    response = client.get("/graphql", headers=HTML)
    assert response.status_code == 200 and 'src="/static/graphiql.js"' in response.text
    assert _outside_references(response.text) == []
    assert "unpkg" not in response.text and "jsdelivr" not in response.text


@pytest.mark.usefixtures("built")
@pytest.mark.parametrize("asset", ["explorer.js", "explorer.css", "graphiql.js", "graphiql.css"])
def test_the_assets_are_served(client: TestClient, asset: str) -> None:
    response = client.get(f"/static/{asset}")
    assert response.status_code == 200 and len(response.content) > 1000


def test_graphql_still_answers_queries(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": '{ entity(id: "clearview-ai") { name } }'})
    assert response.json()["data"] == {"entity": {"name": "Clearview AI"}}


@pytest.mark.parametrize("path", ["/", "/entity/clearview-ai", "/graphql"])
def test_unbuilt_assets_give_a_page_that_says_how_to_build(
    settings: Settings, curated_store: EmbeddedStore, tmp_path: Path, path: str
) -> None:
    unbuilt = replace(settings, web_dir=tmp_path / "nothing-here")
    with TestClient(create_app(unbuilt, curated_store)) as client:
        response = client.get(path, headers=HTML)
        assert client.get("/static/graphiql.js").status_code == 404
    assert response.status_code == 503
    assert f"<code>{BUILD_HINT}</code>" in response.text and "graphiql.js" in response.text
    assert _outside_references(response.text) == []


def test_the_explorer_colours_types_as_draw_and_bloom_do() -> None:
    source = (BUILT.parent / "src" / "dom.js").read_text(encoding="utf-8")
    block = source[source.index("TYPE_COLOURS = {"):].split("};", 1)[0]
    found = dict(re.findall(r'(\w+): "(#[0-9A-F]{6})"', block))
    assert found == type_colours(load_schema())


def test_the_image_builds_the_assets_from_the_lock_file() -> None:
    """Not built here (no Docker engine): the Dockerfile's web stage is checked as text."""
    dockerfile = (BUILT.parent.parent / "Dockerfile").read_text(encoding="utf-8")
    assert "COPY web/package.json web/package-lock.json ./" in dockerfile
    assert "RUN npm ci" in dockerfile and "RUN node build.mjs" in dockerfile
    assert "COPY --from=web /web/dist ./web/dist" in dockerfile
    assert "AIKG_WEB_DIR=/app/web/dist" in dockerfile
