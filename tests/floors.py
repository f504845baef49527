"""The quality floors (``tests/quality_floors.json``) and the rule that keeps them up.

The file holds, for each scored set (``seeds``, ``examples``, ``news-dev``), the score of
each ``eval/score.py`` measure (F1, or accuracy) that the set may not drop below. A floor
may be lowered (or removed) only by a commit whose message says why, on a line of its own:

    floor news-dev.events: the new gold counts negated talks; 0.56 is the rule's figure

``lowered_without_reason`` walks every commit that changed the file and names each floor it
lowered without such a line; the working tree's file, not yet committed, has no message and
so may lower nothing. The first form of the file (``{"floors": {...}}``, the seeds only)
reads as the seeds' floors.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

FLOORS = Path("tests") / "quality_floors.json"
SETS = ("seeds", "examples", "news-dev")

Floors = dict[str, dict[str, float]]


def parse(text: str) -> Floors:
    """The floors of one version of the file, by set and measure."""
    data: dict[str, Any] = json.loads(text)
    if "sets" in data:
        return {name: dict(measures) for name, measures in data["sets"].items()}
    return {"seeds": dict(data.get("floors", {}))}


def lowered(old: Floors, new: Floors) -> list[str]:
    """``set.measure`` of each floor of ``old`` that ``new`` lowers or drops."""
    found = []
    for name, measures in old.items():
        for measure, floor in measures.items():
            now = new.get(name, {}).get(measure)
            if now is None or now < floor:
                found.append(f"{name}.{measure}")
    return found


def unexplained(message: str, names: list[str]) -> list[str]:
    """Of ``names``, those that ``message`` gives no ``floor NAME: reason`` line for."""
    given = {m.group(1) for m in re.finditer(r"(?m)^\s*floor\s+(\S+?)\s*:\s*\S.{9,}$", message)}
    return [name for name in names if name not in given]


def _git(repo: Path, *args: str) -> str | None:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


def lowered_without_reason(repo: Path, path: Path = FLOORS) -> list[str]:
    """Each floor lowered without a reason: ``commit: set.measure`` (``worktree: ...`` for
    an uncommitted change). Commits whose parent is not at hand (a shallow clone) are
    skipped."""
    found = []
    log = _git(repo, "log", "--format=%H", "--", str(path)) or ""
    for commit in log.split():
        before = _git(repo, "show", f"{commit}^:{path}")
        after = _git(repo, "show", f"{commit}:{path}")
        if before is None or after is None:
            continue
        message = _git(repo, "show", "-s", "--format=%B", commit) or ""
        for name in unexplained(message, lowered(parse(before), parse(after))):
            found.append(f"{commit[:10]}: {name}")
    committed = _git(repo, "show", f"HEAD:{path}")
    current = repo / path
    if committed is not None and current.is_file():
        worktree = parse(current.read_text(encoding="utf-8"))
        found += [f"worktree: {name}" for name in lowered(parse(committed), worktree)]
    return found
