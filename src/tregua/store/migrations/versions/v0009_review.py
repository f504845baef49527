"""The analysts' review: editors with hashed tokens, and the log of their corrections (#18).

    users         name, role ("editor"), token_hash (SHA-256 of the token), created_at,
                  revoked_at (NULL while the token works)
    corrections   id, editor, at, kind (event | quote | stance | fused_event), document_id,
                  key (what names the item across re-ingest and re-fusion), action
                  (confirm | correct | reject | add | merge | split), before, after, reason

``corrections`` is append-only: nothing in tregua updates or deletes its rows. Neither
table is filled here: a store has no editors until ``tregua users add`` makes one.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("editor", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("key", sa.JSON, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.JSON, nullable=True),
        sa.Column("after", sa.JSON, nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_index("ix_corrections_editor", "corrections", ["editor"])
    op.create_index("ix_corrections_target", "corrections", ["kind", "document_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_target", "corrections")
    op.drop_index("ix_corrections_editor", "corrections")
    op.drop_table("corrections")
    op.drop_table("users")
