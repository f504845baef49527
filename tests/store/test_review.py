"""The review's store (issue #18), on SQLite and PostgreSQL: editors, the corrections log,
and corrections that outlive a re-ingest, a new pipeline version and a re-fusion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from tregua.fuse.refresh import refresh
from tregua.review import log
from tregua.review.apply import correct_matrix, correct_record, correct_timeline, orphans
from tregua.review.users import UserError, add_user, editor_for_token, revoke_user, users
from tregua.store import Store
from tregua.store import queries as q
from tregua.store.review_schema import CorrectionRow, UserRow

from . import corpus
from .reviewing import review


def _fill(store: Store, records: list[dict[str, Any]]) -> None:
    for record in records:
        store.put_record(record)
    refresh(store)


def _stance(record: dict[str, Any], n: int) -> dict[str, Any]:
    return log.key_of("stance", record["id"], record["stances"][n])


def _event(record: dict[str, Any], n: int) -> dict[str, Any]:
    return log.key_of("event", record["id"], record["events"][n])


def _log_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.reading() as session:
        return [
            (r.id, r.editor, r.kind, r.document_id, r.key, r.action, r.before, r.after, r.reason)
            for r in session.scalars(select(CorrectionRow).order_by(CorrectionRow.id))
        ]


def test_a_token_is_stored_as_its_hash_and_stops_working_when_revoked(store: Store) -> None:
    generation = store.generation()
    token = add_user(store, "ana")
    assert store.generation() == generation + 1  # a write like any other
    with store.reading() as session:
        row = session.get(UserRow, "ana")
    assert row is not None and token not in row.token_hash and len(row.token_hash) == 64
    assert editor_for_token(store, token) == "ana"
    assert editor_for_token(store, token + "x") is None
    assert editor_for_token(store, "") is None
    with pytest.raises(UserError, match="exists already"):
        add_user(store, "ana")
    assert revoke_user(store, "ana") is True
    assert revoke_user(store, "ana") is False
    assert editor_for_token(store, token) is None
    assert [(u.name, u.revoked_at is not None) for u in users(store)] == [("ana", True)]
    assert editor_for_token(store, "the-api-token", api_token="the-api-token") == "api-token"


def test_corrections_survive_reingest_a_new_version_and_refusion(store: Store) -> None:
    a, b, c = corpus.corpus()
    _fill(store, [a, b, c])
    # an editor turns Peskov's ceasefire stance from oppose to conditional, rejects the
    # Kharkiv attack as B reports it, and confirms A's quote
    log.append(
        store,
        editor="ana",
        kind="stance",
        key=_stance(a, 0),
        action="correct",
        before=a["stances"][0],
        after={"polarity": "conditional"},
        reason="el texto pone una condición",
    )
    log.append(store, editor="ana", kind="event", key=_event(b, 1), action="reject")
    review(store, "quote", a, a["quotes"][0], "confirm", editor="luis")
    logged = _log_rows(store)
    assert [r[2:6:3] for r in logged] == [
        ("stance", "correct"),
        ("event", "reject"),
        ("quote", "confirm"),
    ]

    def shown() -> tuple[Any, ...]:
        corrections = log.read(store)
        stored = {r["id"]: r for r in store.records()}
        fixed_a = correct_record(stored[a["id"]], corrections)
        fixed_b = correct_record(stored[b["id"]], corrections)
        matrix = correct_matrix(store, q.stance_matrix(store))
        cell = next(c for c in matrix if (c["side"], c["issue"]) == ("RUS", "ceasefire"))
        timeline = correct_timeline(store, q.timeline_compact(store))
        return (
            [(s["issue"], s["polarity"], "review" in s) for s in fixed_a["stances"]],
            [e["type"] for e in fixed_b["events"]],
            [("review" in x) for x in fixed_a["quotes"]],
            (cell["polarity"], cell["reviewed"], cell["machine"]),
            sorted((e["type"], e["date"]) for e in timeline),
            orphans(store),
        )

    expected: tuple[Any, ...] = (
        [("ceasefire", "conditional", True), ("territory", "oppose", False)],
        ["CONSULT"],
        [True],
        ("conditional", True, {"polarity": "oppose"}),
        # the attack stays: C reports it too, and nobody rejected that report
        [("ASSAULT", "2026-01-24"), ("CONSULT", "2026-01-23")],
        [],
    )
    assert shown() == expected
    # the same corpus again: nothing changes, the log least of all
    _fill(store, [a, b, c])
    assert shown() == expected
    # a newer pipeline version replaces A's rows (new row ids), then a fusion from scratch
    newer = corpus.article_a(corpus.NEWER)
    assert store.put_record(newer) == "replaced"
    refresh(store)
    assert shown() == expected
    assert _log_rows(store) == logged
    # C's report of the attack rejected too: the fused attack leaves the timeline
    log.append(store, editor="luis", kind="event", key=_event(c, 0), action="reject")
    timeline = correct_timeline(store, q.timeline_compact(store))
    assert [e["type"] for e in timeline] == ["CONSULT"]


def test_a_correction_whose_evidence_is_gone_is_kept_and_listed_as_orphaned(
    store: Store,
) -> None:
    a, b, c = corpus.corpus()
    _fill(store, [a, b, c])
    kept = log.append(store, editor="ana", kind="stance", key=_stance(a, 1), action="reject")
    # the new pipeline no longer finds Zelensky's territory stance
    newer = corpus.article_a(corpus.NEWER)
    newer["stances"] = newer["stances"][:1]
    store.put_record(newer)
    refresh(store)
    assert [o.id for o in orphans(store)] == [kept.id]
    assert [r[0] for r in _log_rows(store)] == [kept.id]


def test_two_editors_on_one_item_at_once_are_both_kept_and_the_later_shown(
    store: Store,
) -> None:
    a, b, c = corpus.corpus()
    _fill(store, [a, b, c])
    now = dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.UTC)
    for editor, polarity in (("ana", "support"), ("luis", "mixed")):
        log.append(
            store,
            editor=editor,
            kind="stance",
            key=_stance(a, 0),
            action="correct",
            after={"polarity": polarity},
            at=now,
        )
    assert [(r[1], r[7]) for r in _log_rows(store)] == [
        ("ana", {"polarity": "support"}),
        ("luis", {"polarity": "mixed"}),
    ]
    fixed = correct_record(next(r for r in store.records() if r["id"] == a["id"]), log.read(store))
    assert fixed["stances"][0]["polarity"] == "mixed"
    assert fixed["stances"][0]["review"]["editor"] == "luis"


def test_a_correction_names_its_fields(store: Store) -> None:
    with pytest.raises(log.CorrectionError, match="polarity is one of"):
        log.append(
            store,
            editor="ana",
            kind="stance",
            key={"document_id": "x"},
            action="correct",
            after={"polarity": "maybe"},
        )
    with pytest.raises(log.CorrectionError, match="no editable field"):
        log.append(
            store,
            editor="ana",
            kind="quote",
            key={"document_id": "x"},
            action="correct",
            after={"polarity": "support"},
        )
    with pytest.raises(log.CorrectionError, match="date is a day"):
        log.append(
            store,
            editor="ana",
            kind="event",
            key={"document_id": "x"},
            action="correct",
            after={"date": "ayer"},
        )
    assert _log_rows(store) == []
