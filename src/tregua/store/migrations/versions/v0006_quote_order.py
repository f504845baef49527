"""Quotes and stances in publication order by index, and quotes by issue (issue #9).

    quotes.published, stances.published   the document's publication day, copied
    ix_quotes_published                   (published, document_id, ordinal)
    ix_quotes_speaker_published           (speaker, published, document_id, ordinal)
    ix_quotes_side_published              (speaker_country, published, document_id, ordinal)
    ix_stances_actor_published            (actor, published, document_id, ordinal)
    ix_quotes_speaker_name                lower(speaker_name)
    ix_quotes_speaker_description         speaker_description
    quote_issues                          (issue, quote) for every stance overlapping a quote

They replace ix_quotes_speaker, ix_quotes_speaker_country and ix_stances_actor. Measured
on 147,000 quotes and 86,100 stances: an actor's latest 100 quotes sorted its 23,100 by
their documents (86 ms) and counted them through the documents (24 ms), its latest stances
took 60 ms; quotes on an issue went through the issue's stances to their documents' quotes
(87 ms to count).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("quotes", "stances"):
        op.add_column(table, sa.Column("published", sa.String(10), nullable=True))
        op.execute(
            f"UPDATE {table} SET published = "
            f"(SELECT d.published FROM documents d WHERE d.id = {table}.document_id)"
        )
    op.drop_index("ix_quotes_speaker", "quotes")
    op.drop_index("ix_quotes_speaker_country", "quotes")
    op.drop_index("ix_stances_actor", "stances")
    op.create_index("ix_quotes_published", "quotes", ["published", "document_id", "ordinal"])
    op.create_index(
        "ix_quotes_speaker_published", "quotes", ["speaker", "published", "document_id", "ordinal"]
    )
    op.create_index(
        "ix_quotes_side_published",
        "quotes",
        ["speaker_country", "published", "document_id", "ordinal"],
    )
    op.create_index(
        "ix_stances_actor_published", "stances", ["actor", "published", "document_id", "ordinal"]
    )
    op.create_index("ix_quotes_speaker_name", "quotes", [sa.text("lower(speaker_name)")])
    op.create_index("ix_quotes_speaker_description", "quotes", ["speaker_description"])
    op.create_table(
        "quote_issues",
        sa.Column("issue", sa.String(32), primary_key=True),
        sa.Column(
            "quote_id",
            sa.Integer,
            sa.ForeignKey("quotes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_quote_issues_quote_id", "quote_issues", ["quote_id"])
    op.execute(
        "INSERT INTO quote_issues (issue, quote_id) SELECT DISTINCT s.issue, q.id FROM quotes q "
        'JOIN stances s ON s.document_id = q.document_id AND s.start < q."end" '
        'AND s."end" > q.start'
    )


def downgrade() -> None:
    op.drop_index("ix_quote_issues_quote_id", "quote_issues")
    op.drop_table("quote_issues")
    op.drop_index("ix_quotes_speaker_description", "quotes")
    op.drop_index("ix_quotes_speaker_name", "quotes")
    op.drop_index("ix_stances_actor_published", "stances")
    op.drop_index("ix_quotes_side_published", "quotes")
    op.drop_index("ix_quotes_speaker_published", "quotes")
    op.drop_index("ix_quotes_published", "quotes")
    op.create_index("ix_stances_actor", "stances", ["actor"])
    op.create_index("ix_quotes_speaker_country", "quotes", ["speaker_country"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    for table in ("quotes", "stances"):
        op.drop_column(table, "published")
