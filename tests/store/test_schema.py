"""The schema is what the migrations make, on both dialects, from empty or from the first store."""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import SAWarning

from tregua.errors import StoreError
from tregua.store import open_store
from tregua.store.opening import MIGRATIONS
from tregua.store.opening import alembic_config as _alembic
from tregua.store.schema import TABLES, Base, ParagraphRow, SourceRow

from . import corpus
from .pg import PgServer

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()
# the full-text pieces exist only in the migrations: FTS5 tables, tsvector columns
DIALECT_ONLY = {
    "paragraphs_fts",
    "quotes_fts",
    "search",
    "ix_paragraphs_search",
    "ix_quotes_search",
}

# indexes on an expression, as SQLite stores their definition
EXPRESSION_INDEXES = {
    "ix_fused_events_order": "((date IS NULL), date, type, id)",
    "ix_quotes_speaker_name": "lower(speaker_name)",
}


def _dialect_only(obj: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
    return not (
        name and (name in DIALECT_ONLY or name.startswith(("paragraphs_fts", "quotes_fts")))
    )


def test_open_migrates_an_empty_database_to_head(store_url: str) -> None:
    store = open_store(store_url)
    with store.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == HEAD
        assert set(TABLES) <= set(inspect(connection).get_table_names())
    assert all(n == 0 for n in store.table_counts().values())


def test_migrations_make_exactly_the_models(store_url: str) -> None:
    store = open_store(store_url)
    sqlite = store.dialect == "sqlite"

    def include(obj: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
        # SQLite cannot reflect an index on an expression: those are checked below instead
        if sqlite and name in EXPRESSION_INDEXES:
            return False
        return _dialect_only(obj, name, kind, reflected, other)

    with store.engine.connect() as connection, warnings.catch_warnings():
        if sqlite:
            warnings.filterwarnings(
                "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
            )
            warnings.filterwarnings(
                "ignore", "autogenerate skipping metadata-specified expression-based index"
            )
        context = MigrationContext.configure(
            connection, opts={"include_object": include, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
        if sqlite:
            made = dict(
                connection.execute(
                    text("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
                ).all()
            )
            for name, expression in EXPRESSION_INDEXES.items():
                assert expression in made[name].replace('"', ""), (name, made[name])


def test_downgrade_to_nothing_and_back(store_url: str) -> None:
    store = open_store(store_url)
    store.put_record(corpus.article_a())
    with store.engine.begin() as connection:
        command.downgrade(_alembic(connection), "base")
        assert "documents" not in inspect(connection).get_table_names()
    again = open_store(store_url)
    assert again.put_record(corpus.article_a()) == "stored"


def test_reopening_changes_nothing(store_url: str) -> None:
    open_store(store_url).put_record(corpus.article_a())
    before = open_store(store_url).table_counts()
    assert open_store(store_url).table_counts() == before


def _first_store(path: Path, record: dict[str, object]) -> None:
    """The database the first store's create_all made, with one document in it."""
    with sqlite3.connect(path) as con:
        con.executescript(
            """
            CREATE TABLE documents (
                id VARCHAR(40) NOT NULL PRIMARY KEY, source TEXT NOT NULL, title TEXT,
                outlet TEXT, language VARCHAR(8) NOT NULL, published VARCHAR(10),
                published_inferred BOOLEAN NOT NULL, text TEXT NOT NULL, record JSON NOT NULL,
                pipeline_version TEXT NOT NULL,
                ingested_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL);
            CREATE INDEX ix_documents_source ON documents (source);
            CREATE INDEX ix_documents_published ON documents (published);
            CREATE TABLE quarantine (
                id INTEGER NOT NULL PRIMARY KEY, source TEXT NOT NULL,
                stage VARCHAR(32) NOT NULL, reason VARCHAR(32) NOT NULL, detail TEXT NOT NULL,
                content BLOB NOT NULL,
                quarantined_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL);
            CREATE INDEX ix_quarantine_source ON quarantine (source);
            CREATE INDEX ix_quarantine_reason ON quarantine (reason);
            """
        )
        con.execute(
            "INSERT INTO documents (id, source, language, published, published_inferred, "
            "text, record, pipeline_version) VALUES (?, ?, 'es', ?, 0, ?, ?, ?)",
            (
                record["id"],
                record["source"],
                record["published"],
                record["text"],
                json.dumps(record),
                record["pipeline_version"],
            ),
        )
        con.execute(
            "INSERT INTO quarantine (source, stage, reason, detail, content) "
            "VALUES ('x.txt', 'ingest', 'empty', 'x.txt: the input is empty', x'')"
        )


def test_a_first_store_database_is_upgraded_and_its_records_exploded(tmp_path: Path) -> None:
    record = corpus.article_a()
    _first_store(tmp_path / "old.db", record)
    store = open_store(f"sqlite:///{tmp_path / 'old.db'}")
    counts = store.table_counts()
    assert (counts["documents"], counts["quarantine"]) == (1, 1)
    assert counts["paragraphs"] == 1
    assert counts["event_mentions"] == 1
    assert counts["quotes"] == 1
    with store.reading() as session:
        assert session.scalars(select(SourceRow.source)).all() == ["a.txt"]
        assert session.scalars(select(ParagraphRow.text)).one() == record["text"]
    assert store.put_record(record) == "unchanged"


def test_postgresql_url_without_a_driver_uses_psycopg(postgres: PgServer) -> None:
    store = open_store(postgres.url(postgres.new_database(), driver="postgresql"))
    assert store.engine.dialect.driver == "psycopg"
    assert store.put_record(corpus.article_a()) == "stored"


@pytest.mark.parametrize(
    "url",
    ["nosuchdb://x", "sqlite:////nonexistent-dir/x/y.db", "postgresql://nobody@127.0.0.1:1/x"],
)
def test_a_store_that_cannot_open_says_so(url: str) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(url)


def _statistics(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return [row[0] for row in con.execute("SELECT DISTINCT tbl FROM sqlite_stat1")]


def test_a_new_store_gets_no_planner_statistics_of_empty_tables(tmp_path: Path) -> None:
    # statistics that say every table is empty slowed each insert of a first ingest as the
    # tables grew (paragraphs: 0.3 ms a document at 500 documents, 4 ms at 3,000)
    open_store(f"sqlite:///{tmp_path / 'new.db'}").engine.dispose()
    assert _statistics(tmp_path / "new.db") == []


def test_an_upgraded_store_with_documents_gets_planner_statistics(tmp_path: Path) -> None:
    _first_store(tmp_path / "old.db", corpus.article_a())
    open_store(f"sqlite:///{tmp_path / 'old.db'}").engine.dispose()
    assert "documents" in _statistics(tmp_path / "old.db")
