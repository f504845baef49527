"""Replies as the editors left the record (issue #18): ``/api/documents/{id}``,
``/api/events``, ``/api/events/{id}``, ``/api/quotes``, ``/api/event-mentions`` and
``/api/entities/{actor}``.

A reply nobody's correction touches is sent as before, through its response model, byte
for byte. A touched one is the same model's JSON with, on each reviewed item, the fields
the review adds (``reviewed``, ``machine``, and ``review``, ``merged``, ``split_from``,
``left_out`` where they apply). The models name them (``models.Marked`` and its kin), so the
OpenAPI schema lists them; they are left out where unset, and put last here, after the
item's own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from tregua.interfaces.api import models
from tregua.review.added import added_items, page_with_added
from tregua.review.items import correct_listed, read_for
from tregua.store import Store

#: the fields a review adds to an item, copied onto the validated item when present
ADDED = ("reviewed", "machine", "review", "merged", "split_from", "left_out")
#: a record's lists of items
RECORD_LISTS = ("events", "quotes", "stances")


def _dumped(model: type[BaseModel], item: Mapping[str, Any]) -> dict[str, Any]:
    """``item`` through ``model`` and back, with the review's fields; an item the model
    cannot take (an editor's addition without a field the model requires) goes as the
    editor made it."""
    try:
        out: dict[str, Any] = model.model_validate(item).model_dump(mode="json")
    except ValidationError:
        out = dict(item)
    for name in ADDED:
        out.pop(name, None)
    for name in ADDED:
        if name in item:
            out[name] = item[name]
    return out


def touched(items: Sequence[Mapping[str, Any]], before: int) -> bool:
    """Whether a review changed a list: an item left out, or one marked."""
    return len(items) != before or any("reviewed" in item for item in items)


def event_reply(event: Mapping[str, Any]) -> dict[str, Any]:
    """One reviewed fused event, as ``models.FusedEvent`` with the review's fields."""
    return _dumped(models.FusedEvent, event)


def page_reply(
    model: type[BaseModel], items: Sequence[Mapping[str, Any]], total: int, limit: int, offset: int
) -> JSONResponse:
    """A reviewed page, in ``models.Page``'s order of fields."""
    return JSONResponse(
        {
            "items": [_dumped(model, item) for item in items],
            "total": total,
            "limit": limit,
            "offset": offset,
        }
    )


def listed_reply(
    store: Store,
    kind: str,
    model: type[BaseModel],
    found: tuple[Sequence[Mapping[str, Any]], int],
    keep: Callable[[Mapping[str, Any]], bool],
    limit: int,
    offset: int,
) -> JSONResponse | None:
    """A page of ``kind`` items (``found``: the machine's page and total) as the editors
    left them: a rejected item leaves the page (``total`` stays the machine's count), a
    reviewed one carries the review's fields, and the items editors added that ``keep``
    admits follow the machine's, counted in ``total``. None when no review touches it: the
    caller sends the machine's page as before."""
    rows, total = found
    shown = correct_listed(kind, rows, read_for(store, kind, (r["document_id"] for r in rows)))
    added = [item for item in added_items(store, kind) if keep(item)]
    if shown is None and not added:
        return None
    items, total = page_with_added(
        shown if shown is not None else rows, total, added, limit, offset
    )
    return page_reply(model, items, total, limit, offset)


def document_reply(record: Mapping[str, Any]) -> JSONResponse:
    """A reviewed record (``review.apply.correct_record``): ``reviewed: true`` on it."""
    out = _dumped(models.Document, {k: v for k, v in record.items() if k not in RECORD_LISTS})
    item_models: tuple[type[BaseModel], ...] = (
        models.RecordEvent,
        models.RecordQuote,
        models.RecordStance,
    )
    for name, model in zip(RECORD_LISTS, item_models, strict=True):
        out[name] = [_dumped(model, item) for item in record.get(name) or []]
    out["reviewed"] = True
    return JSONResponse(out)


def profile_reply(profile: Mapping[str, Any]) -> JSONResponse:
    """A reviewed actor's profile (``review.apply.correct_profile``)."""
    lists: dict[str, type[BaseModel]] = {
        "events": models.FusedEvent,
        "quotes": models.Quote,
        "stances": models.ActorStance,
    }
    out = _dumped(models.ActorProfile, {k: v for k, v in profile.items() if k not in lists})
    for name, model in lists.items():
        out[name] = [_dumped(model, item) for item in profile.get(name) or []]
    return JSONResponse(out)
