"""``tregua users`` and ``tregua review`` (issue #18), through their Typer sub-apps as the
main app mounts them; and the gold round trip: corrections exported as gold, the machine's
records scored against them by ``score.py``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.fuse.refresh import refresh
from tregua.interfaces.cli.review import review_app, users_app
from tregua.review.users import editor_for_token
from tregua.store import open_store

from ..store import corpus
from ..store.reviewing import review

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    store.engine.dispose()
    return url


def test_users_add_prints_the_token_once_and_revoke_stops_it(db: str) -> None:
    made = runner.invoke(users_app, ["add", "ana", "--db", db])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert len(token) >= 40 and "not shown again" in made.stderr
    store = open_store(db)
    assert editor_for_token(store, token) == "ana"
    again = runner.invoke(users_app, ["add", "ana", "--db", db])
    assert again.exit_code == 2 and "exists already" in again.stderr
    listed = runner.invoke(users_app, ["list", "--db", db])
    assert listed.stdout.split("\t")[:2] == ["ana", "editor"]
    assert listed.stdout.rstrip().endswith("\t-")
    revoked = runner.invoke(users_app, ["revoke", "ana", "--db", db])
    assert revoked.exit_code == 0 and revoked.stdout.strip() == "ana: revoked"
    assert editor_for_token(store, token) is None
    assert not runner.invoke(users_app, ["list", "--db", db]).stdout.rstrip().endswith("\t-")
    unknown = runner.invoke(users_app, ["revoke", "nadie", "--db", db])
    assert unknown.exit_code == 2 and "no user 'nadie'" in unknown.stderr
    bad = runner.invoke(users_app, ["add", "a b", "--db", db])
    assert bad.exit_code == 2 and "not a valid user name" in bad.stderr


def test_a_store_that_cannot_be_opened_is_exit_3(tmp_path: Path) -> None:
    result = runner.invoke(users_app, ["list", "--db", f"sqlite:///{tmp_path}/no/such/x.db"])
    assert result.exit_code == 3 and "cannot open the store" in result.stderr


@pytest.mark.shared
def test_the_gold_round_trip_scores_the_machine_against_the_corrections(
    db: str, tmp_path: Path, shared: Path
) -> None:
    store = open_store(db)
    a = next(r for r in store.records() if r["source"] == "a.txt")
    # one of A's two stances is wrong, the other right; A's event is confirmed
    review(store, "stance", a, a["stances"][1], "reject")
    review(store, "stance", a, a["stances"][0], "correct", after={"polarity": "conditional"})
    review(store, "event", a, a["events"][0], "confirm")
    out, records = tmp_path / "gold", tmp_path / "records.jsonl"
    result = runner.invoke(
        review_app,
        ["gold", "--out", str(out), "--records", str(records), "--shared", str(shared), "--db", db],
    )
    assert result.exit_code == 0, result.output
    (gold_file,) = out.glob("*.json")
    gold = json.loads(gold_file.read_text())
    assert gold["url"] == "a.txt" and gold["source"] == "a.txt"
    assert [(s["actor"], s["issue"], s["polarity"]) for s in gold["stances"]] == [
        ("Dmitry Peskov", "ceasefire", "conditional")
    ]
    assert [e["type"] for e in gold["events"]] == ["CONSULT"]
    assert [json.loads(line)["id"] for line in records.read_text().splitlines()] == [a["id"]]
    table = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    # the machine's two stances against the one gold stance: P 0.5, R 1; its polarity wrong
    assert table["stances"] == ["0.500", "1.000", "0.667", "1", "2"]
    assert table["stances_polarity"][:3] == ["0.000", "0.000", "0.000"]
    assert table["events"][:3] == ["1.000", "1.000", "1.000"]


def test_export_format_gold_writes_the_reviewed_documents(db: str, tmp_path: Path) -> None:
    from tregua.interfaces.cli import app

    out = tmp_path / "gold"
    none = runner.invoke(app, ["export", "--format", "gold", "--out", str(out), "--db", db])
    assert none.exit_code == 0, none.output
    assert not list(out.glob("*.json"))  # nothing reviewed, no gold
    store = open_store(db)
    a = next(r for r in store.records() if r["source"] == "a.txt")
    review(store, "event", a, a["events"][0], "confirm")
    done = runner.invoke(app, ["export", "--format", "gold", "--out", str(out), "--db", db])
    assert done.exit_code == 0, done.output
    assert [p.stem for p in out.glob("*.json")] == [a["id"]]


@pytest.mark.shared
def test_tregua_quality_scores_the_pipeline_against_the_team_s_corrections(
    db: str, tmp_path: Path, shared: Path
) -> None:
    from tregua.interfaces.cli import app

    nothing = runner.invoke(app, ["quality", "--db", db, "--shared", str(shared)])
    assert nothing.exit_code == 0 and nothing.stdout == ""
    assert "no reviewed document" in nothing.stderr
    made = runner.invoke(app, ["users", "add", "ana", "--db", db])
    assert made.exit_code == 0, made.output
    store = open_store(db)
    a, c = (next(r for r in store.records() if r["source"] == s) for s in ("a.txt", "c.txt"))
    # the editor: Zelensky's territory stance in A is no stance; Peskov's is conditional;
    # the quote in C is direct, not reported
    review(store, "stance", a, a["stances"][1], "reject")
    review(store, "stance", a, a["stances"][0], "correct", after={"polarity": "conditional"})
    review(store, "quote", c, c["quotes"][0], "correct", after={"direct": True})
    exported = tmp_path / "exported"
    done = runner.invoke(app, ["export", "--format", "gold", "--out", str(exported), "--db", db])
    assert done.exit_code == 0, done.output
    kept = tmp_path / "kept"
    result = runner.invoke(
        app, ["quality", "--db", db, "--shared", str(shared), "--gold", str(kept)]
    )
    assert result.exit_code == 0, result.output
    assert "2 reviewed documents scored" in result.stderr
    # what quality scored against is what export wrote
    assert {p.name: p.read_bytes() for p in kept.glob("*.json")} == {
        p.name: p.read_bytes() for p in exported.glob("*.json")
    }
    assert sorted(p.stem for p in kept.glob("*.json")) == sorted([a["id"], c["id"]])
    rows = {
        cells[0]: cells[1:]
        for line in result.stdout.splitlines()
        if line.startswith("| ")
        and len(cells := [x.strip() for x in line.strip("|").split("|")]) > 1
    }
    # the machine's three stances against the two kept: P 2/3, R 1; one polarity of two right
    assert rows["stances"] == ["0.667", "1.000", "0.800", "2", "3"]
    assert rows["stances_polarity"][:3] == ["0.333", "0.500", "0.400"]
    assert rows["events"][:3] == ["1.000", "1.000", "1.000"]
    as_json = runner.invoke(app, ["quality", "--db", db, "--shared", str(shared), "--json"])
    assert json.loads(as_json.stdout)["stances"]["f1"] == pytest.approx(0.8)
    missing = runner.invoke(app, ["quality", "--db", db, "--shared", str(tmp_path)])
    assert missing.exit_code == 2 and "no eval/score.py" in missing.stderr
