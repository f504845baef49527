"""The fused events tregua learnt of most recently: what the Atom feed lists.

An event is as new as its latest report: one a further outlet reports comes back to the
top. A new query in a module of its own,
so that ``queries`` stays as it is; it reads only, in one transaction of three queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.schema import DocumentRow, EventMentionRow, FusedEventMentionRow, FusedEventRow

#: reports an event lists, the earliest published first (``report_count`` counts them all)
MAX_REPORTS = 20


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back the UTC it stored without a zone; PostgreSQL gives it with one
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def newest_events(
    store: Store,
    *,
    side: str | None = None,
    type: str | None = None,
    limit: int = 50,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Up to ``limit`` fused events, the most recently reported first: ``id``, ``type``,
    ``status``, ``date``, ``date_end``, ``place``, ``countries``, ``evidence``,
    ``first_seen`` and ``last_seen`` (when the documents of its first and its latest report
    were stored, UTC), ``report_count`` and ``reports`` (``document_id``, ``source``,
    ``outlet``, ``published``, ``evidence``: the sentence), by publication, at most
    ``MAX_REPORTS`` of them, ``confidence``, ``copies``, ``independent_sources`` and
    ``wire`` as fusion set them. ``side`` is a country or bloc code in the event's
    ``countries``; ``type`` a PLOVER type; ``min_confidence`` keeps events of at least
    that confidence (none without one).

    The latest report is the one stored last (the highest ``event_mentions`` id), which the
    unique index of ``fused_event_mentions`` answers without reading a document: reading
    ``documents.ingested_at`` for every report took 5 s over 46,000 mentions, as it lies
    after each document's text and record.
    """
    with store.reading() as session:
        events = [
            dict(row)
            for row in session.execute(_ranked(store, side, type, limit, min_confidence)).mappings()
        ]
        stored = _stored_at(session, sorted({m for e in events for m in (e["first"], e["last"])}))
        reports = _reports(session, [e["id"] for e in events])
    for event in events:
        event["countries"] = list(event["countries"])
        event["first_seen"] = _utc(stored[event.pop("first")])
        event["last_seen"] = _utc(stored[event.pop("last")])
        event["report_count"] = event.pop("reports")
        event["reports"] = reports.get(event["id"], [])
    return events


def _ranked(
    store: Store, side: str | None, type: str | None, limit: int, min_confidence: float | None
) -> Select[*tuple[Any, ...]]:
    """The fused events, the one whose latest report was stored last first, with the ids
    of their first and latest mentions and their count of reports."""
    fem = FusedEventMentionRow
    ranked = (
        select(
            fem.fused_event_id.label("id"),
            func.min(fem.event_mention_id).label("first"),
            func.max(fem.event_mention_id).label("last"),
            func.count().label("reports"),
        )
        .group_by(fem.fused_event_id)
        .subquery()
    )
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(FusedEventRow.type == type.upper())
    if side:
        where.append(dialects.list_has(store.dialect, FusedEventRow.countries, [side.upper()]))
    if min_confidence is not None:
        where.append(FusedEventRow.confidence >= min_confidence)
    f = FusedEventRow
    return (
        select(
            f.id,
            f.type,
            f.status,
            f.date,
            f.date_end,
            f.place,
            f.countries,
            f.evidence,
            f.confidence,
            f.copies,
            f.independent_sources,
            f.wire,
            ranked.c.first,
            ranked.c.last,
            ranked.c.reports,
        )
        .join(ranked, ranked.c.id == f.id)
        .where(*where)
        .order_by(ranked.c.last.desc(), f.id)
        .limit(limit)
    )


def _stored_at(session: Session, mentions: list[int]) -> dict[int, dt.datetime]:
    """When the document of each event mention was stored."""
    stored: dict[int, dt.datetime] = {}
    for chunk in (mentions[i : i + 500] for i in range(0, len(mentions), 500)):
        found = session.execute(
            select(EventMentionRow.id, DocumentRow.ingested_at)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(EventMentionRow.id.in_(chunk))
        )
        stored.update((mention, moment) for mention, moment in found)
    return stored


def _reports(session: Session, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The first ``MAX_REPORTS`` reports of each fused event, by publication."""
    fem = FusedEventMentionRow
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        rows = session.execute(
            select(
                fem.fused_event_id,
                DocumentRow.id,
                DocumentRow.source,
                DocumentRow.outlet,
                DocumentRow.published,
                EventMentionRow.evidence,
            )
            .join(EventMentionRow, EventMentionRow.id == fem.event_mention_id)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(fem.fused_event_id.in_(chunk))
            .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.ordinal)
        )
        for fused_id, doc_id, source, outlet, published, evidence in rows:
            if len(reports[fused_id]) < MAX_REPORTS:
                reports[fused_id].append(
                    {
                        "document_id": doc_id,
                        "source": source,
                        "outlet": outlet,
                        "published": published,
                        "evidence": evidence,
                    }
                )
    return reports
