"""The hostile batch of the test suite (``tests/ingest/hostile_kinds.py``: 76 kinds and 21
links, FIFOs, devices, failing sidecars and odd names) ingested by the real command, timed.

    PYTHONPATH=src:. python benchmarks/hostile_batch.py [--db URL] [--runs 1]

Each run is ``tregua ingest FOLDER --db URL`` in a child process (``/usr/bin/time -v``
reports its CPU time, its worker processes' included, and its peak memory: the largest
resident set of the command or of one of its workers) into a new SQLite store per run
unless ``--db`` names one. Prints one line per run and the tally
line of the command. The files deleted mid-walk are a hook of the test, not of this batch:
here the vanishing folder is read whole.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ingest.hostile_kinds import KINDS, reopen, write_hostile  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="store URL (default: a new SQLite file per run)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "hostil"
        names, _ = write_hostile(folder)
        size = sum(
            p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
        )
        print(f"{len(KINDS)} kinds, {len(names)} inputs, {size / 1e6:.1f} MB")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
        try:
            for run in range(args.runs):
                url = args.db or f"sqlite:///{scratch}/run{run}.db"
                started = time.monotonic()
                done = subprocess.run(
                    [
                        *("/usr/bin/time", "-v", sys.executable, "-m", "tregua.interfaces.cli"),
                        *("ingest", str(folder), "--db", url),
                    ],
                    capture_output=True,
                    text=True,
                    env=env,
                    cwd=ROOT,
                    check=False,
                )
                wall = time.monotonic() - started
                peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
                cpu = sum(
                    float(m)
                    for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr)
                )
                tally = next(
                    (line for line in done.stderr.splitlines() if " stored, " in line), "?"
                )
                print(
                    f"run {run + 1}: exit {done.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU, "
                    "peak "
                    f"{int(peak.group(1)) / 1024 if peak else float('nan'):.0f} MiB; {tally}"
                )
        finally:
            reopen(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
