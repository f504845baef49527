"""Corrections over what the machine made: a record, the stance matrix, the timeline;
and the corrections whose evidence is gone (orphans, listed, never dropped).

The shown item is the latest correction's (``log.latest``): ``reject`` takes it out,
``correct`` sets the fields the editor gave, ``confirm`` keeps it; each reviewed item
carries ``reviewed: true`` and ``machine``, the machine's values the review replaced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from tregua.review.items import ITEM_KINDS, added_item, correct_items, correct_listed, read_for
from tregua.review.log import Correction, key_of, latest, locate, read, target
from tregua.review.split import split_event, taken
from tregua.store import Store
from tregua.store.queries.actors import actor_stances
from tregua.store.queries.events import timeline_compact
from tregua.store.queries.quotes import quotes_page
from tregua.store.schema import DocumentRow, EventMentionRow, FusedEventMentionRow

#: a record's list of each kind; a fused event's correction falls on the report it names
RECORD_LISTS = {"event": "events", "quote": "quotes", "stance": "stances"}
_RECORD_KIND = {"event": "event", "fused_event": "event", "quote": "quote", "stance": "stance"}
_ITEM_ACTIONS = ("confirm", "correct", "reject")
#: the actions that change how many items a list shows
_COUNTED = ("reject", "merge", "split")


def correct_record(record: Mapping[str, Any], corrections: Iterable[Correction]) -> dict[str, Any]:
    """``record`` (OUTPUT.md) with its corrections applied (``items.shown_item``); the
    record's ``reviewed`` says whether any applied."""
    doc_id = str(record["id"])
    shown = [
        c
        for c in latest(c for c in corrections if c.document_id == doc_id).values()
        if c.kind in _RECORD_KIND
    ]
    out = dict(record)
    reviewed = False
    for kind, name in RECORD_LISTS.items():
        result, touched = correct_items(kind, doc_id, list(record.get(name) or []), shown)
        reviewed = reviewed or touched
        for correction in shown:
            if correction.action == "add" and _RECORD_KIND[correction.kind] == kind:
                reviewed = True
                result.append(added_item(kind, correction))
        out[name] = result
    out["reviewed"] = reviewed
    return out


def orphans(store: Store, corrections: Sequence[Correction] | None = None) -> list[Correction]:
    """Corrections whose evidence the store no longer holds: their document is gone, or no
    item of it has the key's words any more (kept in the log, shown here)."""
    corrections = read(store) if corrections is None else corrections
    records = _records(store, {c.document_id for c in corrections})
    found: list[Correction] = []
    for correction in corrections:
        record = records.get(correction.document_id)
        if record is None:
            found.append(correction)
            continue
        key = correction.key
        if correction.action == "add":
            start, end = key.get("start"), key.get("end")
            text = str(record.get("text") or "")
            if not (isinstance(start, int) and isinstance(end, int)) or (
                text[start:end] != key.get("text")
            ):
                found.append(correction)
            continue
        kind = _RECORD_KIND[correction.kind]
        items = record.get(RECORD_LISTS[kind]) or []
        if locate(kind, key, [key_of(kind, correction.document_id, i) for i in items]) is None:
            found.append(correction)
    return found


def _records(store: Store, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(doc_ids))
    found: dict[str, dict[str, Any]] = {}
    with store.reading() as session:
        for start in range(0, len(wanted), 500):
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.record).where(
                    DocumentRow.id.in_(wanted[start : start + 500])
                )
            )
            found.update({doc_id: record for doc_id, record in rows})
    return found


# -- the stance matrix -------------------------------------------------------------------


def correct_matrix(store: Store, cells: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The matrix's cells with the stance corrections of their evidence applied.

    A rejected stance leaves its cell's evidence, and so does one corrected onto another
    side or issue; a cell left without evidence is not shown. A cell with reviewed evidence
    takes the one polarity that evidence now has (``mixed`` when it disagrees, unless the
    machine's value is among them) and shows ``reviewed`` and the machine's ``polarity``.
    """
    doc_ids = {e["document_id"] for cell in cells for e in cell.get("evidence", [])}
    corrections = read(store, kinds=["stance"], document_ids=doc_ids) if doc_ids else []
    if not corrections:
        return [dict(c) for c in cells]
    shown = latest(corrections)
    out: list[dict[str, Any]] = []
    for cell in cells:
        evidence: list[dict[str, Any]] = []
        touched = False
        for item in cell.get("evidence", []):
            key = {
                "document_id": item["document_id"],
                "side": cell["side"],
                "issue": cell["issue"],
                "evidence": item["evidence"]["text"],
            }
            correction = shown.get(target("stance", key))
            if correction is None or correction.action not in _ITEM_ACTIONS:
                evidence.append(dict(item))
                continue
            touched = True
            after = correction.after or {}
            moved = after.get("issue", cell["issue"]) != cell["issue"] or (
                after.get("country", cell["side"]) != cell["side"]
            )
            if correction.action == "reject" or moved:
                continue
            changed = {**item, **{f: after[f] for f in ("polarity", "actor") if f in after}}
            changed["reviewed"] = True
            changed["machine"] = {"polarity": item["polarity"], "actor": item.get("actor")}
            evidence.append(changed)
        if not touched:
            out.append(dict(cell))
            continue
        if not evidence:
            continue
        polarities = {e["polarity"] for e in evidence}
        polarity = (
            polarities.pop()
            if len(polarities) == 1
            else (cell["polarity"] if cell["polarity"] in polarities else "mixed")
        )
        out.append(
            {
                **cell,
                "polarity": polarity,
                "evidence": evidence,
                "reviewed": True,
                "machine": {"polarity": cell["polarity"]},
            }
        )
    return out


# -- the timeline ------------------------------------------------------------------------

#: the timeline's fields a fused event's correction sets (actors stay the machine's there)
_TIMELINE_FIELDS = ("type", "status", "date", "date_end", "place", "countries")


def _reports(
    store: Store,
    doc_ids: Iterable[str],
    shown_ids: set[str] | None = None,
    joining: Iterable[str] = (),
) -> dict[str, list[dict[str, Any]]]:
    """Every report of each fused event reported in ``doc_ids`` (the documents that
    corrections name), by fused event: the only events a correction can fall on. With
    ``shown_ids`` (a page of events), only those and the events reported in ``joining``
    (the documents merges and splits name, whose events may lie off the page)."""
    wanted = sorted(set(doc_ids))
    joined = set(joining)
    mention = FusedEventMentionRow
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with store.reading() as session:
        events: set[str] = set()
        for start in range(0, len(wanted), 500):
            events.update(
                fused_id
                for fused_id, doc_id in session.execute(
                    select(mention.fused_event_id, EventMentionRow.document_id)
                    .join(EventMentionRow, EventMentionRow.id == mention.event_mention_id)
                    .where(EventMentionRow.document_id.in_(wanted[start : start + 500]))
                )
                if shown_ids is None or fused_id in shown_ids or doc_id in joined
            )
        ids = sorted(events)
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(
                    mention.fused_event_id,
                    EventMentionRow.document_id,
                    EventMentionRow.type,
                    EventMentionRow.evidence,
                    EventMentionRow.start,
                )
                .join(EventMentionRow, EventMentionRow.id == mention.event_mention_id)
                .where(mention.fused_event_id.in_(ids[start : start + 500]))
            )
            for fused_id, doc_id, kind, evidence, begin in rows:
                found[fused_id].append(
                    {"document_id": doc_id, "type": kind, "evidence": evidence, "start": begin}
                )
    return found


def correct_timeline(store: Store, events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The timeline's fused events with the corrections of them and of their reports.

    A fused event is left out when an editor rejected it, or every report of it; merged
    into another (``merge``), it is left out and the other lists it in ``merged``. A
    correction sets the fields it gives; the event shows ``reviewed`` and ``machine``.
    """
    corrections = read(store, kinds=["event", "fused_event"])
    if not corrections or not events:
        return [dict(e) for e in events]
    shown = latest(corrections)
    named = {c.document_id for c in shown.values()}
    named |= {
        str(c.after["with"].get("document_id"))
        for c in shown.values()
        if c.action == "merge" and c.after
    }
    joining = {
        str(doc_id)
        for c in shown.values()
        if c.action in ("merge", "split")
        for doc_id in (c.document_id, (c.after or {}).get("with", {}).get("document_id"))
        if doc_id
    }
    # a page of events needs the reports of its own events (and of those merges join)
    reports = _reports(store, named, {str(e["id"]) for e in events}, joining)
    merged_into: dict[str, str] = {}  # the id of an event merged away -> the one it joins
    decisions: dict[str, Correction] = {}
    for event in events:
        fused = [
            c
            for r in reports.get(event["id"], [])
            if (c := shown.get(target("fused_event", r))) is not None
        ]
        by_report = [shown.get(target("event", r)) for r in reports.get(event["id"], [])]
        if fused:
            decisions[event["id"]] = max(fused, key=lambda c: (c.at, c.id))
        elif by_report and all(c is not None and c.action == "reject" for c in by_report):
            decisions[event["id"]] = max(
                (c for c in by_report if c is not None), key=lambda c: (c.at, c.id)
            )
        elif len(by_report) == 1 and by_report[0] is not None:
            decisions[event["id"]] = by_report[0]
    merges = [c for c in shown.values() if c.action == "merge"]
    owner = {target("event", r): e for e, rs in reports.items() for r in rs}
    for merge in merges:
        keep = owner.get(target("event", merge.key))
        gone = owner.get(target("event", (merge.after or {}).get("with", {})))
        if keep and gone and keep != gone:
            merged_into[gone] = keep
    out: list[dict[str, Any]] = []
    joined: dict[str, list[str]] = defaultdict(list)
    for gone, keep in merged_into.items():
        joined[keep].append(gone)
    for event in events:
        if event["id"] in merged_into:
            continue
        correction = decisions.get(event["id"])
        if correction is not None and correction.action == "reject":
            continue
        shown_event = dict(event)
        if correction is None and event["id"] not in joined:
            out.append(shown_event)
            continue
        machine: dict[str, Any] = {}
        if correction is not None and correction.action == "correct":
            for field, value in (correction.after or {}).items():
                if field in _TIMELINE_FIELDS and shown_event.get(field) != value:
                    machine[field] = shown_event.get(field)
                    shown_event[field] = value
        shown_event["reviewed"] = True
        shown_event["machine"] = machine
        if event["id"] in joined:
            shown_event["merged"] = sorted(joined[event["id"]])
        out.append(shown_event)
    return _split(store, out, shown.values(), reports, owner)


def _split(
    store: Store,
    events: list[dict[str, Any]],
    shown: Iterable[Correction],
    reports: Mapping[str, list[dict[str, Any]]],
    owner: Mapping[tuple[Any, ...], str],
) -> list[dict[str, Any]]:
    """``events`` with each split applied (``split.py``): the event left in its place, the
    new one after it."""
    for correction in sorted(shown, key=lambda c: (c.at, c.id)):
        if correction.action != "split":
            continue
        event_id = owner.get(target("event", correction.key))
        at = next((n for n, e in enumerate(events) if e["id"] == event_id), None)
        if event_id is None or at is None:
            continue
        out = taken(correction, reports.get(event_id, []))
        parts = split_event(store, events[at], out, correction) if out else None
        if parts is not None:
            events[at : at + 1] = list(parts)
    return events


def correct_profile(store: Store, profile: Mapping[str, Any]) -> dict[str, Any] | None:
    """An actor's profile (``queries.actor_profile``) with its events, quotes and stances
    as the editors left them (``correct_timeline``, ``items.shown_item``), and its
    ``*_total`` counts of them as shown (``_totals``); None when no correction touches it."""
    events = correct_timeline(store, profile["events"])
    lists: dict[str, list[dict[str, Any]] | None] = {}
    for kind, name in (("quote", "quotes"), ("stance", "stances")):
        items = profile[name]
        named = read_for(store, kind, (i["document_id"] for i in items))
        lists[name] = correct_listed(kind, items, named) if named else None
    totals = _totals(store, profile)
    moved = len(events) != len(profile["events"]) or any("reviewed" in e for e in events)
    if not moved and not totals and all(v is None for v in lists.values()):
        return None
    out = {**profile, "events": events, **totals}
    out.update({name: found for name, found in lists.items() if found is not None})
    return out


def _totals(store: Store, profile: Mapping[str, Any]) -> dict[str, int]:
    """The ``*_total`` counts that corrections move: the machine's count, less the actor's
    items editors rejected (and events merged away), plus the events split off, as its
    lists would show them were they whole. Items editors added are not counted (the
    lists do not show them either); a count nothing moved is left out. Only a kind some
    correction rejects, merges or splits is read whole (its compact events, its quotes,
    its stances)."""
    kinds = {c.kind for c in read(store, actions=_COUNTED)}
    actor = str(profile["id"])
    moved: dict[str, int] = {}
    if kinds & {"event", "fused_event"}:
        events = timeline_compact(store, actor=actor)
        moved["events"] = len(correct_timeline(store, events)) - len(events)
    for kind, name in (("quote", "quotes"), ("stance", "stances")):
        if kind not in kinds:
            continue
        items: list[Any] = (
            list(quotes_page(store, speaker_id=actor)[0])
            if kind == "quote"
            else list(actor_stances(store, actor))
        )
        found = correct_listed(kind, items, read(store, kinds=ITEM_KINDS[kind]))
        moved[name] = 0 if found is None else len(found) - len(items)
    return {f"{name}_total": profile[f"{name}_total"] + n for name, n in moved.items() if n}
