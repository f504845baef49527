"""Insert rate of the store on SQLite (a file) and on a real PostgreSQL server.

    PYTHONPATH=src python benchmarks/store_insert.py --documents 5000 [--dialect sqlite]

Records come from the real pipeline over ``examples/`` once, then are replicated as new
documents (``replicas.py``) and built in memory before the clock starts, so the timed part
is only ``Store.put_record``: the call ``tregua ingest`` makes for every document (its
record hash, its rows, one transaction each). Fusion (``refresh``, run once at the end of
an ingest) is timed apart. PostgreSQL is a throwaway server started with the tests' own
helper (``tests/store/pg.py``), with its default durability (fsync on); SQLite is a file in
a temporary folder with tregua's settings (WAL). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.replicas import example_records, replicate  # noqa: E402
from tests.store.pg import PgServer, missing_reason  # noqa: E402

from tregua.fuse.refresh import refresh  # noqa: E402
from tregua.store import open_store  # noqa: E402

#: per-document tables, as reported (entities are shared across documents)
TABLES = (
    "documents",
    "sources",
    "paragraphs",
    "flags",
    "mentions",
    "event_mentions",
    "quotes",
    "stances",
    "entities",
)


@contextmanager
def store_url(dialect: str, folder: Path) -> Iterator[str]:
    if dialect == "sqlite":
        yield f"sqlite:///{folder / 'insert.db'}"
        return
    reason = missing_reason()
    if reason:
        sys.exit(f"cannot start PostgreSQL: {reason}")
    server = PgServer(fast=False)
    try:
        yield server.url(server.new_database())
    finally:
        server.remove()


def measure(url: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    store = open_store(url)
    try:
        tenth = max(1, len(records) // 10)
        start = time.perf_counter()
        last_tenth_start = start
        for n, record in enumerate(records):
            if n == len(records) - tenth:
                last_tenth_start = time.perf_counter()
            outcome = store.put_record(record)
            if outcome != "stored":
                sys.exit(f"document {n} came back {outcome!r}, expected 'stored'")
        end = time.perf_counter()
        counts = store.table_counts()
        fuse_start = time.perf_counter()
        fused = refresh(store)
        fuse_seconds = time.perf_counter() - fuse_start
    finally:
        store.engine.dispose()
    seconds = end - start
    rows = sum(counts[t] for t in TABLES)
    return {
        "seconds": seconds,
        "documents_per_s": len(records) / seconds,
        "last_tenth_per_s": tenth / (end - last_tenth_start),
        "rows": rows,
        "rows_per_s": rows / seconds,
        "counts": counts,
        "fuse_seconds": fuse_seconds,
        "fused_events": fused.events,
    }


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000, help="Documents to insert.")
    parser.add_argument(
        "--dialect", choices=["sqlite", "postgresql", "both"], default="both", help="Stores."
    )
    parser.add_argument(
        "--keep-undated", action="store_true", help="Copies keep undated events undated."
    )
    args = parser.parse_args()
    base = example_records()
    # built before any clock starts
    records = list(replicate(base, args.documents, keep_undated=args.keep_undated))
    dialects = ["sqlite", "postgresql"] if args.dialect == "both" else [args.dialect]
    results = {}
    for dialect in dialects:
        with tempfile.TemporaryDirectory() as tmp, store_url(dialect, Path(tmp)) as url:
            print(f"{dialect}: inserting {len(records)} documents ...", file=sys.stderr)
            results[dialect] = measure(url, records)
    print(
        f"\n{args.documents} documents ({len(base)} records of examples/ replicated), "
        f"commit {_commit()}, {os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print(
        "| store | documents/s | last 10% documents/s | rows | rows/s | "
        "events/s | quotes/s | seconds | fusion s | fused events |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for dialect, r in results.items():
        c = r["counts"]
        print(
            f"| {dialect} | {r['documents_per_s']:,.1f} | {r['last_tenth_per_s']:,.1f} | "
            f"{r['rows']:,} | {r['rows_per_s']:,.0f} | "
            f"{c['event_mentions'] / r['seconds']:,.0f} | {c['quotes'] / r['seconds']:,.0f} | "
            f"{r['seconds']:,.1f} | {r['fuse_seconds']:,.1f} | {r['fused_events']:,} |"
        )
    print("\nrows per table: ")
    for dialect, r in results.items():
        print(f"- {dialect}: " + ", ".join(f"{t} {r['counts'][t]:,}" for t in TABLES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
