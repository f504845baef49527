"""The fused events tregua learnt of most recently: what the Atom feed lists.

An event is as new as the latest document that reports it was stored (``ingested_at``):
one a further outlet reports comes back to the top. A new query in a module of its own,
so that ``queries`` stays as it is; it reads only, in one transaction of three queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, func, select

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.schema import DocumentRow, EventMentionRow, FusedEventMentionRow, FusedEventRow


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back the UTC it stored without a zone; PostgreSQL gives it with one
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def newest_events(
    store: Store, *, side: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Up to ``limit`` fused events, the most recently reported first: ``id``, ``type``,
    ``status``, ``date``, ``date_end``, ``place``, ``countries``, ``evidence``,
    ``first_seen`` and ``last_seen`` (when the first and the latest document reporting it
    were stored, UTC), and ``reports`` (``document_id``, ``source``, ``outlet``,
    ``published``, ``evidence``: the sentence), by publication. ``side`` is a country or
    bloc code in the event's ``countries``; ``type`` a PLOVER type."""
    reported = (
        select(FusedEventMentionRow.fused_event_id, DocumentRow.ingested_at)
        .join(EventMentionRow, EventMentionRow.id == FusedEventMentionRow.event_mention_id)
        .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
        .subquery()
    )
    seen = (
        select(
            reported.c.fused_event_id.label("id"),
            func.min(reported.c.ingested_at).label("first"),
            func.max(reported.c.ingested_at).label("last"),
        )
        .group_by(reported.c.fused_event_id)
        .subquery()
    )
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(FusedEventRow.type == type.upper())
    if side:
        where.append(dialects.list_has(store.dialect, FusedEventRow.countries, [side.upper()]))
    f = FusedEventRow
    query = (
        select(
            f.id,
            f.type,
            f.status,
            f.date,
            f.date_end,
            f.place,
            f.countries,
            f.evidence,
            seen.c.first,
            seen.c.last,
        )
        .join(seen, seen.c.id == f.id)
        .where(*where)
        .order_by(seen.c.last.desc(), f.id)
        .limit(limit)
    )
    with store.reading() as session:
        events = [dict(row) for row in session.execute(query).mappings()]
        reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
        ids = [e["id"] for e in events]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            rows = session.execute(
                select(
                    FusedEventMentionRow.fused_event_id,
                    DocumentRow.id,
                    DocumentRow.source,
                    DocumentRow.outlet,
                    DocumentRow.published,
                    EventMentionRow.evidence,
                )
                .join(EventMentionRow, EventMentionRow.id == FusedEventMentionRow.event_mention_id)
                .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
                .where(FusedEventMentionRow.fused_event_id.in_(chunk))
                .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.ordinal)
            )
            for fused_id, doc_id, source, outlet, published, evidence in rows:
                reports[fused_id].append(
                    {
                        "document_id": doc_id,
                        "source": source,
                        "outlet": outlet,
                        "published": published,
                        "evidence": evidence,
                    }
                )
    for event in events:
        event["countries"] = list(event["countries"])
        event["first_seen"] = _utc(event.pop("first"))
        event["last_seen"] = _utc(event.pop("last"))
        event["reports"] = reports.get(event["id"], [])
    return events
