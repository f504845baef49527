"""The quality gate cannot be skipped or lowered in passing: under CI a missing
``../shared`` fails the run, and a floor drops only in a commit that says why."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .floors import lowered, lowered_without_reason, parse, unexplained

ROOT = Path(__file__).resolve().parents[1]


def _pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TREGUA_SHARED"] = str(tmp_path / "no-shared")
    env["PYTHONPATH"] = str(ROOT / "src")
    if ci:
        env["CI"] = "1"
    test = "tests/test_quality.py::test_every_article_gets_a_record_and_scores_stay_above_floors"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{test}[seeds]"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_missing_shared_skips_in_a_clone_and_fails_under_ci(tmp_path: Path) -> None:
    clone = _pytest(tmp_path, ci=False)
    assert clone.returncode == 0, clone.stdout
    assert "1 skipped" in clone.stdout
    under_ci = _pytest(tmp_path, ci=True)
    assert under_ci.returncode == 1, under_ci.stdout
    assert "CI is set: the quality gate must run" in under_ci.stdout


def test_the_repository_lowers_no_floor_without_a_reason() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    assert lowered_without_reason(ROOT) == []


def test_lowered_floors_are_named() -> None:
    old = {"seeds": {"events": 0.6, "quotes": 0.9}, "news-dev": {"events": 0.5}}
    new = {"seeds": {"events": 0.61, "quotes": 0.89}}
    assert lowered(old, new) == ["seeds.quotes", "news-dev.events"]
    assert parse('{"floors": {"events": 0.6}}') == {"seeds": {"events": 0.6}}


def test_a_reason_is_a_line_of_its_own_per_floor() -> None:
    message = "extract: fewer events\n\nfloor seeds.events: the gold now leaves out rumours\n"
    assert unexplained(message, ["seeds.events", "seeds.quotes"]) == ["seeds.quotes"]
    assert unexplained("floor seeds.events:", ["seeds.events"]) == ["seeds.events"]
    assert unexplained("lowers floor seeds.events: why", ["seeds.events"]) == ["seeds.events"]


def _commit(repo: Path, floors: dict[str, dict[str, float]], message: str) -> None:
    path = repo / "tests" / "quality_floors.json"
    path.write_text(json.dumps({"sets": floors}), encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "commit", "-qm", message],
        check=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )


def test_a_commit_that_lowers_a_floor_without_saying_why_fails(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, {"seeds": {"events": 0.6}, "news-dev": {"quotes": 0.7}}, "floors")
    _commit(repo, {"seeds": {"events": 0.62}, "news-dev": {"quotes": 0.7}}, "raised: fine")
    assert lowered_without_reason(repo) == []
    _commit(
        repo,
        {"seeds": {"events": 0.55}, "news-dev": {"quotes": 0.7}},
        "extract: new rule\n\nfloor seeds.events: the gold of seed 3 was corrected, 11 events",
    )
    assert lowered_without_reason(repo) == []
    _commit(repo, {"seeds": {"events": 0.55}}, "extract: quotes moved")
    (found,) = lowered_without_reason(repo)
    assert found.endswith(": news-dev.quotes")
    # and in the working tree, before any message
    path = repo / "tests" / "quality_floors.json"
    path.write_text(json.dumps({"sets": {"seeds": {"events": 0.5}}}), encoding="utf-8")
    assert "worktree: seeds.events" in lowered_without_reason(repo)
