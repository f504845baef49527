"""A cache of GET replies that is fresh after any write to the store, by any process.

An entry is keyed by path and query string and holds the reply of one store generation
(``Store.generation``). Before every GET the cache reads the generation, one primary-key
read; an entry of another generation is a miss, computed again. A write by ``tregua
ingest`` in another process, by ``POST /api/ingest`` or by another server bumps the
generation in its own transaction, so the next read after it is fresh::

    GET /api/timeline   generation 41   miss: computed, kept      X-Tregua-Cache: miss
    GET /api/timeline   generation 41   hit                       X-Tregua-Cache: hit
    (tregua ingest commits: generation 42)
    GET /api/timeline   generation 42   miss: computed, kept      X-Tregua-Cache: miss

The generation is read before the reply is computed, so a kept reply is never older than
its generation. Only 200 replies are kept. Memory is bounded: past ``max_bytes`` the least
recently used entries go, and a reply over a quarter of it is served but not kept.

Replies carry a strong ``ETag`` (a hash of the body) and ``Cache-Control: no-cache``: a
browser keeps them but asks each time, and ``If-None-Match`` with the current tag gets 304
with no body.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: what a reply's ``X-Tregua-Cache`` header says
HIT, MISS = b"hit", b"miss"
#: replies served but never kept: files (StaticFiles has its own validators), and the
#: review pages, which differ by editor (their cookie) at one generation
UNCACHED_PREFIXES = ("/static/", "/review")
# bytes an entry costs beyond its body and headers (key, objects); an estimate
_OVERHEAD = 300
# headers the cache sets itself
_OWN = {b"etag", b"cache-control", b"x-tregua-cache"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept 200 reply."""

    generation: int
    headers: list[tuple[bytes, bytes]]  # the reply's own, without the cache's
    body: bytes
    etag: bytes  # quoted, as sent

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + _OVERHEAD


class Entries:
    """Entries by key, least recently used first out once they pass ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple[str, bytes]) -> Entry | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: tuple[str, bytes], entry: Entry) -> None:
        """Keep ``entry`` unless it is over a quarter of the budget or older than the one
        kept (two misses of one key across a write can finish in either order)."""
        kept = self._entries.get(key)
        if kept is not None and kept.generation > entry.generation:
            return
        if entry.size > self.max_bytes // 4:
            return
        if kept is not None:
            self.bytes -= self._entries.pop(key).size
        self._entries[key] = entry
        self.bytes += entry.size
        while self.bytes > self.max_bytes:
            _, gone = self._entries.popitem(last=False)
            self.bytes -= gone.size


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    """``If-None-Match`` holds ``etag`` (compared weakly, as RFC 9110 asks) or ``*``."""
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in tags or etag in tags


class ResponseCache:
    """ASGI middleware: GET replies from ``Entries`` while ``generation()`` is unchanged.

    ``generation`` is called on the event loop, before the reply: it must be quick (a
    primary-key read of the store takes 0.06 ms on SQLite). Requests other than GET, and paths
    under ``UNCACHED_PREFIXES``, pass untouched.
    """

    def __init__(self, app: ASGIApp, generation: Callable[[], int], max_bytes: int) -> None:
        self.app = app
        self.generation = generation
        self.entries = Entries(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or scope["path"].startswith(UNCACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        generation = self.generation()  # before the reply is computed: see the module
        key = (scope["path"], scope["query_string"])
        if_none_match = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        entry = self.entries.get(key)
        if entry is not None and entry.generation == generation:
            await _reply(send, entry, if_none_match, HIT)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, keep)
        if start is None:
            return
        body = b"".join(chunks)
        if start["status"] != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        headers = [(k, v) for k, v in start.get("headers", ()) if k.lower() not in _OWN]
        entry = Entry(generation, headers, body, etag_of(body))
        self.entries.put(key, entry)
        await _reply(send, entry, if_none_match, MISS)


async def _reply(send: Send, entry: Entry, if_none_match: bytes | None, how: bytes) -> None:
    own = [(b"etag", entry.etag), (b"cache-control", b"no-cache"), (b"x-tregua-cache", how)]
    if if_none_match is not None and _matches(if_none_match, entry.etag):
        await send({"type": "http.response.start", "status": 304, "headers": own})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": entry.headers + own})
    await send({"type": "http.response.body", "body": entry.body})
