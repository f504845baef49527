"""Where a piped ``tregua timeline`` spends its CPU: the command's steps timed with
``time.process_time`` in a new process, median of N processes.

    PYTHONPATH=src python benchmarks/cli_phases.py /tmp/cli-5k.db --runs 7

Each run is a new interpreter doing what ``tregua timeline --db DB > /dev/null`` does, step
by step, with the collector paused as the command pauses it: import the CLI (Typer, Rich,
the command modules), open the store (``read_plainly``), read every event
(``timeline_lines``), make the TSV, write it (to ``/dev/null``). Printed: each step's
median, their sum, and the median CPU time of the whole process (user + system; the rest
is the interpreter's start and teardown).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys

STEPS = ("imports", "open", "query", "tsv", "write")

_CHILD = """
import gc, json, sys, time
gc.disable()
marks = [time.process_time()]
import tregua.interfaces.cli
marks.append(time.process_time())
from tregua.interfaces.cli.app import read_plainly
reader = read_plainly(sys.argv[1])
marks.append(time.process_time())
rows, total = reader.timeline_lines()
marks.append(time.process_time())
from tregua.interfaces.cli.reads import EVENTS
from tregua.interfaces.cli.tables import tsv
text = tsv(EVENTS, rows)
marks.append(time.process_time())
with open(sys.argv[2], "w") as out:
    out.write(text)
marks.append(time.process_time())
print(json.dumps([b - a for a, b in zip(marks, marks[1:])]))
"""


def run_once(db: str) -> tuple[list[float], float]:
    """The steps' CPU seconds of one new process, and the process's whole CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, db, os.devnull],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    whole = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(done.stdout), whole


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="The SQLite store (a path or sqlite:/// URL).")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    runs = [run_once(args.db) for _ in range(args.runs)]
    medians = [statistics.median(r[0][i] for r in runs) for i in range(len(STEPS))]
    whole = statistics.median(r[1] for r in runs)
    parts = "  ".join(f"{name} {m:.3f}" for name, m in zip(STEPS, medians, strict=True))
    print(
        f"{parts}  sum {sum(medians):.3f}  process {whole:.3f} s  "
        f"load {os.getloadavg()[0]:.1f}  ({args.runs} runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
