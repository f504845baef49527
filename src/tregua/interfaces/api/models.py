"""Response and request bodies of the REST API, so that the OpenAPI schema is exact.

Every model ignores fields it does not name (the store may add some) and gives the ones
it names a default where the store may lack them, so a newer store never breaks a reply.
Article text is untrusted: it only ever travels as JSON strings in these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _unset(value: object) -> bool:
    return value is None


def _review(description: str) -> Any:
    """A field the review adds (issue #18): optional, and left out of a reply where unset,
    so the reply of an item nobody reviewed is what it was before the review."""
    return Field(default=None, exclude_if=_unset, description=description)


class ReviewNote(_Out):
    """Which correction an item is shown as, what it did, who made it and when."""

    correction: int
    action: str
    editor: str
    at: str


class Marked(BaseModel):
    """``reviewed`` and ``machine``, sent only for an item an editor reviewed."""

    reviewed: bool | SkipJsonSchema[None] = _review("An editor reviewed it: true, else absent.")
    machine: dict[str, Any] | SkipJsonSchema[None] = _review(
        "The machine's values of the fields the editor changed ({} when none changed)."
    )


class Logged(Marked):
    """A reviewed item as a document reports it: also the correction it is shown as."""

    review: ReviewNote | SkipJsonSchema[None] = _review("The correction shown (action add: added).")


class Regrouped(Marked):
    """A reviewed fused event: also what merges and splits did to it."""

    merged: list[str] | SkipJsonSchema[None] = _review("Fused events merged into this one.")
    split_from: str | SkipJsonSchema[None] = _review("The fused event it was split from.")


class Page(_Out, Generic[T]):
    """One page of a list: ``items`` from ``offset``, of ``total`` matching rows."""

    items: list[T]
    total: int = Field(ge=0)
    limit: int = Field(ge=0)
    offset: int = Field(ge=0)


class Span(_Out):
    """Evidence: ``text`` is the document's ``text[start:end]``."""

    start: int
    end: int
    text: str


class DocumentSummary(_Out):
    id: str
    source: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_inferred: bool = False
    language: str | None = None
    entities: int = 0
    events: int = 0
    quotes: int = 0
    stances: int = 0
    flags: int = 0


class Paragraph(_Out):
    index: int
    start: int
    end: int
    kind: str


class Flag(_Out):
    kind: str
    start: int
    end: int
    text: str
    reason: str = ""


class EntityMention(_Out):
    start: int
    end: int
    text: str


class RecordEntity(_Out):
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = []
    mentions: list[EntityMention] = []


class Location(_Out):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class RecordEvent(_Out, Logged):
    type: str
    mode: str | None = None
    status: str
    date: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    date_source: str | None = None
    location: Location | None = None
    actors: list[str] = []
    targets: list[str] = []
    countries: list[str] = []
    dead: int | None = None
    injured: int | None = None
    evidence: Span
    confidence: float | None = None


class RecordQuote(_Out, Logged):
    text: str
    direct: bool
    start: int
    end: int
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_description: str | None = None
    speaker_country: str | None = None
    cue: str | None = None
    via: str | None = None
    confidence: float | None = None


class RecordStance(_Out, Logged):
    actor: str | None = None
    country: str
    issue: str
    polarity: str
    evidence: Span
    confidence: float | None = None


class Document(_Out):
    """The per-document record of ``spec/OUTPUT.md``."""

    id: str
    source: str
    title: str | None = None
    outlet: str | None = None
    language: str | None = None
    published: str | None = None
    published_inferred: bool = False
    text: str
    paragraphs: list[Paragraph] = []
    flags: list[Flag] = []
    entities: list[RecordEntity] = []
    events: list[RecordEvent] = []
    quotes: list[RecordQuote] = []
    stances: list[RecordStance] = []
    errors: list[str] = []
    pipeline_version: str | None = None
    reviewed: bool | SkipJsonSchema[None] = _review("An editor reviewed some of it.")


class EntityRef(_Out):
    id: str
    name: str
    country: str | None = None


class Report(_Out):
    """One document's report of a fused event."""

    document_id: str
    source: str
    outlet: str | None = None
    published: str | None = None
    status: str
    date: str | None = None
    date_end: str | None = None
    date_source: str | None = None
    place: str | None = None
    dead: int | None = None
    injured: int | None = None
    evidence: Span


class FusedEvent(_Out, Regrouped):
    """One real event fused from every document that reports it."""

    id: str
    type: str
    mode: str | None = None
    status: str
    date: str | None = None
    date_end: str | None = None
    date_source: str | None = None
    place: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    countries: list[str] = []
    actors: list[EntityRef] = []
    targets: list[EntityRef] = []
    dead: int | None = None
    injured: int | None = None
    disputed: bool = False
    disagreements: dict[str, Any] = {}
    sources: list[str] = []
    evidence: str = ""
    reports: list[Report] = []
    confidence: float | None = None
    copies: int | None = Field(default=None, description="Documents reporting it.")
    independent_sources: int | None = Field(
        default=None,
        description="Independent origins among them: one wire printed by many outlets is one.",
    )
    wire: str | None = Field(
        default=None, description="The agency, when one wire alone confirms the event."
    )
    left_out: bool | SkipJsonSchema[None] = _review(
        "Rejected or merged away by an editor: lists leave it out, its id still finds it."
    )


class TimelineEvent(_Out, Regrouped):
    """A fused event as the timeline and the map draw it."""

    id: str
    type: str
    status: str
    date: str | None = None
    date_end: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    countries: list[str] = []
    actors: list[EntityRef] = []
    disputed: bool = False
    sources: int = 0
    evidence: str = ""
    document_id: str | None = None
    confidence: float | None = None
    copies: int | None = Field(default=None, description="Documents reporting it.")
    independent_sources: int | None = Field(
        default=None,
        description="Independent origins among them: one wire printed by many outlets is one.",
    )
    wire: str | None = Field(
        default=None, description="The agency, when one wire alone confirms the event."
    )


class EventMention(RecordEvent):
    """One event as one document reports it, before fusion."""

    document_id: str
    source: str
    published: str | None = None


class QuoteIssue(_Out):
    issue: str
    polarity: str
    side: str | None = None


class Quote(_Out, Logged):
    document_id: str
    source: str
    outlet: str | None = None
    published: str | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    speaker_description: str | None = None
    speaker_country: str | None = None
    text: str
    direct: bool
    cue: str | None = None
    via: str | None = None
    start: int
    end: int
    issues: list[QuoteIssue] = []
    confidence: float | None = None


class Entity(_Out):
    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = []
    documents: int = 0
    mentions: int = 0


class StanceEvidence(_Out, Marked):
    document_id: str
    source: str
    published: str | None = None
    actor: str | None = None
    polarity: str
    evidence: Span


class StanceCell(_Out, Marked):
    """Where one side stood on one issue at the asked date."""

    side: str
    issue: str
    polarity: str
    date: str
    since: str | None = None
    evidence: list[StanceEvidence] = []


class StanceChange(_Out, Marked):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    side: str
    issue: str
    date: str
    from_: str | None = Field(default=None, alias="from")
    to: str
    evidence: list[StanceEvidence] = []


class ActorStance(_Out, Logged):
    document_id: str
    source: str
    published: str | None = None
    issue: str
    polarity: str
    side: str | None = None
    evidence: Span


class Partner(_Out):
    id: str
    name: str
    events: int


class ActorProfile(Entity):
    events: list[FusedEvent] = []
    events_total: int = Field(0, ge=0)
    quotes: list[Quote] = []
    quotes_total: int = Field(0, ge=0)
    stances: list[ActorStance] = []
    stances_total: int = Field(0, ge=0)
    partners: list[Partner] = []


class SearchHit(_Out, Logged):
    kind: Literal["paragraph", "quote"] | str
    document_id: str
    source: str
    title: str | None = None
    published: str | None = None
    start: int
    end: int
    text: str
    rank: float


class ArticleIn(BaseModel):
    """One article to ingest: the keys of a JSON Lines input.

    Strict: ``"published": 0`` is refused, not read as 1970-01-01.
    """

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, description="The article body, plain text.")
    title: str | None = None
    published: dt.date | None = Field(default=None, description="YYYY-MM-DD")
    outlet: str | None = None
    url: str | None = None
    id: str | None = Field(default=None, description="Source name when there is no url.")


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    articles: list[ArticleIn] = Field(min_length=1)


class IngestOutcome(_Out):
    source: str
    outcome: Literal["stored", "unchanged", "replaced", "outdated", "quarantined"]
    document_id: str | None = None
    reason: str | None = None
    detail: str | None = None


class IngestOut(_Out):
    outcomes: list[IngestOutcome]
    fused_events: int


class Problem(_Out):
    """An error reply."""

    detail: Any


class Issue(_Out):
    key: str
    label_es: str
    label_en: str
