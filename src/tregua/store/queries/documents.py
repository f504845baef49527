"""Stored documents: a page of them with their counts of facts, and one record."""

from __future__ import annotations

from collections import defaultdict
from typing import TypedDict, cast

from sqlalchemy import ColumnElement, exists, func, select

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries.common import Json, Span, chunked
from tregua.store.schema import DocumentRow, FlagRow, SourceRow

#: the facts a document summary counts, as keys of its record
COUNTED = ("entities", "events", "quotes", "stances", "flags")


class DocumentSummary(TypedDict):
    """A stored document: its metadata, how many facts of each kind, its flags' kinds."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    published_inferred: bool
    language: str | None
    entities: int
    events: int
    quotes: int
    stances: int
    flags: int
    flag_kinds: list[str]


class RecordParagraph(TypedDict):
    index: int
    start: int
    end: int
    kind: str


class RecordEntity(TypedDict):
    id: str
    name: str
    type: str
    country: str | None
    aliases: list[str]
    mentions: list[Span]


class StoredRecord(TypedDict, total=False):
    """The per-document record of ``spec/OUTPUT.md`` as the store keeps it; the facts the
    dashboard does not look into are JSON objects."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    published_inferred: bool
    text: str
    paragraphs: list[RecordParagraph]
    flags: list[dict[str, Json]]
    entities: list[RecordEntity]
    events: list[dict[str, Json]]
    quotes: list[dict[str, Json]]
    stances: list[dict[str, Json]]
    errors: list[str]
    pipeline_version: str | None


def document(store: Store, doc_id: str) -> StoredRecord | None:
    """One document's whole record, or None."""
    with store.reading() as session:
        record = session.scalar(select(DocumentRow.record).where(DocumentRow.id == doc_id))
    return None if record is None else cast(StoredRecord, record)


def documents_page(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    flag: str | None = None,
) -> tuple[list[DocumentSummary], int]:
    """Stored documents, newest first, each with how many facts of each kind its record
    holds and the kinds of its flags; a page from ``offset``, and how many match."""
    where: list[ColumnElement[bool]] = []
    if outlet:
        where.append(dialects.casefold(store.dialect, DocumentRow.outlet) == outlet.casefold())
    if since:
        where.append(DocumentRow.published >= since)
    if until:
        where.append(DocumentRow.published <= until)
    if flag:
        where.append(exists().where(FlagRow.document_id == DocumentRow.id, FlagRow.kind == flag))
    counts = [
        dialects.list_length(store.dialect, DocumentRow.record, key).label(key) for key in COUNTED
    ]
    with store.reading() as session:
        total = session.scalar(select(func.count()).select_from(DocumentRow).where(*where))
        query = (
            select(
                DocumentRow.id,
                DocumentRow.source,
                DocumentRow.title,
                DocumentRow.outlet,
                DocumentRow.published,
                DocumentRow.published_inferred,
                DocumentRow.language,
                *counts,
            )
            .where(*where)
            .order_by(DocumentRow.published.desc(), DocumentRow.source)
            .offset(offset)
            .limit(limit)  # None is no LIMIT
        )
        rows = list(session.execute(query))
        kinds: dict[str, list[str]] = defaultdict(list)
        for chunk in chunked([r.id for r in rows]):
            for doc_id, kind in session.execute(
                select(FlagRow.document_id, FlagRow.kind)
                .where(FlagRow.document_id.in_(chunk))
                .order_by(FlagRow.document_id, FlagRow.ordinal)
            ):
                kinds[doc_id].append(kind)
        found: list[DocumentSummary] = [
            {
                "id": r.id,
                "source": r.source,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "published_inferred": r.published_inferred,
                "language": r.language,
                "entities": r.entities,
                "events": r.events,
                "quotes": r.quotes,
                "stances": r.stances,
                "flags": r.flags,
                "flag_kinds": kinds.get(r.id, []),
            }
            for r in rows
        ]
        return found, total or 0


def find_document(store: Store, key: str) -> StoredRecord | None:
    """The record of the document whose id is ``key``, else of the first document found at
    the source (path or URL) ``key``; None when neither is stored."""
    found = document(store, key)
    if found is not None:
        return found
    with store.reading() as session:
        doc_id = session.scalar(
            select(SourceRow.document_id)
            .where(SourceRow.source == key)
            .order_by(SourceRow.id)
            .limit(1)
        )
        if doc_id is None:  # a store from before the sources table
            doc_id = session.scalar(
                select(DocumentRow.id).where(DocumentRow.source == key).limit(1)
            )
    return None if doc_id is None else document(store, doc_id)
