"""Hygiene on real text: lines flagged in news-es, and publication dates with metadata withheld.

    PYTHONPATH=src python benchmarks/hygiene_eval.py lines [--articles 2000] [--sample 50]
    PYTHONPATH=src python benchmarks/hygiene_eval.py published

``lines`` runs hygiene as the pipeline does (chunks of 32, each with its outlet's shared
lines) over the first ``--articles`` of ``../shared/data/news-es/articles.jsonl`` and prints
the share of non-blank lines holding a flag (glued words aside), by kind, how many articles
have an agency and a dateline, then ``--sample`` flagged lines drawn with a fixed seed, to be
read. ``published`` infers the publication day of every news-dev article and seed with its
``published`` withheld, with the pack's timeline and without it, and prints the share exactly
right (inside the gold's range) and within 3 days. Run it with ``PYTHONPATH`` at another
checkout's ``src`` to measure that commit the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import tregua.hygiene as hygiene
import tregua.pipeline as pipeline_module
from tregua.hygiene import clean_document
from tregua.model import CleanDoc, RawDoc
from tregua.pack import DomainPack, load_pack
from tregua.resolve.time import infer_published

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHUNK = 32
SEED = 16
NEAR_DAYS = 3


def _clean(raw: RawDoc, pack: DomainPack, shared: frozenset[str]) -> CleanDoc:
    try:
        return clean_document(raw, pack.lexicon, frozenset(), shared)
    except TypeError:  # a commit before shared lines
        return clean_document(raw, pack.lexicon)


def lines(articles: int, sample: int) -> None:
    pack = load_pack()
    path = SHARED / "data" / "news-es" / "articles.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for _, line in zip(range(articles), handle, strict=False)]
    total = 0
    flagged: list[tuple[str, str, str]] = []
    kinds: Counter[str] = Counter()
    agencies = datelines = 0
    shared_lines = getattr(hygiene, "shared_lines", None)
    for start in range(0, len(rows), CHUNK):
        chunk = [
            RawDoc(source=a["id"], text=a["text"], title=a["title"], outlet=a["outlet"])
            for a in rows[start : start + CHUNK]
        ]
        shared = shared_lines([(r.outlet, r.text) for r in chunk]) if shared_lines else {}
        for raw in chunk:
            clean = _clean(raw, pack, shared.get(raw.outlet, frozenset()))
            agencies += bool(getattr(clean, "agency", None))
            datelines += bool(getattr(clean, "dateline", None))
            offset = 0
            for line in clean.text.split("\n"):
                begin, end = offset, offset + len(line)
                offset = end + 1
                if not line.strip():
                    continue
                total += 1
                hit = [
                    f
                    for f in clean.flags
                    if f.kind != "glued_words" and f.start < end and f.end > begin
                ]
                if hit:
                    kinds[hit[0].kind] += 1
                    flagged.append((raw.source, hit[0].kind, line))
    print(
        f"articles {len(rows)}, lines {total}, flagged {len(flagged)} "
        f"({len(flagged) / max(total, 1):.2%}), by kind {dict(kinds)}, "
        f"with an agency {agencies}, with a dateline {datelines}"
    )
    for source, kind, line in random.Random(SEED).sample(flagged, min(sample, len(flagged))):
        print(f"{source}\t{kind}\t{line[:200]}")


def _day_range(published: str | Sequence[str]) -> tuple[dt.date, dt.date]:
    pair = [published, published] if isinstance(published, str) else list(published)
    return dt.date.fromisoformat(pair[0][:10]), dt.date.fromisoformat(pair[1][:10])


def _articles() -> dict[str, list[tuple[RawDoc, tuple[dt.date, dt.date]]]]:
    dev = SHARED / "data" / "news-dev" / "articles.jsonl"
    out: dict[str, list[tuple[RawDoc, tuple[dt.date, dt.date]]]] = {"news-dev": [], "seeds": []}
    for line in dev.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        raw = RawDoc(source=a["id"], text=a["text"], title=a["title"], outlet=a["outlet"])
        out["news-dev"].append((raw, _day_range(a["published"])))
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        gold = json.loads((SHARED / "gold" / "seeds" / f"{path.stem}.json").read_text("utf-8"))
        raw = RawDoc(source=path.name, text=path.read_text(encoding="utf-8"))
        out["seeds"].append((raw, _day_range(gold["published"])))
    return out


def published() -> None:
    pack = load_pack()
    written_dates = getattr(pipeline_module, "written_dates", None)
    for name, items in _articles().items():
        for timeline in (pack.timeline, ()):
            exact = near = none = 0
            for raw, (low, high) in items:
                clean = _clean(raw, pack, frozenset())
                if written_dates is not None:
                    day = infer_published(
                        clean.text, pack.default_year, timeline, written=written_dates(clean)
                    )
                else:  # a commit before the page's own dates were read
                    day = infer_published(clean.text, pack.default_year, timeline)
                if day is None:
                    none += 1
                    continue
                exact += low <= day <= high
                slack = dt.timedelta(days=NEAR_DAYS)
                near += low - slack <= day <= high + slack
            n = len(items)
            label = "with the timeline" if timeline else "timeline removed"
            print(
                f"{name} {label}: exactly right {exact}/{n} ({exact / n:.2f}), "
                f"within {NEAR_DAYS} days {near}/{n} ({near / n:.2f}), none {none}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    lines_parser = sub.add_parser("lines")
    lines_parser.add_argument("--articles", type=int, default=2000)
    lines_parser.add_argument("--sample", type=int, default=50)
    sub.add_parser("published")
    args = parser.parse_args(argv)
    if args.command == "lines":
        lines(args.articles, args.sample)
    else:
        published()
    return 0


if __name__ == "__main__":
    sys.exit(main())
