"""Writing records: idempotent, replaced whole by a newer pipeline, never half-written."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import func, select

from tregua.errors import QuarantineReason, StoreError
from tregua.model import Quarantined
from tregua.store import Store
from tregua.store.database import newer
from tregua.store.opening import alembic_config as _alembic
from tregua.store.queries import search
from tregua.store.schema import (
    DocumentRow,
    EventMentionRow,
    QuoteIssueRow,
    QuoteRow,
    SourceRow,
    StanceRow,
)

from . import corpus


def _rows(store: Store, model: type, doc_id: str) -> int:
    with store.reading() as session:
        return (
            session.scalar(
                select(func.count()).select_from(model).where(model.document_id == doc_id)
            )
            or 0
        )


def test_the_same_record_again_changes_no_row(store: Store) -> None:
    record = corpus.article_a()
    assert store.put_record(record) == "stored"
    before = store.table_counts()
    assert store.put_record(record) == "unchanged"
    assert store.table_counts() == before
    assert before["documents"] == 1
    assert before["mentions"] == 4
    assert before["flags"] == 1
    assert before["stances"] == 2


def test_a_newer_pipeline_replaces_the_extraction(store: Store) -> None:
    old = corpus.article_a()
    store.put_record(old)
    new = corpus.article_a(corpus.NEWER)
    new["events"] = new["events"] * 2  # the newer extractor finds the event twice
    new["quotes"] = []
    assert store.put_record(new) == "replaced"
    assert _rows(store, EventMentionRow, new["id"]) == 2
    assert _rows(store, QuoteRow, new["id"]) == 0
    stored = store.document(new["id"])
    assert stored is not None
    assert stored.pipeline_version == corpus.NEWER
    assert stored.record["quotes"] == []
    # the quote's text left the search index with it
    assert search(store, "plazos") == [r for r in search(store, "plazos") if r["kind"] != "quote"]
    # and the older pipeline cannot take it back
    assert store.put_record(old) == "outdated"
    assert _rows(store, EventMentionRow, new["id"]) == 2


def test_a_replacement_that_fails_half_way_leaves_the_old_extraction(store: Store) -> None:
    old = corpus.article_a()
    store.put_record(old)
    before = store.table_counts()
    broken = corpus.article_a(corpus.NEWER)
    broken["quotes"][0]["start"] = None  # the quote insert fails after the old rows are gone
    with pytest.raises(StoreError, match="cannot write"):
        store.put_record(broken)
    assert store.table_counts() == before
    stored = store.document(old["id"])
    assert stored is not None
    assert stored.pipeline_version == corpus.VERSION
    assert [r["text"] for r in search(store, "plazos") if r["kind"] == "quote"] == ["no hay plazos"]


def test_force_replaces_a_changed_record_of_the_same_version(store: Store) -> None:
    record = corpus.article_a()
    store.put_record(record)
    record["stances"] = []
    assert store.put_record(record) == "unchanged"
    assert store.put_record(record, force=True) == "replaced"
    assert store.table_counts()["stances"] == 0


def test_the_same_text_from_another_source_is_one_document_two_sources(store: Store) -> None:
    record = corpus.article_a()
    store.put_record(record, raw_hash="h1")
    copy = {**record, "source": "https://example.org/a"}
    assert store.put_record(copy, raw_hash="h2") == "unchanged"
    counts = store.table_counts()
    assert (counts["documents"], counts["sources"]) == (1, 2)
    assert store.is_current("https://example.org/a", "h2", corpus.VERSION)
    assert not store.is_current("https://example.org/a", "h1", corpus.VERSION)
    assert not store.is_current("a.txt", "h1", corpus.NEWER)


def test_an_input_quarantined_twice_is_one_row(store: Store) -> None:
    item = Quarantined("x.txt", "ingest", QuarantineReason.EMPTY, "x.txt: the input is empty")
    assert store.put_quarantined(item)
    assert not store.put_quarantined(item)
    assert store.counts() == {"documents": 0, "quarantined": 1}


def test_names_in_quotes_and_stances_missing_from_entities_are_kept(store: Store) -> None:
    record = corpus.article_a()
    record["entities"] = []
    store.put_record(record)
    with store.reading() as session:
        speaker = session.scalar(select(QuoteRow.speaker))
    assert speaker == "Q2632813"
    assert store.table_counts()["entities"] == 2  # the speaker and the stance actor


@pytest.mark.parametrize(
    ("candidate", "stored", "expected"),
    [
        ("tregua 0.2.0 / pack p 0.1.0", "tregua 0.1.0 / pack p 0.1.0", True),
        ("tregua 0.1.0 / pack p 0.1.1", "tregua 0.1.0 / pack p 0.1.0", True),
        ("tregua 0.1.0 / pack p 0.1.0", "tregua 0.10.0 / pack p 0.1.0", False),
        ("tregua 0.1.0 / pack p 0.1.0", "tregua 0.1.0 / pack p 0.1.0", False),
        ("dev", "", True),
    ],
)
def test_newer_pipeline_versions(candidate: str, stored: str, expected: bool) -> None:
    assert newer(candidate, stored) is expected


def test_records_come_back_whole(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    records = list(store.records())
    assert [r["source"] for r in records] == ["a.txt", "b.txt", "c.txt"]
    assert records[0] == corpus.article_a()
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(SourceRow)) == 3
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 3


def _quote_issues(store: Store) -> set[tuple[str, str]]:
    """(quote text, issue) of every quote_issues row."""
    with store.reading() as session:
        rows = session.execute(
            select(QuoteRow.text, QuoteIssueRow.issue).join(
                QuoteIssueRow, QuoteIssueRow.quote_id == QuoteRow.id
            )
        )
        return {(text, issue) for text, issue in rows}


def _published(store: Store) -> set[tuple[str, str | None, str | None]]:
    """(table, its row's publication day, its document's) of every quote and stance."""
    found: set[tuple[str, str | None, str | None]] = set()
    with store.reading() as session:
        for model in (QuoteRow, StanceRow):
            rows = session.execute(
                select(model.published, DocumentRow.published).join(
                    DocumentRow, DocumentRow.id == model.document_id
                )
            )
            found |= {(model.__tablename__, own, its) for own, its in rows}
    return found


def test_quotes_take_the_issues_of_the_stances_overlapping_them(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    # Peskov's «no hay plazos» lies in his ceasefire stance; Zelenski's quote in c in his
    # territory stance; a's territory stance covers no quote
    assert _quote_issues(store) == {
        ("no hay plazos", "ceasefire"),
        ("aceptaría ceder territorio si hay garantías", "territory"),
    }
    assert {(t, own == its) for t, own, its in _published(store)} == {
        ("quotes", True),
        ("stances", True),
    }
    newer = corpus.article_a(corpus.NEWER)
    newer["stances"] = []
    newer["published"] = "2026-01-23"
    store.put_record(newer)
    assert _quote_issues(store) == {("aceptaría ceder territorio si hay garantías", "territory")}
    assert ("quotes", "2026-01-23", "2026-01-23") in _published(store)


def test_migration_0006_fills_what_writing_does(store: Store) -> None:
    for record in corpus.corpus():
        store.put_record(record)
    written = _quote_issues(store), _published(store)
    assert all(written)
    with store.engine.begin() as connection:
        command.downgrade(_alembic(connection), "0005")
        command.upgrade(_alembic(connection), "head")
    assert (_quote_issues(store), _published(store)) == written
