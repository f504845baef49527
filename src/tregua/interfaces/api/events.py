"""``/api/events``, ``/api/timeline``, ``/api/event-mentions``: events fused and as reported."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from pydantic_core import to_json

from tregua.interfaces.api import models
from tregua.interfaces.api.common import (
    DEFAULT_LIMIT,
    MAX_TIMELINE,
    NOT_FOUND,
    Date,
    Limit,
    MinConfidence,
    Offset,
    Page,
    Status,
    StoreDep,
    Text,
    paged,
)
from tregua.interfaces.api.reviewed import event_reply, listed_reply, page_reply, touched
from tregua.review.added import mention_filter
from tregua.review.apply import correct_timeline
from tregua.store import queries as q

router = APIRouter(tags=["events"])

Code = Annotated[str | None, Query(max_length=20)]


@router.get("/events", response_model=models.Page[models.FusedEvent])
def events(
    store: StoreDep,
    actor: Text = None,
    side: Annotated[str | None, Query(max_length=20, description="ISO3 or bloc: RUS, EU")] = None,
    type: Annotated[str | None, Query(max_length=20, description="POLECAT type")] = None,
    status: Status = None,
    place: Text = None,
    since: Date = None,
    until: Date = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[q.FusedEvent] | Response:
    """Fused events in date order (undated last), each with every document's report."""
    found = q.timeline_page(
        store,
        actor=actor,
        side=side,
        type=type,
        status=status,
        place=place,
        since=since,
        until=until,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    )
    # as the editors left them, as on the timeline (``total`` stays the machine's count)
    rows, total = found
    shown = correct_timeline(store, rows)
    if touched(shown, len(rows)):
        return page_reply(models.FusedEvent, shown, total, limit, offset)
    return paged(found, limit, offset)


@router.get("/events/{event_id}", response_model=models.FusedEvent, responses=NOT_FOUND)
def event(store: StoreDep, event_id: str) -> q.FusedEvent | Response:
    """One fused event."""
    found = q.fused_event(store, event_id)
    if found is None:
        raise HTTPException(404, f"no fused event with id {event_id!r}")
    # as the editors left it; one they rejected or merged away (the timeline and the
    # events leave it out) is still found by its id, with ``reviewed`` and ``left_out``
    shown = correct_timeline(store, [found])
    if touched(shown, 1):
        left_out = {**found, "reviewed": True, "machine": {}, "left_out": True}
        return JSONResponse(event_reply(shown[0] if shown else left_out))
    return found


@router.get("/timeline", response_model=list[models.TimelineEvent])
def timeline(
    store: StoreDep,
    side: Code = None,
    type: Code = None,
    status: Status = None,
    actor: Text = None,
    since: Date = None,
    until: Date = None,
    min_confidence: MinConfidence = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_TIMELINE, description=f"Most events, up to {MAX_TIMELINE}.")
    ] = MAX_TIMELINE,
) -> Response:
    """Every matching fused event (the first ``limit``), compact: what the timeline and
    the map draw."""
    found = q.timeline_compact(
        store,
        actor=actor,
        side=side,
        type=type,
        status=status,
        since=since,
        until=until,
        min_confidence=min_confidence,
        limit=limit,
    )
    # the store's compact events have exactly the fields of TimelineEvent, in its
    # order (a test holds the bytes equal): serialised as they are, 5,000 events take
    # 9 ms instead of 44 ms validated into models first
    # as the editors corrected it: reviewed events carry ``reviewed`` and ``machine``
    return Response(to_json(correct_timeline(store, found)), media_type="application/json")


@router.get("/event-mentions", response_model=models.Page[models.EventMention])
def event_mentions(
    store: StoreDep,
    document_id: Annotated[str | None, Query(max_length=64)] = None,
    type: Code = None,
    status: Status = None,
    side: Code = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[q.EventMention] | Response:
    """Events as each document reports them, before fusion, by publication date."""
    found = q.event_mentions_page(
        store,
        document_id=document_id,
        type=type,
        status=status,
        side=side,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    )
    # as the editors left them, as in the document's record
    keep = mention_filter(
        document_id=document_id,
        type=type,
        status=status,
        side=side,
        min_confidence=min_confidence,
    )
    reviewed = listed_reply(store, "event", models.EventMention, found, keep, limit, offset)
    return reviewed or paged(found, limit, offset)
