"""The review queue of another version against this one, timed alternately on one store.

    git show 403c594:src/tregua/review/queue.py > /tmp/oldqueue.py
    PYTHONPATH=src python benchmarks/review_queue_compare.py /tmp/oldqueue.py /tmp/a.db ...

For each SQLite store (one ``benchmarks/review_timings.py`` made), checks that both give the
same first page of 50, then times the first page ``--repeat`` times each, old then new,
alternately (so both meet the same load), and prints the medians in milliseconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import time
from pathlib import Path

from tregua.review import queue as new
from tregua.store import open_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the other version's review/queue.py")
    parser.add_argument("stores", type=Path, nargs="+")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("old_queue", args.old)
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(old)
    for path in args.stores:
        store = open_store(f"sqlite:///{path}")
        if old.queue(store, limit=50) != new.queue(store, limit=50):
            print(f"{path}: the two queues differ")
            return 1
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            for name, module in (("old", old), ("new", new)):
                start = time.perf_counter()
                module.queue(store, limit=50)
                times[name].append((time.perf_counter() - start) * 1000)
        counts = new.queue(store, limit=1)
        print(
            f"{path}: {counts['total']} items, {counts['reviewed']} reviewed; median ms "
            f"old {statistics.median(times['old']):.1f}, new {statistics.median(times['new']):.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
