"""Near-duplicate detection time as the corpus grows: MinHash LSH against all pairs.

    python benchmarks/dedupe_scaling.py [--sizes 1000 2000 5000 10000 20000] [--pairs-up-to 4000]

The texts are the corpus of ``cost_per_article.py`` (the news articles, then edited
repeats, which are near-copies to be found). For each size, ``hygiene.DocumentClusters``
(the code ``tregua ingest`` runs: MinHash of word 5-grams, LSH at Jaccard 0.7) assigns every
text in arrival order; the peer is the exact answer, every pair's Jaccard on the same
shingle sets, run up to ``--pairs-up-to`` texts because it grows with the square. The
slope of log(time) against log(size) says how each grows (1 is linear, 2 quadratic).
The news corpus has no stated licence: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sys
import time
from pathlib import Path

from cost_per_article import _edit  # the same small edits as the cost-per-article corpus

from tregua.hygiene.duplicates import SIMILARITY, DocumentClusters, shingles


def corpus(shared: Path, count: int) -> list[str]:
    path = shared / "data" / "news-es" / "articles.jsonl"
    originals = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    rng = random.Random(20261205)
    texts = []
    for n in range(count):
        text = originals[n % len(originals)]
        texts.append(_edit(text, rng) if n >= len(originals) else text)
    return texts


def lsh(texts: list[str]) -> tuple[float, int]:
    clusters = DocumentClusters()
    start = time.perf_counter()
    for n, text in enumerate(texts):
        clusters.assign(str(n), text)
    seconds = time.perf_counter() - start
    return seconds, sum(1 for size in clusters.sizes().values() if size > 1)


def all_pairs(texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    sets = [shingles(t) for t in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(sets)), 2):
        a, b = sets[i], sets[j]
        shared = len(a & b)
        if shared and shared >= SIMILARITY * (len(a) + len(b) - shared):
            parent[root(j)] = root(i)
    seconds = time.perf_counter() - start
    sizes: dict[int, int] = {}
    for i in range(len(texts)):
        sizes[root(i)] = sizes.get(root(i), 0) + 1
    return seconds, sum(1 for size in sizes.values() if size > 1)


def slope(points: list[tuple[int, float]]) -> float:
    (n1, t1), (n2, t2) = points[0], points[-1]
    return math.log(t2 / t1) / math.log(n2 / n1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000, 20000])
    parser.add_argument("--pairs-up-to", type=int, default=4000)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    texts = corpus(args.shared, max(args.sizes))
    rows = ["| texts | LSH s | LSH ms/text | clusters | all pairs s | clusters |"]
    rows.append("| ---: | ---: | ---: | ---: | ---: | ---: |")
    ours: list[tuple[int, float]] = []
    peer: list[tuple[int, float]] = []
    for size in args.sizes:
        seconds, found = lsh(texts[:size])
        ours.append((size, seconds))
        exact = "-", "-"
        if size <= args.pairs_up_to:
            pair_seconds, pair_found = all_pairs(texts[:size])
            peer.append((size, pair_seconds))
            exact = f"{pair_seconds:.1f}", str(pair_found)
        rows.append(
            f"| {size:,} | {seconds:.1f} | {seconds * 1000 / size:.2f} | {found} "
            f"| {exact[0]} | {exact[1]} |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    print("\n".join(rows))
    print(f"\nslope log(time)/log(size): LSH {slope(ours):.2f}", end="")
    if len(peer) >= 2:
        print(f", all pairs {slope(peer):.2f}")
    else:
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
