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
from tregua.interfaces.api.reviewed import page_reply
from tregua.review.added import added_items, page_with_added, quote_filter
from tregua.review.items import correct_listed, read_for
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
    # as the editors left them: a rejected quote leaves the page (``total`` stays the
    # machine's count), a reviewed one carries ``reviewed``, ``machine`` and ``review``;
    # the quotes editors added follow the machine's, counted in ``total``
    rows, total = found
    shown = correct_listed(
        "quote", rows, read_for(store, "quote", (r["document_id"] for r in rows))
    )
    keep = quote_filter(
        speaker=speaker,
        side=side,
        issue=issue,
        words=q_,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    added = [item for item in added_items(store, "quote") if keep(item)]
    if shown is not None or added:
        listed = shown if shown is not None else rows
        items, total = page_with_added(listed, total, added, limit, offset)
        return page_reply(models.Quote, items, total, limit, offset)
    return paged(found, limit, offset)
