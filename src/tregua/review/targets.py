"""What an editor points at, as a correction's key and the machine's item before it.

An editor points at an item of a stored record (its document and its place in the
record's list), at a fused event (its id, today's: the key is one of its reports), or, to
add one, at words of a document (start and end).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from tregua.review.apply import RECORD_LISTS
from tregua.review.log import CorrectionError, key_of
from tregua.store import Store
from tregua.store.schema import DocumentRow, EventMentionRow, FusedEventMentionRow, FusedEventRow


class TargetError(LookupError):
    """Nothing stored where the editor pointed."""


def record_item(
    store: Store, kind: str, document_id: str, ordinal: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(key, item) of the ``ordinal``-th event, quote or stance of a stored record."""
    row = store.document(document_id)
    if row is None:
        raise TargetError(f"no document with id {document_id!r}")
    name = RECORD_LISTS.get("event" if kind == "fused_event" else kind)
    if name is None:
        raise CorrectionError(f"unknown kind {kind!r}")
    items = row.record.get(name) or []
    if not 0 <= ordinal < len(items):
        raise TargetError(f"document {document_id!r} has no {kind} number {ordinal}")
    return key_of(kind, document_id, items[ordinal]), dict(items[ordinal])


def fused_event(store: Store, event_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(key, fields) of a fused event: the key of its earliest report."""
    with store.reading() as session:
        event = session.get(FusedEventRow, event_id)
        if event is None:
            raise TargetError(f"no fused event with id {event_id!r}")
        report = session.execute(
            select(EventMentionRow)
            .join(FusedEventMentionRow, FusedEventMentionRow.event_mention_id == EventMentionRow.id)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(FusedEventMentionRow.fused_event_id == event_id)
            .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.ordinal)
            .limit(1)
        ).scalar_one_or_none()
        if report is None:
            raise TargetError(f"fused event {event_id!r} has no report")
        key = {
            "document_id": report.document_id,
            "type": report.type,
            "evidence": report.evidence,
            "start": report.start,
        }
        fields = {
            "id": event.id,
            "type": event.type,
            "status": event.status,
            "date": event.date,
            "date_end": event.date_end,
            "place": event.place,
            "countries": list(event.countries),
            "actors": list(event.actors),
            "disputed": event.disputed,
        }
    return key, fields


def selection(store: Store, document_id: str, start: int, end: int) -> dict[str, Any]:
    """The key of words an editor selected in a document, to add an item there."""
    row = store.document(document_id)
    if row is None:
        raise TargetError(f"no document with id {document_id!r}")
    if not 0 <= start < end <= len(row.text):
        raise TargetError(f"{start}:{end} is not a span of document {document_id!r}")
    return {"document_id": document_id, "start": start, "end": end, "text": row.text[start:end]}


def resolve(
    store: Store,
    kind: str,
    *,
    document_id: str | None = None,
    ordinal: int | None = None,
    event_id: str | None = None,
    start: int | None = None,
    end: int | None = None,
    key: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(key, before) of what the editor pointed at, by whichever way they pointed."""
    if event_id:
        return fused_event(store, event_id)
    if document_id and ordinal is not None:
        return record_item(store, kind, document_id, ordinal)
    if document_id and start is not None and end is not None:
        return selection(store, document_id, start, end), None
    if key:
        return dict(key), None
    raise CorrectionError(
        "name the item: event_id, document_id with ordinal, document_id with start and end, "
        "or its key"
    )
