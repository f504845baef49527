"""The corrections as gold: every reviewed document in the ANNOTATION.md format.

A document is reviewed when a correction names one of its items and that item is still
there (or the words it added are). Its gold file is the corrected record: what the editors
confirmed, corrected or added, without what they rejected, and the items nobody corrected
as the machine made them (an editor who reviewed the document let them stand). Each file
carries ``url``, the record's ``source``, so ``score.py`` matches the pipeline's records of
the same inputs to it, and is named after the document id.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tregua.review.apply import _records, correct_record, orphans
from tregua.review.log import Correction, read
from tregua.store import Store


def _text(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("text")
    return None if value is None else str(value)


def gold_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """One corrected record (OUTPUT.md) as a gold file (ANNOTATION.md)."""
    entities = list(record.get("entities") or [])
    name = {str(e.get("id")): str(e.get("name")) for e in entities if e.get("id")}

    def canonical(ref: Any) -> str | None:
        return None if ref is None else name.get(str(ref), str(ref))

    events = []
    for event in record.get("events") or []:
        date, end = event.get("date"), event.get("date_end")
        location = event.get("location")
        events.append(
            {
                "type": event.get("type"),
                "status": event.get("status"),
                "date": [date, end] if date and end else date,
                "location": location.get("name") if isinstance(location, Mapping) else None,
                "countries": list(event.get("countries") or []),
                "actors": [canonical(a) for a in event.get("actors") or []],
                "dead": event.get("dead"),
                "injured": event.get("injured"),
                "evidence": _text(event.get("evidence")),
            }
        )
    quotes = [
        {
            "speaker": canonical(q.get("speaker")) or q.get("speaker_name"),
            "speaker_country": q.get("speaker_country"),
            "direct": bool(q.get("direct", True)),
            "text": q.get("text"),
        }
        for q in record.get("quotes") or []
    ]
    stances = [
        {
            "country": s.get("country"),
            "actor": canonical(s.get("actor")),
            "issue": s.get("issue"),
            "polarity": s.get("polarity"),
            "evidence": _text(s.get("evidence")),
        }
        for s in record.get("stances") or []
    ]
    published = record.get("published")
    return {
        "source": record.get("source"),
        "url": record.get("source"),
        "published": [published] if published else None,
        "entities": [
            {
                "name": e.get("name"),
                "type": e.get("type"),
                "country": e.get("country"),
                "aliases": list(e.get("aliases") or []),
            }
            for e in entities
        ],
        "events": events,
        "quotes": quotes,
        "stances": stances,
        "flags": [
            {"kind": f.get("kind"), "text": f.get("text")} for f in record.get("flags") or []
        ],
    }


def export_gold(store: Store, folder: Path) -> list[Path]:
    """Write one gold file per reviewed document into ``folder``; the files written."""
    corrections = read(store)
    lost = {c.id for c in orphans(store, corrections)}
    by_document: dict[str, list[Correction]] = defaultdict(list)
    for correction in corrections:
        if correction.id not in lost:
            by_document[correction.document_id].append(correction)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc_id, record in sorted(_records(store, by_document).items()):
        gold = gold_of(correct_record(record, by_document[doc_id]))
        path = folder / f"{doc_id}.json"
        path.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written
