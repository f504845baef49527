"""The web page: a list of stored documents and a page per document.

Article text is scraped, untrusted input: templates autoescape it, and every response
carries a Content-Security-Policy of ``default-src 'self'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from tregua.settings import Settings
from tregua.store import Store, open_store

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


class _SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = "default-src 'self'"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The FastAPI application over the store at ``settings.db``."""
    store = store or open_store(settings.db)
    app = FastAPI(title="tregua", version="0.1.0")
    app.add_middleware(_SecurityHeaders)

    @app.get("/", response_class=HTMLResponse)
    def documents(request: Request) -> Response:
        rows = store.documents()
        return _TEMPLATES.TemplateResponse(
            request,
            "documents.html",
            {
                "documents": rows,
                "counts": store.counts(),
            },
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document(request: Request, doc_id: str) -> Response:
        row = store.document(doc_id)
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return _TEMPLATES.TemplateResponse(
            request, "document.html", {"doc": row, "record": row.record}
        )

    @app.get("/api/documents")
    def api_documents() -> list[dict[str, Any]]:
        return [
            {
                "id": r.id,
                "source": r.source,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "language": r.language,
            }
            for r in store.documents()
        ]

    return app
