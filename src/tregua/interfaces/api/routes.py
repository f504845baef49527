"""The REST API under ``/api``: read-only resources over the store, and one guarded write.

    GET  /api/documents            /api/documents/{id}     stored records
    GET  /api/events               /api/events/{id}        fused events with their reports
    GET  /api/event-mentions                               events as each document reports them
    GET  /api/timeline                                     fused events, compact, for drawing
    GET  /api/quotes                                       who said what
    GET  /api/entities             /api/entities/{id}      actors and their profiles
    GET  /api/stances/matrix       /api/stances/changes    side x issue, and what moved
    GET  /api/search                                       paragraphs and quotes by words
    GET  /api/issues                                       the pack's agenda with labels
    POST /api/ingest                                       articles through the real pipeline
    GET  /api/review/queue   /api/review/corrections       the analysts' review; POST a correction

One module per resource holds its router; ``router`` joins them under ``/api`` in this
order (the order of the OpenAPI schema). Handlers read the store, the settings and the
pack's issues from ``app.state.tregua`` (``common.AppState``). Lists take ``limit`` (at most
``MAX_LIMIT``) and ``offset`` and answer a ``Page``. Every parameter reaches the store as a
bound value or a Python comparison, never as SQL text. Article text goes out only inside
JSON strings.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tregua.interfaces.api import (
    documents,
    entities,
    events,
    ingest,
    models,
    quotes,
    review,
    search,
    stances,
)
from tregua.interfaces.api.common import DEFAULT_PROFILE, MAX_LIMIT, AppState

__all__ = ["DEFAULT_PROFILE", "MAX_LIMIT", "AppState", "add_request_schemas", "router"]

router = APIRouter(prefix="/api")
for part in (
    documents.router,
    events.router,
    quotes.router,
    entities.router,
    stances.router,
    search.router,
    stances.agenda,
    ingest.router,
    review.router,
):
    router.include_router(part)


def add_request_schemas(schema: dict[str, Any]) -> dict[str, Any]:
    """Put the bodies that handlers read themselves (``IngestIn``) into the OpenAPI schema."""
    body = models.IngestIn.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(body.pop("$defs", {}))
    components["IngestIn"] = body
    return schema
