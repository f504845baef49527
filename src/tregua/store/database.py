"""Open a store by URL and write and read records through it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tregua.errors import StoreError
from tregua.model import Quarantined, Record, record_to_dict
from tregua.store.schema import Base, DocumentRow, QuarantineRow

Outcome = Literal["stored", "unchanged", "replaced"]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the web page read while an ingest writes
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@dataclass
class Store:
    engine: Engine

    def put_record(self, record: Record) -> Outcome:
        """Store a record; the same text again is a no-op, a newer pipeline's record replaces."""
        with Session(self.engine) as session, session.begin():
            row = session.get(DocumentRow, record.id)
            if row is not None and row.pipeline_version == record.pipeline_version:
                return "unchanged"
            data = record_to_dict(record)
            values = {
                "source": record.source,
                "title": record.title,
                "outlet": record.outlet,
                "language": record.language,
                "published": record.published,
                "published_inferred": record.published_inferred,
                "text": record.text,
                "record": data,
                "pipeline_version": record.pipeline_version,
            }
            if row is None:
                session.add(DocumentRow(id=record.id, **values))
                return "stored"
            for key, value in values.items():
                setattr(row, key, value)
            return "replaced"

    def put_quarantined(self, item: Quarantined) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(
                QuarantineRow(
                    source=item.source,
                    stage=item.stage,
                    reason=item.reason.value,
                    detail=item.detail,
                    content=item.content,
                )
            )

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record (OUTPUT.md mapping), by publication date then source."""
        with Session(self.engine) as session:
            rows = session.scalars(
                select(DocumentRow).order_by(DocumentRow.published, DocumentRow.source)
            )
            for row in rows:
                yield row.record

    def documents(self) -> list[DocumentRow]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(
                session.scalars(
                    select(DocumentRow).order_by(DocumentRow.published.desc(), DocumentRow.source)
                )
            )

    def document(self, doc_id: str) -> DocumentRow | None:
        with Session(self.engine, expire_on_commit=False) as session:
            return session.get(DocumentRow, doc_id)

    def quarantined(self) -> list[QuarantineRow]:
        with Session(self.engine, expire_on_commit=False) as session:
            return list(session.scalars(select(QuarantineRow).order_by(QuarantineRow.id)))

    def counts(self) -> dict[str, int]:
        with Session(self.engine) as session:
            return {
                "documents": session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
                "quarantined": session.scalar(select(func.count()).select_from(QuarantineRow)) or 0,
            }


def open_store(url: str) -> Store:
    """Open (and create where needed) the store at ``url``.

    ``sqlite:///tregua.db`` is a file beside the current directory; ``postgresql://...``
    a server. Raises ``StoreError`` naming the URL when it cannot be opened.
    """
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(engine)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"{url}: cannot open the store ({exc.__class__.__name__}: "
            f"{exc.args[0] if exc.args else exc}); check the URL and that the "
            "server is running"
        ) from exc
    return Store(engine)
