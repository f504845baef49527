"""What the review costs the reads (issue #18): the queue, and the stance matrix and the
timeline served corrected, on a store of replicated sample records.

    PYTHONPATH=src python benchmarks/review_timings.py /tmp/review-bench.db --documents 2000

The records of ``tests/interfaces/data/sample_records.json`` (the examples, as the pipeline
made them) are replicated as new documents (``replicas.py``) and fused; then one editor
corrects a stance's polarity and rejects an event in every tenth document. Each figure is
the median of ``--repeat`` runs, in milliseconds, before and after the corrections.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.replicas import replicate  # noqa: E402

from tregua.fuse.refresh import refresh  # noqa: E402
from tregua.review import log  # noqa: E402
from tregua.review.apply import correct_matrix, correct_timeline  # noqa: E402
from tregua.review.queue import queue  # noqa: E402
from tregua.store import Store, open_store  # noqa: E402
from tregua.store import queries as q  # noqa: E402

SAMPLE = ROOT / "tests" / "interfaces" / "data" / "sample_records.json"


def median_ms(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(store: Store, repeat: int) -> dict[str, float]:
    return {
        "queue, first page of 50": median_ms(lambda: queue(store, limit=50), repeat),
        "stance matrix, machine": median_ms(lambda: q.stance_matrix(store), repeat),
        "stance matrix, corrected": median_ms(
            lambda: correct_matrix(store, q.stance_matrix(store)), repeat
        ),
        "timeline, machine": median_ms(lambda: q.timeline_compact(store), repeat),
        "timeline, corrected": median_ms(
            lambda: correct_timeline(store, q.timeline_compact(store)), repeat
        ),
    }


def correct_every_tenth(store: Store) -> int:
    made = 0
    for n, record in enumerate(store.records()):
        if n % 10:
            continue
        if record.get("stances"):
            stance = record["stances"][0]
            polarity = "mixed" if stance["polarity"] != "mixed" else "support"
            log.append(
                store,
                editor="bench",
                kind="stance",
                key=log.key_of("stance", record["id"], stance),
                action="correct",
                after={"polarity": polarity},
            )
            made += 1
        if record.get("events"):
            log.append(
                store,
                editor="bench",
                kind="event",
                key=log.key_of("event", record["id"], record["events"][0]),
                action="reject",
            )
            made += 1
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.path.exists():
        sys.exit(f"{args.path} exists; remove it first")
    store = open_store(f"sqlite:///{args.path}")
    base = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for record in replicate(base, args.documents):
        store.put_record(record)
    refresh(store)
    before = measure(store, args.repeat)
    corrections = correct_every_tenth(store)
    after = measure(store, args.repeat)
    items = queue(store, limit=1)
    print(f"{args.documents} documents, {items['total']} items, {corrections} corrections")
    print(f"{'median ms':28} {'no corrections':>15} {'with them':>10}")
    for name, value in before.items():
        print(f"{name:28} {value:15.1f} {after[name]:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
