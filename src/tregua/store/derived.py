"""The store side of fusion: read the stored facts fusion needs, write what it derives.

``tregua.fuse`` computes fused events, stance points and entity totals from plain rows
and hands them back as ``Derived``; ``apply`` makes the derived tables equal to it in one
transaction, touching only rows that differ, so fusing an unchanged store changes no row
and a crash mid-fusion leaves the previous fusion in place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, tuple_, update
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.schema import (
    Base,
    DocumentRow,
    EntityPartnerRow,
    EntityRow,
    EventMentionRow,
    FusedEventEntityRow,
    FusedEventMentionRow,
    FusedEventRow,
    MentionRow,
    QuoteRow,
    StancePointEvidenceRow,
    StancePointRow,
    StanceRow,
)

_CHUNK = 500  # ids per IN (...) list


@dataclass
class Derived:
    """Everything fusion derives, as row values of the derived tables."""

    events: list[dict[str, Any]] = field(default_factory=list)  # fused_events rows
    links: set[tuple[str, int]] = field(default_factory=set)  # (fused event, event mention)
    named: set[tuple[str, str]] = field(default_factory=set)  # (fused event, actor or target)
    partners: list[dict[str, Any]] = field(default_factory=list)  # entity_partners rows
    points: list[dict[str, Any]] = field(default_factory=list)  # stance_points rows
    evidence: set[tuple[str, int]] = field(default_factory=set)  # (point, stance)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> totals


@contextmanager
def fusing(store: Store) -> Iterator[Session]:
    """The one transaction a fusion reads and writes in; other writers wait for it.

    It ends by refreshing the planner's statistics (``dialects.analyze``): an ingest has
    just changed how many rows every table holds.
    """
    with store.writing() as session:
        dialects.lock(session.connection())
        yield session
        dialects.analyze(session.connection())


def event_mentions(session: Session) -> list[dict[str, Any]]:
    """Every stored event mention with its document's source and publication day, and
    where the document comes from (outlet, agency, near-copy cluster)."""
    rows = session.execute(
        select(
            EventMentionRow,
            DocumentRow.source,
            DocumentRow.published,
            DocumentRow.outlet,
            DocumentRow.agency,
            DocumentRow.cluster,
        ).join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
    )
    return [
        {
            **_values(m),
            "source": source,
            "published": published,
            "outlet": outlet,
            "agency": agency,
            "cluster": cluster,
        }
        for m, source, published, outlet, agency, cluster in rows
    ]


def stances(session: Session) -> list[dict[str, Any]]:
    """Every stored stance with its document's publication day."""
    rows = session.execute(
        select(StanceRow, DocumentRow.published).join(
            DocumentRow, DocumentRow.id == StanceRow.document_id
        )
    )
    return [{**_values(s), "published": published} for s, published in rows]


def entity_references(
    session: Session,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]], set[str]]:
    """(entity, document, surface form) of every mention; (entity, document) of every
    quote speaker and stance actor; ids named by event mentions as actors or targets."""
    mentions = [
        (e, d, t)
        for e, d, t in session.execute(
            select(MentionRow.entity_id, MentionRow.document_id, MentionRow.text)
        )
    ]
    references = [
        (e, d)
        for e, d in session.execute(
            select(QuoteRow.speaker, QuoteRow.document_id).where(QuoteRow.speaker.is_not(None))
        )
        if e
    ]
    references += [
        (e, d)
        for e, d in session.execute(
            select(StanceRow.actor, StanceRow.document_id).where(StanceRow.actor.is_not(None))
        )
        if e
    ]
    named: set[str] = set()
    for actors, targets in session.execute(select(EventMentionRow.actors, EventMentionRow.targets)):
        named.update(actors or ())
        named.update(targets or ())
    return mentions, references, named


def _values(row: Base) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}


def _json_normal(values: dict[str, Any]) -> dict[str, Any]:
    """Tuples as lists, as a JSON column gives them back, so equal rows compare equal."""
    normal: dict[str, Any] = json.loads(json.dumps(values))
    return normal


def _chunks(items: Iterable[Any]) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _sync_rows(
    session: Session,
    model: type[Base],
    wanted: list[dict[str, Any]],
    key: tuple[str, ...] = ("id",),
) -> int:
    """Make ``model``'s table hold exactly ``wanted`` (keyed by ``key``); rows changed."""
    table = _table(model)
    columns = [table.c[k] for k in key]

    def key_of(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row[k] for k in key)

    existing = {key_of(r): r for r in (dict(m) for m in session.execute(select(table)).mappings())}
    target = {key_of(w): _json_normal(w) for w in wanted}
    changed = 0
    for keys in _chunks(sorted(existing.keys() - target.keys())):
        changed += len(keys)
        session.execute(delete(table).where(tuple_(*columns).in_(keys)))
    new = [target[k] for k in sorted(target.keys() - existing.keys())]
    if new:
        changed += len(new)
        session.execute(insert(table), new)
    for row_key in sorted(target.keys() & existing.keys()):
        if existing[row_key] != target[row_key]:
            changed += 1
            same = [c == v for c, v in zip(columns, row_key, strict=True)]
            session.execute(update(table).where(*same).values(target[row_key]))
    return changed


def _sync_links(
    session: Session, model: type[Base], columns: tuple[str, str], wanted: set[tuple[Any, Any]]
) -> int:
    table = _table(model)
    a, b = (table.c[name] for name in columns)
    existing = {(x, y) for x, y in session.execute(select(a, b))}
    gone = existing - wanted
    for x, y in sorted(gone):
        session.execute(delete(table).where(a == x, b == y))
    new = sorted(wanted - existing)
    if new:
        session.execute(insert(table), [dict(zip(columns, pair, strict=True)) for pair in new])
    return len(gone) + len(new)


def _sync_entities(session: Session, totals: dict[str, dict[str, Any]], keep: set[str]) -> int:
    changed = 0
    unused: list[str] = []
    for row in session.execute(
        select(EntityRow.id, EntityRow.aliases, EntityRow.documents, EntityRow.mentions)
    ):
        wanted = totals.get(row.id)
        if wanted is None:
            if row.id not in keep:
                unused.append(row.id)
            continue
        if (list(row.aliases or []), row.documents, row.mentions) != (
            wanted["aliases"],
            wanted["documents"],
            wanted["mentions"],
        ):
            changed += 1
            session.execute(update(EntityRow).where(EntityRow.id == row.id).values(**wanted))
    for ids in _chunks(unused):
        changed += len(ids)
        session.execute(delete(EntityRow).where(EntityRow.id.in_(ids)))
    return changed


def apply(session: Session, derived: Derived, keep_entities: set[str]) -> dict[str, int]:
    """Write ``derived`` over the derived tables; rows changed per table.

    Entities with no mention, quote or stance left (their documents were replaced) are
    deleted unless an event mention still names them (``keep_entities``).
    """
    # rows before links: a fused event or point that goes away takes its links with it
    return {
        "fused_events": _sync_rows(session, FusedEventRow, derived.events),
        "fused_event_mentions": _sync_links(
            session, FusedEventMentionRow, ("fused_event_id", "event_mention_id"), derived.links
        ),
        "fused_event_entities": _sync_links(
            session, FusedEventEntityRow, ("fused_event_id", "entity_id"), derived.named
        ),
        "entity_partners": _sync_rows(
            session, EntityPartnerRow, derived.partners, key=("entity_id", "partner_id")
        ),
        "stance_points": _sync_rows(session, StancePointRow, derived.points),
        "stance_point_evidence": _sync_links(
            session, StancePointEvidenceRow, ("point_id", "stance_id"), derived.evidence
        ),
        "entities": _sync_entities(session, derived.entities, keep_entities),
    }
