"""Typed records passed from stage to stage.

Field names follow ``spec/OUTPUT.md`` so that ``record_to_dict`` is a plain mapping.
Every offset is a code-point offset into ``CleanDoc.text``; ``text[start:end]`` is the
evidence of the fact that carries it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from tregua.errors import QuarantineReason

ParagraphKind = Literal["reporting", "caption", "commentary", "boilerplate", "duplicate"]
FlagKind = Literal[
    "duplicate_paragraph", "inserted_commentary", "boilerplate", "glued_words", "caption"
]
Status = Literal["occurred", "planned", "hypothetical", "negated"]
Polarity = Literal["support", "oppose", "conditional", "mixed"]

#: paragraph kinds whose text the extractors skip
SKIPPED_KINDS: frozenset[str] = frozenset({"duplicate", "boilerplate", "commentary"})


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One article as a reader found it, before any cleaning."""

    source: str  # path, URL or FILE#LINE: where the record comes from
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None  # from metadata only; inference happens later


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of evidence: ``text == doc_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: ParagraphKind = "reporting"


@dataclass(frozen=True, slots=True)
class Flag:
    kind: FlagKind
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Repair:
    """How to read a stretch of ``CleanDoc.text`` that the source got wrong.

    ``text[start:end]`` is what the source printed ("generaruna"); ``replacement`` is what it
    meant ("generar una"). The text itself is never changed, so every offset stays evidence;
    a stage that tokenises may read ``replacement`` in place of the span.
    """

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where, when and through whom a report was filed: "MADRID, 26 Feb. (EUROPA PRESS) -".

    ``place`` is where the report was written, never an event's venue; ``date`` is
    ``YYYY-MM-DD``, or ``XXXX-MM-DD`` while its year is unknown, or None; ``agency`` is the
    pack's name of the agency ("Europa Press"). ``text[start:end]`` of the document is the
    dateline itself, a paragraph of kind boilerplate that no extractor reads. The place is
    written as a name ("Madrid"), not in the capitals a wire prints it in ("MADRID").
    """

    place: str | None
    date: str | None
    agency: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """The cleaned text and what hygiene learned about its paragraphs."""

    raw: RawDoc
    text: str
    paragraphs: tuple[Paragraph, ...]
    flags: tuple[Flag, ...]
    repairs: tuple[Repair, ...] = ()  # glued words split: "OTANpara" -> "OTAN para"
    dateline: Dateline | None = None
    # the news agency behind the text (dateline, credit or signature line), by its pack name
    agency: str | None = None

    def repaired_text(self) -> str:
        """``text`` with every repair applied: for reading, never for offsets.

        ``"la OTANpara atacar"`` reads ``"la OTAN para atacar"``.
        """
        parts: list[str] = []
        last = 0
        for repair in sorted(self.repairs, key=lambda r: r.start):
            parts.append(self.text[last : repair.start])
            parts.append(repair.replacement)
            last = repair.end
        parts.append(self.text[last:])
        return "".join(parts)

    def extractable(self) -> tuple[Paragraph, ...]:
        """Paragraphs the extractors read: not duplicates, boilerplate or commentary."""
        return tuple(p for p in self.paragraphs if p.kind not in SKIPPED_KINDS)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # Wikidata QID when known, else a stable local id
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    status: Status
    evidence: Span
    mode: str | None = None
    date: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    location: Location | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    dead: int | None = None
    injured: int | None = None
    confidence: float = 0.5
    # where the date came from: "text" (a time expression), "published" (an undated report
    # of something done, dated by the article), or None when there is no date
    date_source: str | None = None
    # every mention of this event in the document (OUTPUT.md v1.1), ``evidence`` among them
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None
    speaker: str | None  # entity id; None for an unnamed source
    speaker_name: str | None
    speaker_description: str | None  # "un funcionario estadounidense"
    speaker_country: str | None
    via: str | None = None  # the outlet the speaker told it to
    confidence: float | None = None  # fitted on gold (extract/coefficients/quotes.json)


@dataclass(frozen=True, slots=True)
class Stance:
    actor: str | None
    country: str
    issue: str
    polarity: Polarity
    evidence: Span
    confidence: float | None = None  # fitted on gold (extract/coefficients/stances.json)


@dataclass(frozen=True, slots=True)
class Record:
    """The per-document record of ``spec/OUTPUT.md``."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    language: str
    published: str | None
    published_inferred: bool
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    flags: tuple[Flag, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    errors: tuple[str, ...] = ()
    pipeline_version: str = field(default="", compare=False)
    # id of the first document of this run whose text is a near copy of this one (syndicated
    # agency copy); the record's own id when it is the first or has no copy; None outside a batch
    cluster: str | None = None
    # where, when and through which agency the report was filed, when it says so
    dateline: Dateline | None = None
    # the news agency behind the text: "EFE", "Europa Press"; None for an outlet's own report
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A document that could not be processed, kept with its reason: nothing is dropped."""

    source: str
    stage: str
    reason: QuarantineReason
    detail: str
    content: bytes = b""


def record_to_dict(record: Record) -> dict[str, Any]:
    """The OUTPUT.md mapping of a record; every key present, spans flattened to dicts."""
    return dataclasses.asdict(record)
