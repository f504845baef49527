"""Reads during an ingest: readers hammer ``tregua serve`` while ``tregua ingest`` writes.

    PYTHONPATH=src python benchmarks/read_during_ingest.py [--articles 300] [--users 10]

One SQLite store, three processes on this machine: ``tregua serve`` over it (its log kept),
locust readers with no wait between requests (``locustfile.py``), and ``tregua ingest``
writing the first ``--articles`` articles of ``../shared/data/news-es/articles.jsonl``
(real pipeline, one transaction per document, fusion at the end) into the same file. The
store starts with ``--base-documents`` replicated records of ``examples/`` so that the
readers have something to read from the first request. The readers stop when the ingest
ends. Prints the ingest's tally and time, the readers' requests, failures, latencies and
the share the server's cache answered (every stored document is a new store generation),
and every line of the server log that reports an error or "database is locked". Exits 1
when a request failed, the log shows an error, or the ingest failed.

The news corpus has no stated licence: it is read here, never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.api_load import (  # noqa: E402
    BIN,
    free_port,
    log_errors,
    start_server,
    stop,
    table,
    targets,
    wait_until_up,
)
from benchmarks.load_store import build  # noqa: E402


def news(shared: Path, count: int, target: Path) -> None:
    source = shared / "data" / "news-es" / "articles.jsonl"
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for n, line in enumerate(lines):
            if n >= count:
                break
            out.write(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="News articles to ingest.")
    parser.add_argument("--base-documents", type=int, default=1000)
    parser.add_argument("--users", type=int, default=10, help="Readers, each without pause.")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--log", type=Path, default=Path("/tmp/tregua-serve-ingest.log"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "store.db"
        url = f"sqlite:///{db}"
        build(db, args.base_documents)
        news(args.shared, args.articles, folder / "news.jsonl")
        (folder / "targets.json").write_text(json.dumps(targets(db), ensure_ascii=False))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(url, port, args.log)
        try:
            wait_until_up(base, server)
            readers = subprocess.Popen(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "benchmarks" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    "2h",  # stopped when the ingest ends
                    "--host",
                    base,
                    "--csv",
                    str(folder / "reads"),
                    "--only-summary",
                ],
                env={
                    **os.environ,
                    "TREGUA_LOAD_TARGETS": str(folder / "targets.json"),
                    "TREGUA_LOAD_WAIT": "0,0",
                    "TREGUA_LOAD_CACHE": str(folder / "cache.json"),
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            start = time.perf_counter()
            ingest = subprocess.run(
                [str(BIN / "tregua"), "ingest", str(folder / "news.jsonl"), "--db", url],
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - start
            readers.send_signal(signal.SIGTERM)  # locust writes its stats and exits
            readers.wait(timeout=120)
        finally:
            stop(server)
        with (folder / "reads_stats.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        cache = folder / "cache.json"
        said = json.loads(cache.read_text("utf-8")) if cache.exists() else {}
    errors = log_errors(args.log)
    locked = [line for line in errors if "database is locked" in line]
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(f"tregua ingest of {args.articles} articles: exit {ingest.returncode}, {seconds:.0f} s")
    print("  " + (ingest.stderr.strip().splitlines() or ["(no output)"])[-1])
    print(
        f"{args.users} readers without pause, during the ingest: "
        f"{int(total['Request Count']):,} requests, {int(total['Failure Count']):,} failed, "
        f"{float(total['Requests/s']):.1f} requests/s, {os.cpu_count()} cores\n"
    )
    print(table(rows, said))
    print(
        f"\nserver log {args.log}: {len(errors)} error lines, "
        f"{len(locked)} with 'database is locked'"
    )
    for line in errors[:20]:
        print("  " + line)
    failed = errors or int(total["Failure Count"]) or ingest.returncode not in (0, 1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
