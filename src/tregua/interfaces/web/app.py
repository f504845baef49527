"""The web application: the REST API under ``/api`` and the dashboard pages over it.

Pages: documents (``/``), a document with its facts marked (``/documents/{id}``), the
timeline, the map, the stance matrix, the quote explorer, actors and an actor's page.
Every page works offline: its script and style are files under ``static/`` written for
tregua, nothing comes from a CDN. Article text is scraped, untrusted input: templates
autoescape it, the script only ever sets ``textContent``, and every response carries a
Content-Security-Policy of ``default-src 'self'`` (so no inline script or style at all).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tregua.errors import PackError
from tregua.interfaces.api import feed
from tregua.interfaces.api.cache import ResponseCache
from tregua.interfaces.api.limits import BodyLimit
from tregua.interfaces.api.routes import DEFAULT_PROFILE, add_request_schemas, build_router
from tregua.interfaces.web.labels import LANGUAGES, labels
from tregua.interfaces.web.marks import cut, parse_span, record_marks
from tregua.settings import Settings
from tregua.store import Store, open_store
from tregua.store import queries as q

HERE = Path(__file__).parent
_TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
CSP = "default-src 'self'"
#: documents a page of the documents view lists, newest first
DOCUMENTS_PER_PAGE = 100


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
    def pipeline() -> Any:
        from tregua.pack import load_pack
        from tregua.pipeline import build_pipeline

        return build_pipeline(load_pack(settings.pack))

    app.include_router(build_router(settings, store, pipeline, issues))
    app.state.tregua = SimpleNamespace(store=store)  # what module-level routers read
    app.include_router(feed.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_request_schemas(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # the last middleware added runs first: the size limit sees the request before anything,
    # and the security headers go on cached replies too
    if settings.cache_bytes:
        app.add_middleware(
            ResponseCache, generation=store.generation, max_bytes=settings.cache_bytes
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    def page(request: Request, template: str, view: str, **context: Any) -> HTMLResponse:
        lang = request.query_params.get("lang", "es")
        lang = lang if lang in LANGUAGES else "es"
        words = labels(lang)
        issue_labels = {i["key"]: i[f"label_{lang}"] for i in issues}
        return _TEMPLATES.TemplateResponse(
            request,
            template,
            {
                "view": view,
                "lang": lang,
                "other": "en" if lang == "es" else "es",
                "t": words,
                "issue_labels": issue_labels,
                "client": {"labels": words, "issues": issue_labels, "lang": lang},
                **context,
            },
        )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request, offset: int = 0) -> HTMLResponse:
        offset = max(0, offset)
        rows, total = q.documents_page(store, limit=DOCUMENTS_PER_PAGE, offset=offset)
        return page(
            request,
            "documents.html",
            "documents",
            documents=rows,
            counts=store.counts(),
            pages={
                "newer": max(0, offset - DOCUMENTS_PER_PAGE) if offset else None,
                "older": offset + DOCUMENTS_PER_PAGE
                if offset + DOCUMENTS_PER_PAGE < total
                else None,
            },
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc_id: str) -> HTMLResponse:
        row = store.document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        record = row.record
        text = record["text"]
        words = labels(request.query_params.get("lang", "es"))
        marks = record_marks(record, words, parse_span(request.query_params.get("hl"), len(text)))
        paragraphs = [
            {
                "kind": p["kind"],
                "index": p["index"],
                "pieces": cut(text, p["start"], p["end"], marks),
            }
            for p in record.get("paragraphs", ())
        ]
        names = {e["id"]: e["name"] for e in record.get("entities", ())}
        return page(
            request,
            "document.html",
            "document",
            doc=row,
            record=record,
            paragraphs=paragraphs,
            names=names,
            link=_safe_link(record.get("source")),
        )

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline(request: Request) -> HTMLResponse:
        return page(request, "timeline.html", "timeline")

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    def event_map(request: Request) -> HTMLResponse:
        return page(request, "map.html", "map")

    @app.get("/stances", response_class=HTMLResponse, include_in_schema=False)
    def stances(request: Request) -> HTMLResponse:
        return page(request, "stances.html", "stances")

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes(request: Request) -> HTMLResponse:
        return page(request, "quotes.html", "quotes")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors(request: Request) -> HTMLResponse:
        from sqlalchemy import select

        from tregua.store.schema import EntityRow

        with store.reading() as session:
            rows = list(session.scalars(select(EntityRow)))
        rows.sort(key=lambda e: (-(e.mentions or 0), e.name))
        return page(request, "actors.html", "actors", actors=rows)

    @app.get("/actors/{actor}", response_class=HTMLResponse, include_in_schema=False)
    def actor(request: Request, actor: str) -> HTMLResponse:
        profile = q.actor_profile(store, actor, limit=DEFAULT_PROFILE)
        if profile is None:
            raise HTTPException(404, f"no actor answers to {actor!r}")
        return page(request, "actor.html", "actor", actor=profile)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return page(request, "docs.html", "docs", schema=app.openapi())

    return app


def app_from_environment() -> FastAPI:
    """The application of one ``tregua serve --workers N`` process: settings from the
    environment (``TREGUA_DB`` and the rest), as ``tregua serve`` leaves it."""
    return create_app(Settings())


def _safe_link(source: Any) -> str | None:
    """The source as a link only when it is an http(s) URL: never ``javascript:``."""
    if isinstance(source, str) and source.lower().startswith(("https://", "http://")):
        return source
    return None
