"""What a confidence threshold keeps and loses: the records cut at each threshold, scored.

For each threshold, the records' events (and quotes and stances, where they carry a
confidence) under it are dropped, as the dashboard's control drops them, and the rest is
scored with the shared scorer against the gold. Printed per threshold: events kept,
precision, recall and F1, and the gold events lost (matched with no threshold, not at it).

    PYTHONPATH=src .venv/bin/tregua extract ../shared/data/news-dev/articles.jsonl \\
        --format jsonl > /tmp/dev.jsonl
    .venv/bin/python benchmarks/confidence_threshold.py /tmp/dev.jsonl \\
        ../shared/gold/news-dev --thresholds 0 0.3 0.4 0.5 0.6 0.7

The confidences are the records' own: a model fitted on news-dev among other sets, so the
precision kept on news-dev flatters it; ``benchmarks/fit_confidence.py --threshold T`` gives
the same cut on out-of-fold predictions.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("events", "quotes", "stances")


def cut(record: dict[str, Any], threshold: float) -> dict[str, Any]:
    """``record`` without the events, quotes and stances under ``threshold``; an item without
    a confidence stays only when the threshold is 0 (no filter)."""
    kept = dict(record)
    for kind in KINDS:
        items = record.get(kind) or []
        kept[kind] = [
            item
            for item in items
            if threshold <= 0
            or (isinstance(item.get("confidence"), int | float) and item["confidence"] >= threshold)
        ]
    return kept


def score(records: list[dict[str, Any]], gold: Path, scorer: Path) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as sink:
        for record in records:
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()
        done = subprocess.run(
            [sys.executable, str(scorer), sink.name, str(gold), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared/eval/score.py")
    parser.add_argument(
        "--thresholds", type=float, nargs="+", default=[0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
    )
    args = parser.parse_args(argv)
    lines = args.records.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    base = score(records, args.gold, args.scorer)
    found = base["events"]["matched"]
    print(
        "| threshold | events kept | precision | recall | F1 | gold events lost "
        "| quotes kept (P) | stances kept (P) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for threshold in args.thresholds:
        summary = score([cut(r, threshold) for r in records], args.gold, args.scorer)
        events = summary["events"]
        lost = found - events["matched"]
        quotes, stances = summary.get("quotes", {}), summary.get("stances", {})
        print(
            f"| {threshold:g} | {events['system']} of {base['events']['system']} "
            f"| {events['p']:.3f} | {events['r']:.3f} | {events['f1']:.3f} "
            f"| {lost} of {events['gold']} ({lost / events['gold']:.1%}) "
            f"| {quotes.get('system', 0)} ({quotes.get('p', 0):.3f}) "
            f"| {stances.get('system', 0)} ({stances.get('p', 0):.3f}) |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
