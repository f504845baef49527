"""Corrections shown everywhere the record is (issue #18), on SQLite and PostgreSQL: one
document's record, the events, the quotes, the event reports, the document view, the Atom
feed and the table exports, each reviewed item marked with the machine's values beside it,
and what nobody corrected byte for byte as before."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tregua.fuse.refresh import refresh
from tregua.interfaces.exports import (
    export_csv,
    export_geojson,
    export_jsonl,
    export_parquet,
    export_polecat,
)
from tregua.interfaces.web.app import create_app
from tregua.review import log
from tregua.settings import Settings
from tregua.store import Store

from . import corpus
from .reviewing import review


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    with TestClient(create_app(Settings(db=store.url), store)) as client:
        yield client


def _ids() -> dict[str, str]:
    return {r["source"]: str(r["id"]) for r in corpus.corpus()}


def _correct(store: Store) -> None:
    """An editor turns Peskov's ceasefire stance to conditional, spells his name otherwise,
    rejects B's report of the Kharkiv attack and sets the Abu Dhabi talks to planned."""
    a, b, _ = corpus.corpus()
    review(store, "stance", a, a["stances"][0], "correct", after={"polarity": "conditional"})
    review(store, "quote", a, a["quotes"][0], "correct", after={"speaker_name": "Dmitri Peskov"})
    review(store, "event", b, b["events"][1], "reject")
    review(
        store,
        "fused_event",
        a,
        a["events"][0],
        "correct",
        editor="luis",
        after={"status": "planned"},
    )


def _exports(store: Store, folder: Path) -> dict[str, Any]:
    folder.mkdir()
    export_jsonl(store, folder / "records.jsonl")
    export_csv(store, folder / "csv")
    export_parquet(store, folder / "parquet")
    export_polecat(store, folder / "events.jsonl")
    export_geojson(store, folder / "events.geojson")
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    polecat = (folder / "events.jsonl").read_text(encoding="utf-8").splitlines()
    places = json.loads((folder / "events.geojson").read_text(encoding="utf-8"))
    return {
        "jsonl": {json.loads(line)["source"]: line for line in lines},
        "csv": {p.stem: p.read_bytes() for p in sorted((folder / "csv").glob("*.csv"))},
        "polecat": {json.loads(line)["event_type"]: json.loads(line) for line in polecat},
        "geojson": {f["properties"]["type"]: f["properties"] for f in places["features"]},
        "parquet": {
            p.stem: pq.read_table(p) for p in sorted((folder / "parquet").glob("*.parquet"))
        },
    }


def _csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(data.decode("utf-8").splitlines()))


def test_every_view_shows_the_corrected_record(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    ids = _ids()
    a, b, c = ids["a.txt"], ids["b.txt"], ids["c.txt"]
    paths = [f"/api/documents/{d}" for d in (a, b, c)] + [f"/documents/{c}", "/api/feed.atom"]
    paths += ["/api/entities/Q3874799", "/actors/Q3874799"]  # Zelensky: nothing of his reviewed
    before = {path: client.get(path).content for path in paths}
    machine = _exports(store, tmp_path / "before")
    assert _csv(machine["csv"]["stances"])[0]["reviewed"] == "False"  # the columns are fixed

    _correct(store)

    record = client.get(f"/api/documents/{a}").json()
    assert record["reviewed"] is True
    peskov, zelensky = record["stances"]
    assert (peskov["polarity"], peskov["reviewed"], peskov["machine"]) == (
        "conditional",
        True,
        {"polarity": "oppose"},
    )
    assert peskov["review"]["editor"] == "ana" and "reviewed" not in zelensky
    (said,) = record["quotes"]
    assert (said["speaker_name"], said["machine"]) == (
        "Dmitri Peskov",
        {"speaker_name": "Dmitry Peskov"},
    )
    assert (record["events"][0]["status"], record["events"][0]["machine"]) == (
        "planned",
        {"status": "occurred"},
    )
    assert [e["type"] for e in client.get(f"/api/documents/{b}").json()["events"]] == ["CONSULT"]
    # C's record, its page and the feed's other entry are as they were
    assert client.get(f"/api/documents/{c}").content == before[f"/api/documents/{c}"]
    assert client.get(f"/documents/{c}").content == before[f"/documents/{c}"]

    quotes = {q["document_id"]: q for q in client.get("/api/quotes").json()["items"]}
    assert (quotes[a]["speaker_name"], quotes[a]["reviewed"]) == ("Dmitri Peskov", True)
    assert "reviewed" not in quotes[c]

    mentions = client.get("/api/event-mentions").json()["items"]
    assert sorted((m["document_id"] == b, m["type"]) for m in mentions) == [
        (False, "ASSAULT"),
        (False, "CONSULT"),
        (True, "CONSULT"),
    ]
    assert [m["machine"] for m in mentions if m.get("reviewed")] == [{"status": "occurred"}]

    events = {e["type"]: e for e in client.get("/api/events").json()["items"]}
    assert (events["CONSULT"]["status"], events["CONSULT"]["machine"]) == (
        "planned",
        {"status": "occurred"},
    )
    # the attack stays (C reports it too) and nobody reviewed it
    assert "reviewed" not in events["ASSAULT"]
    one = client.get(f"/api/events/{events['CONSULT']['id']}").json()
    assert (one["status"], one["reviewed"], one["machine"]) == (
        "planned",
        True,
        {"status": "occurred"},
    )
    assert "reviewed" not in client.get(f"/api/events/{events['ASSAULT']['id']}").json()

    # an actor's profile: Peskov's quote and stance, Russia's talks
    peskov_profile = client.get("/api/entities/Q2632813").json()
    assert [(x["polarity"], x["machine"]) for x in peskov_profile["stances"]] == [
        ("conditional", {"polarity": "oppose"})
    ]
    assert [x["speaker_name"] for x in peskov_profile["quotes"]] == ["Dmitri Peskov"]
    russia = {e["type"]: e for e in client.get("/api/entities/Q159").json()["events"]}
    assert (russia["CONSULT"]["status"], russia["CONSULT"]["reviewed"]) == ("planned", True)
    for path in ("/api/entities/Q3874799", "/actors/Q3874799"):
        assert client.get(path).content == before[path]
    actor_page = client.get("/actors/Q2632813").text
    assert actor_page.count('<li class="reviewed">') == 2 and "polarity: oppose" in actor_page

    page = client.get(f"/documents/{a}").text
    assert '<li class="reviewed">' in page and '<small class="machine"' in page
    assert "polarity: oppose" in page and "speaker_name: Dmitry Peskov" in page

    feed = client.get("/api/feed.atom").text
    assert feed != before["/api/feed.atom"].decode("utf-8")
    assert feed.count('term="reviewed"') == 1
    assert "Reviewed by an editor; the machine said status: occurred" in feed

    shown = _exports(store, tmp_path / "after")
    assert shown["jsonl"]["c.txt"] == machine["jsonl"]["c.txt"]
    fixed = json.loads(shown["jsonl"]["a.txt"])
    assert fixed["reviewed"] is True and fixed["stances"][0]["machine"] == {"polarity": "oppose"}
    stances = {(r["document_id"], r["ordinal"]): r for r in _csv(shown["csv"]["stances"])}
    assert (stances[(a, "0")]["polarity"], stances[(a, "0")]["reviewed"]) == ("conditional", "True")
    assert json.loads(stances[(a, "0")]["machine"]) == {"polarity": "oppose"}
    assert stances[(a, "1")]["reviewed"] == "False" and stances[(c, "0")]["machine"] == ""
    reports = _csv(shown["csv"]["event_mentions"])
    gone = next(
        r["id"]
        for r in _csv(machine["csv"]["event_mentions"])
        if r["type"] == "ASSAULT" and r["document_id"] == b
    )
    assert gone not in {r["id"] for r in reports} and len(reports) == 3
    links = _csv(shown["csv"]["fused_event_mentions"])
    assert gone not in {r["event_mention_id"] for r in links} and len(links) == 3
    fused = {r["type"]: r for r in _csv(shown["csv"]["fused_events"])}
    assert (fused["CONSULT"]["status"], fused["CONSULT"]["reviewed"]) == ("planned", "True")
    # the tables of no reviewable item are as before
    assert shown["csv"]["entities"] == machine["csv"]["entities"]
    for exported in ("polecat", "geojson"):
        talks, attack = shown[exported]["CONSULT"], shown[exported]["ASSAULT"]
        assert (talks["status"], talks["reviewed"], talks["machine"]) == (
            "planned",
            True,
            {"status": "occurred"},
        )
        assert attack == machine[exported]["ASSAULT"]
    table = shown["parquet"]["stances"].to_pylist()
    row = next(r for r in table if (r["document_id"], r["ordinal"]) == (a, 0))
    assert (row["polarity"], row["reviewed"], json.loads(row["machine"])) == (
        "conditional",
        True,
        {"polarity": "oppose"},
    )
    assert shown["parquet"]["event_mentions"].num_rows == 3
    assert shown["parquet"]["stances"].schema.field("reviewed").type == "bool"


def test_a_rejected_quote_leaves_the_quotes_and_the_record(
    client: TestClient, store: Store
) -> None:
    c = corpus.article_c()
    review(store, "quote", c, c["quotes"][0], "reject")
    assert [q["document_id"] for q in client.get("/api/quotes").json()["items"]] == [
        corpus.article_a()["id"]
    ]
    record = client.get(f"/api/documents/{c['id']}").json()
    assert record["quotes"] == [] and record["reviewed"] is True


def test_a_split_takes_the_reports_it_names_into_an_event_of_their_own(
    client: TestClient, store: Store
) -> None:
    a, b, _ = corpus.corpus()
    talks = client.get("/api/timeline").json()
    (fused,) = [e for e in talks if e["type"] == "CONSULT"]
    assert (fused["sources"], fused["copies"]) == (2, 2)
    b_report = log.key_of("event", b["id"], b["events"][0])
    # a split naming every report of the event changes nothing
    everything = {"reports": [log.key_of("event", a["id"], a["events"][0]), b_report]}
    a_report = log.key_of("event", a["id"], a["events"][0])
    log.append(
        store, editor="ana", kind="fused_event", key=a_report, action="split", after=everything
    )
    assert client.get("/api/timeline").json() == talks
    log.append(
        store,
        editor="ana",
        kind="fused_event",
        key=a_report,
        action="split",
        after={"reports": [b_report]},
    )
    timeline = client.get("/api/timeline").json()
    left, new = [e for e in timeline if e["type"] == "CONSULT"]
    assert (left["id"], left["reviewed"], left["machine"]) == (
        fused["id"],
        True,
        {"sources": 2, "copies": 2},
    )
    assert (left["sources"], left["copies"], left["date"]) == (1, 1, fused["date"])
    assert new["split_from"] == fused["id"] and new["id"].startswith(fused["id"] + "-split-")
    assert (new["date"], new["document_id"], new["sources"], new["copies"]) == (
        "2026-01-24",
        b["id"],
        1,
        1,
    )
    assert [a["name"] for a in new["actors"]] == [a["name"] for a in fused["actors"]]
    assert (new["independent_sources"], new["wire"], new["machine"]) == (None, None, {})
    # the events view: each keeps its own reports
    events = [e for e in client.get("/api/events").json()["items"] if e["type"] == "CONSULT"]
    assert [[r["document_id"] for r in e["reports"]] for e in events] == [[a["id"]], [b["id"]]]
    assert [e.get("split_from") for e in events] == [None, fused["id"]]
    # the ASSAULT nobody split is as the machine made it
    assert next(e for e in timeline if e["type"] == "ASSAULT") == next(
        e for e in talks if e["type"] == "ASSAULT"
    )


def test_the_queue_pages_in_review_order_with_the_reviewed_last(
    client: TestClient, store: Store
) -> None:
    from tregua.review.queue import queue

    whole = queue(store, limit=100)
    assert (whole["total"], whole["reviewed"], whole["left"]) == (9, 0, 9)
    _correct(store)
    whole = queue(store, limit=100)
    # the four corrections name four items (the fused event's falls on A's report)
    assert (whole["total"], whole["reviewed"], whole["left"]) == (9, 4, 5)
    flags = [i["reviewed"] for i in whole["items"]]
    assert flags == [False] * 5 + [True] * 4
    scores = [1.0 if i["confidence"] is None else i["confidence"] for i in whole["items"][:5]]
    assert scores == sorted(scores)
    pages = [queue(store, limit=2, offset=n)["items"] for n in range(0, 9, 2)]
    assert [i for page in pages for i in page] == whole["items"]
    stances = queue(store, kind="stance", limit=100)
    assert (stances["total"], stances["reviewed"]) == (3, 1)
    assert [i["item"]["polarity"] for i in stances["items"]][-1] == "oppose"  # the machine's
    a = corpus.article_a()["id"]
    own = queue(store, document_id=a, limit=100)
    assert {i["document_id"] for i in own["items"]} == {a} and own["total"] == 4


def test_a_rejected_fused_event_leaves_the_events_and_is_found_marked(
    client: TestClient, store: Store
) -> None:
    c = corpus.article_c()
    attack = next(e for e in client.get("/api/events").json()["items"] if e["type"] == "ASSAULT")
    review(store, "fused_event", c, c["events"][0], "reject")
    page = client.get("/api/events").json()
    assert [e["type"] for e in page["items"]] == ["CONSULT"]
    one = client.get(f"/api/events/{attack['id']}").json()
    assert (one["left_out"], one["reviewed"], one["type"]) == (True, True, "ASSAULT")
    assert "ASSAULT" not in client.get("/api/feed.atom").text


def test_an_actors_counts_leave_out_what_editors_rejected(client: TestClient, store: Store) -> None:
    a, _, c = corpus.corpus()
    zelensky = "/api/entities/Q3874799?limit=1"  # lists C's stance only: A's is off the page
    paths = [zelensky, "/actors/Q3874799", "/api/entities/Q159", "/api/entities/Q2632813"]
    paths += ["/api/entities", "/actors"]
    before = {path: client.get(path).content for path in paths}
    machine = json.loads(before[zelensky])
    assert (machine["stances_total"], machine["quotes_total"]) == (2, 1)
    assert json.loads(before["/api/entities/Q159"])["events_total"] == 2
    assert "<h2>Posturas (2)</h2>" in before["/actors/Q3874799"].decode("utf-8")

    rejected = log.key_of("stance", a["id"], a["stances"][1])  # Zelensky's, off the page
    log.append(store, editor="ana", kind="stance", key=rejected, action="reject")
    review(store, "quote", c, c["quotes"][0], "reject")
    log.append(
        store,
        editor="luis",
        kind="fused_event",
        key=log.key_of("event", c["id"], c["events"][0]),  # the Kharkiv attack
        action="reject",
    )
    shown = client.get(zelensky).json()
    assert (shown["stances_total"], shown["quotes_total"], shown["quotes"]) == (1, 0, [])
    assert shown["stances"] == machine["stances"]  # C's stance, nobody's review
    assert shown["events_total"] == machine["events_total"]
    russia = client.get("/api/entities/Q159").json()
    assert russia["events_total"] == 1 and [e["type"] for e in russia["events"]] == ["CONSULT"]
    page = client.get("/actors/Q3874799").text
    assert "<h2>Posturas (1)</h2>" in page and "<h2>Citas (0)</h2>" in page
    # nothing of Peskov's was rejected; the entities list holds no reviewable item (its
    # counts are the documents and name mentions of each entity)
    for path in ("/api/entities/Q2632813", "/api/entities", "/actors"):
        assert client.get(path).content == before[path]

    # a later confirmation puts the stance back in the count
    log.append(store, editor="luis", kind="stance", key=rejected, action="confirm")
    assert client.get(zelensky).json()["stances_total"] == 2
