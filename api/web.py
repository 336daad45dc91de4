"""The explorer at / and GraphiQL at /graphql, served from assets `make web` builds into
web/dist (npm packages at the versions web/package-lock.json pins): no page asks another host."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from api.gql.context import Context
from api.gql.failures import unavailable

ASSETS = ("index.html", "graphiql.html", "explorer.js", "explorer.css", "graphiql.js",
          "graphiql.css")
ASSET_NAME = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")  # a file of web/dist, no folders
BUILD_HINT = "make web"  # npm ci and the esbuild bundle in web/ (make run and make test too)


def missing_assets(web_dir: Path) -> list[str]:
    """The built files that are not there (all of them when web/dist was never built)."""
    return [name for name in ASSETS if not (web_dir / name).is_file()]


def not_built_page(web_dir: Path, page: str) -> HTMLResponse:
    """Says how to build the assets instead of fetching them from elsewhere."""
    missing = ", ".join(missing_assets(web_dir))
    body = (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>aikg: {escape(page)} not built"
        f"</title><h1>The {escape(page)} is not built</h1>"
        f"<p>Missing in <code>{escape(str(web_dir))}</code>: {escape(missing)}.</p>"
        f"<p>Build it from the checkout with <code>{BUILD_HINT}</code> (runs <code>npm ci</code>"
        " and the bundler in <code>web/</code>; <code>make run</code> does it too), then reload."
        " The GraphQL API at <code>/graphql</code> works without it.</p></html>"
    )
    return HTMLResponse(body, status_code=503)


class GraphiQLRouter(GraphQLRouter[Context, None]):
    """Strawberry's router with its CDN page replaced by the bundled GraphiQL, and a store
    failure under a query answered 503."""

    web_dir: Path = Path()

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        page = self.web_dir / "graphiql.html"
        if missing_assets(self.web_dir):
            return not_built_page(self.web_dir, "GraphiQL page")
        return HTMLResponse(page.read_text(encoding="utf-8"))

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """A store that fails under a query answers 503 with its one sentence (the app's
        AikgError handler), like the same failure found before the query ran."""
        failure = unavailable(result.errors)
        if failure is not None:
            raise failure
        return await super().process_result(request, result)


def explorer_router(web_dir: Path) -> APIRouter:
    """/, /entity/{id} and /paths all answer the explorer page, which routes in the browser."""
    router = APIRouter(include_in_schema=False)

    def page() -> Response:
        if missing_assets(web_dir):
            return not_built_page(web_dir, "explorer")
        return FileResponse(web_dir / "index.html", media_type="text/html")

    router.add_api_route("/", page, methods=["GET"])
    router.add_api_route("/paths", page, methods=["GET"])
    router.add_api_route("/entity/{entity_id:path}", page, methods=["GET"])
    return router


def asset_router(web_dir: Path) -> APIRouter:
    """/static/{name}: one built file by name; 404 for anything else, built or not."""
    router = APIRouter(include_in_schema=False)

    def asset(name: str) -> Response:
        path = web_dir / name
        if not ASSET_NAME.match(name) or not path.is_file():
            return JSONResponse({"error": f"no asset {name!r}; run `{BUILD_HINT}`"}, 404)
        return FileResponse(path, headers={"Cache-Control": "no-cache"})

    router.add_api_route("/static/{name}", asset, methods=["GET"])
    return router


def mount_web(app: FastAPI, web_dir: Path) -> None:
    """The explorer routes and the bundled assets under /static."""
    app.include_router(explorer_router(web_dir))
    app.include_router(asset_router(web_dir))
