"""Fused events as the command line's timeline prints them: one line each, plain values.

``timeline_compact`` gives what the map and the timeline draw (actors named, coordinates,
the first report's document); a table of dates, types and evidence needs none of that.
Here the database orders, filters and counts as in ``timeline_page``, and a row is read
as plain values: the countries list arrives as its JSON text and is parsed once per
distinct text (a store holds few distinct lists), the sources are counted in SQL. On the
5,000-document load store (26,939 events) this is what is left of a whole timeline after
the walk of ``ix_fused_events_order``; see ``docs/quality/75-cli.md``.
"""

from __future__ import annotations

import json
from typing import TypedDict

from sqlalchemy import Text, cast, func, select

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries.events import _event_filters, _order
from tregua.store.schema import FusedEventRow


class EventLine(TypedDict):
    """A fused event as one line of the timeline: ``sources`` is how many report it."""

    date: str | None
    type: str
    status: str
    countries: list[str]
    place: str | None
    sources: int
    evidence: str


def timeline_lines(
    store: Store,
    *,
    limit: int | None = None,
    actor: str | None = None,
    side: str | None = None,
    type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> tuple[list[EventLine], int]:
    """The first ``limit`` (None: all) matching fused events in ``timeline`` order, and
    how many match (counted only when ``limit`` left some out)."""
    f = FusedEventRow
    with store.reading() as session:
        where = _event_filters(
            session,
            store.dialect,
            actor=actor,
            side=side,
            type=type,
            status=status,
            place=None,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
        if where is None:
            return [], 0
        query = (
            select(
                f.date,
                f.type,
                f.status,
                cast(f.countries, Text),  # the JSON text: parsed below, once per distinct
                f.place,
                dialects.list_length(store.dialect, f.sources),
                f.evidence,
            )
            .where(*where)
            .order_by(*_order(bool(since or until), last=False))
            .limit(limit)  # None is no LIMIT
        )
        rows = session.connection().execute(query).all()  # Core rows: no ORM layer
        total = len(rows)
        if limit is not None and total == limit:
            counted = select(func.count()).select_from(f).where(*where)
            total = session.scalar(counted) or 0
    lists: dict[str, list[str]] = {}
    lines: list[EventLine] = []
    for date, kind, status_, countries, place, sources, evidence in rows:
        parsed = lists.get(countries)
        if parsed is None:
            parsed = lists[countries] = [str(c) for c in json.loads(countries)]
        lines.append(
            {
                "date": date,
                "type": kind,
                "status": status_,
                "countries": list(parsed),
                "place": place,
                "sources": sources,
                "evidence": evidence,
            }
        )
    return lines, total
