"""The document view of one document with many marks: its time to answer, by mark count.

    PYTHONPATH=src python benchmarks/document_view.py --mentions 10000 --runs 3

A record of the bundled sample (``tests/interfaces/data/sample_records.json``) gets a last
paragraph of ``--mentions`` words, each an entity mention (the case of issue #20: one
paragraph of 10,001 mentions took 22 s to render); with ``--events``, half as many
events' evidence spans marked over pairs of them besides. The store is a new SQLite
file; the page is asked in process through the application (``GET /documents/{id}``),
``--runs`` times after one warm-up, and the best and worst times are printed with the
reply's size.
Run it with another commit's ``src`` first on the path to compare the two.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "interfaces" / "data" / "sample_records.json"


def crowded(record: dict[str, Any], mentions: int, events: bool) -> dict[str, Any]:
    """``record`` with a last paragraph of ``mentions`` marked words, and with ``events``
    an event over each pair of them."""
    record = copy.deepcopy(record)
    text = record["text"]
    start = len(text) + 2
    words = " ".join(["Putin"] * mentions)
    record["text"] = f"{text}\n\n{words}"
    record["id"] = hashlib.sha1(record["text"].encode()).hexdigest()
    record["source"] = f"bench/crowded-{mentions}.txt"
    index = len(record["paragraphs"])
    end = start + len(words)
    record["paragraphs"].append({"index": index, "start": start, "end": end, "kind": "reporting"})
    spans = [
        {"start": start + 6 * i, "end": start + 6 * i + 5, "text": "Putin"} for i in range(mentions)
    ]
    record["entities"].append(
        {
            "id": "bench-putin",
            "name": "Putin",
            "type": "PERSON",
            "country": "RUS",
            "aliases": ["Putin"],
            "mentions": spans,
        }
    )
    for i in range(0, mentions - 1 if events else 0, 2):
        event = copy.deepcopy(record["events"][0])
        event["evidence"] = {
            "start": spans[i]["start"],
            "end": spans[i + 1]["end"],
            "text": "Putin Putin",
        }
        record["events"].append(event)
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--events", action="store_true", help="Also an event's evidence over each pair."
    )
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from tregua.interfaces.web.app import create_app
    from tregua.settings import Settings
    from tregua.store import open_store

    base = json.loads(SAMPLE.read_text(encoding="utf-8"))[0]
    record = crowded(base, args.mentions, args.events)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'view.db'}"
        open_store(url).put_record(record)
        with TestClient(create_app(Settings(db=url, cache_bytes=0))) as client:
            path = f"/documents/{record['id']}"
            first = client.get(path)
            if first.status_code != 200:
                sys.exit(f"{path}: {first.status_code} {first.text[:200]}")
            times = []
            for _ in range(args.runs):
                began = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - began)
    marks = args.mentions + (args.mentions // 2 if args.events else 0)
    print(
        f"{args.mentions} mentions ({marks} marks in one paragraph): "
        f"best {min(times):.3f} s, worst {max(times):.3f} s over {args.runs} runs, "
        f"{len(first.content):,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
