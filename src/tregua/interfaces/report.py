"""The terminal summary of a set of records: actors, events by date, quotes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tregua.fuse.events import fuse_events


@dataclass(frozen=True, slots=True)
class ActorRow:
    name: str
    type: str
    country: str | None
    mentions: int
    documents: int


@dataclass(frozen=True, slots=True)
class EventRow:
    date: str | None
    type: str
    status: str
    countries: tuple[str, ...]
    place: str | None
    evidence: str
    sources: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str
    country: str | None
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    actors: list[ActorRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)


def summarize(records: list[dict[str, Any]]) -> Summary:
    """Actors by mentions, fused events by date (undated last), quotes in document order."""
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    info: dict[str, tuple[str, str, str | None]] = {}
    events: list[EventRow] = []
    quotes: list[QuoteRow] = []
    for record in records:
        for entity in record["entities"]:
            if entity["type"] not in {"PERSON", "ORG"}:
                continue
            mentions[entity["id"]] += len(entity["mentions"])
            documents[entity["id"]] += 1
            info[entity["id"]] = (entity["name"], entity["type"], entity["country"])
        for q in record["quotes"]:
            who = q["speaker_name"] or q["speaker_description"] or "?"
            quotes.append(QuoteRow(who, q["speaker_country"], q["text"], record["source"]))
    actors = [
        ActorRow(*info[key], mentions[key], documents[key]) for key, _ in mentions.most_common()
    ]
    for fused in fuse_events(records):
        first = fused.mentions[0]
        events.append(
            EventRow(
                fused.date,
                fused.type,
                first.status,
                fused.countries,
                first.place,
                first.evidence,
                len(fused.sources),
            )
        )
    return Summary(len(records), actors, events, quotes)
