"""Whole-process time of ``tregua`` commands: the median of N runs of ``/usr/bin/time -v``.

    python benchmarks/cli_startup.py --src src --db /tmp/cli-5k.db --runs 5 \
        --ingested /tmp/cli-ex.db --only unchanged
    python benchmarks/cli_startup.py --src src --baseline /tmp/cli-base/src --label after \
        --db /tmp/cli-5k.db --runs 9 --only help timeline summary

Each command runs as a user runs it (a new process, stdout to /dev/null: piped, or, for
``timeline-terminal``, as in a terminal of 120 columns), with
``--src`` first on PYTHONPATH (a checkout of another commit measures that commit). Printed
per command: the median wall time, CPU time (user + system) and maximum resident set, and
the 1-minute load average before its runs (the machine is shared: the CPU time says more
than the wall time when it is busy). With ``--baseline``, each run of the baseline is
followed by one of ``--src``, so that a load that comes and goes weighs on both.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREGUA = ROOT / ".venv" / "bin" / "tregua"

_FIELDS = {
    "wall": re.compile(
        r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)"
    ),
    "user": re.compile(r"User time \(seconds\): ([\d.]+)"),
    "sys": re.compile(r"System time \(seconds\): ([\d.]+)"),
    "rss": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


#: commands run as in a terminal (Rich's TTY_COMPATIBLE): the table a user sees, not TSV
TERMINAL = {"TTY_COMPATIBLE": "1", "COLUMNS": "120", "LINES": "50"}


def measure(
    args: list[str],
    src: Path,
    cwd: Path,
    tregua: Path = TREGUA,
    more_env: dict[str, str] | None = None,
) -> dict[str, float]:
    """One run of ``tregua ARGS``: wall and CPU seconds, max RSS in MB."""
    env = {**os.environ, **(more_env or {}), "PYTHONPATH": str(src)}
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(tregua), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )
    found = {k: p.search(done.stderr) for k, p in _FIELDS.items()}
    if not all(found.values()):
        sys.exit(f"no timing for {args}: {done.stderr[-500:]}")
    hours, minutes, seconds = found["wall"].groups()  # type: ignore[union-attr]
    wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    cpu = float(found["user"].group(1)) + float(found["sys"].group(1))  # type: ignore[union-attr]
    return {"wall": wall, "cpu": cpu, "rss": int(found["rss"].group(1)) / 1024}  # type: ignore[union-attr]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="Sources to run.")
    parser.add_argument("--db", type=Path, required=True, help="The SQLite store to read.")
    parser.add_argument(
        "--ingested", type=Path, help="A store holding examples/ (re-ingested: all unchanged)."
    )
    parser.add_argument(
        "--tregua", type=Path, default=TREGUA, help="The console script (a venv's bin/tregua)."
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="", help="A name for this checkout in the output.")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="Sources of another commit, run in turn with --src (a busy machine's load "
        "then weighs on both alike).",
    )
    parser.add_argument("--baseline-label", default="before", help="Its name in the output.")
    parser.add_argument(
        "--only", nargs="*", default=None, help="Commands to run (help, timeline, summary, ...)."
    )
    args = parser.parse_args()
    url = f"sqlite:///{args.db.resolve()}"
    commands = {
        "help": ["--help"],
        "timeline": ["timeline", "--db", url],
        "summary": ["summary", "--db", url],
        "summary-json": ["summary", "--db", url, "--json"],
        "missing": ["extract", "nonexistent.txt"],
        "timeline-terminal": ["timeline", "--db", url],
    }
    if args.ingested:
        commands["unchanged"] = [
            "ingest",
            "examples",
            "--db",
            f"sqlite:///{args.ingested.resolve()}",
        ]
    checkouts = [(args.label, args.src.resolve())]
    if args.baseline:
        checkouts.insert(0, (args.baseline_label, args.baseline.resolve()))
    for name, command in commands.items():
        if args.only and name not in args.only:
            continue
        load = os.getloadavg()[0]
        runs: dict[str, list[dict[str, float]]] = {label: [] for label, _ in checkouts}
        for _ in range(args.runs):  # with a baseline: one run of each in turn
            for label, src in checkouts:
                env = TERMINAL if name.endswith("-terminal") else None
                runs[label].append(measure(command, src, ROOT, args.tregua, env))
        for label, done in runs.items():
            _report(label, name, done, load)
    return 0


def _report(label: str, name: str, runs: list[dict[str, float]], load: float) -> None:
    walls = " ".join(f"{r['wall']:.2f}" for r in runs)
    cpus = " ".join(f"{r['cpu']:.2f}" for r in runs)
    median = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss")}
    print(
        f"{label}\t{name}\twall {median['wall']:.2f} s\tcpu {median['cpu']:.2f} s\t"
        f"max RSS {median['rss']:.0f} MB\tload {load:.1f}\twalls {walls}\tcpus {cpus}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
