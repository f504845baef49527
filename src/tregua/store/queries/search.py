"""Full-text search over paragraphs and quotes (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tregua.store import dialects
from tregua.store.database import Store
from tregua.store.queries.common import chunked
from tregua.store.schema import DocumentRow, ParagraphRow, QuoteRow


class SearchHit(TypedDict):
    kind: str  # paragraph | quote
    document_id: str
    source: str
    title: str | None
    published: str | None
    start: int
    end: int
    text: str
    rank: float


def search(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    """Paragraphs and quotes containing every word of ``query``, best match first.

    ``search(store, "Abu Dabi trilaterales")`` -> ``[{"kind": "paragraph", "source": ...,
    "start": ..., "end": ..., "text": "Las conversaciones de paz trilaterales ..."}]``
    """
    words = dialects.search_words(query)
    if not words:
        return []
    with store.reading() as session:
        connection = session.connection()
        bound = {"q": dialects.search_query(connection, words), "n": limit}
        hits: list[tuple[float, str, int]] = []
        for kind, table in (("paragraph", "paragraphs"), ("quote", "quotes")):
            sql = dialects.search_sql(connection, table) + " ORDER BY rank LIMIT :n"
            hits += [(float(r.rank), kind, int(r.id)) for r in session.execute(text(sql), bound)]
        hits.sort()
        hits = hits[:limit]
        paragraphs = _paragraphs(session, [i for _, k, i in hits if k == "paragraph"])
        quotes = _quotes(session, [i for _, k, i in hits if k == "quote"])
        owners = [p.document_id for p in paragraphs.values()]
        docs = _documents(session, owners + [q.document_id for q in quotes.values()])
        found: list[SearchHit] = []
        for rank, kind, row_id in hits:
            row: ParagraphRow | QuoteRow = (
                paragraphs[row_id] if kind == "paragraph" else quotes[row_id]
            )
            doc = docs[row.document_id]
            found.append(
                {
                    "kind": kind,
                    "document_id": doc.id,
                    "source": doc.source,
                    "title": doc.title,
                    "published": doc.published,
                    "start": row.start,
                    "end": row.end,
                    "text": row.text,
                    "rank": rank,
                }
            )
        return found


def _paragraphs(session: Session, ids: Sequence[int]) -> dict[int, ParagraphRow]:
    found: dict[int, ParagraphRow] = {}
    for chunk in chunked(ids):
        found.update(
            (r.id, r)
            for r in session.scalars(select(ParagraphRow).where(ParagraphRow.id.in_(chunk)))
        )
    return found


def _quotes(session: Session, ids: Sequence[int]) -> dict[int, QuoteRow]:
    found: dict[int, QuoteRow] = {}
    for chunk in chunked(ids):
        found.update(
            (r.id, r) for r in session.scalars(select(QuoteRow).where(QuoteRow.id.in_(chunk)))
        )
    return found


def _documents(session: Session, ids: Sequence[str]) -> dict[str, DocumentRow]:
    found: dict[str, DocumentRow] = {}
    for chunk in chunked(sorted(set(ids))):
        found.update(
            (d.id, d) for d in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(chunk)))
        )
    return found
