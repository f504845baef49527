"""Independent sources and the confidence filter, as the API, the queries and the pages serve
them, over a written corpus: three outlets print one EFE wire (talks in Ginebra and a strike
on Odesa), two others report the talks on their own, and one reports sanctions alone.

    talks:    5 copies (3 of the wire, 2 own reports), 3 independent sources, no one wire
    strike:   3 copies of the wire, 1 independent source, one wire: EFE
    sanction: 1 copy, 1 independent source (an outlet's own report)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tregua.fuse.refresh import refresh
from tregua.interfaces.exports import export_csv, export_polecat
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import Store, open_store
from tregua.store import queries as q

from ..store.corpus import record, span

TALKS = "Rusia y Ucrania se reunieron en Ginebra el 10 de marzo."
STRIKE = "Un ataque ruso en Odesa mató a dos personas el 10 de marzo."
WIRE_OUTLETS = ("Diario del Norte", "La Voz del Sur", "El Correo del Este")
OWN_OUTLETS = ("Gaceta de Poniente", "Heraldo Central")
GENEVA = {"name": "Ginebra", "country": "CHE", "lat": 46.2, "lon": 6.14}
ODESA = {"name": "Odesa", "country": "UKR", "lat": 46.48, "lon": 30.72}


def _event(text: str, part: str, type_: str, confidence: float, **fields: Any) -> dict[str, Any]:
    return {
        "type": type_,
        "mode": None,
        "status": "occurred",
        "date": "2026-03-10",
        "date_end": None,
        "date_text": "el 10 de marzo",
        "date_source": "text",
        "location": fields.get("location"),
        "actors": [],
        "targets": [],
        "countries": fields.get("countries", ["RUS", "UKR"]),
        "dead": fields.get("dead"),
        "injured": None,
        "evidence": span(text, part),
        "confidence": confidence,
    }


def _quote(text: str, part: str, confidence: float | None) -> dict[str, Any]:
    return {
        **span(text, part),
        "direct": True,
        "speaker": None,
        "speaker_name": "Olga Petrenko",
        "speaker_description": None,
        "speaker_country": "UKR",
        "cue": "afirmó",
        "via": None,
        "confidence": confidence,
    }


def _stance(text: str, part: str, polarity: str, confidence: float | None) -> dict[str, Any]:
    return {
        "actor": None,
        "country": "UKR",
        "issue": "ceasefire",
        "polarity": polarity,
        "evidence": span(text, part),
        "confidence": confidence,
    }


def _from(outlet: str, text: str, agency: str | None, **parts: Any) -> dict[str, Any]:
    made = record(f"{outlet}.txt", text, "2026-03-11", **parts)
    made["outlet"] = outlet
    made["agency"] = agency
    return made


def corpus() -> list[dict[str, Any]]:
    records = []
    for outlet in WIRE_OUTLETS:
        # each outlet prints the wire under its own heading: documents of their own
        text = f"{outlet} informa. {TALKS} {STRIKE}"
        records.append(
            _from(
                outlet,
                text,
                "EFE",
                events=[
                    _event(text, TALKS, "CONSULT", 0.9, location=GENEVA),
                    _event(text, STRIKE, "ASSAULT", 0.3, location=ODESA, dead=2),
                ],
            )
        )
    for n, outlet in enumerate(OWN_OUTLETS):
        said = "«Queremos una tregua ya»" if n == 0 else "«No firmaremos una tregua así»"
        sure = "Olga Petrenko afirmó: «Queremos una tregua ya»."
        unsure = "Olga Petrenko afirmó: «No firmaremos una tregua así»."
        text = f"Según nuestra redacción, {TALKS} {sure if n == 0 else unsure}"
        records.append(
            _from(
                outlet,
                text,
                None,
                events=[_event(text, TALKS, "CONSULT", 0.4, location=GENEVA)],
                quotes=[_quote(text, said, 0.8 if n == 0 else 0.2)],
                stances=[
                    _stance(
                        text,
                        sure if n == 0 else unsure,
                        "support" if n == 0 else "oppose",
                        0.9 if n == 0 else 0.2,
                    )
                ],
            )
        )
    text = "La Unión Europea sancionó a Rusia el 10 de marzo. «Habrá más», afirmó Petrenko."
    records.append(
        _from(
            "Boletín Oriental",
            text,
            None,
            events=[
                _event(
                    text,
                    "La Unión Europea sancionó a Rusia el 10 de marzo.",
                    "SANCTION",
                    0.6,
                    countries=["EU", "RUS"],
                )
            ],
            quotes=[_quote(text, "«Habrá más»", None)],  # a record without a confidence
            stances=[_stance(text, "«Habrá más», afirmó Petrenko.", "support", None)],
        )
    )
    return records


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('sources') / 's.db'}")
    for made in corpus():
        store.put_record(made)
    refresh(store)
    return store


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db="sqlite://", cache_bytes=0), store=store)) as client:
        yield client


def _by_type(events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {e["type"]: e for e in events}
    assert len(found) == len(events), "one fused event a type in this corpus"
    return found


def test_the_api_serves_copies_independent_sources_and_the_one_wire(client: TestClient) -> None:
    page = client.get("/api/events").json()
    events = _by_type(page["items"])
    assert set(events) == {"CONSULT", "ASSAULT", "SANCTION"}
    talks, strike, sanction = events["CONSULT"], events["ASSAULT"], events["SANCTION"]
    assert (talks["copies"], talks["independent_sources"], talks["wire"]) == (5, 3, None)
    assert (strike["copies"], strike["independent_sources"], strike["wire"]) == (3, 1, "EFE")
    assert (sanction["copies"], sanction["independent_sources"], sanction["wire"]) == (1, 1, None)
    assert len(talks["reports"]) == 5
    # the fused event's confidence is the highest of its mentions'
    assert (talks["confidence"], strike["confidence"]) == (0.9, 0.3)
    one = client.get(f"/api/events/{strike['id']}").json()
    assert (one["copies"], one["independent_sources"], one["wire"]) == (3, 1, "EFE")
    compact = _by_type(client.get("/api/timeline").json())
    assert {t: (e["copies"], e["independent_sources"], e["wire"]) for t, e in compact.items()} == {
        "CONSULT": (5, 3, None),
        "ASSAULT": (3, 1, "EFE"),
        "SANCTION": (1, 1, None),
    }


def test_the_feed_and_the_exports_say_where_an_event_comes_from(
    client: TestClient, store: Store, tmp_path: Any
) -> None:
    feed = client.get("/api/feed.atom").text
    assert "3 copies, 1 independent source; one wire: EFE" in feed
    assert "5 copies, 3 independent sources; confidence 0.90" in feed
    export_polecat(store, tmp_path / "events.jsonl", min_confidence=0.5)
    lines = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert sorted((e["event_type"], e["copies"], e["independent_sources"]) for e in lines) == [
        ("CONSULT", 5, 3),
        ("SANCTION", 1, 1),
    ]
    export_csv(store, tmp_path / "csv", min_confidence=0.5)
    fused = (tmp_path / "csv" / "fused_events.csv").read_text().splitlines()
    header = fused[0].split(",")
    assert {"copies", "independent_sources", "wire", "confidence"} <= set(header)
    assert len(fused) == 1 + 2  # the strike (0.3) is left out
    quotes = (tmp_path / "csv" / "quotes.csv").read_text().splitlines()
    assert len(quotes) == 1 + 1  # the quote of 0.8 alone
    links = (tmp_path / "csv" / "fused_event_mentions.csv").read_text().splitlines()
    # the talks' three wire reports (0.9; the own reports of 0.4 are left out) and the sanction
    assert len(links) == 1 + 3 + 1


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/events", "items"),
        ("/api/timeline", None),
        ("/api/event-mentions", "items"),
        ("/api/quotes", "items"),
    ],
)
def test_min_confidence_filters_every_list(client: TestClient, path: str, field: str) -> None:
    def rows(**params: str) -> list[dict[str, Any]]:
        reply = client.get(path, params=params)
        assert reply.status_code == 200, reply.text
        found = reply.json()
        return list(found[field] if field else found)

    every, kept = rows(), rows(min_confidence="0.5")
    assert 0 < len(kept) < len(every)
    assert all(r["confidence"] is not None and r["confidence"] >= 0.5 for r in kept)
    assert [r for r in every if r["confidence"] is not None and r["confidence"] >= 0.5] == kept
    assert rows(min_confidence="0") == [r for r in every if r["confidence"] is not None]


@pytest.mark.parametrize("value", ["-0.1", "1.01", "x", "nan"])
def test_min_confidence_out_of_bounds_is_422(client: TestClient, value: str) -> None:
    for path in (
        "/api/events",
        "/api/timeline",
        "/api/event-mentions",
        "/api/quotes",
        "/api/stances/matrix",
        "/api/stances/changes",
        "/api/feed.atom",
    ):
        assert client.get(path, params={"min_confidence": value}).status_code == 422, path


def test_the_queries_filter_by_confidence(store: Store) -> None:
    assert {e["type"] for e in q.timeline(store)} == {"CONSULT", "ASSAULT", "SANCTION"}
    assert {e["type"] for e in q.timeline(store, min_confidence=0.5)} == {"CONSULT", "SANCTION"}
    assert {e["type"] for e in q.timeline(store, min_confidence=0.7)} == {"CONSULT"}
    compact = q.timeline_compact(store, min_confidence=0.7)
    assert [e["type"] for e in compact] == ["CONSULT"]
    _, total = q.timeline_page(store, min_confidence=0.95, limit=10)
    assert total == 0
    quotes = q.who_said_what(store)
    assert sorted(str(x["confidence"]) for x in quotes) == ["0.2", "0.8", "None"]
    assert [x["confidence"] for x in q.who_said_what(store, min_confidence=0.5)] == [0.8]
    _, counted = q.quotes_page(store, min_confidence=0.1, limit=1)
    assert counted == 2  # the quote without a confidence is left out once a minimum is asked


def test_the_stance_matrix_reads_only_confident_stances(client: TestClient, store: Store) -> None:
    # on 2026-03-11 Ukraine supports (0.9), opposes (0.2) and supports (no confidence) a
    # ceasefire: mixed as stored; support from the confident stance alone
    (cell,) = q.stance_matrix(store)
    assert (cell["side"], cell["issue"], cell["polarity"]) == ("UKR", "ceasefire", "mixed")
    assert len(cell["evidence"]) == 3
    (sure,) = q.stance_matrix(store, min_confidence=0.5)
    assert (sure["polarity"], sure["since"], sure["date"]) == (
        "support",
        "2026-03-11",
        "2026-03-11",
    )
    assert [e["polarity"] for e in sure["evidence"]] == ["support"]
    assert q.stance_matrix(store, min_confidence=0.95) == []
    assert q.stance_matrix(store, at="2026-03-10", min_confidence=0.5) == []
    served = client.get("/api/stances/matrix", params={"min_confidence": "0.5"}).json()
    assert [(c["side"], c["polarity"]) for c in served] == [("UKR", "support")]
    assert [c["polarity"] for c in client.get("/api/stances/matrix").json()] == ["mixed"]


def test_stance_changes_read_only_confident_stances(tmp_path: Any) -> None:
    # a side that opposes on one day and supports on the next, each from a stance of its own
    store = open_store(f"sqlite:///{tmp_path / 'changes.db'}")
    for day, polarity, confidence in (
        ("2026-03-01", "oppose", 0.9),
        ("2026-03-02", "support", 0.3),
        ("2026-03-03", "support", 0.8),
    ):
        text = f"Kiev fijó su postura el día {day}."
        made = record(
            f"{day}.txt",
            text,
            day,
            stances=[_stance(text, text, polarity, confidence)],
        )
        store.put_record(made)
    refresh(store)
    assert [(c["date"], c["from"], c["to"]) for c in q.stance_changes(store)] == [
        ("2026-03-02", "oppose", "support")
    ]
    assert [
        (c["date"], c["from"], c["to"]) for c in q.stance_changes(store, min_confidence=0.5)
    ] == [("2026-03-03", "oppose", "support")]
    (cell,) = q.stance_matrix(store, min_confidence=0.5)
    assert (cell["polarity"], cell["since"]) == ("support", "2026-03-03")
    (stored,) = q.stance_matrix(store)
    assert (stored["polarity"], stored["since"]) == ("support", "2026-03-02")
    assert q.stance_changes(store, min_confidence=0.5, side="RUS") == []


def test_the_pages_hold_the_confidence_control(client: TestClient) -> None:
    def control(path: str, **params: str) -> str:
        html = client.get(path, params=params).text
        start = html.index('name="min_confidence"')
        tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
        return tag.split('value="', 1)[1].split('"', 1)[0]

    for path in ("/timeline", "/map"):
        assert control(path) == "0.45"  # the events' default
        assert control(path, min_confidence="0.7") == "0.7"
        assert control(path, min_confidence="") == ""
        assert control(path, min_confidence="7") == "0.45"
    for path in ("/quotes", "/stances"):
        assert control(path) == ""
        assert control(path, min_confidence="0.25") == "0.25"
        assert control(path, min_confidence="nan") == ""


def test_near_copies_without_a_credit_are_one_source(tmp_path: Any) -> None:
    # two outlets print one uncredited text (the second adds a line of its own), a third
    # writes its own report of the same talks: once the first two are found near copies
    # (one cluster, as ``recluster`` names it), fusion counts them as one origin
    wire = f"{TALKS} Las delegaciones hablaron durante seis horas en un hotel junto al lago."
    own = f"Nuestra enviada en Ginebra lo vio de cerca. {TALKS}"
    store = open_store(f"sqlite:///{tmp_path / 'copies.db'}")
    made = [
        _from(outlet, text, None, events=[_event(text, TALKS, "CONSULT", 0.8, location=GENEVA)])
        for outlet, text in (
            ("Diario del Norte", wire),
            ("La Voz del Sur", wire + " Lea también nuestra edición impresa."),
            ("Heraldo Central", own),
        )
    ]
    for one in made:
        store.put_record(one)
    first, second, third = (one["id"] for one in made)
    clusters = {first: first, second: first, third: third}
    assert store.set_clusters(clusters) == 3
    assert store.set_clusters(clusters) == 0  # records and columns agree now
    refresh(store)
    (talks,) = q.timeline(store)
    assert (talks["copies"], talks["independent_sources"], talks["wire"]) == (3, 2, None)
