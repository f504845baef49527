"""The store's generation: one counter that every writing transaction bumps (issue #9).

``tregua serve`` caches GET replies keyed on it, so a write by any process (``tregua
ingest`` beside the server, another server) makes the next read fresh. The row is made by
the first write; until then the generation is 0.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_generation",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_generation")
