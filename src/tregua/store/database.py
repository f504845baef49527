"""Open a store by URL, migrate it, and write and read documents through it.

Every document is written in its own transaction: a batch killed half-way leaves whole
documents or none, and running the batch again stores the rest (what is already stored
comes back ``unchanged``). Outcomes of ``Store.put_record``:

    stored     a text not seen before
    unchanged  the same text again, from this pipeline version: no row changes
    replaced   the same text from a newer pipeline version: its extraction is replaced
    outdated   the same text from an older pipeline version: the newer one is kept
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from tregua.errors import StoreError
from tregua.store import dialects
from tregua.store import review_schema as review_schema  # the review's tables in Base.metadata
from tregua.store.rows import DocumentRows, record_hash, rows_of
from tregua.store.schema import (
    TABLES,
    Base,
    DocumentRow,
    EntityRow,
    EventMentionRow,
    FlagRow,
    GenerationRow,
    MentionRow,
    ParagraphRow,
    QuarantineRow,
    QuoteIssueRow,
    QuoteRow,
    SourceRow,
    StanceRow,
)

if TYPE_CHECKING:  # the records' module loads with the first write: a read needs none of it
    from tregua.model import Quarantined, Record

Outcome = Literal["stored", "unchanged", "replaced", "outdated"]

#: per-document tables, children of ``documents``, in the order they are written
_CHILDREN: dict[str, type[Base]] = {
    "paragraphs": ParagraphRow,
    "flags": FlagRow,
    "mentions": MentionRow,
    "event_mentions": EventMentionRow,
    "quotes": QuoteRow,
    "stances": StanceRow,
}

_GENERATION = select(GenerationRow.value).where(GenerationRow.id == 1)
#: ``Connection.info`` key: whether the writing transaction has changed a row so far
_CHANGED = "tregua_changed"
#: statements that change no row of the store's data (ANALYZE rewrites planner statistics)
_READ_ONLY = ("SELECT", "PRAGMA", "ANALYZE", "BEGIN", "SAVEPOINT", "RELEASE")
_ROW_WRITES = ("INSERT", "UPDATE", "DELETE")


def note_changes(
    connection: Connection,
    cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    executemany: bool,
) -> None:
    """After each statement: mark the transaction changed unless the statement is a read,
    or an INSERT, UPDATE or DELETE that touched no row (``ON CONFLICT DO NOTHING`` on a
    duplicate). Any other statement counts as a change, and so does one with RETURNING
    (sqlite3 counts its rows only as they are fetched): a quarantined input seen again
    is a new generation, which costs the API's cache one recomputation per reply."""
    verb = statement.lstrip()[:9].upper()
    if verb.startswith(_READ_ONLY):
        return
    if (
        verb.startswith(_ROW_WRITES)
        and cursor.rowcount == 0
        and "RETURNING" not in statement.upper()
    ):
        return
    connection.info[_CHANGED] = True


_VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)+")


def _version_key(version: str) -> tuple[tuple[int, ...], ...]:
    """``"tregua 0.2.0 / pack ru_ua_2025 0.3.1"`` -> ``((0, 2, 0), (0, 3, 1))``."""
    return tuple(tuple(int(n) for n in m.split(".")) for m in _VERSION_NUMBER.findall(version))


def newer(candidate: str, stored: str) -> bool:
    """Whether a record of pipeline ``candidate`` should replace one of ``stored``.

    Versions compare number by number (tregua's, then the pack's); a version without
    numbers that differs from the stored one counts as newer, so it is never ignored.
    """
    ours, theirs = _version_key(candidate), _version_key(stored)
    if not ours or not theirs:
        return candidate != stored
    return ours > theirs


@dataclass
class Store:
    """A migrated database; every method opens and closes its own session."""

    engine: Engine
    url: str  # for messages, password hidden

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; rows stay readable after it closes."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except SQLAlchemyError as exc:
            raise self._error("cannot read", exc) from exc

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction that writes: committed on exit, rolled back on any error, which
        comes out as ``StoreError`` (the database's own exception is its ``__cause__``).

        When it changed a row, its last statement bumps the store's generation
        (``GenerationRow``): last, so that PostgreSQL holds that one row's lock only until
        the commit; only then, so that ingesting unchanged files leaves every row as it was.
        """
        writer = self.engine.execution_options(**{dialects.WRITE: True})
        try:
            with Session(writer) as session, session.begin():
                connection = session.connection()
                connection.info[_CHANGED] = False
                yield session
                if connection.info.pop(_CHANGED, True):
                    connection.execute(
                        dialects.insert_or_increment(
                            connection, GenerationRow.__table__, "id", "value"
                        )
                    )
        except SQLAlchemyError as exc:
            raise self._error("cannot write", exc) from exc

    def generation(self) -> int:
        """How many writing transactions the store has committed, by any process; a read
        made after this call sees at least the data of that generation.

        One primary-key read on a pooled connection (0.06 ms on SQLite): cheap enough
        to ask before every cached reply.
        """
        try:
            with self.engine.connect() as connection:
                found = connection.scalar(_GENERATION)
        except SQLAlchemyError as exc:
            raise self._error("cannot read", exc) from exc
        return int(found or 0)

    def check(self, thorough: bool = False) -> None:
        """Raise ``StoreError`` when SQLite finds the file damaged: ``PRAGMA quick_check``
        reads every page once (0.3 s for 250 MB); ``thorough`` is ``integrity_check``,
        which also holds each index against its table (2.4 s). PostgreSQL keeps its own
        pages whole."""
        if self.dialect != "sqlite":
            return
        pragma = "integrity_check" if thorough else "quick_check"
        try:
            with self.engine.connect() as connection:
                found = connection.exec_driver_sql(f"PRAGMA {pragma}(1)").scalar()
        except SQLAlchemyError as exc:
            raise self._error("cannot read", exc) from exc
        if found != "ok":
            raise StoreError(
                f"{self.url}: the store is damaged (SQLite {pragma}: {found}); restore "
                "it from a copy, or ingest again into a new store"
            )

    def _error(self, what: str, exc: BaseException) -> StoreError:
        detail = str(exc.args[0]).splitlines()[0] if exc.args else ""
        return StoreError(
            f"{self.url}: {what} ({exc.__class__.__name__}: {detail}); check that the "
            "database is reachable and not full"
        )

    # -- documents -------------------------------------------------------------------------

    def put_record(
        self,
        record: Record | Mapping[str, Any],
        *,
        raw_hash: str | None = None,
        force: bool = False,
    ) -> Outcome:
        """Store a record and every fact in it, in one transaction; see the module outcomes.

        ``raw_hash`` (``rows.raw_hash`` of the input) lets the next ingest skip the input
        before parsing it; ``force`` replaces a stored record of the same pipeline version
        whenever the new one differs (a developer re-running a changed extractor).
        """
        from tregua.model import Record, record_to_dict

        data = record_to_dict(record) if isinstance(record, Record) else dict(record)
        digest = record_hash(data)
        try:
            return self._put(data, digest, raw_hash, force)
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            # another process stored the same new text between our read and our write
            return self._put(data, digest, raw_hash, force)

    def _put(self, data: dict[str, Any], digest: str, raw_hash: str | None, force: bool) -> Outcome:
        version = str(data.get("pipeline_version") or "")
        with self.writing() as session:
            row = session.get(DocumentRow, data["id"])
            outcome: Outcome
            if row is None:
                outcome = "stored"
            elif row.record_hash == digest:
                outcome = "unchanged"
            elif row.record_hash is None or newer(version, row.pipeline_version):
                outcome = "replaced"  # a first-store row, or a newer pipeline
            elif version == row.pipeline_version:
                outcome = "replaced" if force else "unchanged"
            else:
                outcome = "outdated"
            if outcome in {"stored", "replaced"}:
                self._write_document(session, rows_of(data, digest), replace=row is not None)
            self._note_source(session, data, raw_hash)
            return outcome

    def _write_document(self, session: Session, rows: DocumentRows, *, replace: bool) -> None:
        doc_id = rows.document["id"]
        if replace:
            for model in reversed(_CHILDREN.values()):
                session.execute(delete(model).where(model.document_id == doc_id))  # type: ignore[attr-defined]
            values = {k: v for k, v in rows.document.items() if k != "id"}
            session.execute(update(DocumentRow).where(DocumentRow.id == doc_id).values(values))
        else:
            session.execute(insert(DocumentRow), [rows.document])
        if rows.entities:
            connection = session.connection()
            session.execute(
                dialects.insert_ignoring_duplicates(connection, EntityRow.__table__, ["id"]),
                [{**e, "documents": 0, "mentions": 0} for e in rows.entities],
            )
        for table, model in _CHILDREN.items():
            if rows.children.get(table):
                session.execute(insert(model), rows.children[table])
        if rows.children.get("quotes") and rows.children.get("stances"):
            # the issues of the stances that overlap each quote, once per quote and issue
            overlapping = (
                select(StanceRow.issue, QuoteRow.id)
                .join(StanceRow, overlap())
                .where(QuoteRow.document_id == doc_id)
                .distinct()
            )
            session.execute(insert(QuoteIssueRow).from_select(["issue", "quote_id"], overlapping))

    def _note_source(self, session: Session, data: Mapping[str, Any], raw_hash: str | None) -> None:
        source = str(data.get("source") or data["id"])
        found = session.scalars(
            select(SourceRow).where(SourceRow.document_id == data["id"], SourceRow.source == source)
        ).first()
        if found is None:
            session.add(
                SourceRow(
                    document_id=data["id"],
                    source=source,
                    outlet=data.get("outlet"),
                    raw_hash=raw_hash,
                )
            )
        elif raw_hash is not None and found.raw_hash != raw_hash:
            found.raw_hash = raw_hash

    # -- near-duplicate clusters (computed over the whole store: fuse.clusters) -----------

    def cluster_inputs(self) -> Iterator[tuple[str, str, str]]:
        """(id, rank, text) of every document, rank its publication date ("~" when none)."""
        with self.reading() as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.published, DocumentRow.text).execution_options(
                    yield_per=500
                )
            )
            for doc_id, published, text in rows:
                yield doc_id, published or "~", text

    def clusters(self) -> dict[str, str | None]:
        """The ``cluster`` each stored record names, by document id."""
        with self.reading() as session:
            rows = session.execute(
                select(DocumentRow.id, DocumentRow.record["cluster"].as_string())
            )
            return {doc_id: cluster for doc_id, cluster in rows}

    def set_clusters(self, clusters: Mapping[str, str], chunk: int = 500) -> int:
        """Write ``clusters`` into the records whose cluster differs; how many changed.

        Only the record's ``cluster`` (and its ``record_hash``) and the document's ``cluster``
        column, which fusion reads to count independent sources, change: no fact row does.
        A document whose column lags its record (written before the column was kept) is
        written too."""
        stored = self.clusters()
        with self.reading() as session:
            rows = session.execute(select(DocumentRow.id, DocumentRow.cluster))
            columns: dict[str, str | None] = {doc_id: cluster for doc_id, cluster in rows}
        changed = [
            doc_id
            for doc_id, name in clusters.items()
            if stored.get(doc_id, name) != name or columns.get(doc_id, name) != name
        ]
        for start in range(0, len(changed), chunk):
            with self.writing() as session:
                for row in session.scalars(
                    select(DocumentRow).where(DocumentRow.id.in_(changed[start : start + chunk]))
                ):
                    record = {**row.record, "cluster": clusters[row.id]}
                    row.record = record
                    row.record_hash = record_hash(record)
                    row.cluster = clusters[row.id]
        return len(changed)

    def is_current(self, source: str, raw_hash: str, pipeline_version: str) -> bool:
        """Whether this exact input is stored with a record of this pipeline version."""
        with self.reading() as session:
            found = session.scalar(
                select(func.count())
                .select_from(SourceRow)
                .join(DocumentRow, DocumentRow.id == SourceRow.document_id)
                .where(
                    SourceRow.source == source,
                    SourceRow.raw_hash == raw_hash,
                    DocumentRow.pipeline_version == pipeline_version,
                )
            )
            return bool(found)

    def put_quarantined(self, item: Quarantined) -> bool:
        """Keep a failed input with its reason; the same input again adds nothing."""
        content_hash = hashlib.sha1(item.content).hexdigest()
        with self.writing() as session:
            stmt = dialects.insert_ignoring_duplicates(
                session.connection(),
                QuarantineRow.__table__,
                ["source", "stage", "reason", "content_hash"],
            )
            result = session.execute(
                stmt.values(
                    source=item.source,
                    stage=item.stage,
                    reason=item.reason.value,
                    detail=item.detail,
                    content=item.content,
                    content_hash=content_hash,
                ).returning(QuarantineRow.id)
            )
            return result.first() is not None

    # -- reading ---------------------------------------------------------------------------

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record (OUTPUT.md mapping), by publication date then source."""
        with self.reading() as session:
            rows = session.scalars(
                select(DocumentRow).order_by(DocumentRow.published, DocumentRow.source)
            )
            for row in rows:
                yield row.record

    def documents(self) -> list[DocumentRow]:
        with self.reading() as session:
            return list(
                session.scalars(
                    select(DocumentRow).order_by(DocumentRow.published.desc(), DocumentRow.source)
                )
            )

    def document(self, doc_id: str) -> DocumentRow | None:
        with self.reading() as session:
            return session.get(DocumentRow, doc_id)

    def quarantined(self) -> list[QuarantineRow]:
        with self.reading() as session:
            return list(session.scalars(select(QuarantineRow).order_by(QuarantineRow.id)))

    def counts(self) -> dict[str, int]:
        """Rows in ``documents`` and ``quarantine`` (what the web page shows)."""
        with self.reading() as session:
            documents = session.scalar(select(func.count()).select_from(DocumentRow))
            quarantined = session.scalar(select(func.count()).select_from(QuarantineRow))
        return {"documents": documents or 0, "quarantined": quarantined or 0}

    def table_counts(self) -> dict[str, int]:
        """Rows in every table of the store."""
        with self.reading() as session:
            return {
                name: session.scalar(select(func.count()).select_from(Base.metadata.tables[name]))
                or 0
                for name in TABLES
            }


def overlap() -> ColumnElement[bool]:
    """A stance and a quote of the same document whose spans overlap: the quote takes that
    stance's issue."""
    return and_(
        StanceRow.document_id == QuoteRow.document_id,
        StanceRow.start < QuoteRow.end,
        StanceRow.end > QuoteRow.start,
    )
