"""Indexes for the API's pages over a large store (issue #9).

Measured on 21,000 documents (112,606 fused events, 147,000 quotes; ``docs/benchmarks.md``):
without them every page of ``/api/events`` sorted the whole table (100 ms at any offset),
a date range scanned half of it (190 ms) and every page of quotes and event mentions
sorted every joined row (200 ms).

    ix_fused_events_order        the timeline's order: undated last, date, type, id
    ix_fused_events_reach        events reaching into a date range (last day, then first)
    ix_documents_published_id    quotes in publication order, by document
    ix_documents_published_source  event mentions and the documents list in that order

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_fused_events_order",
        "fused_events",
        [sa.text("(date IS NULL)"), "date", "type", "id"],
    )
    op.create_index("ix_fused_events_reach", "fused_events", ["date_end", "date"])
    op.create_index("ix_documents_published_id", "documents", ["published", "id"])
    op.create_index("ix_documents_published_source", "documents", ["published", "source"])


def downgrade() -> None:
    op.drop_index("ix_documents_published_source", "documents")
    op.drop_index("ix_documents_published_id", "documents")
    op.drop_index("ix_fused_events_reach", "fused_events")
    op.drop_index("ix_fused_events_order", "fused_events")
