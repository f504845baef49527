"""Tables of the store (SQLAlchemy 2 declarative), one per kind of fact.

    documents ─┬─ sources            where the text was found (path, URL), raw-input hash
               ├─ paragraphs         text slices with their kind  ──▶ full-text index
               ├─ flags              source-quality problems
               ├─ mentions ──────────▶ entities   (merged across documents by entity id)
               ├─ event_mentions ◀── fused_event_mentions ──▶ fused_events ◀── fused_event_entities
               │                                    (entity_partners: counted from those)
               ├─ quotes  ───────────▶ entities (speaker)      ──▶ full-text index
               │    └─ quote_issues   the issues of the stances overlapping each quote
               └─ stances ───────────▶ entities (actor)
                     ▲
                     └── stance_point_evidence ──▶ stance_points   (side, issue, date)
    quarantine         inputs that could not be processed, with their reason
    store_generation   one counter, bumped by every writing transaction (not data: not in TABLES)
    users              editors and their token hashes (0009; not data: not in TABLES)
    corrections        the analysts' decisions on the machine's items, append-only (0009)
                       (these two are in ``review_schema``, which ``tregua.store`` loads)

Per-document rows (sources to stances) are written by ingest in the document's own
transaction; ``fused_events`` (with ``fused_event_entities`` and ``entity_partners``),
``stance_points`` and the merged attributes of ``entities`` are derived by ``tregua.fuse``
from the stored rows and can be recomputed at any time.
``documents.record`` keeps the full OUTPUT.md record as JSON for readers that want it whole.

The Alembic migrations in ``migrations/versions`` create exactly these tables (a test
compares them); the full-text pieces are dialect-specific and live only in the migrations:
FTS5 tables with triggers on SQLite, generated ``tsvector`` columns with GIN indexes on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (
        # pages of quotes, event mentions and documents in publication order (0003)
        Index("ix_documents_published_id", "published", "id"),
        Index("ix_documents_published_source", "published", "source"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # sha1 of the cleaned text
    source: Mapped[str] = mapped_column(Text, index=True)  # the first source it came from
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    published_inferred: Mapped[bool]
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    pipeline_version: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # sha256 of the canonical record JSON; NULL for rows written before the normalised store
    record_hash: Mapped[str | None] = mapped_column(String(64))
    # where the text comes from (0007): the agency behind it ("EFE"), the near-copy cluster it
    # belongs to (the id of its first copy), and its dateline's place and day
    agency: Mapped[str | None] = mapped_column(String(64), index=True)
    cluster: Mapped[str | None] = mapped_column(String(40), index=True)
    dateline_place: Mapped[str | None] = mapped_column(Text)
    dateline_date: Mapped[str | None] = mapped_column(String(10))


class SourceRow(Base):
    """One place a document's text was found; the same text at two URLs is two rows."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("document_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(Text, index=True)
    outlet: Mapped[str | None] = mapped_column(Text)
    # sha1 of the raw input (text and metadata): an unchanged input is skipped before parsing
    raw_hash: Mapped[str | None] = mapped_column(String(40))
    first_seen: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class ParagraphRow(Base):
    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]  # the record's paragraph "index"
    start: Mapped[int]
    end: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)  # text[start:end] of the document, for search


class FlagRow(Base):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    kind: Mapped[str] = mapped_column(String(32), index=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class EntityRow(Base):
    """An actor, place or organisation, merged across documents by its id."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)  # QID or local id
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16), index=True)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    documents: Mapped[int] = mapped_column(Integer, default=0)  # set by fusion
    mentions: Mapped[int] = mapped_column(Integer, default=0)


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    entity_id: Mapped[str] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)


class EventMentionRow(Base):
    """One event as one document reports it."""

    __tablename__ = "event_mentions"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_source: Mapped[str | None] = mapped_column(String(16))  # text | published
    place: Mapped[str | None] = mapped_column(Text)
    place_country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actors: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[str]] = mapped_column(JSON)
    countries: Mapped[list[str]] = mapped_column(JSON)
    dead: Mapped[int | None]
    injured: Mapped[int | None]
    confidence: Mapped[float | None] = mapped_column(Float)
    start: Mapped[int]
    end: Mapped[int]
    evidence: Mapped[str] = mapped_column(Text)


class FusedEventRow(Base):
    """One real event, fused from the mentions of every document that reports it.

    Where the sources disagree (dates, places, tolls, status) the representative field
    follows a named rule (see ``tregua.fuse.events``) or is NULL for tolls, and
    ``disagreements`` keeps every value with the documents that gave it.
    """

    __tablename__ = "fused_events"
    __table_args__ = (
        # the timeline's order, undated last: pages of events without a sort (0003)
        Index("ix_fused_events_order", text("(date IS NULL)"), "date", "type", "id"),
        # events reaching into a date range: by their last day, or their only one (0003)
        Index("ix_fused_events_reach", "date_end", "date"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # sha1 of its mention keys
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_source: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(Text)
    place_country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    countries: Mapped[list[str]] = mapped_column(JSON)
    actors: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[str]] = mapped_column(JSON)
    dead: Mapped[int | None]
    injured: Mapped[int | None]
    disputed: Mapped[bool] = mapped_column(Boolean)
    disagreements: Mapped[dict[str, Any]] = mapped_column(JSON)
    sources: Mapped[list[str]] = mapped_column(JSON)  # document sources, by publication
    evidence: Mapped[str] = mapped_column(Text)  # the earliest report's evidence sentence
    # the earliest report's document (what the timeline links to); NULL only before fusion
    document_id: Mapped[str | None] = mapped_column(String(40))
    # documents reporting it, the independent sources among them (one wire printed by many
    # outlets is one), and the agency when one wire alone confirms it (0007, fuse.sources)
    copies: Mapped[int | None] = mapped_column(Integer)
    independent_sources: Mapped[int | None] = mapped_column(Integer)
    wire: Mapped[str | None] = mapped_column(Text)
    # the event's confidence across its reports (0008; the highest of its mentions' at 0008)
    confidence: Mapped[float | None] = mapped_column(Float)


class FusedEventMentionRow(Base):
    __tablename__ = "fused_event_mentions"

    fused_event_id: Mapped[str] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), primary_key=True
    )
    event_mention_id: Mapped[int] = mapped_column(
        ForeignKey("event_mentions.id", ondelete="CASCADE"), primary_key=True, unique=True
    )


class FusedEventEntityRow(Base):
    """An entity that a fused event names as an actor or a target, once per event: an
    actor's events, their number and its partners by index instead of by reading the JSON
    lists of every event (issue #9)."""

    __tablename__ = "fused_event_entities"

    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    fused_event_id: Mapped[str] = mapped_column(
        ForeignKey("fused_events.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EntityPartnerRow(Base):
    """How many fused events name an entity together with another (issue #9): an actor's
    partners, kept by fusion instead of counted over its events for every profile."""

    __tablename__ = "entity_partners"

    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    partner_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        UniqueConstraint("document_id", "ordinal"),
        # quotes in publication order, all of them, one speaker's or one side's (0006):
        # pages and counts walk these instead of sorting every matching quote by document
        Index("ix_quotes_published", "published", "document_id", "ordinal"),
        Index("ix_quotes_speaker_published", "speaker", "published", "document_id", "ordinal"),
        Index("ix_quotes_side_published", "speaker_country", "published", "document_id", "ordinal"),
        # the speaker filter's other two ways to match: ix_quotes_speaker_name below, and
        # the few quotes of anonymous sources, by their description (0006)
        Index("ix_quotes_speaker_description", "speaker_description"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    # the document's publication day, copied so that the publication order is one index
    published: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean)
    start: Mapped[int]
    end: Mapped[int]
    speaker: Mapped[str | None] = mapped_column(ForeignKey("entities.id"))
    speaker_name: Mapped[str | None] = mapped_column(Text)
    speaker_description: Mapped[str | None] = mapped_column(Text)
    speaker_country: Mapped[str | None] = mapped_column(String(8))
    cue: Mapped[str | None] = mapped_column(Text)
    via: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)  # fitted, OUTPUT.md v1.1 (0008)


# a speaker by name, as the quotes filter compares it (0006)
Index("ix_quotes_speaker_name", func.lower(QuoteRow.speaker_name))


class StanceRow(Base):
    __tablename__ = "stances"
    __table_args__ = (
        UniqueConstraint("document_id", "ordinal"),
        # an actor's stances in publication order (0006)
        Index("ix_stances_actor_published", "actor", "published", "document_id", "ordinal"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int]
    published: Mapped[str | None] = mapped_column(String(10))  # the document's, as in quotes
    actor: Mapped[str | None] = mapped_column(ForeignKey("entities.id"))
    country: Mapped[str] = mapped_column(String(8), index=True)
    issue: Mapped[str] = mapped_column(String(32), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    start: Mapped[int]
    end: Mapped[int]
    evidence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)  # fitted, OUTPUT.md v1.1 (0008)


class QuoteIssueRow(Base):
    """An issue that a stance overlapping a quote takes, once per quote and issue: quotes on
    an issue by index (issue #9). Written with the document's quotes and stances."""

    __tablename__ = "quote_issues"

    issue: Mapped[str] = mapped_column(String(32), primary_key=True)
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class StancePointRow(Base):
    """Where one side stood on one issue on one day, and where it stood before."""

    __tablename__ = "stance_points"
    __table_args__ = (UniqueConstraint("side", "issue", "date"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # "side|issue|date"
    side: Mapped[str] = mapped_column(String(8))
    issue: Mapped[str] = mapped_column(String(32))
    date: Mapped[str] = mapped_column(String(10), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    previous: Mapped[str | None] = mapped_column(String(16))  # NULL on the first point


class StancePointEvidenceRow(Base):
    __tablename__ = "stance_point_evidence"

    point_id: Mapped[str] = mapped_column(
        ForeignKey("stance_points.id", ondelete="CASCADE"), primary_key=True
    )
    stance_id: Mapped[int] = mapped_column(
        ForeignKey("stances.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class QuarantineRow(Base):
    __tablename__ = "quarantine"
    __table_args__ = (
        UniqueConstraint("source", "stage", "reason", "content_hash", name="uq_quarantine_source"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    stage: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(32), index=True)
    detail: Mapped[str] = mapped_column(Text)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    quarantined_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    # sha1 of the content: the same bad input quarantined twice is one row
    content_hash: Mapped[str | None] = mapped_column(String(40))


class GenerationRow(Base):
    """How many writing transactions the store has committed, in one row (``id`` 1).

    Every ``Store.writing`` transaction adds one as its last statement, so two reads that
    see the same value see the same data, whichever process wrote it: the API's response
    cache keys its entries on it (issue #9). No row yet is generation 0.
    """

    __tablename__ = "store_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    value: Mapped[int] = mapped_column(BigInteger)


#: tables that are not the machine's data: the generation counter (the store's bookkeeping)
#: and the review's own tables (``tregua.review`` reads and exports them)
_NOT_DATA = {GenerationRow.__tablename__, "users", "corrections"}

#: every table of the store's data, parents before children (the order a copy would load
#: them)
TABLES: tuple[str, ...] = tuple(
    t.name for t in Base.metadata.sorted_tables if t.name not in _NOT_DATA
)
