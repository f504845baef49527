"""The web application: the REST API under ``/api`` and the dashboard pages over it.

The pages (``pages.router``): documents (``/``), a document with its facts marked
(``/documents/{id}``), the timeline, the map, the stance matrix, the quote explorer, actors
and an actor's page.
Every page works offline: its script and style are files under ``static/`` written for
tregua, nothing comes from a CDN. Article text is scraped, untrusted input: templates
autoescape it, the script only ever sets ``textContent``, and every response carries a
Content-Security-Policy of ``default-src 'self'`` (so no inline script or style at all).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tregua.errors import PackError
from tregua.interfaces.api import feed
from tregua.interfaces.api.cache import ResponseCache
from tregua.interfaces.api.common import AppState
from tregua.interfaces.api.limits import BodyLimit
from tregua.interfaces.api.routes import add_request_schemas, router
from tregua.interfaces.api.transport import Disconnects, HeadAsGet
from tregua.interfaces.web import pages, review
from tregua.settings import Settings
from tregua.store import Store, open_store

if TYPE_CHECKING:
    from tregua.pipeline import Pipeline

HERE = Path(__file__).parent
CSP = "default-src 'self'"


class SecurityHeaders:
    """CSP, nosniff and no-referrer on every response, API, pages and static files alike."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {b"content-security-policy", b"x-content-type-options"}
                ]
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _issues(settings: Settings) -> list[dict[str, str]]:
    from tregua.pack import load_pack

    try:
        pack = load_pack(settings.pack)
    except PackError:
        return []  # the dashboard then shows issue keys instead of labels
    return [{"key": i.key, "label_es": i.label_es, "label_en": i.label_en} for i in pack.issues]


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The FastAPI application over the store at ``settings.db``."""
    store = store or open_store(settings.db)
    issues = _issues(settings)
    app = FastAPI(
        title="tregua",
        version="0.1.0",
        description="A source-linked record of a peace process from Spanish-language news. "
        "Read-only, except POST /api/ingest, which needs the bearer token TREGUA_API_TOKEN.",
        # the docs page loads Swagger UI from a CDN, which the CSP forbids; /docs is ours
        docs_url=None,
        redoc_url=None,
    )

    @cache
    def pipeline() -> Pipeline:
        from tregua.pack import load_pack
        from tregua.pipeline import build_pipeline

        return build_pipeline(load_pack(settings.pack))

    state = AppState(settings=settings, store=store, pipeline=pipeline, issues=issues)
    app.state.tregua = state
    app.router.add_event_handler("shutdown", state.ingests.close)
    app.include_router(router)
    app.include_router(feed.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_request_schemas(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # the last middleware added runs first: HEAD is a GET to all the others, a client gone
    # is one line, the size limit sees the request before anything else, and the security
    # headers go on cached replies too
    if settings.cache_bytes:
        app.add_middleware(
            ResponseCache, generation=store.generation, max_bytes=settings.cache_bytes
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Disconnects)
    app.add_middleware(HeadAsGet)
    app.include_router(review.router)
    app.include_router(pages.router)
    return app


def app_from_environment() -> FastAPI:
    """The application of one ``tregua serve --workers N`` process: settings from the
    environment (``TREGUA_DB`` and the rest), as ``tregua serve`` leaves it."""
    return create_app(Settings())
