"""The store's generation: every committed write bumps it, seen by every other engine."""

from __future__ import annotations

import pytest

from tregua.errors import QuarantineReason, StoreError
from tregua.fuse.refresh import refresh
from tregua.model import Quarantined
from tregua.store import Store, open_store
from tregua.store import queries as q

from . import corpus


def test_an_empty_store_is_generation_zero_and_reads_leave_it(store: Store) -> None:
    assert store.generation() == 0
    q.timeline(store)
    q.who_said_what(store)
    store.table_counts()
    assert store.generation() == 0


def test_every_write_by_another_engine_is_a_new_generation(store: Store, store_url: str) -> None:
    writer = open_store(store_url)  # its own engine and pool, as another process has
    try:
        seen = [store.generation()]
        a, b, _ = corpus.corpus()
        writer.put_record(a)
        seen.append(store.generation())
        writer.put_record(b)
        seen.append(store.generation())
        writer.put_quarantined(Quarantined("x.txt", "ingest", QuarantineReason.EMPTY, "empty"))
        seen.append(store.generation())
        refresh(writer)
        seen.append(store.generation())
    finally:
        writer.engine.dispose()
    assert seen == sorted(set(seen)), seen  # strictly increasing
    assert writer.generation() == store.generation() == seen[-1]


def test_a_write_that_fails_is_no_new_generation(store: Store) -> None:
    store.put_record(corpus.article_a())
    before = store.generation()
    with pytest.raises(StoreError), store.writing() as session:
        session.connection().exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
    assert store.generation() == before


def test_a_write_that_changes_no_row_is_no_new_generation(store: Store) -> None:
    a, b, c = corpus.corpus()
    for record in (a, b, c):
        store.put_record(record)
    refresh(store)
    before = store.generation()
    assert store.put_record(a) == "unchanged"
    assert set(refresh(store).changes.values()) == {0}
    assert store.generation() == before
