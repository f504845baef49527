"""Reads while another connection writes one SQLite file: WAL lets both go on.

The web server reads the store while ``tregua ingest`` writes it. Here a writer (its own
engine, as another process would have) stores records one transaction each and fuses
them, while readers on other engines ask every question the API asks, until the writer is
done. Any "database is locked" (``OperationalError``, raised as ``StoreError``) fails.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from tregua.errors import StoreError
from tregua.fuse.refresh import refresh
from tregua.store import Store, open_store
from tregua.store import queries as q

from . import corpus

WRITES = 60
READERS = 2


def _copies(count: int) -> list[dict[str, Any]]:
    base = corpus.corpus()
    records = []
    for n in range(count):
        record = copy.deepcopy(base[n % len(base)])
        record["id"] = f"{n:040x}"
        record["source"] = f"copy/{n}/{record['source']}"
        records.append(record)
    return records


READS: list[Callable[[Store], Any]] = [
    lambda s: q.timeline_page(s, side="UKR", limit=20),
    lambda s: q.timeline_compact(s, limit=100),
    lambda s: q.quotes_page(s, speaker="Peskov", limit=20),
    lambda s: q.event_mentions_page(s, type="CONSULT", limit=20),
    lambda s: q.documents_page(s, limit=20),
    lambda s: q.stance_matrix(s),
    lambda s: q.search(s, "alto el fuego"),
    lambda s: s.counts(),
]


def test_reads_during_writes_never_see_a_locked_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    open_store(url).engine.dispose()  # migrated once, before anyone reads
    done = threading.Event()
    failures: list[Exception] = []
    reads = [0] * READERS

    def write() -> None:
        store = open_store(url)
        try:
            for record in _copies(WRITES):
                assert store.put_record(record) == "stored"
            refresh(store)
        except (StoreError, SQLAlchemyError, AssertionError) as exc:
            failures.append(exc)
        finally:
            done.set()
            store.engine.dispose()

    def read(slot: int) -> None:
        store = open_store(url)
        try:
            # at least one full round, then on until the writer has finished
            while reads[slot] < len(READS) or not done.is_set():
                READS[reads[slot] % len(READS)](store)
                reads[slot] += 1
        except (StoreError, SQLAlchemyError, AssertionError) as exc:
            failures.append(exc)
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=write)]
    threads += [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    store = open_store(url)
    assert store.counts()["documents"] == WRITES
    assert q.timeline(store)  # the fusion the readers raced with is there
    store.engine.dispose()
