"""Where a text comes from, and how many independent sources confirm an event (issue #16).

    documents.agency            the agency behind the text ("EFE"), from the record
    documents.cluster           the near-copy cluster (id of its first copy), from the record
    documents.dateline_place    the dateline's place: where the report was filed
    documents.dateline_date     the dateline's day (YYYY-MM-DD, or XXXX-MM-DD)
    ix_documents_agency, ix_documents_cluster
    fused_events.copies               documents reporting the event
    fused_events.independent_sources  origins among them: one wire printed by many outlets is one
    fused_events.wire                 the agency, when one wire alone confirms the event

Stored documents get their columns from the record each keeps as JSON; stored fused events
get their counts here, by the rule of ``tregua.fuse.sources`` as it stands at 0007 (a
migration keeps its own copy: the store never imports the fusion stage, and a migration must
not change when the code does); every later fusion derives them with the live rule.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None

_DOCUMENT_COLUMNS: tuple[sa.Column[Any], ...] = (
    sa.Column("agency", sa.String(64), nullable=True),
    sa.Column("cluster", sa.String(40), nullable=True),
    sa.Column("dateline_place", sa.Text, nullable=True),
    sa.Column("dateline_date", sa.String(10), nullable=True),
)
_EVENT_COLUMNS: tuple[sa.Column[Any], ...] = (
    sa.Column("copies", sa.Integer, nullable=True),
    sa.Column("independent_sources", sa.Integer, nullable=True),
    sa.Column("wire", sa.Text, nullable=True),
)
BATCH = 500


def upgrade() -> None:
    for column in _DOCUMENT_COLUMNS:
        op.add_column("documents", column)
    for column in _EVENT_COLUMNS:
        op.add_column("fused_events", column)
    op.create_index("ix_documents_agency", "documents", ["agency"])
    op.create_index("ix_documents_cluster", "documents", ["cluster"])
    _fill_documents()
    _fill_events()


def _fill_documents() -> None:
    bind = op.get_bind()
    documents = sa.table(
        "documents",
        sa.column("id", sa.String),
        sa.column("record", sa.JSON),
        *(sa.column(c.name, c.type) for c in _DOCUMENT_COLUMNS),
    )
    updates: list[dict[str, Any]] = []
    for doc_id, record in bind.execute(sa.select(documents.c.id, documents.c.record)):
        data = record or {}
        dateline = data.get("dateline") or {}
        values = {
            "agency": data.get("agency"),
            "cluster": data.get("cluster"),
            "dateline_place": dateline.get("place"),
            "dateline_date": dateline.get("date"),
        }
        if any(v is not None for v in values.values()):
            updates.append({"doc_id": doc_id, **values})
    statement = (
        documents.update()
        .where(documents.c.id == sa.bindparam("doc_id"))
        .values({c.name: sa.bindparam(c.name) for c in _DOCUMENT_COLUMNS})
    )
    for start in range(0, len(updates), BATCH):
        bind.execute(statement, updates[start : start + BATCH])


def _fill_events() -> None:
    """copies, independent_sources and wire of every stored fused event."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT fm.fused_event_id, d.id, d.outlet, d.agency, d.cluster "
            "FROM fused_event_mentions fm "
            "JOIN event_mentions em ON em.id = fm.event_mention_id "
            "JOIN documents d ON d.id = em.document_id"
        )
    )
    documents: dict[str, dict[str, tuple[str | None, str | None, str | None]]] = {}
    for event_id, doc_id, outlet, agency, cluster in rows:
        documents.setdefault(event_id, {})[doc_id] = (outlet, agency, cluster)
    updates = [{"event_id": e, **_count(docs)} for e, docs in documents.items()]
    statement = sa.text(
        "UPDATE fused_events SET copies = :copies, independent_sources = :independent_sources, "
        "wire = :wire WHERE id = :event_id"
    )
    for start in range(0, len(updates), BATCH):
        bind.execute(statement, updates[start : start + BATCH])


def _count(docs: dict[str, tuple[str | None, str | None, str | None]]) -> dict[str, Any]:
    """Origins of documents: linked by one agency, one cluster, or one outlet's own reports."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for doc_id, (outlet, agency, cluster) in docs.items():
        node = find(f"doc:{doc_id}")
        if agency or outlet:
            parent[node] = find(f"agency:{agency}" if agency else f"outlet:{outlet}")
        if cluster:
            parent[find(f"doc:{doc_id}")] = find(f"cluster:{cluster}")
    origins = {find(f"doc:{d}") for d in docs}
    agencies = {agency for _, agency, _ in docs.values() if agency}
    wire = next(iter(agencies)) if len(origins) == 1 and len(agencies) == 1 else None
    return {"copies": len(docs), "independent_sources": len(origins), "wire": wire}


def downgrade() -> None:
    op.drop_index("ix_documents_cluster", "documents")
    op.drop_index("ix_documents_agency", "documents")
    for column in reversed(_EVENT_COLUMNS):
        op.drop_column("fused_events", column.name)
    for column in reversed(_DOCUMENT_COLUMNS):
        op.drop_column("documents", column.name)
