"""``/api/feed.atom``: the newest fused events as Atom, over the three written articles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tregua.fuse.refresh import refresh
from tregua.interfaces.api.feed import when
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import Store, open_store
from tregua.store.schema import DocumentRow

from ..store import corpus

A = "{http://www.w3.org/2005/Atom}"


def _stored_on(store: Store, record: dict[str, object], day: int) -> None:
    with store.writing() as session:
        session.execute(
            update(DocumentRow)
            .where(DocumentRow.id == record["id"])
            .values(ingested_at=dt.datetime(2026, 2, day, 9, 30, tzinfo=dt.UTC))
        )


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('feed') / 'f.db'}")
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    # A (talks) stored on the 1st, B (talks and the attack) on the 2nd, C (attack) the 3rd
    for day, record in enumerate(corpus.corpus(), 1):
        _stored_on(store, record, day)
    return store


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db="sqlite://"), store=store)) as client:
        yield client


def _feed(client: TestClient, **params: str) -> ET.Element:
    reply = client.get("/api/feed.atom", params=params)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"].startswith("application/atom+xml")
    return ET.fromstring(reply.content)


def _type(entry: ET.Element) -> str | None:
    category = entry.find(f"{A}category[@label]")
    return None if category is None else category.get("term")


def _entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{A}entry")


def test_the_feed_lists_the_latest_reported_event_first(client: TestClient) -> None:
    feed = _feed(client)
    entries = _entries(feed)
    assert [_type(e) for e in entries] == ["ASSAULT", "CONSULT"]
    attack, talks = entries
    # the attack: first reported by B (the 2nd), last by C (the 3rd)
    assert attack.findtext(f"{A}published") == "2026-02-02T09:30:00Z"
    assert attack.findtext(f"{A}updated") == "2026-02-03T09:30:00Z"
    assert talks.findtext(f"{A}updated") == "2026-02-02T09:30:00Z"
    assert feed.findtext(f"{A}updated") == "2026-02-03T09:30:00Z"
    assert "Kharkiv" in (attack.findtext(f"{A}title") or "")
    links = [link.get("href", "") for link in attack.findall(f"{A}link")]
    b, c = corpus.article_b()["id"], corpus.article_c()["id"]
    assert sorted(links) == sorted(f"http://testserver/documents/{d}" for d in (b, c))
    assert attack.findtext(f"{A}id") == f"http://testserver/api/events/{_event_id(client)}"
    sides = {
        c.get("term") for c in attack.findall(f"{A}category") if "#side" in c.get("scheme", "")
    }
    assert sides == {"RUS", "UKR"}
    content = (attack.findtext(f"{A}content") or "").splitlines()
    assert len(content) == 3  # two reports, and where they come from
    # two articles of one outlet's own reporting: one independent source
    assert content[-1].startswith("2 copies, 1 independent source; confidence ")


def _event_id(client: TestClient) -> str:
    found = client.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert len(found) == 1
    return str(found[0]["id"])


def test_an_event_a_further_outlet_reports_rises_again(client: TestClient, store: Store) -> None:
    # A, on the talks, stored again by a newer pipeline on the 5th
    assert store.put_record(corpus.article_a(corpus.NEWER)) == "replaced"
    refresh(store)
    _stored_on(store, corpus.article_a(), 5)
    types = [_type(e) for e in _entries(_feed(client))]
    assert types == ["CONSULT", "ASSAULT"]


def test_filters_by_type_and_side(client: TestClient) -> None:
    only = _entries(_feed(client, type="consult"))
    assert [_type(e) for e in only] == ["CONSULT"]
    assert len(_entries(_feed(client, side="ukr"))) == 2
    assert _entries(_feed(client, side="FRA")) == []
    assert len(_entries(_feed(client, limit="1"))) == 1
    empty = _feed(client, side="FRA")
    assert empty.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"
    assert "side=FRA" in (empty.findtext(f"{A}title") or "")


@pytest.mark.parametrize(
    "params", [{"type": "PARTY"}, {"side": "R U"}, {"limit": "0"}, {"limit": "501"}]
)
def test_bad_filters_are_refused_with_the_valid_values(
    client: TestClient, params: dict[str, str]
) -> None:
    reply = client.get("/api/feed.atom", params=params)
    assert reply.status_code == 422
    if "type" in params:
        assert "ASSAULT" in reply.text


def test_article_text_stays_text(client: TestClient, store: Store) -> None:
    reply = client.get("/api/feed.atom")
    assert reply.headers["content-security-policy"] == "default-src 'self'"
    # every string went in through ElementTree, which escapes it: the body parses
    assert ET.fromstring(reply.content).tag == f"{A}feed"


@pytest.mark.parametrize(
    ("date", "date_end", "said"),
    [
        ("2025-01-01", "2025-12-31", "2025"),
        ("2020-01-01", "2029-12-31", "2020–2029"),
        ("2025-02-01", "2025-02-28", "2025-02"),
        ("2025-02-01", "2025-02-27", "2025-02-01 – 2025-02-27"),
        ("2025-12-01", "2026-02-28", "2025-12 – 2026-02"),
        ("2025-03-04", None, "2025-03-04"),
        (None, None, None),
    ],
)
def test_vague_dates_are_said_as_spans(date: str | None, date_end: str | None, said: str) -> None:
    assert when(date, date_end) == said
