"""Build a large SQLite store for the API load tests, through the store's own API.

    PYTHONPATH=src python benchmarks/load_store.py /tmp/tregua-load.db --documents 21000

The records of ``examples/`` (real pipeline, once) are replicated as new documents
(``replicas.py``), written with ``Store.put_record`` one by one as ``tregua ingest`` writes
them, then fused once with ``refresh``. No NLP runs per copy, so a store of 100,000 fused
events takes minutes, not a day of parsing. An existing file is left as it is.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.replicas import example_records, replicate  # noqa: E402

from tregua.fuse.refresh import refresh  # noqa: E402
from tregua.store import open_store  # noqa: E402


def build(path: Path, documents: int, keep_undated: bool = False) -> dict[str, int]:
    """Fill a new store at ``path`` with ``documents`` replicated records; row counts."""
    if path.exists():
        sys.exit(f"{path} exists; remove it or use it as it is")
    store = open_store(f"sqlite:///{path}")
    base = example_records()
    start = time.perf_counter()
    for n, record in enumerate(replicate(base, documents, keep_undated=keep_undated), 1):
        store.put_record(record)
        if n % 1000 == 0:
            print(f"{n} documents, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    stored = time.perf_counter()
    fused = refresh(store)
    print(
        f"stored {documents} documents in {stored - start:.0f} s, fused in "
        f"{time.perf_counter() - stored:.0f} s: {fused.events} fused events from "
        f"{fused.mentions} mentions",
        file=sys.stderr,
    )
    counts = store.table_counts()
    store.engine.dispose()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="The SQLite file to create.")
    parser.add_argument("--documents", type=int, default=21000, help="Documents to store.")
    parser.add_argument(
        "--keep-undated", action="store_true", help="Copies keep undated events undated."
    )
    args = parser.parse_args()
    counts = build(args.path, args.documents, args.keep_undated)
    print(", ".join(f"{table} {n:,}" for table, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
