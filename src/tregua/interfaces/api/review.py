"""``/api/review``: the analysts' corrections (issue #18).

    POST /api/review/corrections   log a correction; needs an editor's bearer token
    GET  /api/review/corrections   the corrections log, in the order made, orphans marked
    GET  /api/review/queue         what to review first, with counts reviewed / left

An editor's token is one ``tregua users add`` printed, or the server's ``TREGUA_API_TOKEN``
(written as the editor ``api-token``). No token or an unknown one is 401, a revoked one
403, and neither changes anything. The log is append-only: two editors correcting one
item at once are two corrections, the later one shown.

The stance matrix and the timeline are served corrected (``stances.py``, ``events.py``):
their reviewed items carry ``reviewed`` and the machine's values in ``machine``, fields of
their models (``models.Marked``) left out of items nobody reviewed.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from tregua.interfaces.api import models
from tregua.interfaces.api.common import MAX_OFFSET, AppState, State
from tregua.review import log
from tregua.review.apply import orphans
from tregua.review.queue import Queue, queue
from tregua.review.targets import TargetError, resolve
from tregua.review.users import lookup
from tregua.store import Store

router = APIRouter(tags=["review"])
bearer = HTTPBearer(auto_error=False, description="an editor's token (tregua users add)")


class CorrectionIn(BaseModel):
    """One correction: what it is about (one of the ways to name it), what the editor did."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["event", "quote", "stance", "fused_event"]
    action: Literal["confirm", "correct", "reject", "add", "merge", "split"]
    document_id: str | None = Field(default=None, max_length=64)
    ordinal: int | None = Field(default=None, ge=0, le=100_000)
    event_id: str | None = Field(default=None, max_length=64)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    key: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    with_event_id: str | None = Field(
        default=None, max_length=64, description="merge: the other fused event"
    )
    reason: str | None = Field(default=None, max_length=2000)


class CorrectionOut(BaseModel):
    id: int
    editor: str
    at: str
    kind: str
    document_id: str
    key: dict[str, Any]
    action: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str | None = None
    orphaned: bool = False


class CorrectionsPage(BaseModel):
    items: list[CorrectionOut]
    total: int
    orphaned: int
    limit: int
    offset: int


class QueueItemOut(BaseModel):
    kind: str
    document_id: str
    ordinal: int
    key: dict[str, Any]
    source: str
    title: str | None = None
    published: str | None = None
    item: dict[str, Any]
    confidence: float | None = None
    reasons: list[str] = []
    reviewed: bool
    correction: dict[str, Any] | None = None


class QueueOut(BaseModel):
    items: list[QueueItemOut]
    total: int
    reviewed: int
    left: int
    limit: int
    offset: int


def editor_of(state: AppState, token: str) -> str:
    """The editor a token writes as; raises 401 (none, unknown) or 403 (revoked)."""
    secret = state.settings.api_token
    name, revoked = lookup(state.store, token, secret.get_secret_value() if secret else None)
    if name is None:
        raise HTTPException(
            401,
            "an editor's bearer token is required: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if revoked:
        raise HTTPException(403, f"the token of {name!r} is revoked")
    return name


def require_editor(
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    return editor_of(state, credentials.credentials if credentials else "")


Editor = Annotated[str, Depends(require_editor)]


def record_correction(store: Store, editor: str, given: CorrectionIn) -> log.Correction:
    """Log ``given`` as ``editor``'s; raises 404 for an item not stored, 422 for a bad one."""
    try:
        key, before = resolve(
            store,
            given.kind,
            document_id=given.document_id,
            ordinal=given.ordinal,
            event_id=given.event_id,
            start=given.start,
            end=given.end,
            key=given.key,
        )
        after = dict(given.after or {})
        if given.action == "merge" and given.with_event_id:
            other, _ = resolve(store, "fused_event", event_id=given.with_event_id)
            after = {"with": other}
        return log.append(
            store,
            editor=editor,
            kind=given.kind,
            key=key,
            action=given.action,
            before=before,
            after=after or None,
            reason=given.reason,
        )
    except TargetError as exc:
        raise HTTPException(404, str(exc)) from exc
    except log.CorrectionError as exc:
        raise HTTPException(422, str(exc)) from exc


def _out(correction: log.Correction, orphaned: set[int]) -> dict[str, Any]:
    return {**correction.as_dict(), "orphaned": correction.id in orphaned}


@router.post(
    "/review/corrections",
    response_model=CorrectionOut,
    status_code=201,
    responses={
        401: {"model": models.Problem, "description": "No or unknown bearer token."},
        403: {"model": models.Problem, "description": "A revoked token."},
        404: {"model": models.Problem, "description": "No such item stored."},
        422: {"model": models.Problem, "description": "Not a correction."},
    },
)
def post_correction(state: State, editor: Editor, given: CorrectionIn) -> dict[str, Any]:
    """Log one correction by the editor whose token it is; nothing else changes."""
    correction = record_correction(state.store, editor, given)
    return _out(correction, set())


@router.get("/review/corrections", response_model=CorrectionsPage)
def corrections(
    state: State,
    document_id: Annotated[str | None, Query(max_length=64)] = None,
    orphaned: Annotated[bool, Query(description="Only the orphaned ones.")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """The corrections log in the order made; ``orphaned`` marks those whose evidence is gone."""
    found = log.read(state.store, document_ids=[document_id] if document_id else None)
    lost = {c.id for c in orphans(state.store, found)}
    if orphaned:
        found = [c for c in found if c.id in lost]
    return {
        "items": [_out(c, lost) for c in found[offset : offset + limit]],
        "total": len(found),
        "orphaned": len(lost),
        "limit": limit,
        "offset": offset,
    }


@router.get("/review/queue", response_model=QueueOut)
def review_queue(
    state: State,
    kind: Annotated[Literal["event", "quote", "stance"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Queue:
    """What to review first: unreviewed, lowest confidence, disputed, stance changes, new."""
    return queue(state.store, limit=limit, offset=offset, kind=kind)
