"""The review's tables (issue #18, migration 0009): editors and the corrections log. They
are the analysts' data, not the machine's, so they are not among ``schema.TABLES`` (the
table exports leave them out, token hashes included). ``tregua.store.database`` (the
``Store``) imports this module, so the tables are in ``Base.metadata`` wherever the store is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from tregua.store.schema import Base


class UserRow(Base):
    """Someone who may write: an editor, with the SHA-256 of their token (never the token).

    A revoked user keeps their row (their corrections name them) and can no longer write."""

    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # "editor"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class CorrectionRow(Base):
    """One analyst's decision on one item of the machine's record, never updated or deleted.

    ``key`` names the item by what survives re-ingest, a new pipeline version and re-fusion
    (its document, its type or side and issue, its evidence text), never by a row id; the
    latest correction of a key is the one shown (``tregua.review``). ``before`` is the
    machine's item as the editor saw it, ``after`` the fields they set.
    """

    __tablename__ = "corrections"
    __table_args__ = (Index("ix_corrections_target", "kind", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    editor: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(16))  # event | quote | stance | fused_event
    document_id: Mapped[str] = mapped_column(String(40))
    key: Mapped[dict[str, Any]] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(16))  # confirm|correct|reject|add|merge|split
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)
