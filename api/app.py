"""The HTTP app: GraphQL at /graphql and the explorer at / over the configured store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from api.body_limits import BodyLimit
from api.export_routes import router as export_router
from api.gql.context import Context
from api.gql.loaders import make_loaders
from api.gql.schema import build_schema
from api.stores import open_store, refreshed
from api.web import GraphiQLRouter, mount_web
from graph.errors import AikgError
from graph.settings import Settings
from graph.store.base import GraphStore


def create_app(settings: Settings, store: GraphStore | None = None) -> FastAPI:
    """An app serving `store`, or the store the settings name, opened for the app's lifetime."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store or open_store(settings)
        app.state.store = opened
        try:
            yield
        finally:
            if store is None:
                opened.close()

    async def context_getter(request: Request) -> Context:
        current = await asyncio.to_thread(refreshed, request.app.state.store, settings)
        deadline = time.monotonic() + settings.request_timeout
        return Context(current, make_loaders(current), settings, deadline)

    app = FastAPI(title="aikg", summary="The AI accountability knowledge graph", lifespan=lifespan)
    app.state.settings = settings
    router = GraphiQLRouter(
        build_schema(settings),
        context_getter=context_getter,
        graphql_ide="graphiql" if settings.graphiql else None,
    )
    router.web_dir = settings.web_dir
    app.include_router(router, prefix="/graphql")
    mount_web(app, settings.web_dir)  # the explorer at / and the bundled assets (api/web.py)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.include_router(export_router)  # GET /export/{format}: downloads (api/export_routes.py)

    @app.exception_handler(AikgError)
    async def aikg_error(_request: Request, exc: AikgError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=exc.http_status)

    @app.get("/health")
    async def health(request: Request) -> dict[str, object]:
        """Liveness for load balancers and compose: a connectivity check, never a graph scan."""
        store: GraphStore = request.app.state.store
        await asyncio.to_thread(store.ping)
        await asyncio.to_thread(refreshed, store, settings)  # a damaged file is not "ok"
        return {"status": "ok", "store": settings.store}

    return app
