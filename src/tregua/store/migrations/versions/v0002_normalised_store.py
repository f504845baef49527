"""The normalised store: every fact in its own table, fused events, stance points, search.

Documents written by the first store keep their record JSON and get ``record_hash`` NULL;
``open_store`` explodes those records into the new tables on its next open.

Full-text search is the one dialect-specific piece: SQLite gets FTS5 tables over paragraph
and quote texts, kept in sync by triggers in the writing transaction; PostgreSQL gets a
generated ``tsvector`` column ('spanish' configuration) with a GIN index on the same tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

#: tables whose ``text`` column is searchable
SEARCHED = ("paragraphs", "quotes")


def _document_id() -> sa.Column[str]:
    return sa.Column(
        "document_id",
        sa.String(40),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
    )


def _int(name: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, nullable=nullable)


def _text(name: str, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.Text, nullable=nullable)


def _str(name: str, length: int, nullable: bool = True) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=nullable)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(_str("record_hash", 64))
    with op.batch_alter_table("quarantine") as batch:
        batch.add_column(_str("content_hash", 40))
        batch.create_unique_constraint(
            "uq_quarantine_source", ["source", "stage", "reason", "content_hash"]
        )

    op.create_table(
        "sources",
        _id(),
        _document_id(),
        _text("source", nullable=False),
        _text("outlet"),
        _str("raw_hash", 40),
        sa.Column(
            "first_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.UniqueConstraint("document_id", "source"),
    )
    op.create_index("ix_sources_document_id", "sources", ["document_id"])
    op.create_index("ix_sources_source", "sources", ["source"])

    op.create_table(
        "paragraphs",
        _id(),
        _document_id(),
        _int("ordinal"),
        _int("start"),
        _int("end"),
        _str("kind", 16, nullable=False),
        _text("text", nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_table(
        "flags",
        _id(),
        _document_id(),
        _int("ordinal"),
        _str("kind", 32, nullable=False),
        _int("start"),
        _int("end"),
        _text("text", nullable=False),
        _text("reason", nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_flags_kind", "flags", ["kind"])

    op.create_table(
        "entities",
        sa.Column("id", sa.String(200), primary_key=True),
        _text("name", nullable=False),
        _str("type", 16, nullable=False),
        _str("country", 8),
        sa.Column("aliases", sa.JSON, nullable=False),
        _int("documents"),
        _int("mentions"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_index("ix_entities_country", "entities", ["country"])

    op.create_table(
        "mentions",
        _id(),
        _document_id(),
        _int("ordinal"),
        sa.Column("entity_id", sa.String(200), sa.ForeignKey("entities.id"), nullable=False),
        _int("start"),
        _int("end"),
        _text("text", nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "event_mentions",
        _id(),
        _document_id(),
        _int("ordinal"),
        _str("type", 16, nullable=False),
        _text("mode"),
        _str("status", 16, nullable=False),
        _str("date", 10),
        _str("date_end", 10),
        _text("date_text"),
        _str("date_source", 16),
        _text("place"),
        _str("place_country", 8),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("targets", sa.JSON, nullable=False),
        sa.Column("countries", sa.JSON, nullable=False),
        _int("dead", nullable=True),
        _int("injured", nullable=True),
        sa.Column("confidence", sa.Float),
        _int("start"),
        _int("end"),
        _text("evidence", nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_event_mentions_type", "event_mentions", ["type"])
    op.create_index("ix_event_mentions_date", "event_mentions", ["date"])

    op.create_table(
        "fused_events",
        sa.Column("id", sa.String(40), primary_key=True),
        _str("type", 16, nullable=False),
        _text("mode"),
        _str("status", 16, nullable=False),
        _str("date", 10),
        _str("date_end", 10),
        _str("date_source", 16),
        _text("place"),
        _str("place_country", 8),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("countries", sa.JSON, nullable=False),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("targets", sa.JSON, nullable=False),
        _int("dead", nullable=True),
        _int("injured", nullable=True),
        sa.Column("disputed", sa.Boolean, nullable=False),
        sa.Column("disagreements", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        _text("evidence", nullable=False),
    )
    op.create_index("ix_fused_events_type", "fused_events", ["type"])
    op.create_index("ix_fused_events_status", "fused_events", ["status"])
    op.create_index("ix_fused_events_date", "fused_events", ["date"])

    op.create_table(
        "fused_event_mentions",
        sa.Column(
            "fused_event_id",
            sa.String(40),
            sa.ForeignKey("fused_events.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "event_mention_id",
            sa.Integer,
            sa.ForeignKey("event_mentions.id", ondelete="CASCADE"),
            primary_key=True,
            unique=True,
        ),
    )

    op.create_table(
        "quotes",
        _id(),
        _document_id(),
        _int("ordinal"),
        _text("text", nullable=False),
        sa.Column("direct", sa.Boolean, nullable=False),
        _int("start"),
        _int("end"),
        sa.Column("speaker", sa.String(200), sa.ForeignKey("entities.id")),
        _text("speaker_name"),
        _text("speaker_description"),
        _str("speaker_country", 8),
        _text("cue"),
        _text("via"),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    op.create_index("ix_quotes_speaker_country", "quotes", ["speaker_country"])

    op.create_table(
        "stances",
        _id(),
        _document_id(),
        _int("ordinal"),
        sa.Column("actor", sa.String(200), sa.ForeignKey("entities.id")),
        _str("country", 8, nullable=False),
        _str("issue", 32, nullable=False),
        _str("polarity", 16, nullable=False),
        _int("start"),
        _int("end"),
        _text("evidence", nullable=False),
        sa.UniqueConstraint("document_id", "ordinal"),
    )
    op.create_index("ix_stances_actor", "stances", ["actor"])
    op.create_index("ix_stances_country", "stances", ["country"])
    op.create_index("ix_stances_issue", "stances", ["issue"])

    op.create_table(
        "stance_points",
        sa.Column("id", sa.String(80), primary_key=True),
        _str("side", 8, nullable=False),
        _str("issue", 32, nullable=False),
        _str("date", 10, nullable=False),
        _str("polarity", 16, nullable=False),
        _str("previous", 16),
        sa.UniqueConstraint("side", "issue", "date"),
    )
    op.create_index("ix_stance_points_date", "stance_points", ["date"])
    op.create_table(
        "stance_point_evidence",
        sa.Column(
            "point_id",
            sa.String(80),
            sa.ForeignKey("stance_points.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "stance_id",
            sa.Integer,
            sa.ForeignKey("stances.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_stance_point_evidence_stance_id", "stance_point_evidence", ["stance_id"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_search()
    elif dialect == "postgresql":
        _postgresql_search()


def _sqlite_search() -> None:
    # external-content FTS5 over the integer ids; triggers keep it in the writer's transaction
    for table in SEARCHED:
        fts = f"{table}_fts"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5(text, content='{table}', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
        op.execute(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); "
            f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
        )


def _postgresql_search() -> None:
    for table in SEARCHED:
        op.add_column(
            table,
            sa.Column(
                "search",
                postgresql.TSVECTOR,
                sa.Computed("to_tsvector('spanish', text)", persisted=True),
            ),
        )
        op.create_index(f"ix_{table}_search", table, ["search"], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in SEARCHED:
            for suffix in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {table}_fts_{suffix}")
            op.execute(f"DROP TABLE {table}_fts")
    for table in (
        "stance_point_evidence",
        "stance_points",
        "stances",
        "quotes",
        "fused_event_mentions",
        "fused_events",
        "event_mentions",
        "mentions",
        "entities",
        "flags",
        "paragraphs",
        "sources",
    ):
        op.drop_table(table)
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_constraint("uq_quarantine_source", type_="unique")
        batch.drop_column("content_hash")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("record_hash")
