"""Items an editor added by selecting words (issue #18) in every list and table, on
SQLite and PostgreSQL: ``/api/quotes`` and ``/api/event-mentions`` list them after the
machine's items, counted in ``total`` and kept only where the filters keep them; the csv
and parquet tables write them after the stored rows, ``id`` empty and ``review`` saying
``add``; and the tables of reviewable items have the same columns whatever the store holds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tregua.fuse.refresh import refresh
from tregua.interfaces.web.app import create_app
from tregua.review import log
from tregua.settings import Settings
from tregua.store import Store

from . import corpus
from .reviewing import review
from .test_review_views import _csv, _exports

#: the columns the review adds to each table of reviewable items, in any store
REVIEW_COLUMNS = {
    "event_mentions": ["reviewed", "machine", "review"],
    "quotes": ["reviewed", "machine", "review"],
    "stances": ["reviewed", "machine", "review"],
    "fused_events": ["reviewed", "machine"],
}


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    with TestClient(create_app(Settings(db=store.url), store)) as client:
        yield client


def _add(store: Store, kind: str, words: str, after: dict[str, Any]) -> None:
    """An editor selects ``words`` in document B (which has no quote and no stance)."""
    b = corpus.corpus()[1]
    start = str(b["text"]).index(words)
    key = {"document_id": b["id"], "start": start, "end": start + len(words), "text": words}
    log.append(store, editor="ana", kind=kind, key=key, action="add", after=after)


def test_added_items_are_listed_and_exported(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    b = str(corpus.corpus()[1]["id"])
    quotes, mentions = client.get("/api/quotes").json(), client.get("/api/event-mentions").json()
    machine = _exports(store, tmp_path / "before")
    for name, columns in REVIEW_COLUMNS.items():
        header = _csv(machine["csv"][name])[0]
        assert list(header)[-len(columns) :] == columns and header["reviewed"] == "False"
        assert machine["parquet"][name].column_names[-len(columns) :] == columns

    _add(store, "quote", "mató a 3 personas", {"speaker_name": "Oleg Sinegubov"})
    _add(store, "event", "Las delegaciones", {"type": "CONSULT", "countries": ["RUS", "UKR"]})
    _add(store, "stance", "Un ataque ruso", {"country": "UKR", "issue": "ceasefire"})

    shown = client.get("/api/quotes").json()
    assert shown["total"] == quotes["total"] + 1
    assert shown["items"][:-1] == quotes["items"]
    added = shown["items"][-1]
    assert (added["document_id"], added["source"], added["text"]) == (
        b,
        "b.txt",
        "mató a 3 personas",
    )
    assert (added["speaker_name"], added["reviewed"], added["machine"]) == (
        "Oleg Sinegubov",
        True,
        {},
    )
    assert added["review"]["action"] == "add" and added["review"]["editor"] == "ana"
    # paged: the addition is the one item past the machine's last
    past = client.get(f"/api/quotes?limit=1&offset={quotes['total']}").json()
    assert past["items"] == [added] and past["total"] == shown["total"]
    assert client.get("/api/quotes?limit=1").json()["items"] == quotes["items"][:1]
    # filters keep it or not as they would a machine's quote
    assert client.get("/api/quotes?speaker=oleg sinegubov").json()["items"] == [added]
    assert client.get("/api/quotes?q=3 personas").json()["items"] == [added]
    for kept_out in ("min_confidence=0.1", "issue=ceasefire", "side=RUS", "until=2026-01-24"):
        found = client.get(f"/api/quotes?{kept_out}").json()["items"]
        assert added not in found, kept_out

    events = client.get("/api/event-mentions").json()
    assert events["total"] == mentions["total"] + 1 and events["items"][:-1] == mentions["items"]
    event = events["items"][-1]
    assert (event["type"], event["evidence"]["text"], event["review"]["action"]) == (
        "CONSULT",
        "Las delegaciones",
        "add",
    )
    assert client.get(f"/api/event-mentions?document_id={b}&side=UKR").json()["items"][-1] == event
    assert event not in client.get("/api/event-mentions?type=ASSAULT").json()["items"]

    after = _exports(store, tmp_path / "after")
    for name, columns in REVIEW_COLUMNS.items():
        assert list(_csv(after["csv"][name])[0])[-len(columns) :] == columns
        assert after["parquet"][name].schema == machine["parquet"][name].schema
    rows = _csv(after["csv"]["quotes"])
    assert rows[:-1] == _csv(machine["csv"]["quotes"])
    row = rows[-1]
    assert (row["id"], row["ordinal"], row["document_id"], row["text"]) == (
        "",
        "",
        b,
        "mató a 3 personas",
    )
    assert (row["reviewed"], json.loads(row["machine"]), json.loads(row["review"])["action"]) == (
        "True",
        {},
        "add",
    )
    stance = _csv(after["csv"]["stances"])[-1]
    assert (stance["evidence"], stance["country"], stance["polarity"]) == (
        "Un ataque ruso",
        "UKR",
        "support",
    )
    table = after["parquet"]["event_mentions"].to_pylist()
    assert len(table) == len(_csv(machine["csv"]["event_mentions"])) + 1
    assert (table[-1]["id"], table[-1]["type"], table[-1]["evidence"]) == (
        None,
        "CONSULT",
        "Las delegaciones",
    )
    assert table[-1]["reviewed"] is True and json.loads(table[-1]["countries"]) == ["RUS", "UKR"]
    assert json.loads(after["jsonl"]["b.txt"])["quotes"][-1]["text"] == "mató a 3 personas"


def _unmarked(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for change in changes:
        change = {k: v for k, v in change.items() if k not in ("reviewed", "machine")}
        change["evidence"] = [
            {k: v for k, v in e.items() if k not in ("reviewed", "machine")}
            for e in change["evidence"]
        ]
        out.append(change)
    return out


def test_stance_changes_are_worked_out_from_the_reviewed_stances(
    client: TestClient, store: Store
) -> None:
    a, _, c = corpus.corpus()
    machine = client.get("/api/stances/changes")
    assert [(x["side"], x["issue"], x["date"], x["from"], x["to"]) for x in machine.json()] == [
        ("UKR", "territory", "2026-02-02", "oppose", "conditional")
    ]
    other = client.get("/api/stances/changes?issue=ceasefire").content
    # a confirmation: the same change, marked, with the machine's beside it
    review(store, "stance", c, c["stances"][0], "confirm")
    (confirmed,) = client.get("/api/stances/changes").json()
    assert _unmarked([confirmed]) == machine.json()
    assert (confirmed["reviewed"], confirmed["machine"]) == (
        True,
        {"from": "oppose", "to": "conditional"},
    )
    assert confirmed["evidence"][0]["reviewed"] is True
    # a side and issue nobody corrected: byte for byte as before
    assert client.get("/api/stances/changes?issue=ceasefire").content == other
    # Zelensky already conditional in A: no change left on 2 February
    review(store, "stance", a, a["stances"][1], "correct", after={"polarity": "conditional"})
    assert client.get("/api/stances/changes?side=UKR").json() == []
    # Russia for a ceasefire in B (added): a change the machine never saw
    _add(store, "stance", "terminaron", {"country": "RUS", "issue": "ceasefire"})
    (added,) = client.get("/api/stances/changes").json()
    assert (added["side"], added["issue"], added["date"], added["from"], added["to"]) == (
        "RUS",
        "ceasefire",
        "2026-01-25",
        "oppose",
        "support",
    )
    assert (added["reviewed"], added["machine"], added["evidence"][0]["source"]) == (
        True,
        {},
        "b.txt",
    )
    assert client.get("/api/stances/changes?min_confidence=0.1").json() == []
    assert client.get("/api/stances/changes?since=2026-01-26").json() == []


def test_search_leaves_out_a_rejected_quote_and_marks_a_reviewed_one(
    client: TestClient, store: Store
) -> None:
    a = corpus.corpus()[0]
    before = client.get("/api/search?q=plazos").json()
    (said,) = [h for h in before if h["kind"] == "quote"]
    assert said["document_id"] == a["id"] and any(h["kind"] == "paragraph" for h in before)
    territory = client.get("/api/search?q=garantías").content
    review(
        store,
        "quote",
        a,
        a["quotes"][0],
        "correct",
        after={"speaker_name": "Dmitri Peskov", "direct": False},
    )
    (marked,) = [h for h in client.get("/api/search?q=plazos").json() if h["kind"] == "quote"]
    assert {k: v for k, v in marked.items() if k not in ("reviewed", "machine", "review")} == said
    assert (marked["reviewed"], marked["machine"], marked["review"]["action"]) == (
        True,
        {},
        "correct",
    )
    # C's quote: nobody's correction, byte for byte
    assert client.get("/api/search?q=garantías").content == territory
    review(store, "quote", a, a["quotes"][0], "reject", editor="luis")
    after = client.get("/api/search?q=plazos").json()
    assert after == [h for h in before if h["kind"] != "quote"]
