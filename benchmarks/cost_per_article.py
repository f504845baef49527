"""Cost per article as the corpus grows: is ingest flat from 1k to 20k articles?

    python benchmarks/cost_per_article.py --articles 20000 [--shared ../shared] [--output F]

Builds a corpus of ``--articles`` JSON lines from ``../shared/data/news-es/articles.jsonl``
(15,000 articles; past the end it starts again, each repeat with small edits: one word
dropped and two neighbouring words swapped per paragraph, a new id), then runs the real
``tregua ingest`` on it in one process into a new SQLite file, with ``-v`` so that every
document prints one line. Each line is timed as it arrives, and after every block of
articles the child's CPU time (user + system, from /proc) and resident memory are read. CPU
time per article is what other load on the machine moves least; wall time is given too.
The final fusion pass over the whole store (``fuse.refresh``) is timed on its own.

The news corpus has no stated licence: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BLOCK = 1000
OUTCOMES = ("stored", "replaced", "unchanged", "outdated", "quarantined")
TICKS = os.sysconf("SC_CLK_TCK")


def build_corpus(shared: Path, count: int, out: Path) -> int:
    """Write ``count`` articles to ``out``; returns how many are edited repeats."""
    source = shared / "data" / "news-es" / "articles.jsonl"
    originals = [json.loads(line) for line in source.open(encoding="utf-8")]
    rng = random.Random(20261205)
    repeats = 0
    with out.open("w", encoding="utf-8") as handle:
        for n in range(count):
            article = dict(originals[n % len(originals)])
            round_ = n // len(originals)
            if round_:
                article["id"] = f"{article['id']}~{round_}"
                article["text"] = _edit(article["text"], rng)
                repeats += 1
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return repeats


def _edit(text: str, rng: random.Random) -> str:
    paragraphs = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        if len(words) > 6:
            del words[rng.randrange(len(words))]
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        paragraphs.append(" ".join(words))
    return "\n".join(paragraphs)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_ingest(corpus: Path, db: Path, tregua: str) -> dict[str, Any]:
    command = [tregua, "ingest", str(corpus), "--db", f"sqlite:///{db}", "-v"]
    start = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert child.stderr is not None
    blocks: list[dict[str, float]] = []
    done = 0
    last_wall, last_cpu = start, 0.0
    last_line = start
    tally: dict[str, int] = {}
    summary = ""
    for line in child.stderr:
        word = line.split(" ", 1)[0]
        if word not in OUTCOMES:
            summary += line
            continue
        tally[word] = tally.get(word, 0) + 1
        done += 1
        last_line = time.perf_counter()
        if done % BLOCK == 0:
            cpu = _cpu_seconds(child.pid)
            blocks.append(
                {
                    "articles": done,
                    "wall_ms_per_article": (last_line - last_wall) * 1000 / BLOCK,
                    "cpu_ms_per_article": (cpu - last_cpu) * 1000 / BLOCK,
                    "rss_mib": _rss_mib(child.pid),
                }
            )
            last_wall, last_cpu = last_line, cpu
    child.wait()
    end = time.perf_counter()
    if child.returncode != 0:
        raise SystemExit(f"tregua ingest exited with {child.returncode}:\n{summary}")
    return {
        "articles": done,
        "outcomes": tally,
        "blocks": blocks,
        "seconds": end - start,
        "fusion_seconds": end - last_line,  # after the last document: fuse.refresh
        "summary": summary.strip(),
    }


def _mean(blocks: list[dict[str, float]], key: str, first: int, last: int) -> float:
    chosen = [b[key] for b in blocks if first < b["articles"] <= last]
    return sum(chosen) / len(chosen)


def markdown(result: dict[str, Any]) -> str:
    blocks = result["blocks"]
    rows = [
        "| articles so far | wall ms/article (that block) | CPU ms/article | RSS MiB |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for b in blocks:
        if b["articles"] in (1000, 2000, 5000, 10000, 15000, 16000, 20000) or (
            b["articles"] == blocks[-1]["articles"]
        ):
            rows.append(
                f"| {b['articles']:,} | {b['wall_ms_per_article']:.0f} "
                f"| {b['cpu_ms_per_article']:.0f} | {b['rss_mib']:.0f} |"
            )
    total = result["articles"]
    lines = ["\n".join(rows), ""]
    for label, first, last in (
        ("first 1k", 0, 1000),
        ("articles 4,001-5,000", 4000, 5000),
        (f"last 1k (to {total:,})", total - 1000, total),
    ):
        if any(first < b["articles"] <= last for b in blocks):
            lines.append(
                f"- {label}: {_mean(blocks, 'cpu_ms_per_article', first, last):.0f} CPU ms, "
                f"{_mean(blocks, 'wall_ms_per_article', first, last):.0f} wall ms per article"
            )
    lines.append(
        f"- whole run: {result['seconds']:.0f} s for {total:,} articles "
        f"({total / result['seconds']:.1f} articles/s), of which the final fusion pass "
        f"{result['fusion_seconds']:.1f} s; outcomes {result['outcomes']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--tregua", default=str(Path(sys.executable).with_name("tregua")))
    parser.add_argument("--output", type=Path, help="write the result as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tregua-cost-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        repeats = build_corpus(args.shared, args.articles, corpus)
        result = run_ingest(corpus, Path(tmp) / "store.db", args.tregua)
    result["repeats"] = repeats
    if args.output:
        args.output.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{args.articles:,} articles ({repeats:,} edited repeats), one process\n")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
