"""A fused event split by an editor: the reports a ``split`` names become an event of
their own (issue #18).

A ``split`` correction names the fused event by one of its reports (its key) and, in
``after.reports``, the keys of the reports to take out. After the next fusion the event is
whichever holds that report, and the reports taken out are those of it the keys still
match; a split naming none of its reports, or all of them, changes nothing.

The new event is drawn from its reports as they were stored, the earliest published first:
type, status, dates, place and countries of that report, the actors of all of them, the
highest confidence, ``copies`` the documents reporting it; what fusion alone says
(``independent_sources``, ``wire``, ``disagreements``) is left empty rather than guessed.
Its id is the fused event's, ``-split-`` and the correction's id; it carries
``reviewed``, ``machine: {}`` and ``split_from``. The event it left keeps its fields
(fusion set them from every report) with fewer reports, ``copies`` and ``sources``, and
is marked ``reviewed`` with those counts as the machine gave them in ``machine``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from tregua.review.log import Correction, matches
from tregua.store import Store
from tregua.store.queries.common import entity, names
from tregua.store.queries.events import report_of
from tregua.store.schema import DocumentRow, EventMentionRow


def taken(correction: Correction, reports: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The reports of one fused event (``apply._reports``) a split takes out: none
    unless it names some, and not all, of them."""
    named = [r for r in (correction.after or {}).get("reports", []) if isinstance(r, Mapping)]
    out = [r for r in reports if any(matches("event", key, r) for key in named)]
    return out if 0 < len(out) < len(reports) else []


def _mentions(store: Store, reports: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """(mention, source, outlet, published) of each report, the earliest published first."""
    found: list[tuple[Any, ...]] = []
    with store.reading() as session:
        for report in reports:
            row = session.execute(
                select(EventMentionRow, DocumentRow.source, DocumentRow.outlet)
                .add_columns(DocumentRow.published)
                .join(DocumentRow, DocumentRow.id == EventMentionRow.document_id)
                .where(
                    EventMentionRow.document_id == report["document_id"],
                    EventMentionRow.type == report["type"],
                    EventMentionRow.evidence == report["evidence"],
                    EventMentionRow.start == report["start"],
                )
            ).first()
            if row is not None:
                found.append(tuple(row))
        found.sort(key=lambda r: (r[3] or "9999", r[0].document_id, r[0].ordinal))
        actors = names(session, (a for r in found for a in (*r[0].actors, *r[0].targets)))
    return [(*r, actors) for r in found]


def split_event(
    store: Store, event: Mapping[str, Any], out: Sequence[Mapping[str, Any]], correction: Correction
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(the event left, the new one) of ``event`` (a timeline or an events page's) when
    ``correction`` takes the reports ``out`` from it; None when they are not stored."""
    rows = _mentions(store, out)
    if not rows:
        return None
    first = rows[0][0]
    documents = {r[0].document_id for r in rows}
    sources = sorted({r[1] for r in rows})
    actor_ids = list(dict.fromkeys(a for r in rows for a in r[0].actors))
    target_ids = list(dict.fromkeys(a for r in rows for a in r[0].targets))
    entities = rows[0][4]
    scores = [r[0].confidence for r in rows if r[0].confidence is not None]
    new: dict[str, Any] = {
        **event,
        "id": f"{event['id']}-split-{correction.id}",
        "type": first.type,
        "mode": first.mode,
        "status": first.status,
        "date": first.date,
        "date_end": first.date_end,
        "date_source": first.date_source,
        "place": first.place,
        "place_country": first.place_country,
        "lat": first.lat,
        "lon": first.lon,
        "countries": list(first.countries or ()),
        "actors": [entity(entities, a) for a in actor_ids],
        "targets": [entity(entities, t) for t in target_ids],
        "dead": first.dead,
        "injured": first.injured,
        "disputed": False,
        "disagreements": {},
        "evidence": first.evidence,
        "document_id": first.document_id,
        "confidence": max(scores) if scores else None,
        "copies": len(documents),
        "independent_sources": None,
        "wire": None,
        "reviewed": True,
        "machine": {},
        "split_from": event["id"],
    }
    left = dict(event)
    machine = dict(left.get("machine") or {})
    if isinstance(event.get("sources"), list):
        new["sources"] = sources
        left["sources"] = [s for s in event["sources"] if s not in sources]
    elif isinstance(event.get("sources"), int):
        new["sources"] = len(sources)
        left["sources"] = max(event["sources"] - len(sources), 0)
    if isinstance(event.get("reports"), list):
        new["reports"] = [report_of(*r[:4]) for r in rows]
        left["reports"] = [
            r
            for r in event["reports"]
            if not any(
                (r["document_id"], r["evidence"]["text"]) == (m.document_id, m.evidence)
                for m, *_ in rows
            )
        ]
    if isinstance(event.get("copies"), int):
        left["copies"] = max(event["copies"] - len(documents), 0)
    for field in ("sources", "copies"):
        if left.get(field) != event.get(field):
            machine.setdefault(field, event.get(field))
    new.pop("merged", None)
    for field in [
        f for f in new if f not in event and f not in ("reviewed", "machine", "split_from")
    ]:
        new.pop(field)
    left["reviewed"] = True
    left["machine"] = machine
    return left, new
