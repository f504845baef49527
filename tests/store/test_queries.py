"""Queries over the three hand-written articles of ``corpus``, on both dialects."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from tregua.fuse.refresh import refresh
from tregua.store import Store, open_store
from tregua.store import queries as q

from . import corpus
from .conftest import DIALECTS, empty_store_url


@pytest.fixture(scope="module", params=DIALECTS)
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One store per dialect for the module: the queries only read."""
    url = empty_store_url(request.param, request, tmp_path_factory.mktemp("queries"))
    store = open_store(url)
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    return store


def _types(events: list[dict[str, Any]]) -> list[str]:
    return [e["type"] for e in events]


def test_timeline_fuses_across_articles_and_keeps_disagreements(filled: Store) -> None:
    talks, attack = q.timeline(filled)
    assert (talks["type"], talks["date"], talks["date_end"]) == (
        "CONSULT",
        "2026-01-23",
        "2026-01-24",
    )
    assert talks["sources"] == ["a.txt", "b.txt"]
    assert talks["place"] == "Abu Dhabi"
    assert [d["value"] for d in talks["disagreements"]["date"]] == ["2026-01-23", "2026-01-24"]
    assert (talks["lat"], talks["lon"]) == (24.45, 54.38)
    assert [a["name"] for a in talks["actors"]] == ["Russia", "Ukraine"]
    assert [r["evidence"]["text"][:20] for r in talks["reports"]] == [
        "Rusia y Ucrania se r",
        "Las delegaciones de ",
    ]
    assert attack["type"] == "ASSAULT"
    assert attack["sources"] == ["b.txt", "c.txt"]
    assert attack["dead"] is None  # 3 or 4: not averaged, not chosen
    assert attack["disputed"]
    assert attack["disagreements"]["dead"] == [
        {"value": 3, "documents": [corpus.article_b()["id"]], "sources": ["b.txt"]},
        {"value": 4, "documents": [corpus.article_c()["id"]], "sources": ["c.txt"]},
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["CONSULT", "ASSAULT"]),
        ({"type": "assault"}, ["ASSAULT"]),
        ({"status": "planned"}, []),
        ({"side": "ukr"}, ["CONSULT", "ASSAULT"]),
        ({"side": "USA"}, []),
        ({"side": 'RUS"%'}, []),  # no plain value: the JSON list is walked alone
        ({"place": "abu dhabi"}, ["CONSULT"]),
        ({"place": "UKR"}, ["ASSAULT"]),
        ({"actor": "Rusia"}, ["CONSULT", "ASSAULT"]),
        ({"actor": "Q212"}, ["CONSULT", "ASSAULT"]),
        ({"actor": "Peskov"}, []),
        ({"since": "2026-01-24"}, ["CONSULT", "ASSAULT"]),
        ({"until": "2026-01-23"}, ["CONSULT"]),
        ({"since": "2026-01-25"}, []),
    ],
)
def test_timeline_filters(filled: Store, filters: dict[str, str], expected: list[str]) -> None:
    assert _types(q.timeline(filled, **filters)) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["no hay plazos", "aceptaría ceder territorio si hay garantías"]),
        ({"speaker": "Peskov"}, ["no hay plazos"]),
        ({"speaker": "dmitry peskov"}, ["no hay plazos"]),
        ({"side": "UKR"}, ["aceptaría ceder territorio si hay garantías"]),
        ({"issue": "ceasefire"}, ["no hay plazos"]),
        ({"issue": "territory"}, ["aceptaría ceder territorio si hay garantías"]),
        ({"issue": "sanctions"}, []),
        ({"since": "2026-02-01"}, ["aceptaría ceder territorio si hay garantías"]),
    ],
)
def test_who_said_what(filled: Store, filters: dict[str, str], expected: list[str]) -> None:
    assert [r["text"] for r in q.who_said_what(filled, **filters)] == expected


def test_quotes_carry_their_issues(filled: Store) -> None:
    (peskov,) = q.who_said_what(filled, speaker="Peskov")
    assert peskov["issues"] == [{"issue": "ceasefire", "polarity": "oppose", "side": "RUS"}]
    assert peskov["source"] == "a.txt"


def test_stance_matrix_at_a_date_and_now(filled: Store) -> None:
    before = {(r["side"], r["issue"]): r["polarity"] for r in q.stance_matrix(filled, "2026-01-31")}
    assert before == {("RUS", "ceasefire"): "oppose", ("UKR", "territory"): "oppose"}
    now = {(r["side"], r["issue"]): r for r in q.stance_matrix(filled)}
    ukraine = now[("UKR", "territory")]
    assert (ukraine["polarity"], ukraine["since"]) == ("conditional", "2026-02-02")
    assert [e["source"] for e in ukraine["evidence"]] == ["c.txt"]
    assert q.stance_matrix(filled, "2025-01-01") == []


def test_stance_changes(filled: Store) -> None:
    (change,) = q.stance_changes(filled)
    assert {k: change[k] for k in ("side", "issue", "date", "from", "to")} == {
        "side": "UKR",
        "issue": "territory",
        "date": "2026-02-02",
        "from": "oppose",
        "to": "conditional",
    }
    assert change["evidence"][0]["evidence"]["text"].startswith("Zelenski dijo que aceptaría")
    assert q.stance_changes(filled, side="RUS") == []


def test_actor_profile(filled: Store) -> None:
    profile = q.actor_profile(filled, "zelenski")
    assert profile is not None
    assert (profile["id"], profile["name"], profile["documents"]) == (
        "Q3874799",
        "Volodymyr Zelensky",
        2,
    )
    assert [s["polarity"] for s in profile["stances"]] == ["oppose", "conditional"]
    assert len(profile["quotes"]) == 1
    russia = q.actor_profile(filled, "Russia")
    assert russia is not None
    assert _types(russia["events"]) == ["CONSULT", "ASSAULT"]
    assert russia["partners"] == [{"id": "Q212", "name": "Ukraine", "events": 2}]
    assert q.actor_profile(filled, "Nadie") is None


def test_actor_profile_lists_the_latest_and_counts_them_all(filled: Store) -> None:
    whole = q.actor_profile(filled, "zelenski")
    latest = q.actor_profile(filled, "zelenski", limit=1)
    assert whole is not None and latest is not None
    assert [s["polarity"] for s in latest["stances"]] == ["conditional"]
    assert (latest["stances_total"], whole["stances_total"]) == (2, 2)
    russia = q.actor_profile(filled, "Russia")
    last = q.actor_profile(filled, "Russia", limit=1)
    assert russia is not None and last is not None
    assert _types(last["events"]) == ["ASSAULT"] and last["events_total"] == 2
    assert last["partners"] == russia["partners"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("plazos", [("paragraph", "a.txt"), ("quote", "a.txt")]),
        ("Járkov", [("paragraph", "b.txt"), ("paragraph", "c.txt")]),
        ("ataque Járkov 4", [("paragraph", "c.txt")]),
        ("garantías territorio", [("paragraph", "c.txt"), ("quote", "c.txt")]),
        ("OR", []),
        ("«»", []),
        ("Washington", []),
    ],
)
def test_search(filled: Store, words: str, expected: list[tuple[str, str]]) -> None:
    hits = q.search(filled, words)
    assert sorted((h["kind"], h["source"]) for h in hits) == expected
    for hit in hits:
        document = filled.document(hit["document_id"])
        assert document is not None
        assert document.text[hit["start"] : hit["end"]] == hit["text"]


def test_frames_need_their_library(filled: Store) -> None:
    rows = q.timeline(filled)
    for library in ("pandas", "polars"):
        if importlib.util.find_spec(library) is None:
            with pytest.raises(ImportError, match=f"needs {library}"):
                q.to_frame(rows, library)
        else:
            assert len(q.to_frame(rows, library)) == len(rows)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("hay", ["no hay plazos", "aceptaría ceder territorio si hay garantías"]),
        ("NO HAY", ["no hay plazos"]),
        ("GARANTÍAS", ["aceptaría ceder territorio si hay garantías"]),  # folded beyond ASCII
        ("100%", []),  # LIKE wildcards are literal
        ("_", []),
    ],
)
def test_quotes_holding_words(filled: Store, words: str, expected: list[str]) -> None:
    found, total = q.quotes_page(filled, words=words)
    assert [r["text"] for r in found] == expected
    assert total == len(expected)


def test_pages_are_cut_and_counted_by_the_store(filled: Store) -> None:
    events, total = q.timeline_page(filled, limit=1, offset=1)
    assert (_types(events), total) == (["ASSAULT"], 2)
    assert q.timeline_page(filled, side="USA", limit=5) == ([], 0)
    quotes, total = q.quotes_page(filled, limit=1, offset=1)
    assert ([r["text"] for r in quotes], total) == (
        ["aceptaría ceder territorio si hay garantías"],
        2,
    )
    mentions, total = q.event_mentions_page(filled, side="rus", limit=2, offset=1)
    assert total == len(q.event_mentions_page(filled, side="RUS")[0]) == 4
    assert mentions == q.event_mentions_page(filled, side="RUS")[0][1:3]


def test_compact_timeline_names_each_events_first_report(filled: Store) -> None:
    full = q.timeline(filled)
    compact = q.timeline_compact(filled)
    assert [e["id"] for e in compact] == [e["id"] for e in full]
    for small, event in zip(compact, full, strict=True):
        assert small["document_id"] == event["reports"][0]["document_id"]
        assert small["sources"] == len(event["sources"])
        assert "reports" not in small


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["c.txt", "b.txt", "a.txt"]),
        ({"outlet": "PRUEBA"}, ["c.txt", "b.txt", "a.txt"]),
        ({"outlet": "otra"}, []),
        ({"flag": "glued_words"}, ["a.txt"]),
        ({"since": "2026-01-25"}, ["c.txt", "b.txt"]),
        ({"until": "2026-01-24"}, ["a.txt"]),
    ],
)
def test_documents_page(filled: Store, filters: dict[str, str], expected: list[str]) -> None:
    found, total = q.documents_page(filled, **filters)
    assert [d["source"] for d in found] == expected and total == len(expected)
    records = {r["source"]: r for r in corpus.corpus()}
    for doc in found:
        record = records[doc["source"]]
        assert {k: doc[k] for k in q.COUNTED} == {k: len(record[k]) for k in q.COUNTED}
        assert doc["flag_kinds"] == [f["kind"] for f in record["flags"]]


@pytest.mark.parametrize(
    "filters",
    [
        {"speaker": "Peskov"},
        {"speaker": "zelenski"},
        {"issue": "territory"},
        {"speaker": "Zelenski", "issue": "territory"},
        {"speaker": "Peskov", "issue": "territory"},
        {"issue": "ceasefire", "side": "RUS"},
        {"speaker": "Peskov", "since": "2026-02-01"},
        {"speaker": "nadie"},
    ],
)
def test_quote_counts_agree_with_the_quotes_listed(filled: Store, filters: dict[str, str]) -> None:
    """The count and the page take different forms of the speaker and issue filters."""
    every = q.who_said_what(filled, **filters)
    first, total = q.quotes_page(filled, limit=1, **filters)
    assert (first, total) == (every[:1], len(every))
