"""Questions the interfaces and the Python API ask the store, answered as plain records.

Every function takes a ``Store`` and returns lists of dicts (JSON-ready, no ORM objects):

    timeline(store, side="RUS", type="CONSULT", since="2026-01-01")   fused events
    who_said_what(store, speaker="Peskov", issue="ceasefire")           quotes
    stance_matrix(store, at="2026-02-01")                              side x issue
    stance_changes(store, side="UKR")                                  what moved, when
    actor_profile(store, "Zelenski")                                   one actor
    search(store, "alto el fuego")                                     paragraphs, quotes

``to_frame(rows)`` turns any of them into a pandas (or polars) data frame when that
library is installed; tregua itself depends on neither.

An actor is named by entity id ("Q3874799"), canonical name or any surface form seen
("Zelenski"), case-insensitively. Dates are ISO strings; ranges include both ends.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, text, union
from sqlalchemy.orm import Bundle, Session

from tregua.store import dialects
from tregua.store.database import Store, overlap
from tregua.store.schema import (
    DocumentRow,
    EntityPartnerRow,
    EntityRow,
    EventMentionRow,
    FlagRow,
    FusedEventEntityRow,
    FusedEventMentionRow,
    FusedEventRow,
    ParagraphRow,
    QuoteIssueRow,
    QuoteRow,
    StancePointEvidenceRow,
    StancePointRow,
    StanceRow,
)


def actor_ids(session: Session, actor: str) -> list[str]:
    """Entity ids an actor name may mean, best first (exact id, name, surface form)."""
    wanted = actor.casefold()
    exact = session.get(EntityRow, actor)
    found: list[tuple[int, int, str]] = []
    for row in session.scalars(select(EntityRow)):
        if row.name.casefold() == wanted:
            found.append((1, -row.mentions, row.id))
        elif any(a.casefold() == wanted for a in row.aliases or ()):
            found.append((2, -row.mentions, row.id))
    ids = [entity_id for *_, entity_id in sorted(found)]
    return [exact.id, *[i for i in ids if i != exact.id]] if exact else ids


def _names(session: Session, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Reference (id, name, country) of each entity in ``ids`` that the store holds."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(EntityRow.id, EntityRow.name, EntityRow.country).where(EntityRow.id.in_(wanted))
    )
    return {i: {"id": i, "name": name, "country": country} for i, name, country in rows}


def _entity(entities: dict[str, dict[str, Any]], entity_id: str) -> dict[str, Any]:
    found = entities.get(entity_id)
    return dict(found) if found else {"id": entity_id, "name": entity_id, "country": None}


def _doc() -> Bundle[Any]:
    """The columns of a document that a fact's reference shows (not its text or record)."""
    return Bundle(
        "doc", DocumentRow.id, DocumentRow.source, DocumentRow.outlet, DocumentRow.published
    )


def _span(start: int, end: int, evidence: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": evidence}


# -- timeline ---------------------------------------------------------------------------


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
) -> list[ColumnElement[bool]] | None:
    """SQL conditions on ``fused_events`` for the filters; None when none can match."""
    where: list[ColumnElement[bool]] = []
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


def timeline_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    last: bool = False,
    compact: bool = False,
    actor: str | None = None,
    side: str | None = None,
    type: str | None = None,
    status: str | None = None,
    place: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """``limit`` fused events from ``offset`` in ``timeline`` order, and how many match.

    The database filters, counts and pages; only the page's events are read, with their
    reports and actors. ``last`` counts ``offset`` from the end instead (still in order:
    an actor's latest events without skipping thousands). ``compact`` leaves out the
    reports and gives the first report's document instead (what the timeline and the map
    draw).
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
        )
        if where is None:
            return [], 0
        total = session.scalar(select(func.count()).select_from(FusedEventRow).where(*where))
        order: list[Any] = list(EVENT_ORDER)
        if since or until:
            # a date range is found by ix_fused_events_reach and what it holds is sorted;
            # SQLite without ANALYZE statistics would rather walk the whole timeline in
            # ix_fused_events_order (194 ms for a 60-day page of 112,606 events), so the
            # order's first term is spelled so that the index cannot give it
            order[0] = func.coalesce(FusedEventRow.date.is_(None), True)
        if last:
            order = [c.desc() for c in order]
        if compact:
            found = _compact_events(session, store.dialect, where, order, limit, offset)
            return (found[::-1] if last else found), total or 0
        # limit None is no LIMIT
        query = select(FusedEventRow).where(*where).order_by(*order).offset(offset).limit(limit)
        events = list(session.scalars(query))
        if last:
            events.reverse()
        entities = _names(session, (a for e in events for a in (*e.actors, *e.targets)))
        ids = [e.id for e in events]
        reports = _reports(session, ids)
        return [_event(e, entities, reports.get(e.id, [])) for e in events], total or 0


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
) -> list[dict[str, Any]]:
    """Fused events in date order (undated last), each with every report of it.

    ``place`` matches the place name or its country code; with a date range, undated
    events are left out and an event spanning days counts when any of its days is inside.
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
    )
    return events


def fused_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One fused event as ``timeline`` gives it, or None."""
    with store.reading() as session:
        found = session.get(FusedEventRow, event_id)
        if found is None:
            return None
        entities = _names(session, (*found.actors, *found.targets))
        return _event(found, entities, _reports(session, [found.id]).get(found.id, []))


def _event(
    e: FusedEventRow, entities: dict[str, dict[str, Any]], reports: list[dict[str, Any]]
) -> dict[str, Any]:
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
        "actors": [_entity(entities, a) for a in e.actors],
        "targets": [_entity(entities, t) for t in e.targets],
        "dead": e.dead,
        "injured": e.injured,
        "disputed": e.disputed,
        "disagreements": e.disagreements,
        "sources": list(e.sources),
        "evidence": e.evidence,
        "reports": reports,
    }


def _compact_events(
    session: Session,
    dialect: str,
    where: list[ColumnElement[bool]],
    order: Iterable[Any],
    limit: int | None,
    offset: int,
) -> list[dict[str, Any]]:
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
        )
        .where(*where)
        .order_by(*order)
        .offset(offset)
        .limit(limit)  # None is no LIMIT
    )
    events = [dict(row) for row in session.execute(query).mappings()]
    entities = _names(session, (a for e in events for a in e["actors"]))
    for event in events:
        event["countries"] = list(event["countries"])
        event["actors"] = [_entity(entities, a) for a in event["actors"]]
    return events


def _reports(session: Session, fused_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in (fused_ids[i : i + 500] for i in range(0, len(fused_ids), 500)):
        rows = session.execute(
            select(FusedEventMentionRow.fused_event_id, EventMentionRow, _doc())
            .join(EventMentionRow, EventMentionRow.id == FusedEventMentionRow.event_mention_id)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(FusedEventMentionRow.fused_event_id.in_(chunk))
            .order_by(DocumentRow.published, DocumentRow.id, EventMentionRow.ordinal)
        )
        for fused_id, mention, doc in rows:
            found[fused_id].append(
                {
                    "document_id": doc.id,
                    "source": doc.source,
                    "outlet": doc.outlet,
                    "published": doc.published,
                    "status": mention.status,
                    "date": mention.date,
                    "date_end": mention.date_end,
                    "date_source": mention.date_source,
                    "place": mention.place,
                    "dead": mention.dead,
                    "injured": mention.injured,
                    "evidence": _span(mention.start, mention.end, mention.evidence),
                }
            )
    return found


def event_mentions_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    document_id: str | None = None,
    type: str | None = None,
    status: str | None = None,
    side: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Events as each document reports them (the record's event objects, with the
    document's id, source and day), by publication date, source and order in the record;
    a page of them from ``offset``, and how many match."""
    where: list[ColumnElement[bool]] = []
    if document_id:
        where.append(EventMentionRow.document_id == document_id)
    if type:
        where.append(EventMentionRow.type == type.upper())
    if status:
        where.append(EventMentionRow.status == status)
    if side:
        where.append(dialects.list_has(store.dialect, EventMentionRow.countries, [side.upper()]))
    with store.reading() as session:
        # every filter is on event_mentions, and every mention has its document (a foreign
        # key): counted without the join (17 ms for 16,800 mentions of one type)
        total = session.scalar(select(func.count()).select_from(EventMentionRow).where(*where))
        query = (
            select(EventMentionRow, DocumentRow.source, DocumentRow.published)
            .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
            .where(*where)
            .order_by(DocumentRow.published, DocumentRow.source, EventMentionRow.ordinal)
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        found = [
            {
                "type": m.type,
                "mode": m.mode,
                "status": m.status,
                "date": m.date,
                "date_end": m.date_end,
                "date_text": m.date_text,
                "date_source": m.date_source,
                "location": None
                if m.place is None
                else {"name": m.place, "country": m.place_country, "lat": m.lat, "lon": m.lon},
                "actors": list(m.actors or ()),
                "targets": list(m.targets or ()),
                "countries": list(m.countries or ()),
                "dead": m.dead,
                "injured": m.injured,
                "evidence": _span(m.start, m.end, m.evidence),
                "confidence": m.confidence,
                "document_id": m.document_id,
                "source": source,
                "published": published,
            }
            for m, source, published in session.execute(query)
        ]
        return found, total or 0


# -- documents --------------------------------------------------------------------------

#: the facts a document summary counts, as keys of its record
COUNTED = ("entities", "events", "quotes", "stances", "flags")


def documents_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    flag: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Stored documents, newest first, each with how many facts of each kind its record
    holds and the kinds of its flags; a page from ``offset``, and how many match."""
    where: list[ColumnElement[bool]] = []
    if outlet:
        where.append(dialects.casefold(store.dialect, DocumentRow.outlet) == outlet.casefold())
    if since:
        where.append(DocumentRow.published >= since)
    if until:
        where.append(DocumentRow.published <= until)
    if flag:
        where.append(exists().where(FlagRow.document_id == DocumentRow.id, FlagRow.kind == flag))
    counts = [
        dialects.list_length(store.dialect, DocumentRow.record, key).label(key) for key in COUNTED
    ]
    with store.reading() as session:
        total = session.scalar(select(func.count()).select_from(DocumentRow).where(*where))
        query = (
            select(
                DocumentRow.id,
                DocumentRow.source,
                DocumentRow.title,
                DocumentRow.outlet,
                DocumentRow.published,
                DocumentRow.published_inferred,
                DocumentRow.language,
                *counts,
            )
            .where(*where)
            .order_by(DocumentRow.published.desc(), DocumentRow.source)
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        rows = [dict(r) for r in session.execute(query).mappings()]
        kinds: dict[str, list[str]] = defaultdict(list)
        ids = [r["id"] for r in rows]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            for doc_id, kind in session.execute(
                select(FlagRow.document_id, FlagRow.kind)
                .where(FlagRow.document_id.in_(chunk))
                .order_by(FlagRow.document_id, FlagRow.ordinal)
            ):
                kinds[doc_id].append(kind)
        for row in rows:
            row["flag_kinds"] = kinds.get(row["id"], [])
        return rows, total or 0


# -- quotes -----------------------------------------------------------------------------


#: quotes by publication, then document, then place in it (``ix_quotes_published``)
QUOTE_ORDER = (QuoteRow.published, QuoteRow.document_id, QuoteRow.ordinal)


def quotes_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    last: bool = False,
    speaker: str | None = None,
    speaker_id: str | None = None,
    side: str | None = None,
    issue: str | None = None,
    words: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """``limit`` quotes from ``offset`` in ``who_said_what`` order, and how many match.

    ``words`` keeps quotes whose text holds that string, compared case-folded (SQLite
    folds with Python's ``str.casefold``, registered on every connection). ``last`` counts
    ``offset`` from the end, as in ``timeline_page``. ``speaker_id`` keeps the quotes of
    one entity id, by the index on it (an actor's profile), where ``speaker`` also reads
    names and descriptions.
    """
    with store.reading() as session:
        # the page walks an index in QUOTE_ORDER until it has ``limit`` quotes, the count
        # reads every match: the speaker and issue filters take a form for each, a
        # condition for the page and a set of quote ids for the count
        where: list[ColumnElement[bool]] = []
        paged: list[ColumnElement[bool]] = []
        sets: list[Select[Any]] = []
        if speaker:
            folded = speaker.casefold()
            ways = (
                QuoteRow.speaker.in_(actor_ids(session, speaker)),
                func.lower(QuoteRow.speaker_name) == folded,
                and_(
                    QuoteRow.speaker_description.is_not(None),
                    func.lower(QuoteRow.speaker_description).contains(folded),
                ),
            )
            paged.append(or_(*ways))
            # as one OR, the count read every quote (41 ms of 147,000); as a union, each
            # way to match is an index of its own (15 ms for 23,100 quotes)
            named = union(*(select(QuoteRow.id).where(way) for way in ways)).subquery()
            sets.append(select(named.c.id))
        if speaker_id:
            where.append(QuoteRow.speaker == speaker_id)
        if side:
            where.append(QuoteRow.speaker_country == side.upper())
        if issue:
            # quote_issues, written with the quotes: from the issue's stances to their
            # documents' quotes took 87 ms to count 12,600 of 147,000. The page's form
            # ("+ 0") keeps SQLite from reading every match by id and sorting them (22 ms)
            on_issue = select(QuoteIssueRow.quote_id).where(QuoteIssueRow.issue == issue)
            paged.append((QuoteRow.id + 0).in_(on_issue))
            sets.append(on_issue)
        if words:
            folded_text = dialects.casefold(store.dialect, QuoteRow.text)
            where.append(folded_text.contains(words.casefold(), autoescape=True))
        if since:
            where.append(QuoteRow.published >= since)
        if until:
            where.append(QuoteRow.published <= until)
        if sets and not where and len(sets) == 1:
            # one set alone is the count (looking each id up in quotes doubled it)
            total = session.scalar(select(func.count()).select_from(sets[0].subquery()))
        else:
            within = [QuoteRow.id.in_(ids) for ids in sets]
            total = session.scalar(
                select(func.count()).select_from(QuoteRow).where(*where, *within)
            )
        query = (
            select(QuoteRow, DocumentRow.id, DocumentRow.source, DocumentRow.outlet)
            .add_columns(DocumentRow.published)
            .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
            .where(*where, *paged)
            .order_by(*(c.desc() if last else c for c in QUOTE_ORDER))
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        rows = list(session.execute(query))
        if last:
            rows.reverse()
        issues = _quote_issues(session, [r[0].id for r in rows])
        return [
            {
                "document_id": doc_id,
                "source": source,
                "outlet": outlet,
                "published": published,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name,
                "speaker_description": q.speaker_description,
                "speaker_country": q.speaker_country,
                "text": q.text,
                "direct": q.direct,
                "cue": q.cue,
                "via": q.via,
                "start": q.start,
                "end": q.end,
                "issues": issues.get(q.id, []),
            }
            for q, doc_id, source, outlet, published in rows
        ], total or 0


def who_said_what(
    store: Store,
    *,
    speaker: str | None = None,
    side: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes by publication date, each with the issues its stances put it under.

    ``speaker`` is an actor (see the module) or words of an anonymous source's
    description ("funcionario estadounidense"); ``issue`` keeps quotes that a stance on
    that issue overlaps.
    """
    quotes, _ = quotes_page(
        store, speaker=speaker, side=side, issue=issue, since=since, until=until
    )
    return quotes


def _quote_issues(session: Session, quote_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for chunk in (quote_ids[i : i + 500] for i in range(0, len(quote_ids), 500)):
        rows = session.execute(
            select(QuoteRow.id, StanceRow.issue, StanceRow.polarity, StanceRow.country)
            .join(StanceRow, overlap())
            .where(QuoteRow.id.in_(chunk))
            .order_by(QuoteRow.id, StanceRow.ordinal)
        )
        for quote_id, issue, polarity, country in rows:
            found[quote_id].append({"issue": issue, "polarity": polarity, "side": country})
    return found


# -- stances ----------------------------------------------------------------------------


def _stance_evidence(session: Session, point_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in (point_ids[i : i + 500] for i in range(0, len(point_ids), 500)):
        rows = session.execute(
            select(StancePointEvidenceRow.point_id, StanceRow, _doc())
            .join(StanceRow, StanceRow.id == StancePointEvidenceRow.stance_id)
            .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
            .where(StancePointEvidenceRow.point_id.in_(chunk))
            .order_by(DocumentRow.published, DocumentRow.id, StanceRow.ordinal)
        )
        for point_id, stance, doc in rows:
            found[point_id].append(
                {
                    "document_id": doc.id,
                    "source": doc.source,
                    "published": doc.published,
                    "actor": stance.actor,
                    "polarity": stance.polarity,
                    "evidence": _span(stance.start, stance.end, stance.evidence),
                }
            )
    return found


def stance_matrix(store: Store, at: str | None = None) -> list[dict[str, Any]]:
    """Where each side stood on each issue at ``at`` (default: now), by side and issue.

    ``since`` is the day the side took that polarity (its run of equal points began);
    ``evidence`` is what the latest point rests on.
    """
    cell = (StancePointRow.side, StancePointRow.issue)
    on_time = [StancePointRow.date <= at] if at else []
    with store.reading() as session:
        # the latest point of each cell, and the latest point that began a run (a point
        # whose polarity differs from the one before it, or the first): since
        latest_day = (
            select(*cell, func.max(StancePointRow.date).label("day"))
            .where(*on_time)
            .group_by(*cell)
            .subquery()
        )
        latest = list(
            session.scalars(
                select(StancePointRow).join(
                    latest_day,
                    and_(
                        StancePointRow.side == latest_day.c.side,
                        StancePointRow.issue == latest_day.c.issue,
                        StancePointRow.date == latest_day.c.day,
                    ),
                )
            )
        )
        began = {
            (side, issue): day
            for side, issue, day in session.execute(
                select(*cell, func.max(StancePointRow.date))
                .where(
                    *on_time,
                    or_(
                        StancePointRow.previous.is_(None),
                        StancePointRow.previous != StancePointRow.polarity,
                    ),
                )
                .group_by(*cell)
            )
        }
        latest.sort(key=lambda p: (p.side, p.issue))
        evidence = _stance_evidence(session, [p.id for p in latest])
        return [
            {
                "side": point.side,
                "issue": point.issue,
                "polarity": point.polarity,
                "date": point.date,
                "since": began.get((point.side, point.issue), point.date),
                "evidence": evidence.get(point.id, []),
            }
            for point in latest
        ]


def stance_changes(
    store: Store,
    *,
    side: str | None = None,
    issue: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """Days a side's polarity on an issue changed, with the evidence of the new one."""
    where = [
        StancePointRow.previous.is_not(None),
        StancePointRow.previous != StancePointRow.polarity,
    ]
    if side:
        where.append(StancePointRow.side == side.upper())
    if issue:
        where.append(StancePointRow.issue == issue)
    if since:
        where.append(StancePointRow.date >= since)
    if until:
        where.append(StancePointRow.date <= until)
    with store.reading() as session:
        changes = list(
            session.scalars(
                select(StancePointRow)
                .where(*where)
                .order_by(StancePointRow.date, StancePointRow.side, StancePointRow.issue)
            )
        )
        evidence = _stance_evidence(session, [p.id for p in changes])
        return [
            {
                "side": p.side,
                "issue": p.issue,
                "date": p.date,
                "from": p.previous,
                "to": p.polarity,
                "evidence": evidence.get(p.id, []),
            }
            for p in changes
        ]


# -- actors -----------------------------------------------------------------------------


def actor_profile(store: Store, actor: str, limit: int | None = None) -> dict[str, Any] | None:
    """One actor: names, counts, its events, its quotes, its stances and who it acts with.

    ``limit`` keeps the latest that many events, quotes and stances (still oldest first);
    ``events_total``, ``quotes_total`` and ``stances_total`` count them all, and partners
    are counted over every event. None when no entity answers to ``actor``.
    """
    with store.reading() as session:
        ids = actor_ids(session, actor)
        if not ids:
            return None
        entity = session.get(EntityRow, ids[0])
        if entity is None:
            return None
        own = StanceRow.actor == entity.id
        stances_total = session.scalar(select(func.count()).select_from(StanceRow).where(own)) or 0
        stances = [
            {
                "document_id": doc.id,
                "source": doc.source,
                "published": doc.published,
                "issue": s.issue,
                "polarity": s.polarity,
                "side": s.country,
                "evidence": _span(s.start, s.end, s.evidence),
            }
            for s, doc in session.execute(
                select(StanceRow, _doc())
                .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
                .where(own)
                # ix_stances_actor_published: sorting its 8,000 by document took 60 ms
                .order_by(StanceRow.published.desc(), StanceRow.document_id.desc())
                .order_by(StanceRow.ordinal.desc())
                .limit(limit)
            )
        ]
        stances.reverse()
        # kept by fusion: counting them over its 12,622 events took 150 ms
        partners: dict[str, int] = {
            partner: events
            for partner, events in session.execute(
                select(EntityPartnerRow.partner_id, EntityPartnerRow.events).where(
                    EntityPartnerRow.entity_id == entity.id
                )
            )
        }
        names = _names(session, partners)
    events, events_total = timeline_page(store, actor=entity.id, limit=limit, last=True)
    quotes, quotes_total = quotes_page(store, speaker_id=entity.id, limit=limit, last=True)
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "aliases": list(entity.aliases or []),
        "documents": entity.documents,
        "mentions": entity.mentions,
        "events": events,
        "events_total": events_total,
        "quotes": quotes,
        "quotes_total": quotes_total,
        "stances": stances,
        "stances_total": stances_total,
        "partners": [
            {"id": i, "name": _entity(names, i)["name"], "events": n}
            for i, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
    }


# -- search -----------------------------------------------------------------------------


def search(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Paragraphs and quotes containing every word of ``query``, best match first.

    ``search(store, "Abu Dabi trilaterales")`` -> ``[{"kind": "paragraph", "source": ...,
    "start": ..., "end": ..., "text": "Las conversaciones de paz trilaterales ..."}]``
    """
    words = dialects.search_words(query)
    if not words:
        return []
    with store.reading() as session:
        connection = session.connection()
        bound = {"q": dialects.search_query(connection, words), "n": limit}
        hits: list[tuple[float, str, int]] = []
        for kind, table in (("paragraph", "paragraphs"), ("quote", "quotes")):
            sql = dialects.search_sql(connection, table) + " ORDER BY rank LIMIT :n"
            hits += [(float(r.rank), kind, int(r.id)) for r in session.execute(text(sql), bound)]
        hits.sort()
        hits = hits[:limit]
        paragraphs = _by_id(session, ParagraphRow, [i for _, k, i in hits if k == "paragraph"])
        quotes = _by_id(session, QuoteRow, [i for _, k, i in hits if k == "quote"])
        docs = _documents(
            session,
            [r.document_id for r in (*paragraphs.values(), *quotes.values())],
        )
        found = []
        for rank, kind, row_id in hits:
            row: ParagraphRow | QuoteRow = (
                paragraphs[row_id] if kind == "paragraph" else quotes[row_id]
            )
            doc = docs[row.document_id]
            found.append(
                {
                    "kind": kind,
                    "document_id": doc.id,
                    "source": doc.source,
                    "title": doc.title,
                    "published": doc.published,
                    "start": row.start,
                    "end": row.end,
                    "text": row.text,
                    "rank": rank,
                }
            )
        return found


def _by_id(session: Session, model: Any, ids: list[int]) -> dict[int, Any]:
    if not ids:
        return {}
    return {r.id: r for r in session.scalars(select(model).where(model.id.in_(ids)))}


def _documents(session: Session, ids: list[str]) -> dict[str, DocumentRow]:
    if not ids:
        return {}
    rows = session.scalars(select(DocumentRow).where(DocumentRow.id.in_(sorted(set(ids)))))
    return {d.id: d for d in rows}


# -- data frames ------------------------------------------------------------------------


def to_frame(rows: list[dict[str, Any]], library: str = "pandas") -> Any:
    """A pandas or polars ``DataFrame`` of query records, for those who have one installed.

    Raises ``ImportError`` naming the library when it is not installed: tregua does not
    depend on either, and every query already returns plain records.
    """
    if library not in {"pandas", "polars"}:
        raise ValueError(f"library is {library!r}; expected 'pandas' or 'polars'")
    try:
        module = importlib.import_module(library)
    except ImportError as exc:
        raise ImportError(
            f"to_frame(library={library!r}) needs {library}, which tregua does not install; "
            f"install it beside tregua or use the plain records"
        ) from exc
    return module.DataFrame(rows)
