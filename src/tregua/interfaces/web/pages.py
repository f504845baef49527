"""The dashboard's pages, as one router: each reads the store and the pack's issues from
the application's state (``app.state.tregua``) and renders its template.

Pages: documents (``/``), a document with its facts marked (``/documents/{id}``), the
timeline, the map, the stance matrix, the quote explorer, actors and an actor's page, and
the API's own documentation (``/docs``). None is in the OpenAPI schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, cast

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tregua.interfaces.api.common import DEFAULT_PROFILE, MAX_OFFSET, State, StoreDep
from tregua.interfaces.web.labels import LANGUAGES, labels, review_labels
from tregua.interfaces.web.marks import paragraph_pieces, parse_span, record_marks
from tregua.review import log
from tregua.review.apply import correct_profile, correct_record
from tregua.store import queries as q

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
#: documents a page of the documents view lists, newest first
DOCUMENTS_PER_PAGE = 100
#: the events' confidence the timeline and the map open at: on news-dev it keeps 107 of
#: 122 events at precision 0.766 (0.697 for all) and loses 3 of 132 gold events
#: (docs/quality/65-confidence-and-sources.md)
EVENT_CONFIDENCE = 0.45

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def page(request: Request, state: State, template: str, view: str, **context: Any) -> HTMLResponse:
    lang = request.query_params.get("lang", "es")
    lang = lang if lang in LANGUAGES else "es"
    words = labels(lang)
    issue_labels = {i["key"]: i[f"label_{lang}"] for i in state.issues}
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


@router.get("/")
def documents(
    request: Request, state: State, offset: Annotated[int, Query(le=MAX_OFFSET)] = 0
) -> HTMLResponse:
    offset = max(0, offset)
    rows, total = q.documents_page(state.store, limit=DOCUMENTS_PER_PAGE, offset=offset)
    older = offset + DOCUMENTS_PER_PAGE
    return page(
        request,
        state,
        "documents.html",
        "documents",
        documents=rows,
        counts=state.store.counts(),
        pages={
            "newer": max(0, offset - DOCUMENTS_PER_PAGE) if offset else None,
            "older": older if older < total else None,
        },
    )


@router.get("/documents/{doc_id}")
def document(request: Request, state: State, doc_id: str) -> HTMLResponse:
    record = q.document(state.store, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    corrections = log.read(state.store, document_ids=[doc_id])
    if corrections:  # as the editors left it: reviewed items marked, the machine's beside
        record = cast(q.StoredRecord, correct_record(record, corrections))
    text = record["text"]
    words = labels(request.query_params.get("lang", "es"))
    marks = record_marks(record, words, parse_span(request.query_params.get("hl"), len(text)))
    spans = record.get("paragraphs", [])
    pieces = paragraph_pieces(text, [(p["start"], p["end"]) for p in spans], marks)
    paragraphs = [
        {"kind": p["kind"], "index": p["index"], "pieces": cut}
        for p, cut in zip(spans, pieces, strict=True)
    ]
    names = {e["id"]: e["name"] for e in record.get("entities", ())}
    return page(
        request,
        state,
        "document.html",
        "document",
        doc=record,
        record=record,
        paragraphs=paragraphs,
        names=names,
        link=_safe_link(record.get("source")),
        rt=review_labels(request.query_params.get("lang", "es")),
    )


def min_confidence(request: Request, default: float | None) -> str:
    """The confidence control's value: the one asked (``?min_confidence=0.7``; empty is no
    minimum), else ``default``; a value that is no number from 0 to 1 reads as ``default``.
    The browser script sends it with every query of the view."""
    asked = request.query_params.get("min_confidence")
    if asked is not None and not asked.strip():
        return ""
    try:
        value = float(asked) if asked is not None else default
    except ValueError:
        value = default
    if value is None or not 0 <= value <= 1:  # NaN is neither
        value = default
    return "" if value is None else f"{value:g}"


@router.get("/timeline")
def timeline(request: Request, state: State) -> HTMLResponse:
    shown = min_confidence(request, EVENT_CONFIDENCE)
    return page(request, state, "timeline.html", "timeline", min_confidence=shown)


@router.get("/map")
def event_map(request: Request, state: State) -> HTMLResponse:
    shown = min_confidence(request, EVENT_CONFIDENCE)
    return page(request, state, "map.html", "map", min_confidence=shown)


# quotes and stances open unfiltered: their confidence is new, and a minimum leaves out
# everything stored before it
@router.get("/stances")
def stances(request: Request, state: State) -> HTMLResponse:
    shown = min_confidence(request, None)
    return page(request, state, "stances.html", "stances", min_confidence=shown)


@router.get("/quotes")
def quotes(request: Request, state: State) -> HTMLResponse:
    shown = min_confidence(request, None)
    return page(request, state, "quotes.html", "quotes", min_confidence=shown)


@router.get("/actors")
def actors(request: Request, state: State, store: StoreDep) -> HTMLResponse:
    rows, _ = q.entities_page(store)
    return page(request, state, "actors.html", "actors", actors=rows)


@router.get("/actors/{actor}")
def actor(request: Request, state: State, actor: str) -> HTMLResponse:
    profile = q.actor_profile(state.store, actor, limit=DEFAULT_PROFILE)
    if profile is None:
        raise HTTPException(404, f"no actor answers to {actor!r}")
    shown = correct_profile(state.store, profile)  # as the editors left it, marked
    return page(
        request,
        state,
        "actor.html",
        "actor",
        actor=profile if shown is None else shown,
        rt=review_labels(request.query_params.get("lang", "es")),
    )


@router.get("/docs")
def docs(request: Request, state: State) -> HTMLResponse:
    return page(request, state, "docs.html", "docs", schema=request.app.openapi())


def _safe_link(source: Any) -> str | None:
    """The source as a link only when it is an http(s) URL: never ``javascript:``."""
    if isinstance(source, str) and source.lower().startswith(("https://", "http://")):
        return source
    return None
