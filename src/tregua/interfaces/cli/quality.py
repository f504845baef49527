"""``tregua quality``: the pipeline measured against the team's own corrections (issue #18).

    tregua quality [--db URL] [--shared ../shared] [--gold DIR] [--json]

Every reviewed document goes out as gold (what ``tregua export --format gold`` writes),
the pipeline's own records of the same documents (the store's, before any correction)
beside it, and ``SHARED/eval/score.py`` scores the one against the other; the command
prints score.py's figures as the quality report's table (``--json``: score.py's summary).
With no reviewed document it prints nothing and says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from tregua.interfaces.cli.app import (
    READ,
    DbOpt,
    JsonOpt,
    command,
    fail,
    note,
    read_store,
    store_faults,
    usage_error,
)

SharedOpt = Annotated[
    Path, typer.Option("--shared", help="The shared folder holding eval/score.py.")
]
GoldOpt = Annotated[
    Path | None,
    typer.Option("--gold", help="Keep the gold files in this folder (default: a temporary one)."),
]


def score(records: Path, gold: Path, shared: Path) -> dict[str, Any]:
    """score.py's summary of ``records`` (JSONL) against the gold files in ``gold``."""
    found = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(records), str(gold), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode:
        fail(f"score.py failed ({found.returncode}): {found.stderr.strip()}", found.returncode)
    summary: dict[str, Any] = json.loads(found.stdout)
    return summary


@command(READ)
@store_faults
def quality(
    db: DbOpt = None,
    shared: SharedOpt = Path("../shared"),
    gold: GoldOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The pipeline scored against the team's corrections: every reviewed document as
    gold, the pipeline's records of them scored by SHARED/eval/score.py, its table printed.
    """
    from tregua.interfaces.quality import table
    from tregua.review.gold import export_gold

    if not (shared / "eval" / "score.py").is_file():
        usage_error(f"--shared {shared}: no eval/score.py there")
    store = read_store(db)
    try:
        with tempfile.TemporaryDirectory(prefix="tregua-quality-") as tmp:
            folder = gold or Path(tmp) / "gold"
            written = export_gold(store, folder)
            if not written:
                note("no reviewed document: nothing to score (review some first)")
                return
            ids = {p.stem for p in written}
            records = Path(tmp) / "records.jsonl"
            with records.open("w", encoding="utf-8") as sink:
                for record in store.records():
                    if record.get("id") in ids:
                        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary = score(records, folder, shared)
    finally:
        store.engine.dispose()
    note(f"{len(written)} reviewed documents scored against the team's corrections")
    if as_json:
        typer.echo(json.dumps(summary, indent=1))
    else:
        typer.echo("\n".join(table(summary)))
