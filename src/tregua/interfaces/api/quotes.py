"""``/api/quotes``: who said what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from tregua.interfaces.api import models
from tregua.interfaces.api.common import (
    DEFAULT_LIMIT,
    Date,
    Limit,
    MinConfidence,
    Offset,
    Page,
    StoreDep,
    Text,
    paged,
)
from tregua.interfaces.api.reviewed import listed_reply
from tregua.review.added import quote_filter
from tregua.store import queries as q

router = APIRouter(tags=["quotes"])


@router.get("/quotes", response_model=models.Page[models.Quote])
def quotes(
    store: StoreDep,
    speaker: Text = None,
    side: Annotated[str | None, Query(max_length=20)] = None,
    issue: Annotated[str | None, Query(max_length=40)] = None,
    q_: Annotated[
        str | None, Query(alias="q", max_length=200, description="Words in the quote")
    ] = None,
    since: Date = None,
    until: Date = None,
    min_confidence: MinConfidence = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Page[q.Quote] | Response:
    """Who said what, by publication date, with the issues each quote takes a stance on."""
    found = q.quotes_page(
        store,
        speaker=speaker,
        side=side,
        issue=issue,
        words=q_,
        since=since,
        until=until,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
    )
    # as the editors left them (``reviewed.listed_reply``)
    keep = quote_filter(
        speaker=speaker,
        side=side,
        issue=issue,
        words=q_,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    reviewed = listed_reply(store, "quote", models.Quote, found, keep, limit, offset)
    return reviewed or paged(found, limit, offset)
