"""``/api/review`` and the corrected views (issue #18), over the hand-written store corpus."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tregua.fuse.refresh import refresh
from tregua.interfaces.web.app import create_app
from tregua.review.users import add_user, revoke_user
from tregua.settings import Settings
from tregua.store import Store, open_store

from ..store import corpus

API_TOKEN = "the-ingest-token"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    for record in corpus.corpus():
        opened.put_record(record)
    refresh(opened)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    settings = Settings(db=store.url, api_token=SecretStr(API_TOKEN))
    with TestClient(create_app(settings, store)) as client:
        yield client


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _doc(source: str) -> str:
    return next(str(r["id"]) for r in corpus.corpus() if r["source"] == source)


def _cell(client: TestClient, side: str, issue: str) -> dict[str, Any]:
    matrix = client.get("/api/stances/matrix").json()
    found: dict[str, Any] = next(c for c in matrix if (c["side"], c["issue"]) == (side, issue))
    return found


def _peskov(action: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "stance", "action": action, "document_id": _doc("a.txt"), "ordinal": 0, **extra}


def test_without_a_live_token_nothing_changes(client: TestClient, store: Store) -> None:
    before = (client.get("/api/stances/matrix").json(), client.get("/api/timeline").json())
    body = _peskov("correct", after={"polarity": "support"})
    assert client.post("/api/review/corrections", json=body).status_code == 401
    wrong = client.post("/api/review/corrections", json=body, headers=_auth("nope"))
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    token = add_user(store, "ana")
    revoke_user(store, "ana")
    revoked = client.post("/api/review/corrections", json=body, headers=_auth(token))
    assert revoked.status_code == 403 and "revoked" in revoked.json()["detail"]
    assert client.get("/api/review/corrections").json()["total"] == 0
    after = (client.get("/api/stances/matrix").json(), client.get("/api/timeline").json())
    assert after == before


def test_an_editor_corrects_a_polarity_and_the_matrix_shows_it_beside_the_machines(
    client: TestClient, store: Store
) -> None:
    machine = _cell(client, "RUS", "ceasefire")
    assert machine["polarity"] == "oppose" and "reviewed" not in machine
    token = add_user(store, "ana")
    made = client.post(
        "/api/review/corrections",
        json=_peskov("correct", after={"polarity": "conditional"}, reason="pone condiciones"),
        headers=_auth(token),
    )
    assert made.status_code == 201, made.text
    logged = made.json()
    assert (logged["editor"], logged["action"], logged["after"]) == (
        "ana",
        "correct",
        {"polarity": "conditional"},
    )
    assert logged["before"]["polarity"] == "oppose"
    cell = _cell(client, "RUS", "ceasefire")
    assert (cell["polarity"], cell["reviewed"], cell["machine"]) == (
        "conditional",
        True,
        {"polarity": "oppose"},
    )
    (evidence,) = cell["evidence"]
    assert evidence["polarity"] == "conditional" and evidence["machine"]["polarity"] == "oppose"
    # the other cells as the machine made them, without the review's fields
    other = _cell(client, "UKR", "territory")
    assert "reviewed" not in other and "machine" not in other
    page = client.get("/api/review/corrections").json()
    assert (page["total"], page["orphaned"], page["items"][0]["reason"]) == (
        1,
        0,
        "pone condiciones",
    )


def test_the_ingest_token_is_an_editor_and_a_rejected_event_leaves_the_timeline(
    client: TestClient,
) -> None:
    timeline = client.get("/api/timeline").json()
    consult = next(e for e in timeline if e["type"] == "CONSULT")
    made = client.post(
        "/api/review/corrections",
        json={"kind": "fused_event", "action": "reject", "event_id": consult["id"]},
        headers=_auth(API_TOKEN),
    )
    assert made.status_code == 201 and made.json()["editor"] == "api-token"
    assert [e["id"] for e in client.get("/api/timeline").json()] == [
        e["id"] for e in timeline if e["id"] != consult["id"]
    ]


def test_a_corrected_event_shows_the_machines_values(client: TestClient) -> None:
    (attack,) = [e for e in client.get("/api/timeline").json() if e["type"] == "ASSAULT"]
    client.post(
        "/api/review/corrections",
        json={
            "kind": "fused_event",
            "action": "correct",
            "event_id": attack["id"],
            "after": {"date": "2026-01-25", "status": "occurred"},
        },
        headers=_auth(API_TOKEN),
    )
    (shown,) = [e for e in client.get("/api/timeline").json() if e["type"] == "ASSAULT"]
    assert (shown["date"], shown["reviewed"], shown["machine"]) == (
        "2026-01-25",
        True,
        {"date": attack["date"]},
    )


def test_two_editors_at_once_are_both_logged_and_the_later_shown(
    client: TestClient, store: Store
) -> None:
    tokens = {name: add_user(store, name) for name in ("ana", "luis")}
    replies: list[int] = []
    barrier = threading.Barrier(2)

    def correct(name: str, polarity: str) -> None:
        barrier.wait()
        reply = client.post(
            "/api/review/corrections",
            json=_peskov("correct", after={"polarity": polarity}),
            headers=_auth(tokens[name]),
        )
        replies.append(reply.status_code)

    threads = [
        threading.Thread(target=correct, args=("ana", "support")),
        threading.Thread(target=correct, args=("luis", "mixed")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert replies == [201, 201]
    log = client.get("/api/review/corrections").json()["items"]
    assert sorted(c["editor"] for c in log) == ["ana", "luis"]
    assert _cell(client, "RUS", "ceasefire")["polarity"] == log[-1]["after"]["polarity"]


def test_the_queue_puts_unreviewed_items_first_and_counts(client: TestClient, store: Store) -> None:
    first = client.get("/api/review/queue", params={"limit": 500}).json()
    assert first["reviewed"] == 0 and first["left"] == first["total"] == len(first["items"])
    assert {"new_document"} <= set(first["items"][0]["reasons"])
    top = first["items"][0]
    client.post(
        "/api/review/corrections",
        json={
            "kind": top["kind"],
            "action": "confirm",
            "document_id": top["document_id"],
            "ordinal": top["ordinal"],
        },
        headers=_auth(API_TOKEN),
    )
    after = client.get("/api/review/queue", params={"limit": 500}).json()
    assert (after["reviewed"], after["left"]) == (1, first["total"] - 1)
    assert after["items"][-1]["key"] == top["key"] and after["items"][-1]["reviewed"]
    assert after["items"][0]["key"] != top["key"]


def test_a_bad_correction_is_422_and_an_unknown_item_404(client: TestClient) -> None:
    bad = client.post(
        "/api/review/corrections",
        json=_peskov("correct", after={"polarity": "quizá"}),
        headers=_auth(API_TOKEN),
    )
    assert bad.status_code == 422
    missing = client.post(
        "/api/review/corrections",
        json={"kind": "stance", "action": "reject", "document_id": "f" * 40, "ordinal": 0},
        headers=_auth(API_TOKEN),
    )
    assert missing.status_code == 404
    assert client.get("/api/review/corrections").json()["total"] == 0
