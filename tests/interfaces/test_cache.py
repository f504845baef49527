"""The cache of GET replies: a write by another engine makes the next read fresh, on a
SQLite file and on a PostgreSQL server; ETag and 304; memory bounded by bytes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tregua.fuse.refresh import refresh
from tregua.interfaces.api.cache import Entries, Entry, etag_of
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import Store, open_store

from ..store import corpus
from ..store.conftest import DIALECTS, empty_store_url

READS = ["/api/quotes", "/api/timeline", "/api/entities/Zelenski", "/api/stances/matrix", "/"]


@pytest.fixture(params=DIALECTS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store holding article a, fused; a file on SQLite, a database on PostgreSQL."""
    found = empty_store_url(request.param, request, tmp_path)
    store = open_store(found)
    store.put_record(corpus.article_a())
    refresh(store)
    store.engine.dispose()
    yield found


@pytest.fixture
def client(url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=url))) as client:
        yield client


def _writer(url: str) -> Store:
    """The store on an engine of its own: another pool, as another process has."""
    return open_store(url)


def test_a_repeated_read_is_a_hit_with_the_same_reply(client: TestClient) -> None:
    for path in READS:
        first, again = client.get(path), client.get(path)
        assert (first.status_code, again.status_code) == (200, 200), path
        assert first.headers["x-tregua-cache"] == "miss", path
        assert again.headers["x-tregua-cache"] == "hit", path
        assert again.content == first.content, path
        assert again.headers["content-type"] == first.headers["content-type"], path
        assert again.headers["etag"] == first.headers["etag"], path
        assert again.headers["content-security-policy"] == "default-src 'self'", path
    other = client.get("/api/quotes", params={"side": "UKR"})
    assert other.headers["x-tregua-cache"] == "miss"  # the query is part of the key


def test_a_write_by_another_engine_makes_the_next_read_fresh(client: TestClient, url: str) -> None:
    before = {path: client.get(path) for path in READS}
    assert [q["text"] for q in before["/api/quotes"].json()["items"]] == ["no hay plazos"]
    assert client.get("/api/quotes").headers["x-tregua-cache"] == "hit"
    writer = _writer(url)
    try:
        writer.put_record(corpus.article_c())
        refresh(writer)
    finally:
        writer.engine.dispose()
    quotes = client.get("/api/quotes")
    assert quotes.headers["x-tregua-cache"] == "miss"
    assert len(quotes.json()["items"]) == 2
    assert len(client.get("/api/timeline").json()) == len(before["/api/timeline"].json()) + 1
    dashboard = client.get("/")
    assert dashboard.headers["x-tregua-cache"] == "miss"
    assert "c.txt" in dashboard.text and "c.txt" not in before["/"].text


def test_a_quarantined_input_is_a_write_too(client: TestClient, url: str) -> None:
    from tregua.errors import QuarantineReason
    from tregua.model import Quarantined

    client.get("/api/issues")
    writer = _writer(url)
    try:
        writer.put_quarantined(Quarantined("x.txt", "ingest", QuarantineReason.EMPTY, "vacío"))
    finally:
        writer.engine.dispose()
    assert client.get("/api/issues").headers["x-tregua-cache"] == "miss"


def test_if_none_match_gets_304_until_the_store_changes(client: TestClient, url: str) -> None:
    first = client.get("/api/quotes")
    etag = first.headers["etag"]
    assert etag == etag_of(first.content).decode()
    same = client.get("/api/quotes", headers={"If-None-Match": etag})
    assert (same.status_code, same.content, same.headers["etag"]) == (304, b"", etag)
    listed = client.get("/api/quotes", headers={"If-None-Match": f'"x", W/{etag}'})
    assert listed.status_code == 304
    writer = _writer(url)
    try:
        writer.put_record(corpus.article_c())
    finally:
        writer.engine.dispose()
    changed = client.get("/api/quotes", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag
    assert len(changed.json()["items"]) == 2


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/events/nope", 404),
        ("GET", "/api/quotes?limit=0", 422),
        ("POST", "/api/ingest", 403),
        ("GET", "/static/tregua.css", 200),
    ],
)
def test_what_is_never_kept(client: TestClient, method: str, path: str, status: int) -> None:
    for _ in range(2):
        reply = client.request(method, path)
        assert reply.status_code == status
        assert "x-tregua-cache" not in reply.headers


def test_cache_bytes_zero_turns_it_off(url: str) -> None:
    with TestClient(create_app(Settings(db=url, cache_bytes=0))) as client:
        first, again = client.get("/api/quotes"), client.get("/api/quotes")
    assert again.content == first.content
    assert "x-tregua-cache" not in again.headers
    assert "etag" not in again.headers


def _entry(generation: int, size: int) -> Entry:
    return Entry(generation, [], b"x" * size, etag_of(b"x" * size))


def _keys(entries: Entries, *keys: str) -> list[str]:
    return [k for k in keys if entries.get((k, b"")) is not None]


def test_entries_stay_within_their_bytes_least_recently_used_out() -> None:
    overhead = _entry(0, 0).size
    entries = Entries(max_bytes=4 * (1000 + overhead))
    for key in "abcd":
        entries.put((key, b""), _entry(1, 1000))
    assert entries.get(("a", b"")) is not None  # a is now the most recently used
    entries.put(("e", b""), _entry(1, 1000))
    assert _keys(entries, "a", "b", "c", "d", "e") == ["a", "c", "d", "e"]
    assert entries.bytes == 4 * (1000 + overhead) == sum(e.size for e in _all(entries))


def _all(entries: Entries) -> list[Entry]:
    return [e for k in "abcdefgh" if (e := entries.get((k, b""))) is not None]


@pytest.mark.parametrize(
    ("kept", "offered", "expected"),
    [
        ((1, 10), (2, 20), 2),  # a newer reply replaces the kept one
        ((2, 10), (1, 20), 2),  # an older one, finished late, does not
        (None, (1, 10_000), None),  # over a quarter of the budget: not kept
    ],
)
def test_what_entries_keep(
    kept: tuple[int, int] | None, offered: tuple[int, int], expected: Any
) -> None:
    entries = Entries(max_bytes=20_000)
    if kept:
        entries.put(("k", b""), _entry(*kept))
    entries.put(("k", b""), _entry(*offered))
    found = entries.get(("k", b""))
    assert (found.generation if found else None) == expected
    assert entries.bytes == (found.size if found else 0)
