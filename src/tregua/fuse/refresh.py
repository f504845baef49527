"""Recompute the cross-document layer of a store: fused events, stance points, entities.

Run after every ingest (``tregua ingest`` does); it reads the stored facts, fuses them with
the pure functions of this package, and the store writes only the rows that differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tregua.fuse.entities import EntityTotals, count_partners, merge_entities
from tregua.fuse.events import EventMention, FusedEvent, fuse_mentions
from tregua.fuse.sources import Provenance, count_sources
from tregua.fuse.stances import StanceFact, StancePoint, stance_timeline
from tregua.store import Store, derived


@dataclass(frozen=True, slots=True)
class FusionReport:
    events: int  # fused events
    mentions: int  # event mentions they came from
    multi_source: int  # fused events reported by more than one document
    independent: int  # fused events confirmed by more than one independent source
    one_wire: int  # fused events whose every report comes from one agency's wire
    disputed: int  # fused events whose sources disagree
    points: int  # stance points
    changes: dict[str, int]  # rows changed per derived table


def _mention(row: dict[str, Any]) -> EventMention:
    return EventMention(
        record_id=row["document_id"],
        source=row["source"],
        type=row["type"],
        status=row["status"],
        date=row["date"],
        date_end=row["date_end"],
        place=row["place"],
        countries=frozenset(row["countries"] or ()),
        dead=row["dead"],
        injured=row["injured"],
        evidence=row["evidence"],
        key=f"{row['document_id']}:{row['ordinal']}",
        published=row["published"],
        date_source=row["date_source"],
        mode=row["mode"],
        place_country=row["place_country"],
        lat=row["lat"],
        lon=row["lon"],
        actors=tuple(row["actors"] or ()),
        targets=tuple(row["targets"] or ()),
        row_id=row["id"],
        confidence=row["confidence"],
    )


def fused_row(
    event: FusedEvent, provenance: Mapping[str, Provenance] | None = None
) -> dict[str, Any]:
    """The ``fused_events`` row of a fused event; ``provenance`` (by document id) gives its
    independent sources, without it each document counts as one."""
    at = event.location
    known = provenance or {}
    sources = count_sources(known.get(r, Provenance(r)) for r in event.record_ids)
    detail = event.disagreement_detail()
    return {
        "id": event.key,
        "type": event.type,
        "mode": event.mode,
        "status": event.status,
        "date": event.date,
        "date_end": event.date_end,
        "date_source": event.date_source,
        "place": event.place,
        "place_country": at.place_country if at else None,
        "lat": at.lat if at else None,
        "lon": at.lon if at else None,
        "countries": list(event.countries),
        "actors": list(event.actors),
        "targets": list(event.targets),
        "dead": event.dead,
        "injured": event.injured,
        "disputed": bool(detail),
        "disagreements": detail,
        "sources": list(event.sources),
        "evidence": event.evidence,
        "document_id": event.record_ids[0] if event.record_ids else None,
        "copies": sources.copies,
        "independent_sources": sources.independent,
        "wire": sources.wire,
        "confidence": event.confidence,
    }


def refresh(store: Store) -> FusionReport:
    """Fuse everything stored and write the result; safe to run at any time, any number."""
    with derived.fusing(store) as session:
        rows = derived.event_mentions(session)
        mentions = [_mention(row) for row in rows]
        provenance = {
            row["document_id"]: Provenance(
                row["document_id"], row["outlet"], row["agency"], row["cluster"]
            )
            for row in rows
        }
        fused = fuse_mentions(mentions)
        points = stance_timeline(
            StanceFact(
                stance_id=row["id"],
                side=row["country"],
                issue=row["issue"],
                polarity=row["polarity"],
                date=row["published"],
                actor=row["actor"],
                document_id=row["document_id"],
                evidence=row["evidence"],
            )
            for row in derived.stances(session)
        )
        mention_rows, references, named = derived.entity_references(session)
        totals = merge_entities(mention_rows, references)
        counts = [
            count_sources(provenance.get(r, Provenance(r)) for r in e.record_ids) for e in fused
        ]
        changes = derived.apply(
            session, _derived(fused, points, totals, provenance), keep_entities=named
        )
    return FusionReport(
        events=len(fused),
        mentions=len(mentions),
        multi_source=sum(len(e.record_ids) > 1 for e in fused),
        independent=sum(c.independent > 1 for c in counts),
        one_wire=sum(c.wire is not None for c in counts),
        disputed=sum(bool(e.disagreements) for e in fused),
        points=len(points),
        changes=changes,
    )


def _derived(
    fused: list[FusedEvent],
    points: list[StancePoint],
    totals: dict[str, EntityTotals],
    provenance: Mapping[str, Provenance],
) -> derived.Derived:
    return derived.Derived(
        events=[fused_row(e, provenance) for e in fused],
        links={(e.key, m.row_id) for e in fused for m in e.mentions if m.row_id is not None},
        named={(e.key, entity_id) for e in fused for entity_id in {*e.actors, *e.targets}},
        partners=[
            {"entity_id": entity_id, "partner_id": partner_id, "events": events}
            for (entity_id, partner_id), events in count_partners(
                (*e.actors, *e.targets) for e in fused
            ).items()
        ],
        points=[
            {
                "id": p.id,
                "side": p.side,
                "issue": p.issue,
                "date": p.date,
                "polarity": p.polarity,
                "previous": p.previous,
            }
            for p in points
        ],
        evidence={(p.id, s) for p in points for s in p.stance_ids},
        entities={
            entity_id: {
                "aliases": list(t.aliases),
                "documents": t.documents,
                "mentions": t.mentions,
            }
            for entity_id, t in totals.items()
        },
    )
