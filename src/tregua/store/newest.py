"""The fused events tregua learnt of most recently: what the Atom feed lists.

An event is as new as the latest document that reports it was stored (``ingested_at``):
one a further outlet reports comes back to the top. A new query in a module of its own,
so that ``queries`` stays as it is; it reads only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, func, select

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries import fused_event
from tregua.store.schema import DocumentRow, EventMentionRow, FusedEventMentionRow, FusedEventRow


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite gives back the UTC it stored without a zone; PostgreSQL gives it with one
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def newest_events(
    store: Store, *, side: str | None = None, type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Up to ``limit`` fused events, the most recently reported first, each as
    ``queries.fused_event`` gives it plus ``first_seen`` and ``last_seen``: when the first
    and the latest document reporting it were stored (UTC). ``side`` is a country or bloc
    code in the event's ``countries``; ``type`` a PLOVER type."""
    seen = (
        select(
            FusedEventMentionRow.fused_event_id.label("id"),
            func.min(DocumentRow.ingested_at).label("first"),
            func.max(DocumentRow.ingested_at).label("last"),
        )
        .join(EventMentionRow, EventMentionRow.id == FusedEventMentionRow.event_mention_id)
        .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
        .group_by(FusedEventMentionRow.fused_event_id)
        .subquery()
    )
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(FusedEventRow.type == type.upper())
    if side:
        where.append(dialects.list_has(store.dialect, FusedEventRow.countries, [side.upper()]))
    query = (
        select(FusedEventRow.id, seen.c.first, seen.c.last)
        .join(seen, seen.c.id == FusedEventRow.id)
        .where(*where)
        .order_by(seen.c.last.desc(), FusedEventRow.id)
        .limit(limit)
    )
    with store.reading() as session:
        found = session.execute(query).all()
    events: list[dict[str, Any]] = []
    for event_id, first, last in found:
        event = fused_event(store, event_id)
        if event is None:  # fusion ran again between the two reads
            continue
        events.append({**event, "first_seen": _utc(first), "last_seen": _utc(last)})
    return events
