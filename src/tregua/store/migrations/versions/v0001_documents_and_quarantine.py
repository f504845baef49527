"""The first store: one row per document with its record as JSON, and the quarantine.

A database created by tregua before migrations existed has exactly these tables;
``open_store`` stamps it with this revision and upgrades it from here.

Revision ID: 0001
Revises:
Create Date: 2026-02-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("published_inferred", sa.Boolean, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("pipeline_version", sa.Text, nullable=False),
        sa.Column(
            "ingested_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
    )
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column(
            "quarantined_at",
            sa.DateTime(timezone=True),
            server_default=sa.func.now(),
            nullable=False,
        ),
    )
    op.create_index("ix_quarantine_source", "quarantine", ["source"])
    op.create_index("ix_quarantine_reason", "quarantine", ["reason"])


def downgrade() -> None:
    op.drop_table("quarantine")
    op.drop_table("documents")
