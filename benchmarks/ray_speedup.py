"""The Ray engine with 1 and 2 local workers, and one process, on the same articles.

    python benchmarks/ray_speedup.py --articles 400 [--shared ../shared]

Each run is a child process of its own: ``run_batch`` in one process (the local engine),
then ``engine.run_ray`` on a local Ray instance with 1 worker, then with 2. Two figures per
run: the whole run (start-up of the workers included: each builds its pipeline), and the
steady rate, from the first result to the last, which is what a long ingest sees. Ray gets
as many CPUs as workers; the driver (reading, ordering, naming clusters) shares them. The
news corpus has no stated licence: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RUNS = (("local", "one process, no Ray"), ("ray1", "Ray, 1 worker"), ("ray2", "Ray, 2 workers"))


def load(shared: Path, count: int) -> list[Any]:
    from tregua.model import RawDoc

    path = shared / "data" / "news-es" / "articles.jsonl"
    raws = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            raws.append(RawDoc(source=article["id"], text=article["text"]))
            if len(raws) >= count:
                break
    return raws


def child(which: str, shared: Path, count: int, chunk: int) -> dict[str, float]:
    from tregua.engine import run_ray
    from tregua.pack import DEFAULT_PACK, load_pack
    from tregua.pipeline import build_pipeline, run_batch

    raws = load(shared, count)
    start = time.perf_counter()
    if which == "local":
        results = run_batch(raws, build_pipeline(load_pack()), batch_size=chunk)
    else:
        results = run_ray(raws, DEFAULT_PACK, workers=int(which[-1]), chunk_size=chunk)
    first = None
    done = 0
    for _ in results:
        done += 1
        if first is None:
            first = time.perf_counter()
            first_done = done
    end = time.perf_counter()
    assert first is not None
    # the results come in chunks: the steady rate counts the articles after the first one
    return {
        "seconds": end - start,
        "to_first": first - start,
        "steady_per_s": (done - first_done) / (end - first),
        "articles": done,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--child", choices=[r for r, _ in RUNS], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.shared, args.articles, args.chunk)))
        return 0
    results: dict[str, dict[str, float]] = {}
    for which, _ in RUNS:
        done = subprocess.run(
            [
                *(sys.executable, __file__, "--child", which, "--shared", str(args.shared)),
                *("--articles", str(args.articles), "--chunk", str(args.chunk)),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results[which] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{args.articles} articles, chunks of {args.chunk}\n")
    print("| run | whole run s | articles/s (whole) | to first result s | steady articles/s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for which, label in RUNS:
        r = results[which]
        print(
            f"| {label} | {r['seconds']:.1f} | {r['articles'] / r['seconds']:.2f} "
            f"| {r['to_first']:.1f} | {r['steady_per_s']:.2f} |"
        )
    one, two = results["ray1"], results["ray2"]
    print(
        f"\n2 workers / 1 worker: {one['seconds'] / two['seconds']:.2f}x whole run, "
        f"{two['steady_per_s'] / one['steady_per_s']:.2f}x steady rate"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
