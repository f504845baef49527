"""The review pages (issue #18): an editor logs in with their token, works through the
queue with the keyboard, and each decision is one form post to the corrections log.

    GET  /review              the queue (the login form without a live editor cookie)
    POST /review/login        token -> the editor cookie, back to the queue
    POST /review/logout       the cookie gone
    POST /review/corrections  one correction (confirm, reject, correct), back to the queue

The token travels once, in the login form; the browser keeps it in an HttpOnly,
SameSite=Strict cookie for ``/review`` only. Every form carries a CSRF field derived from
the token (an HMAC only the token's holder can make), and a post whose ``Origin`` is
another site is refused: a page elsewhere can neither read the cookie nor make the field.
A missing, unknown or revoked token changes nothing (401 / 403 page). The pages use the
dashboard's CSP as they are: no inline script or style, the keys in ``static/review.js``.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from tregua.interfaces.api.common import AppState, State
from tregua.interfaces.api.review import CorrectionIn, editor_of, record_correction
from tregua.review.apply import correct_timeline
from tregua.review.log import EDITABLE, POLARITIES, STATUSES
from tregua.review.queue import queue
from tregua.store import queries as q

_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
COOKIE = "tregua_editor"
#: items the review page lists at once
PER_PAGE = 50
#: fused events the merge form offers (the timeline's first)
MERGE_CHOICES = 500
_WORDS: dict[str, tuple[str, str]] = {
    "review": ("Revisión", "Review"),
    "login": ("Entrar", "Log in"),
    "logout": ("Salir", "Log out"),
    "token": ("Token de editor", "Editor token"),
    "reviewed": ("revisados", "reviewed"),
    "left": ("pendientes", "left"),
    "confirm": ("Confirmar", "Confirm"),
    "reject": ("Rechazar", "Reject"),
    "correct": ("Corregir", "Correct"),
    "keys_help": (
        "Teclas: j/k siguiente/anterior · c confirmar · r rechazar · e corregir",
        "Keys: j/k next/previous · c confirm · r reject · e correct",
    ),
    "machine": ("máquina", "machine"),
    "shown": ("mostrado", "shown"),
    "editor": ("editor", "editor"),
    "document": ("documento", "document"),
    "reason": ("motivo", "reason"),
    "add": ("Añadir", "Add"),
    "add_help": (
        "Seleccione las palabras del documento que faltan como cita, postura o evento.",
        "Select the document's words that are missing as a quote, stance or event.",
    ),
    "selection": ("selección", "selection"),
    "merge": ("Fusionar dos eventos", "Merge two events"),
    "merge_help": (
        "El segundo evento pasa a ser el primero (sus fuentes se suman).",
        "The second event becomes the first (their sources join).",
    ),
    "no_token": ("Hace falta un token de editor válido.", "A valid editor token is needed."),
}


def csrf_token(token: str) -> str:
    return hmac.new(token.encode(), b"tregua review form", hashlib.sha256).hexdigest()


def _words(lang: str) -> dict[str, str]:
    index = 1 if lang == "en" else 0
    return {k: v[index] for k, v in _WORDS.items()}


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "es"


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _lang(request)
    reply = _TEMPLATES.TemplateResponse(
        request,
        template,
        {"lang": lang, "w": _words(lang), **context},
        status_code=status,
    )
    reply.headers["cache-control"] = "no-store"  # an editor's page, with their CSRF field
    return reply


def _query(request: Request) -> str:
    """The page's own query (language and filters), to post to and come back to."""
    kept = {
        k: request.query_params[k]
        for k in ("lang", "kind", "document", "merge")
        if k in request.query_params
    }
    return urlencode(kept)


def _editor(state: AppState, request: Request) -> tuple[str, str] | None:
    """(editor, token) of the cookie when it is a live editor's token."""
    token = request.cookies.get(COOKIE, "")
    if not token:
        return None
    try:
        return editor_of(state, token), token
    except HTTPException:
        return None


def _same_origin(request: Request) -> bool:
    """False for a form another site posted. Under the dashboard's ``no-referrer`` policy
    a browser sends ``Origin: null`` for its own forms: that, or none, passes here, and the
    CSRF field and the SameSite=Strict cookie decide."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/review")
def review_page(request: Request, state: State) -> HTMLResponse:
    found = _editor(state, request)
    if found is None:
        return _render(request, "review_login.html")
    editor, token = found
    given = request.query_params.get("offset", "0")
    offset = min(int(given), 10_000_000) if given.isdigit() else 0
    kind = request.query_params.get("kind")
    document_id = request.query_params.get("document") or None
    page = queue(
        state.store,
        limit=PER_PAGE,
        offset=offset,
        kind=kind if kind in ("event", "quote", "stance") else None,
        document_id=document_id,
    )
    document = state.store.document(document_id) if document_id else None
    events = (
        correct_timeline(state.store, q.timeline_compact(state.store, limit=MERGE_CHOICES))
        if request.query_params.get("merge")
        else []
    )
    return _render(
        request,
        "review.html",
        editor=editor,
        csrf=csrf_token(token),
        queue=page,
        polarities=POLARITIES,
        statuses=STATUSES,
        query=_query(request),
        document=document,
        issues=[i["key"] for i in state.issues],
        events=events,
    )


@router.post("/review/login")
async def login(request: Request, state: State) -> Response:
    if not _same_origin(request):
        raise HTTPException(403, "a form from another site")
    token = (await _form(request)).get("token", "").strip()
    try:
        await run_in_threadpool(editor_of, state, token)
    except HTTPException as exc:
        return _render(request, "review_login.html", status=exc.status_code, error=str(exc.detail))
    reply = RedirectResponse(f"/review?lang={_lang(request)}", status_code=303)
    reply.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/review",
    )
    return reply


@router.post("/review/logout")
async def logout(request: Request, state: State) -> Response:
    found = _editor(state, request)
    form = await _form(request)
    if found is None or not hmac.compare_digest(form.get("csrf", ""), csrf_token(found[1])):
        raise HTTPException(403, "not a form of this editor's review page")
    reply = RedirectResponse(f"/review?lang={_lang(request)}", status_code=303)
    reply.delete_cookie(COOKIE, path="/review")
    return reply


#: the fields a review form may set, and those an added item of each kind may take
_FORM_FIELDS = (
    "polarity",
    "status",
    "type",
    "date",
    "speaker_name",
    "speaker_country",
    "country",
    "issue",
)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 10 else None


def _correction(form: dict[str, str]) -> CorrectionIn:
    kind = form.get("kind", "")
    after: dict[str, Any] = {}
    for field in _FORM_FIELDS:
        value = form.get(field, "").strip()
        if value and field in EDITABLE.get(kind, ()):  # the add form shows every kind's
            after[field] = value
    return CorrectionIn.model_validate(
        {
            "kind": kind,
            "action": form.get("action"),
            "document_id": form.get("document_id") or None,
            "ordinal": _number(form.get("ordinal", "")),
            "start": _number(form.get("start", "")),
            "end": _number(form.get("end", "")),
            "event_id": form.get("event_id") or None,
            "with_event_id": form.get("with_event_id") or None,
            "after": after or None,
            "reason": form.get("reason") or None,
        }
    )


@router.post("/review/corrections")
async def correct(request: Request, state: State) -> Response:
    """One decision of the review page; a page without a live token or without this
    editor's CSRF field changes nothing."""
    if not _same_origin(request):
        raise HTTPException(403, "a form from another site")
    form = await _form(request)
    token = request.cookies.get(COOKIE, "")
    try:
        editor = await run_in_threadpool(editor_of, state, token)
    except HTTPException as exc:
        return _render(request, "review_login.html", status=exc.status_code, error=str(exc.detail))
    if not hmac.compare_digest(form.get("csrf", ""), csrf_token(token)):
        raise HTTPException(403, "not a form of this editor's review page")
    try:
        given = _correction(form)
    except ValidationError as exc:
        raise HTTPException(422, "not a correction the review page makes") from exc
    if given.action == "correct" and not given.after:
        raise HTTPException(422, "a correction sets at least one field")
    await run_in_threadpool(record_correction, state.store, editor, given)
    return RedirectResponse(f"/review?{_query(request)}", status_code=303)
