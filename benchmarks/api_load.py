"""API latency under load: ``tregua serve`` on 127.0.0.1 and locust, headless.

    PYTHONPATH=src python benchmarks/api_load.py /tmp/tregua-load.db [--users 50] [--run-time 60s]
        [--workers 1]

The store is a SQLite file made by ``load_store.py`` (built here first when the file is
missing, with ``--documents``). The server is the real command, ``tregua serve`` (uvicorn,
``--workers`` processes), started as a child with its log in ``--log``; locust runs the
readers of ``locustfile.py`` against it from another process, on the same machine. Prints
per request type and overall: requests, failures, p50, p95, p99 and max in milliseconds (as
locust records them: rounded to two significant figures above 100 ms), the share of replies
the server's cache answered, and what the server log holds of errors. Exits 1 when any
request failed or the log shows an error. ``TREGUA_CACHE_BYTES=0`` in the environment
turns the server's cache off.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

#: what in a server log means a request failed in the server
LOG_ERRORS = ("database is locked", "Traceback", "ERROR", "OperationalError")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def targets(path: Path) -> dict[str, Any]:
    """Filter values for the readers, drawn from the store under test."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def column(sql: str) -> list[Any]:
            return [row[0] for row in db.execute(sql)]

        people = "SELECT {} FROM entities WHERE type = 'PERSON' ORDER BY mentions DESC LIMIT 15"
        return {
            "documents": column("SELECT id FROM documents ORDER BY random() LIMIT 500"),
            "events": column("SELECT id FROM fused_events ORDER BY random() LIMIT 500"),
            "types": column("SELECT DISTINCT type FROM fused_events"),
            "dates": column(
                "SELECT DISTINCT date FROM fused_events WHERE date IS NOT NULL ORDER BY date"
            ),
            "actors": column(people.format("name")),
            "actor_ids": column(people.format("id")),
            "speakers": column(
                "SELECT speaker_name FROM quotes WHERE speaker_name IS NOT NULL "
                "GROUP BY speaker_name ORDER BY count(*) DESC LIMIT 15"
            ),
            "issues": column("SELECT DISTINCT issue FROM stances"),
            "words": [
                "alto el fuego",
                "negociaciones",
                "Abu Dabi",
                "sanciones",
                "garantías de seguridad",
                "Zelenski",
                "Kremlin",
                "tregua energética",
                "territorio",
                "Witkoff",
            ],
        }
    finally:
        db.close()


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"tregua serve exited with {server.returncode}; see its log")
        try:
            if httpx.get(f"{base}/api/issues", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    sys.exit(f"tregua serve did not answer on {base} within {seconds:.0f} s")


def start_server(url: str, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen(
        [str(BIN / "tregua"), "serve", "--db", url, "--port", str(port), "--workers", str(workers)],
        stdout=handle,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TREGUA_API_TOKEN": ""},
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_locust(
    base: str, targets_file: Path, users: int, spawn_rate: int, run_time: str, prefix: Path
) -> tuple[list[dict[str, str]], dict[str, dict[str, int]]]:
    """Locust's rows of statistics, and what the cache said per request name."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "benchmarks" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        run_time,
        "--host",
        base,
        "--csv",
        str(prefix),
        "--only-summary",
        "--stop-timeout",
        "30",
    ]
    cache = Path(f"{prefix}_cache.json")
    env = {**os.environ, "TREGUA_LOAD_TARGETS": str(targets_file), "TREGUA_LOAD_CACHE": str(cache)}
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL)
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return rows, json.loads(cache.read_text("utf-8")) if cache.exists() else {}


def log_errors(log: Path) -> list[str]:
    lines = log.read_text("utf-8", errors="replace").splitlines()
    return [line for line in lines if any(word in line for word in LOG_ERRORS)]


def hit_share(said: dict[str, int]) -> str:
    """``"62%"`` of replies the cache answered; ``"off"`` when none said either way."""
    answered = said.get("hit", 0) + said.get("miss", 0)
    return f"{100 * said.get('hit', 0) / answered:.0f}%" if answered else "off"


def table(rows: list[dict[str, str]], cache: dict[str, dict[str, int]]) -> str:
    """Locust's rows as a markdown table, with the share of each kind the cache answered."""
    lines = [
        "| request | requests | failures | p50 ms | p95 ms | p99 ms | max ms | cache hits |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    every: dict[str, int] = {}
    for said in cache.values():
        for how, count in said.items():
            every[how] = every.get(how, 0) + count
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        whole = row["Name"] == "Aggregated"
        name = "**all**" if whole else f"`{row['Name']}`"
        hits = hit_share(every if whole else cache.get(row["Name"], {}))
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} "
            f"| {hits} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="The SQLite store (built when missing).")
    parser.add_argument("--documents", type=int, default=21000, help="Documents, when building.")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10, help="Users started per second.")
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--workers", type=int, default=1, help="tregua serve processes.")
    parser.add_argument("--log", type=Path, default=Path("/tmp/tregua-serve-load.log"))
    args = parser.parse_args()
    if not args.db.exists():
        from benchmarks.load_store import build

        build(args.db, args.documents)
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    counts = {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "event_mentions", "fused_events", "quotes", "entities")
    }
    db.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        targets_file = Path(tmp) / "targets.json"
        targets_file.write_text(json.dumps(targets(args.db), ensure_ascii=False), "utf-8")
        server = start_server(f"sqlite:///{args.db.resolve()}", port, args.log, args.workers)
        try:
            wait_until_up(base, server)
            rows, cache = run_locust(
                base, targets_file, args.users, args.spawn_rate, args.run_time, Path(tmp) / "load"
            )
        finally:
            stop(server)
    errors = log_errors(args.log)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(", ".join(f"{t} {n:,}" for t, n in counts.items()))
    print(
        f"{args.users} users, {args.run_time}, {float(total['Requests/s']):.1f} requests/s, "
        f"{args.workers} server process(es), {os.cpu_count()} cores, "
        f"TREGUA_CACHE_BYTES={os.environ.get('TREGUA_CACHE_BYTES', 'default')}, "
        f"load average {load_before:.2f} at the start, {os.getloadavg()[0]:.2f} at the end\n"
    )
    print(table(rows, cache))
    print(f"\nserver log {args.log}: {len(errors)} error lines")
    for line in errors[:20]:
        print("  " + line)
    return 1 if errors or int(total["Failure Count"]) else 0


if __name__ == "__main__":
    sys.exit(main())
