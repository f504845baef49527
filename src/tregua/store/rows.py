"""One record (the OUTPUT.md mapping) as the rows of the store's per-document tables.

Records are read defensively: a field that a later or earlier pipeline does not write is
taken as empty, so an old JSON Lines file still loads. The text a fact's offsets point at
is never trusted over the offsets: ``paragraphs.text`` is ``text[start:end]``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tregua.model import RawDoc


def record_hash(data: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a record: equal records, equal hashes."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def raw_hash(raw: RawDoc) -> str:
    """sha1 of an input as read (text and metadata); the same file read again, same hash."""
    parts = [raw.source, raw.text, raw.title, raw.outlet, raw.url, raw.published]
    canonical = json.dumps([None if p is None else str(p) for p in parts], ensure_ascii=False)
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()


@dataclass
class DocumentRows:
    """Row values of one document, keyed by table; ``document_id`` filled in every child."""

    document: dict[str, Any]
    entities: list[dict[str, Any]] = field(default_factory=list)
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return list(value) if isinstance(value, list | tuple) else []


def _evidence(item: Mapping[str, Any]) -> tuple[int, int, str]:
    span = item.get("evidence") or {}
    return int(span.get("start", 0)), int(span.get("end", 0)), str(span.get("text", ""))


def provenance_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """The ``documents`` columns of where a record's text comes from (migration 0007)."""
    dateline = data.get("dateline") or {}
    return {
        "agency": data.get("agency"),
        "cluster": data.get("cluster"),
        "dateline_place": dateline.get("place"),
        "dateline_date": dateline.get("date"),
    }


def rows_of(data: Mapping[str, Any], digest: str) -> DocumentRows:
    """Every row one record gives; ``digest`` is its ``record_hash``."""
    doc_id = str(data["id"])
    text = str(data.get("text") or "")
    rows = DocumentRows(
        document={
            "id": doc_id,
            "source": str(data.get("source") or doc_id),
            "title": data.get("title"),
            "outlet": data.get("outlet"),
            "language": str(data.get("language") or "und"),
            "published": data.get("published"),
            "published_inferred": bool(data.get("published_inferred", False)),
            "text": text,
            "record": dict(data),
            "pipeline_version": str(data.get("pipeline_version") or ""),
            "record_hash": digest,
            **provenance_of(data),
        }
    )
    entities, mentions = _entity_rows(data)
    quotes = _quote_rows(data, entities)
    stances = _stance_rows(data, entities)
    children: dict[str, list[dict[str, Any]]] = {
        "paragraphs": _paragraph_rows(data, text),
        "flags": _flag_rows(data),
        "mentions": mentions,
        "event_mentions": _event_rows(data),
        "quotes": quotes,
        "stances": stances,
    }
    for table in children.values():
        for row in table:
            row["document_id"] = doc_id
    for row in (*quotes, *stances):
        row["published"] = rows.document["published"]  # their order is the document's
    rows.entities = list(entities.values())
    rows.children = children
    return rows


def _paragraph_rows(data: Mapping[str, Any], text: str) -> list[dict[str, Any]]:
    return [
        {
            "ordinal": int(p.get("index", n)),
            "start": p["start"],
            "end": p["end"],
            "kind": p.get("kind", "reporting"),
            "text": text[p["start"] : p["end"]],
        }
        for n, p in enumerate(_list(data, "paragraphs"))
    ]


def _flag_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "ordinal": n,
            "kind": f["kind"],
            "start": f["start"],
            "end": f["end"],
            "text": f.get("text", ""),
            "reason": f.get("reason", ""),
        }
        for n, f in enumerate(_list(data, "flags"))
    ]


def _entity_rows(
    data: Mapping[str, Any],
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The record's entities by id, and their mentions in order."""
    entities: dict[str, dict[str, Any]] = {}
    mentions: list[dict[str, Any]] = []
    for entity in _list(data, "entities"):
        entities[entity["id"]] = {
            "id": entity["id"],
            "name": entity.get("name") or entity["id"],
            "type": entity.get("type") or "MISC",
            "country": entity.get("country"),
            "aliases": sorted(set(entity.get("aliases") or [])),
        }
        base = len(mentions)
        mentions.extend(
            {
                "ordinal": base + n,
                "entity_id": entity["id"],
                "start": m["start"],
                "end": m["end"],
                "text": m.get("text", ""),
            }
            for n, m in enumerate(entity.get("mentions") or [])
        )
    return entities, mentions


def _event_rows(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    for n, ev in enumerate(_list(data, "events")):
        start, end, evidence = _evidence(ev)
        place = ev.get("location") or {}
        events.append(
            {
                "ordinal": n,
                "type": ev["type"],
                "mode": ev.get("mode"),
                "status": ev.get("status") or "occurred",
                "date": ev.get("date"),
                "date_end": ev.get("date_end"),
                "date_text": ev.get("date_text"),
                # records before date_source existed: a date was always read from the text
                "date_source": ev.get("date_source", "text" if ev.get("date") else None),
                "place": place.get("name"),
                "place_country": place.get("country"),
                "lat": place.get("lat"),
                "lon": place.get("lon"),
                "actors": list(ev.get("actors") or []),
                "targets": list(ev.get("targets") or []),
                "countries": sorted(set(ev.get("countries") or [])),
                "dead": ev.get("dead"),
                "injured": ev.get("injured"),
                "confidence": ev.get("confidence"),
                "start": start,
                "end": end,
                "evidence": evidence,
            }
        )
    return events


def _quote_rows(
    data: Mapping[str, Any], entities: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The quote rows; a speaker the record does not list among its entities is added to
    ``entities`` as a stub."""
    quotes: list[dict[str, Any]] = []
    for n, q in enumerate(_list(data, "quotes")):
        speaker = q.get("speaker")
        if speaker and speaker not in entities:
            entities[speaker] = _stub(speaker, q.get("speaker_name"), q.get("speaker_country"))
        quotes.append(
            {
                "ordinal": n,
                "text": q.get("text", ""),
                "direct": bool(q.get("direct", False)),
                "start": q["start"],
                "end": q["end"],
                "speaker": speaker,
                "speaker_name": q.get("speaker_name"),
                "speaker_description": q.get("speaker_description"),
                "speaker_country": q.get("speaker_country"),
                "cue": q.get("cue"),
                "via": q.get("via"),
                "confidence": q.get("confidence"),  # fitted (OUTPUT.md v1.1); None before
            }
        )
    return quotes


def _stance_rows(
    data: Mapping[str, Any], entities: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The stance rows; an actor the record does not list is added to ``entities``."""
    stances: list[dict[str, Any]] = []
    for n, s in enumerate(_list(data, "stances")):
        actor = s.get("actor")
        if actor and actor not in entities:
            entities[actor] = _stub(actor, None, s.get("country"))
        start, end, evidence = _evidence(s)
        stances.append(
            {
                "ordinal": n,
                "actor": actor,
                "country": s.get("country") or "",
                "issue": s["issue"],
                "polarity": s["polarity"],
                "confidence": s.get("confidence"),  # fitted (OUTPUT.md v1.1); None before
                "start": start,
                "end": end,
                "evidence": evidence,
            }
        )
    return stances


def _stub(entity_id: str, name: str | None, country: str | None) -> dict[str, Any]:
    """An entity a quote or stance names without the record listing it among its entities."""
    return {
        "id": entity_id,
        "name": name or entity_id,
        "type": "PERSON" if name else "MISC",
        "country": country,
        "aliases": [],
    }
