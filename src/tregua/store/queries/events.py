"""Fused events (the timeline, one event) and events as each document reports them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries.common import (
    EntityRef,
    Json,
    Span,
    actor_ids,
    chunked,
    doc_columns,
    entity,
    names,
    span,
)
from tregua.store.schema import (
    DocumentRow,
    EventMentionRow,
    FusedEventEntityRow,
    FusedEventMentionRow,
    FusedEventRow,
)


class Report(TypedDict):
    """One document's report of a fused event."""

    document_id: str
    source: str
    outlet: str | None
    published: str | None
    status: str
    date: str | None
    date_end: str | None
    date_source: str | None
    place: str | None
    dead: int | None
    injured: int | None
    evidence: Span


class FusedEvent(TypedDict):
    """One real event fused from every document that reports it."""

    id: str
    type: str
    mode: str | None
    status: str
    date: str | None
    date_end: str | None
    date_source: str | None
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    countries: list[str]
    actors: list[EntityRef]
    targets: list[EntityRef]
    dead: int | None
    injured: int | None
    disputed: bool
    disagreements: dict[str, Json]
    sources: list[str]
    evidence: str
    reports: list[Report]
    confidence: float | None
    copies: int | None
    independent_sources: int | None
    wire: str | None


class TimelineEvent(TypedDict):
    """A fused event as the timeline and the map draw it (the API sends it as it is).

    ``copies`` is the number of documents reporting it, ``independent_sources`` the
    origins among them (one wire printed by many outlets is one), ``wire`` the agency when
    one wire alone confirms it; ``confidence`` the highest of its mentions' (fusion sets
    all four; None on a store fused before them).
    """

    id: str
    type: str
    status: str
    date: str | None
    date_end: str | None
    place: str | None
    lat: float | None
    lon: float | None
    countries: list[str]
    actors: list[EntityRef]
    disputed: bool
    sources: int
    evidence: str
    document_id: str | None
    confidence: float | None
    copies: int | None
    independent_sources: int | None
    wire: str | None


def _event_filters(
    session: Session,
    dialect: str,
    *,
    actor: str | None,
    side: str | None,
    type: str | None,
    status: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float | None = None,
) -> list[ColumnElement[bool]] | None:
    """SQL conditions on ``fused_events`` for the filters; None when none can match.

    ``min_confidence`` keeps events whose confidence is at least that (an event without
    one is left out when a minimum is asked)."""
    where: list[ColumnElement[bool]] = []
    if min_confidence is not None:
        where.append(FusedEventRow.confidence >= min_confidence)
    if type:
        where.append(FusedEventRow.type == type.upper())
    if status:
        where.append(FusedEventRow.status == status)
    if place:
        where.append(
            or_(
                func.lower(FusedEventRow.place) == place.casefold(),
                FusedEventRow.place_country == place.upper(),
            )
        )
    before = [FusedEventRow.date <= until] if until else []
    if since:
        # an event reaches ``since`` by its last day, or by its only one: the two cases
        # spelled apart, each with the whole range, so that each is one range of
        # ``ix_fused_events_reach`` (one COALESCE scanned half of 112,606 events). In the
        # second, ``date <= until`` is spelled so that no index serves it (a NULL date
        # stays out, as before): with approximate statistics SQLite took ix_fused_events_date
        # for it, every date before ``until`` (84 ms instead of 1)
        unindexed = [func.coalesce(FusedEventRow.date, "9999-99-99") <= until] if until else []
        where.append(
            or_(
                and_(FusedEventRow.date_end.is_(None), FusedEventRow.date >= since, *before),
                and_(FusedEventRow.date_end >= since, *unindexed),
            )
        )
    else:
        where.extend(before)
    if side:
        where.append(dialects.list_has(dialect, FusedEventRow.countries, [side.upper()]))
    if actor:
        ids = actor_ids(session, actor)
        if not ids:
            return None
        # by fused_event_entities, which fusion keeps: reading the actor and target lists
        # of 112,606 events took 63 ms to count one actor's
        named = select(FusedEventEntityRow.fused_event_id).where(
            FusedEventEntityRow.entity_id.in_(ids)
        )
        where.append(FusedEventRow.id.in_(named))
    return where


#: date order, undated last; ``ix_fused_events_order`` holds exactly these expressions
EVENT_ORDER = (
    FusedEventRow.date.is_(None),
    FusedEventRow.date,
    FusedEventRow.type,
    FusedEventRow.id,
)


def _order(ranged: bool, last: bool) -> list[Any]:
    order: list[Any] = list(EVENT_ORDER)
    if ranged:
        # a date range is found by ix_fused_events_reach and what it holds is sorted;
        # SQLite without ANALYZE statistics would rather walk the whole timeline in
        # ix_fused_events_order (194 ms for a 60-day page of 112,606 events), so the
        # order's first term is spelled so that the index cannot give it
        order[0] = func.coalesce(FusedEventRow.date.is_(None), True)
    return [c.desc() for c in order] if last else order


def timeline_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    last: bool = False,
    actor: str | None = None,
    side: str | None = None,
    type: str | None = None,
    status: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> tuple[list[FusedEvent], int]:
    """``limit`` fused events from ``offset`` in ``timeline`` order, and how many match.

    The database filters, counts and pages; only the page's events are read, with their
    reports and actors. ``last`` counts ``offset`` from the end instead (still in order:
    an actor's latest events without skipping thousands).
    """
    with store.reading() as session:
        where = _event_filters(
            session,
            store.dialect,
            actor=actor,
            side=side,
            type=type,
            status=status,
            place=place,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
        if where is None:
            return [], 0
        total = session.scalar(select(func.count()).select_from(FusedEventRow).where(*where))
        order = _order(bool(since or until), last)
        # limit None is no LIMIT
        query = select(FusedEventRow).where(*where).order_by(*order).offset(offset).limit(limit)
        events = list(session.scalars(query))
        if last:
            events.reverse()
        entities = names(session, (a for e in events for a in (*e.actors, *e.targets)))
        reports = _reports(session, [e.id for e in events])
        return [_event(e, entities, reports.get(e.id, [])) for e in events], total or 0


def timeline_compact(
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
) -> list[TimelineEvent]:
    """The first ``limit`` matching fused events in ``timeline`` order, compact: without
    reports, with the first report's document (what the timeline and the map draw)."""
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
            return []
        order = _order(bool(since or until), last=False)
        return _compact_events(session, store.dialect, where, order, limit)


def timeline(
    store: Store,
    *,
    actor: str | None = None,
    side: str | None = None,
    type: str | None = None,
    status: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[FusedEvent]:
    """Fused events in date order (undated last), each with every report of it.

    ``place`` matches the place name or its country code; with a date range, undated
    events are left out and an event spanning days counts when any of its days is inside.
    ``min_confidence`` keeps events of at least that confidence (none without one).
    """
    events, _ = timeline_page(
        store,
        actor=actor,
        side=side,
        type=type,
        status=status,
        place=place,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    return events


def fused_event(store: Store, event_id: str) -> FusedEvent | None:
    """One fused event as ``timeline`` gives it, or None."""
    with store.reading() as session:
        found = session.get(FusedEventRow, event_id)
        if found is None:
            return None
        entities = names(session, (*found.actors, *found.targets))
        return _event(found, entities, _reports(session, [found.id]).get(found.id, []))


def _event(e: FusedEventRow, entities: dict[str, EntityRef], reports: list[Report]) -> FusedEvent:
    return {
        "id": e.id,
        "type": e.type,
        "mode": e.mode,
        "status": e.status,
        "date": e.date,
        "date_end": e.date_end,
        "date_source": e.date_source,
        "place": e.place,
        "place_country": e.place_country,
        "lat": e.lat,
        "lon": e.lon,
        "countries": list(e.countries),
        "actors": [entity(entities, a) for a in e.actors],
        "targets": [entity(entities, t) for t in e.targets],
        "dead": e.dead,
        "injured": e.injured,
        "disputed": e.disputed,
        "disagreements": e.disagreements,
        "sources": list(e.sources),
        "evidence": e.evidence,
        "reports": reports,
        "confidence": e.confidence,
        "copies": e.copies,
        "independent_sources": e.independent_sources,
        "wire": e.wire,
    }


def _compact_events(
    session: Session,
    dialect: str,
    where: list[ColumnElement[bool]],
    order: Iterable[Any],
    limit: int | None,
) -> list[TimelineEvent]:
    """The timeline's compact events: the columns it draws, the number of sources counted
    in SQL, and the first report's document (5,000 events: 250 ms as ORM rows, see
    ``docs/benchmarks.md``)."""
    f = FusedEventRow
    query = (
        select(
            f.id,
            f.type,
            f.status,
            f.date,
            f.date_end,
            f.place,
            f.lat,
            f.lon,
            f.countries,
            f.actors,
            f.disputed,
            dialects.list_length(dialect, f.sources).label("sources"),
            f.evidence,
            f.document_id,  # kept by fusion: joining 5,000 events to their reports took 66 ms
            f.confidence,
            f.copies,
            f.independent_sources,
            f.wire,
        )
        .where(*where)
        .order_by(*order)
        .limit(limit)  # None is no LIMIT
    )
    rows = list(session.execute(query))
    entities = names(session, (a for row in rows for a in row.actors))
    return [
        {
            "id": r.id,
            "type": r.type,
            "status": r.status,
            "date": r.date,
            "date_end": r.date_end,
            "place": r.place,
            "lat": r.lat,
            "lon": r.lon,
            "countries": list(r.countries),
            "actors": [entity(entities, a) for a in r.actors],
            "disputed": r.disputed,
            "sources": r.sources,
            "evidence": r.evidence,
            "document_id": r.document_id,
            "confidence": r.confidence,
            "copies": r.copies,
            "independent_sources": r.independent_sources,
            "wire": r.wire,
        }
        for r in rows
    ]


def _reports(session: Session, fused_ids: Sequence[str]) -> dict[str, list[Report]]:
    found: dict[str, list[Report]] = defaultdict(list)
    for chunk in chunked(fused_ids):
        rows = session.execute(
            select(FusedEventMentionRow.fused_event_id, EventMentionRow, doc_columns())
            .join(EventMentionRow, EventMentionRow.id == FusedEventMentionRow.event_mention_id)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(FusedEventMentionRow.fused_event_id.in_(chunk))
            .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.ordinal)
        )
        for fused_id, mention, doc in rows:
            found[fused_id].append(report_of(mention, doc.source, doc.outlet, doc.published))
    return found


def report_of(
    mention: EventMentionRow, source: str, outlet: str | None, published: str | None
) -> Report:
    """One report of a fused event: a stored mention and its document's source, outlet and
    publication day."""
    return {
        "document_id": mention.document_id,
        "source": source,
        "outlet": outlet,
        "published": published,
        "status": mention.status,
        "date": mention.date,
        "date_end": mention.date_end,
        "date_source": mention.date_source,
        "place": mention.place,
        "dead": mention.dead,
        "injured": mention.injured,
        "evidence": span(mention.start, mention.end, mention.evidence),
    }
