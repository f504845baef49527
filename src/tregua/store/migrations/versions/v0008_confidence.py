"""A confidence on fused events, quotes and stances, to filter by (issues #14, #15).

    fused_events.confidence   the confidence of the event across its reports
    quotes.confidence         the fitted confidence of the quote (OUTPUT.md v1.1)
    stances.confidence        the fitted confidence of the stance (OUTPUT.md v1.1)

Stored fused events take the highest confidence of their mentions (one report the model
trusts is enough to show the event); the next fusion derives it with the live rule. Stored
quotes and stances were written before records carried a confidence, so theirs stays NULL
until their documents are stored again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision: str | None = "0007"
branch_labels = None
depends_on = None

_TABLES = ("fused_events", "quotes", "stances")


def upgrade() -> None:
    for table in _TABLES:
        op.add_column(table, sa.Column("confidence", sa.Float, nullable=True))
    op.execute(
        "UPDATE fused_events SET confidence = (SELECT max(m.confidence) "
        "FROM fused_event_mentions f JOIN event_mentions m ON m.id = f.event_mention_id "
        "WHERE f.fused_event_id = fused_events.id)"
    )


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_column(table, "confidence")
