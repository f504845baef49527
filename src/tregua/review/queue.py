"""What an editor should look at first, and how much is reviewed and left.

Every event, quote and stance of the stored records is an item. Unreviewed items come
first, and among them: the lowest confidence first (an item without one counts as 1.0,
after every scored one), then the reports of disputed fused events and the stances behind
a change of a side's stance, then the newest documents (``new_document``: a document
no correction names yet). An item is reviewed when a
correction names it (``log.latest``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

from sqlalchemy import select

from tregua.review.apply import RECORD_LISTS
from tregua.review.log import Correction, key_of, latest, read, target
from tregua.store import Store
from tregua.store.schema import (
    DocumentRow,
    EventMentionRow,
    FusedEventMentionRow,
    FusedEventRow,
    StancePointEvidenceRow,
    StancePointRow,
    StanceRow,
)


class QueueItem(TypedDict):
    kind: str
    document_id: str
    ordinal: int
    key: dict[str, Any]
    source: str
    title: str | None
    published: str | None
    item: dict[str, Any]
    confidence: float | None
    reasons: list[str]
    reviewed: bool
    correction: dict[str, Any] | None


class Queue(TypedDict):
    items: list[QueueItem]
    total: int
    reviewed: int
    left: int
    limit: int
    offset: int


def _flagged(store: Store) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """(document id, ordinal) of the event reports of disputed fused events, and of the
    stances behind a day a side's stance changed."""
    with store.reading() as session:
        disputed = {
            (doc_id, ordinal)
            for doc_id, ordinal in session.execute(
                select(EventMentionRow.document_id, EventMentionRow.ordinal)
                .join(
                    FusedEventMentionRow,
                    FusedEventMentionRow.event_mention_id == EventMentionRow.id,
                )
                .join(FusedEventRow, FusedEventRow.id == FusedEventMentionRow.fused_event_id)
                .where(FusedEventRow.disputed.is_(True))
            )
        }
        changed = {
            (doc_id, ordinal)
            for doc_id, ordinal in session.execute(
                select(StanceRow.document_id, StanceRow.ordinal)
                .join(StancePointEvidenceRow, StancePointEvidenceRow.stance_id == StanceRow.id)
                .join(StancePointRow, StancePointRow.id == StancePointEvidenceRow.point_id)
                .where(
                    StancePointRow.previous.is_not(None),
                    StancePointRow.previous != StancePointRow.polarity,
                )
            )
        }
    return disputed, changed


def queue(
    store: Store,
    *,
    limit: int = 50,
    offset: int = 0,
    kind: str | None = None,
    document_id: str | None = None,
) -> Queue:
    """The review queue: a page of items in review order, with counts reviewed / left
    (of one kind, of one document, when asked)."""
    shown = latest(read(store))
    touched = {c.document_id for c in shown.values()}
    disputed, changed = _flagged(store)
    items: list[QueueItem] = []
    order: list[tuple[Any, ...]] = []
    with store.reading() as session:
        rows = session.execute(
            select(
                DocumentRow.id,
                DocumentRow.source,
                DocumentRow.title,
                DocumentRow.published,
                DocumentRow.ingested_at,
                DocumentRow.record,
            )
            .where(*([DocumentRow.id == document_id] if document_id else []))
            .order_by(DocumentRow.ingested_at.desc(), DocumentRow.id)
        )
        for newness, (doc_id, source, title, published, _, record) in enumerate(rows):
            for item_kind, name in RECORD_LISTS.items():
                if kind and kind != item_kind:
                    continue
                for ordinal, item in enumerate(record.get(name) or []):
                    entry = _entry(item_kind, doc_id, ordinal, item, shown, disputed, changed)
                    if doc_id not in touched:
                        entry["reasons"].append("new_document")
                    entry["source"], entry["title"], entry["published"] = source, title, published
                    items.append(entry)
                    confidence = entry["confidence"]
                    order.append(
                        (
                            entry["reviewed"],
                            1.0 if confidence is None else confidence,
                            not ({"disputed", "stance_change"} & set(entry["reasons"])),
                            newness,
                            doc_id,
                            item_kind,
                            ordinal,
                        )
                    )
    ranked = [items[n] for n in sorted(range(len(items)), key=order.__getitem__)]
    reviewed = sum(1 for i in items if i["reviewed"])
    return {
        "items": ranked[offset : offset + limit],
        "total": len(items),
        "reviewed": reviewed,
        "left": len(items) - reviewed,
        "limit": limit,
        "offset": offset,
    }


def _entry(
    kind: str,
    doc_id: str,
    ordinal: int,
    item: Mapping[str, Any],
    shown: Mapping[str, Correction],
    disputed: set[tuple[str, int]],
    changed: set[tuple[str, int]],
) -> QueueItem:
    key = key_of(kind, doc_id, item)
    correction = shown.get(target(kind, key))
    if correction is None and kind == "event":
        correction = shown.get(target("fused_event", key))
    confidence = item.get("confidence")
    reasons: list[str] = []
    if isinstance(confidence, int | float) and confidence < 0.5:
        reasons.append("low_confidence")
    if kind == "event" and (doc_id, ordinal) in disputed:
        reasons.append("disputed")
    if kind == "stance" and (doc_id, ordinal) in changed:
        reasons.append("stance_change")
    return {
        "kind": kind,
        "document_id": doc_id,
        "ordinal": ordinal,
        "key": key,
        "source": "",
        "title": None,
        "published": None,
        "item": dict(item),
        "confidence": float(confidence) if isinstance(confidence, int | float) else None,
        "reasons": reasons,
        "reviewed": correction is not None,
        "correction": correction.as_dict() if correction is not None else None,
    }
