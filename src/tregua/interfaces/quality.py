"""The quality report: ``tregua extract`` over the seed articles, scored against their gold.

    python -m tregua.interfaces.quality --shared ../shared --output docs/quality.md

Runs the installed ``tregua`` command exactly as a user would, then ``eval/score.py`` from
``../shared``, and writes the score table with the commands that produced it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

MEASURES_F1 = (
    "entities",
    "events",
    "events_strict",
    "quotes",
    "quotes_attributed",
    "stances",
    "stances_polarity",
    "flags",
)
MEASURES_ACC = (
    "published",
    "entity_canonical",
    "event_date",
    "event_countries",
    "event_status",
    "event_location",
    "event_casualties",
    "quote_speaker",
)


def score_seeds(shared: Path) -> dict[str, Any]:
    """Extract the seeds with the ``tregua`` command and score them; raises on any failure."""
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        raise FileNotFoundError(f"{shared / 'seeds'}: no seed articles found")
    tregua = Path(sys.executable).with_name("tregua")
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "seeds.jsonl"
        subprocess.run(
            [
                str(tregua),
                "extract",
                *map(str, seeds),
                "--format",
                "jsonl",
                "--output",
                str(records),
            ],
            check=True,
        )
        scored = subprocess.run(
            [
                sys.executable,
                str(shared / "eval" / "score.py"),
                str(records),
                str(shared / "gold" / "seeds"),
                "--json",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    summary: dict[str, Any] = json.loads(scored.stdout)
    return summary


def render(summary: dict[str, Any]) -> str:
    lines = [
        "# Quality on the seed articles",
        "",
        f"Measured {dt.date.today().isoformat()} with `make quality`, which runs",
        "`tregua extract ../shared/seeds/*.txt --format jsonl` and",
        "`python3 ../shared/eval/score.py RECORDS ../shared/gold/seeds --json`.",
        "The seeds are five real articles; the same scorer also runs on articles we do not see.",
        "",
        "| measure | P | R | F1 | gold | system |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key in MEASURES_F1:
        v = summary[key]
        lines.append(
            f"| {key} | {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['gold']} | {v['system']} |"
        )
    lines += ["", "| measure | accuracy | n |", "| --- | ---: | ---: |"]
    for key in MEASURES_ACC:
        v = summary[key]
        acc = "n/a" if v["acc"] is None else f"{v['acc']:.3f}"
        lines.append(f"| {key} | {acc} | {v['n']} |")
    missing = summary["documents"]["without_record"]
    lines += ["", f"Documents without a record: {', '.join(missing) if missing else 'none'}.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--output", type=Path, default=Path("docs/quality.md"))
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "score.py").is_file():
        print(
            f"{args.shared}: no eval/score.py here; pass --shared PATH to the shared folder",
            file=sys.stderr,
        )
        return 2
    summary = score_seeds(args.shared)
    text = render(summary)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
