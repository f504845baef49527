"""Actors: the entities list and one actor's profile (events, quotes, stances, partners).

An actor is named by entity id ("Q3874799"), canonical name or any surface form seen
("Zelenski"), case-insensitively.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import ColumnElement, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries.common import Span, actor_ids, doc_columns, entity, names, span
from tregua.store.queries.events import FusedEvent, timeline_page
from tregua.store.queries.quotes import Quote, quotes_page
from tregua.store.schema import DocumentRow, EntityPartnerRow, EntityRow, StanceRow


class Entity(TypedDict):
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[str]
    documents: int
    mentions: int


class ActorStance(TypedDict):
    document_id: str
    source: str
    published: str | None
    issue: str
    polarity: str
    side: str | None
    evidence: Span


class Partner(TypedDict):
    id: str
    name: str
    events: int


class ActorProfile(Entity):
    events: list[FusedEvent]
    events_total: int
    quotes: list[Quote]
    quotes_total: int
    stances: list[ActorStance]
    stances_total: int
    partners: list[Partner]


def _named(dialect: str, words: str) -> ColumnElement[bool]:
    """The entity's name or one of its aliases holds ``words``, case-folded."""
    folded = words.casefold()
    if dialect == "postgresql":
        aliases = func.json_array_elements_text(EntityRow.aliases).table_valued("value")
        alias = aliases.render_derived()
    else:
        alias = func.json_each(EntityRow.aliases).table_valued("value")
    in_alias = select(literal(1)).select_from(alias)
    in_alias = in_alias.where(
        dialects.casefold(dialect, alias.c.value).contains(folded, autoescape=True)
    )
    return or_(
        dialects.casefold(dialect, EntityRow.name).contains(folded, autoescape=True),
        exists(in_alias),
    )


def entities_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    types: Sequence[str] = (),
    country: str | None = None,
    words: str | None = None,
) -> tuple[list[Entity], int]:
    """Actors, places and organisations, most mentioned first (then by name and id), of
    ``types`` (any when empty) and ``country``, whose name or an alias holds ``words``;
    a page from ``offset``, and how many match."""
    where: list[ColumnElement[bool]] = []
    if types:
        where.append(EntityRow.type.in_([t.upper() for t in types]))
    if country:
        where.append(func.coalesce(EntityRow.country, "") == country.upper())
    if words:
        where.append(_named(store.dialect, words))
    mentions = func.coalesce(EntityRow.mentions, 0)
    name = EntityRow.name.collate("C") if store.dialect == "postgresql" else EntityRow.name
    with store.reading() as session:
        total = session.scalar(select(func.count()).select_from(EntityRow).where(*where))
        query = (
            select(EntityRow)
            .where(*where)
            .order_by(mentions.desc(), name, EntityRow.id)
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        found: list[Entity] = [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "country": e.country,
                "aliases": list(e.aliases or ()),
                "documents": e.documents or 0,
                "mentions": e.mentions or 0,
            }
            for e in session.scalars(query)
        ]
        return found, total or 0


def _stances(session: Session, entity_id: str, limit: int | None) -> tuple[list[ActorStance], int]:
    """The latest ``limit`` stances of an entity (oldest first), and how many it has."""
    own = StanceRow.actor == entity_id
    total = session.scalar(select(func.count()).select_from(StanceRow).where(own)) or 0
    stances: list[ActorStance] = [
        {
            "document_id": doc.id,
            "source": doc.source,
            "published": doc.published,
            "issue": s.issue,
            "polarity": s.polarity,
            "side": s.country,
            "evidence": span(s.start, s.end, s.evidence),
        }
        for s, doc in session.execute(
            select(StanceRow, doc_columns())
            .join(DocumentRow, DocumentRow.id == StanceRow.document_id)
            .where(own)
            # ix_stances_actor_published: sorting its 8,000 by document took 60 ms
            .order_by(StanceRow.published.desc(), StanceRow.document_id.desc())
            .order_by(StanceRow.ordinal.desc())
            .limit(limit)
        )
    ]
    stances.reverse()
    return stances, total


def actor_stances(store: Store, entity_id: str) -> list[ActorStance]:
    """Every stance of an entity, oldest first (as an actor's profile lists them)."""
    with store.reading() as session:
        return _stances(session, entity_id, None)[0]


def _partners(session: Session, entity_id: str) -> list[Partner]:
    # kept by fusion: counting them over its 12,622 events took 150 ms
    partners: dict[str, int] = {
        partner: events
        for partner, events in session.execute(
            select(EntityPartnerRow.partner_id, EntityPartnerRow.events).where(
                EntityPartnerRow.entity_id == entity_id
            )
        )
    }
    known = names(session, partners)
    return [
        {"id": i, "name": entity(known, i)["name"], "events": n}
        for i, n in sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def actor_profile(store: Store, actor: str, limit: int | None = None) -> ActorProfile | None:
    """One actor: names, counts, its events, its quotes, its stances and who it acts with.

    ``limit`` keeps the latest that many events, quotes and stances (still oldest first);
    ``events_total``, ``quotes_total`` and ``stances_total`` count them all, and partners
    are counted over every event. None when no entity answers to ``actor``.
    """
    with store.reading() as session:
        ids = actor_ids(session, actor)
        if not ids:
            return None
        found = session.get(EntityRow, ids[0])
        if found is None:
            return None
        stances, stances_total = _stances(session, found.id, limit)
        partners = _partners(session, found.id)
    events, events_total = timeline_page(store, actor=found.id, limit=limit, last=True)
    quotes, quotes_total = quotes_page(store, speaker_id=found.id, limit=limit, last=True)
    return {
        "id": found.id,
        "name": found.name,
        "type": found.type,
        "country": found.country,
        "aliases": list(found.aliases or []),
        "documents": found.documents,
        "mentions": found.mentions,
        "events": events,
        "events_total": events_total,
        "quotes": quotes,
        "quotes_total": quotes_total,
        "stances": stances,
        "stances_total": stances_total,
        "partners": partners,
    }
