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
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, text
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.schema import (
    DocumentRow,
    EntityRow,
    EventMentionRow,
    FusedEventMentionRow,
    FusedEventRow,
    ParagraphRow,
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


def _names(session: Session, ids: Iterable[str]) -> dict[str, EntityRow]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {e.id: e for e in session.scalars(select(EntityRow).where(EntityRow.id.in_(wanted)))}


def _entity(entities: dict[str, EntityRow], entity_id: str) -> dict[str, Any]:
    row = entities.get(entity_id)
    return {
        "id": entity_id,
        "name": row.name if row else entity_id,
        "country": row.country if row else None,
    }


def _span(start: int, end: int, evidence: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": evidence}


# -- timeline ---------------------------------------------------------------------------


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
    with store.reading() as session:
        query = select(FusedEventRow)
        if type:
            query = query.where(FusedEventRow.type == type.upper())
        if status:
            query = query.where(FusedEventRow.status == status)
        if place:
            query = query.where(
                or_(
                    func.lower(FusedEventRow.place) == place.casefold(),
                    FusedEventRow.place_country == place.upper(),
                )
            )
        if since:
            query = query.where(func.coalesce(FusedEventRow.date_end, FusedEventRow.date) >= since)
        if until:
            query = query.where(FusedEventRow.date <= until)
        events = list(session.scalars(query))
        if side:
            events = [e for e in events if side.upper() in e.countries]
        if actor:
            ids = set(actor_ids(session, actor))
            events = [e for e in events if ids & {*e.actors, *e.targets}]
        events.sort(key=lambda e: (e.date is None, e.date or "", e.type, e.id))
        reports = _reports(session, [e.id for e in events])
        entities = _names(session, (a for e in events for a in (*e.actors, *e.targets)))
        return [
            {
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
                "reports": reports.get(e.id, []),
            }
            for e in events
        ]


def _reports(session: Session, fused_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in (fused_ids[i : i + 500] for i in range(0, len(fused_ids), 500)):
        rows = session.execute(
            select(FusedEventMentionRow.fused_event_id, EventMentionRow, DocumentRow)
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


# -- quotes -----------------------------------------------------------------------------


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
    with store.reading() as session:
        query = select(QuoteRow, DocumentRow).join(
            DocumentRow, DocumentRow.id == QuoteRow.document_id
        )
        if speaker:
            ids = actor_ids(session, speaker)
            query = query.where(
                or_(
                    QuoteRow.speaker.in_(ids),
                    func.lower(QuoteRow.speaker_name) == speaker.casefold(),
                    func.lower(QuoteRow.speaker_description).contains(speaker.casefold()),
                )
            )
        if side:
            query = query.where(QuoteRow.speaker_country == side.upper())
        if issue:
            query = query.where(exists().where(_overlap(), StanceRow.issue == issue))
        if since:
            query = query.where(DocumentRow.published >= since)
        if until:
            query = query.where(DocumentRow.published <= until)
        query = query.order_by(DocumentRow.published, DocumentRow.id, QuoteRow.ordinal)
        rows = list(session.execute(query))
        issues = _quote_issues(session, [q.id for q, _ in rows])
        return [
            {
                "document_id": doc.id,
                "source": doc.source,
                "outlet": doc.outlet,
                "published": doc.published,
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
            for q, doc in rows
        ]


def _overlap() -> Any:
    return and_(
        StanceRow.document_id == QuoteRow.document_id,
        StanceRow.start < QuoteRow.end,
        StanceRow.end > QuoteRow.start,
    )


def _quote_issues(session: Session, quote_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for chunk in (quote_ids[i : i + 500] for i in range(0, len(quote_ids), 500)):
        rows = session.execute(
            select(QuoteRow.id, StanceRow.issue, StanceRow.polarity, StanceRow.country)
            .join(StanceRow, _overlap())
            .where(QuoteRow.id.in_(chunk))
            .order_by(QuoteRow.id, StanceRow.ordinal)
        )
        for quote_id, issue, polarity, country in rows:
            found[quote_id].append({"issue": issue, "polarity": polarity, "side": country})
    return found


# -- stances ----------------------------------------------------------------------------


def _points(session: Session) -> list[StancePointRow]:
    return list(
        session.scalars(
            select(StancePointRow).order_by(
                StancePointRow.side, StancePointRow.issue, StancePointRow.date
            )
        )
    )


def _stance_evidence(session: Session, point_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for chunk in (point_ids[i : i + 500] for i in range(0, len(point_ids), 500)):
        rows = session.execute(
            select(StancePointEvidenceRow.point_id, StanceRow, DocumentRow)
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
    with store.reading() as session:
        latest: dict[tuple[str, str], tuple[StancePointRow, str]] = {}
        for point in _points(session):
            if at and point.date > at:
                continue
            key = (point.side, point.issue)
            held = latest.get(key)
            since = held[1] if held and held[0].polarity == point.polarity else point.date
            latest[key] = (point, since)
        evidence = _stance_evidence(session, [p.id for p, _ in latest.values()])
        return [
            {
                "side": point.side,
                "issue": point.issue,
                "polarity": point.polarity,
                "date": point.date,
                "since": since,
                "evidence": evidence.get(point.id, []),
            }
            for (point, since) in (latest[k] for k in sorted(latest))
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
    with store.reading() as session:
        changes = [
            p
            for p in _points(session)
            if p.previous is not None
            and p.previous != p.polarity
            and (not side or p.side == side.upper())
            and (not issue or p.issue == issue)
            and (not since or p.date >= since)
            and (not until or p.date <= until)
        ]
        changes.sort(key=lambda p: (p.date, p.side, p.issue))
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


def actor_profile(store: Store, actor: str) -> dict[str, Any] | None:
    """One actor: names, counts, its events, its quotes, its stances and who it acts with.

    None when no entity answers to ``actor``.
    """
    with store.reading() as session:
        ids = actor_ids(session, actor)
        if not ids:
            return None
        entity = session.get(EntityRow, ids[0])
        if entity is None:
            return None
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
                select(StanceRow, DocumentRow)
                .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
                .where(StanceRow.actor == entity.id)
                .order_by(DocumentRow.published, DocumentRow.id, StanceRow.ordinal)
            )
        ]
    events = timeline(store, actor=entity.id)
    partners: Counter[str] = Counter()
    names: dict[str, str] = {}
    for event in events:
        for other in (*event["actors"], *event["targets"]):
            if other["id"] != entity.id:
                partners[other["id"]] += 1
                names[other["id"]] = other["name"]
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "country": entity.country,
        "aliases": list(entity.aliases or []),
        "documents": entity.documents,
        "mentions": entity.mentions,
        "events": events,
        "quotes": who_said_what(store, speaker=entity.id),
        "stances": stances,
        "partners": [
            {"id": i, "name": names[i], "events": n}
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
