"""What an editor should look at first, and how much is reviewed and left.

Every event, quote and stance of the stored records is an item, read from its row (the
records' JSON is never read for the queue). Unreviewed items come
first, and among them: the lowest confidence first (an item without one counts as 1.0,
after every scored one), then the reports of disputed fused events and the stances behind
a change of a side's stance, then the newest documents (``new_document``: a document
no correction names yet). An item is reviewed when a
correction names it (``log.latest``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from tregua.review.log import Correction, key_of, latest, read, target
from tregua.store import Store
from tregua.store.schema import (
    DocumentRow,
    EventMentionRow,
    FusedEventMentionRow,
    FusedEventRow,
    QuoteRow,
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


#: the rows of each kind of item
_ROWS: dict[str, Any] = {"event": EventMentionRow, "quote": QuoteRow, "stance": StanceRow}


def queue(
    store: Store,
    *,
    limit: int = 50,
    offset: int = 0,
    kind: str | None = None,
    document_id: str | None = None,
) -> Queue:
    """The review queue: a page of items in review order, with counts reviewed / left
    (of one kind, of one document, when asked).

    Every item is ranked from three columns of its row (document, ordinal, confidence);
    the items of documents a correction names are read by the columns a key is matched
    on (to tell the reviewed ones), and only the page's items are made into entries
    (timings in docs/quality/85-review.md)."""
    shown = latest(read(store))
    touched = {c.document_id for c in shown.values()}
    disputed, changed = _flagged(store)
    kinds = [k for k in _ROWS if kind in (None, k)]
    where = [DocumentRow.id == document_id] if document_id else []
    with store.reading() as session:
        ranks = session.scalars(
            select(DocumentRow.id)
            .where(*where)
            .order_by(DocumentRow.ingested_at.desc(), DocumentRow.id)
        )
        rank = {doc_id: n for n, doc_id in enumerate(ranks)}
        reviewed = _reviewed(session, kinds, sorted(touched & rank.keys()), shown)
        order: list[tuple[Any, ...]] = []
        for item_kind in kinds:
            row = _ROWS[item_kind]
            flagged = (
                disputed if item_kind == "event" else changed if item_kind == "stance" else set()
            )
            query = select(row.document_id, row.ordinal, row.confidence)
            if document_id:
                query = query.where(row.document_id == document_id)
            for doc_id, ordinal, confidence in session.execute(query):
                if doc_id not in rank:
                    continue
                order.append(
                    (
                        (item_kind, doc_id, ordinal) in reviewed,
                        1.0 if confidence is None else confidence,
                        (doc_id, ordinal) not in flagged,
                        rank[doc_id],
                        doc_id,
                        item_kind,
                        ordinal,
                    )
                )
        order.sort()
        page = [(o[5], o[4], o[6]) for o in order[offset : offset + limit]]
        items = _entries(session, page, shown, disputed, changed, touched)
    return {
        "items": items,
        "total": len(order),
        "reviewed": len(reviewed),
        "left": len(order) - len(reviewed),
        "limit": limit,
        "offset": offset,
    }


def _reviewed(
    session: Session,
    kinds: Sequence[str],
    doc_ids: Sequence[str],
    shown: Mapping[tuple[Any, ...], Correction],
) -> set[tuple[str, str, int]]:
    """(kind, document id, ordinal) of the items a correction names, among those of
    ``doc_ids``: read as the columns a key is matched on (``log.MATCH_FIELDS``), each
    item's target made directly (as ``log.target`` of its ``log.key_of``)."""
    e, q, s = EventMentionRow, QuoteRow, StanceRow
    columns: dict[str, tuple[Any, ...]] = {
        "event": (e.document_id, e.ordinal, e.type, e.evidence),
        "quote": (q.document_id, q.ordinal, q.text),
        "stance": (s.document_id, s.ordinal, s.country, s.issue, s.evidence),
    }
    found: set[tuple[str, str, int]] = set()
    for item_kind in kinds:
        row = _ROWS[item_kind]
        for start in range(0, len(doc_ids), 500):
            query = select(*columns[item_kind]).where(
                row.document_id.in_(doc_ids[start : start + 500])
            )
            for doc_id, ordinal, *fields in session.execute(query):
                if (item_kind, doc_id, *fields) in shown or (
                    item_kind == "event" and ("fused_event", doc_id, *fields) in shown
                ):
                    found.add((item_kind, doc_id, ordinal))
    return found


def _entries(
    session: Session,
    page: list[tuple[str, str, int]],
    shown: Mapping[tuple[Any, ...], Correction],
    disputed: set[tuple[str, int]],
    changed: set[tuple[str, int]],
    touched: set[str],
) -> list[QueueItem]:
    """The queue's entries of ``page`` ((kind, document id, ordinal), in order)."""
    doc_ids = sorted({doc_id for _, doc_id, _ in page})
    about = {
        doc_id: (source, title, published)
        for doc_id, source, title, published in session.execute(
            select(
                DocumentRow.id, DocumentRow.source, DocumentRow.title, DocumentRow.published
            ).where(DocumentRow.id.in_(doc_ids))
        )
    }
    kinds = sorted({item_kind for item_kind, _, _ in page})
    wanted = set(page)
    found = {
        (item_kind, doc_id, ordinal): item
        for item_kind, doc_id, ordinal, item in _items(session, kinds, doc_ids)
        if (item_kind, doc_id, ordinal) in wanted
    }
    entries: list[QueueItem] = []
    for item_kind, doc_id, ordinal in page:
        entry = _entry(
            item_kind,
            doc_id,
            ordinal,
            found[(item_kind, doc_id, ordinal)],
            shown,
            disputed,
            changed,
        )
        if doc_id not in touched:
            entry["reasons"].append("new_document")
        entry["source"], entry["title"], entry["published"] = about[doc_id]
        entries.append(entry)
    return entries


def _span(start: int, end: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text}


Item = tuple[str, str, int, dict[str, Any]]


def _items(session: Session, kinds: Sequence[str], doc_ids: Sequence[str]) -> Iterator[Item]:
    """(kind, document id, ordinal, item) of the events, quotes and stances of ``kinds``
    in the documents ``doc_ids``, from their rows' columns (not the records' JSON), each
    item in its record's shape."""
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start : start + 500]
        if "event" in kinds:
            yield from _event_items(session, chunk)
        if "quote" in kinds:
            yield from _quote_items(session, chunk)
        if "stance" in kinds:
            yield from _stance_items(session, chunk)


def _event_items(session: Session, doc_ids: Sequence[str]) -> Iterator[Item]:
    e = EventMentionRow
    events = select(
        e.document_id,
        e.ordinal,
        e.type,
        e.status,
        e.date,
        e.date_end,
        e.place,
        e.confidence,
        e.start,
        e.end,
        e.evidence,
    ).where(e.document_id.in_(doc_ids))
    for ev in session.execute(events):
        yield (
            "event",
            ev.document_id,
            ev.ordinal,
            {
                "type": ev.type,
                "status": ev.status,
                "date": ev.date,
                "date_end": ev.date_end,
                "location": {"name": ev.place} if ev.place else None,
                "confidence": ev.confidence,
                "evidence": _span(ev.start, ev.end, ev.evidence),
            },
        )


def _quote_items(session: Session, doc_ids: Sequence[str]) -> Iterator[Item]:
    q = QuoteRow
    quotes = select(
        q.document_id,
        q.ordinal,
        q.text,
        q.start,
        q.end,
        q.direct,
        q.speaker,
        q.speaker_name,
        q.speaker_description,
        q.speaker_country,
        q.confidence,
    ).where(q.document_id.in_(doc_ids))
    for qu in session.execute(quotes):
        yield (
            "quote",
            qu.document_id,
            qu.ordinal,
            {
                "text": qu.text,
                "start": qu.start,
                "end": qu.end,
                "direct": qu.direct,
                "speaker": qu.speaker,
                "speaker_name": qu.speaker_name,
                "speaker_description": qu.speaker_description,
                "speaker_country": qu.speaker_country,
                "confidence": qu.confidence,
            },
        )


def _stance_items(session: Session, doc_ids: Sequence[str]) -> Iterator[Item]:
    s = StanceRow
    stances = select(
        s.document_id,
        s.ordinal,
        s.actor,
        s.country,
        s.issue,
        s.polarity,
        s.confidence,
        s.start,
        s.end,
        s.evidence,
    ).where(s.document_id.in_(doc_ids))
    for st in session.execute(stances):
        yield (
            "stance",
            st.document_id,
            st.ordinal,
            {
                "actor": st.actor,
                "country": st.country,
                "issue": st.issue,
                "polarity": st.polarity,
                "confidence": st.confidence,
                "evidence": _span(st.start, st.end, st.evidence),
            },
        )


def _correction(
    kind: str, doc_id: str, item: Mapping[str, Any], shown: Mapping[tuple[Any, ...], Correction]
) -> Correction | None:
    """The correction shown for an item (a fused event's falls on each of its reports)."""
    key = key_of(kind, doc_id, item)
    correction = shown.get(target(kind, key))
    if correction is None and kind == "event":
        correction = shown.get(target("fused_event", key))
    return correction


def _entry(
    kind: str,
    doc_id: str,
    ordinal: int,
    item: Mapping[str, Any],
    shown: Mapping[tuple[Any, ...], Correction],
    disputed: set[tuple[str, int]],
    changed: set[tuple[str, int]],
) -> QueueItem:
    key = key_of(kind, doc_id, item)
    correction = _correction(kind, doc_id, item, shown)
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
