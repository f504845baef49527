"""Following a stream: poll feeds and folders, hand over only what is new.

    tregua watch https://diario.example/rss.xml ./descargas --every 15m

Each poll visits every source once:

- a URL is fetched with a conditional GET: the ``ETag`` and ``Last-Modified`` the server
  sent last time go back as ``If-None-Match`` / ``If-Modified-Since``, and a 304 costs
  nothing; what comes back is read like standard input (a feed, a page, JSON, ...);
- a folder or file is walked like ``tregua ingest`` does, skipping files whose size and
  modification time have not changed since the last poll.

Of what a source yields, only articles not seen before (by source and text) are handed
over, so an entry that stays in a feed for a week is ingested once, and a corrected one
again. A source that is down (connection refused, timeout, HTTP error) is logged and
retried at the next poll; the others go on. The validators, file signatures and seen
articles live in a small JSON state file (``state_path_for``) so that a restarted watch
picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tregua.ingest.files import (
    FORMATS,
    MAX_BYTES,
    guarded,
    is_article_file,
    read_bytes,
    read_file,
)
from tregua.ingest.refusals import META_SUFFIX, unsupported
from tregua.ingest.scrub import scrub_quarantined, scrub_raw
from tregua.model import Quarantined, RawDoc

Item = RawDoc | Quarantined
Log = Callable[[str], None]

STATE_VERSION = 1
FETCH_TIMEOUT_S = 30.0
USER_AGENT = "tregua-watch/0.1"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.IGNORECASE)
_UNITS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds between polls from ``"15m"``, ``"30s"``, ``"1h"``, ``"2d"`` or ``"900"``.

    Raises ``ValueError`` with the accepted forms for anything else.
    """
    match = _DURATION.match(value)
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(f"{value!r} is not a duration; write 30s, 15m, 1h or 1d")
    unit = match.group(2).lower() if match.group(2) else None
    return float(match.group(1)) * _UNITS[unit]


def state_path_for(db_url: str) -> Path:
    """Where the watch state of a store lives: ``x.db.watch.json`` beside a SQLite file,
    ``tregua-watch-<hash>.json`` in the current folder for a server database."""
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        return Path(db_url.removeprefix("sqlite:///") + ".watch.json")
    digest = hashlib.sha1(db_url.encode("utf-8")).hexdigest()[:10]
    return Path(f"tregua-watch-{digest}.json")


@dataclass
class WatchState:
    """What the watch remembers between polls and between runs."""

    # feed URL -> {"etag": ..., "last_modified": ...}
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    # file path -> [size, mtime_ns]
    files: dict[str, list[int]] = field(default_factory=dict)
    # article source -> sha1 of its text (or of its quarantine detail)
    seen: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> WatchState:
        """The state saved at ``path``; a fresh one when there is none or it is unreadable."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return cls()
        return cls(
            validators=dict(data.get("validators", {})),
            files={k: list(v) for k, v in data.get("files", {}).items()},
            seen=dict(data.get("seen", {})),
        )

    def save(self, path: Path) -> None:
        """Write the state atomically: a watch killed mid-write keeps the previous state."""
        data = {
            "version": STATE_VERSION,
            "validators": self.validators,
            "files": self.files,
            "seen": self.seen,
        }
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(path)


class Watcher:
    """Polls a fixed list of sources; ``poll`` returns what is new since the last poll."""

    def __init__(
        self,
        sources: Sequence[str],
        state_path: Path,
        client: httpx.Client,
        log: Log,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.sources = list(sources)
        self.state_path = state_path
        self.state = WatchState.load(state_path)
        self._client = client
        self._log = log
        self._max_bytes = max_bytes

    def poll(self) -> list[Item]:
        """One pass over every source: what is new since the last poll.

        The state on disk changes only at ``commit``, once the caller has stored the items:
        a watch that dies in between reads them again when it restarts.
        """
        new: list[Item] = []
        for source in self.sources:
            found = self._poll_url(source) if _is_url(source) else self._poll_path(source)
            new.extend(self._unseen(found))
        return new

    def commit(self) -> None:
        """Save what this watcher has seen, for the next poll and the next run."""
        self.state.save(self.state_path)

    def _poll_url(self, url: str) -> Iterable[Item]:
        known = self.state.validators.get(url, {})
        headers = {}
        if "etag" in known:
            headers["If-None-Match"] = known["etag"]
        if "last_modified" in known:
            headers["If-Modified-Since"] = known["last_modified"]
        try:
            response = self._client.get(url, headers=headers)
        except httpx.HTTPError as exc:
            self._log(f"{url}: unreachable ({type(exc).__name__}: {exc}); retried next poll")
            return []
        if response.status_code == httpx.codes.NOT_MODIFIED:
            return []
        if response.status_code >= 400:
            self._log(f"{url}: HTTP {response.status_code}; retried next poll")
            return []
        fresh = {}
        if etag := response.headers.get("ETag"):
            fresh["etag"] = etag
        if modified := response.headers.get("Last-Modified"):
            fresh["last_modified"] = modified
        self.state.validators[url] = fresh
        return list(guarded(url, read_bytes(url, response.content, self._max_bytes)))

    def _poll_path(self, given: str) -> Iterator[Item]:
        path = Path(given)
        if path.is_dir():
            found = [c for c in sorted(path.rglob("*")) if c.is_file()]
            files = [(str(c), c) for c in found if is_article_file(c)]
            # a file of a type tregua does not read is quarantined as ingest does, never
            # passed over without a word, and once (``_unseen`` drops the same entry on
            # later polls); hidden files and the metadata sidecars of articles are no inputs
            for other in found:
                if not is_article_file(other) and _an_input(other, path):
                    yield unsupported(str(other), FORMATS)
        elif path.is_file():
            files = [(given, path)]
        else:
            self._log(f"{given}: no such file or folder; retried next poll")
            return
        for name, child in files:
            try:
                stat = child.stat()
            except OSError as exc:
                self._log(f"{name}: cannot be read ({exc.strerror}); retried next poll")
                continue
            signature = [stat.st_size, stat.st_mtime_ns]
            if self.state.files.get(name) == signature:
                continue
            self.state.files[name] = signature
            yield from guarded(name, read_file(name, child, self._max_bytes))

    def _unseen(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            item = scrub_raw(item) if isinstance(item, RawDoc) else scrub_quarantined(item)
            content = item.text if isinstance(item, RawDoc) else item.detail
            digest = hashlib.sha1(content.encode("utf-8")).hexdigest()
            if self.state.seen.get(item.source) == digest:
                continue
            self.state.seen[item.source] = digest
            yield item


def _an_input(child: Path, root: Path) -> bool:
    """Whether a folder's file is an input at all: not hidden (nor in a hidden folder), not
    an article's metadata sidecar."""
    parts = child.relative_to(root).parts
    return not child.name.endswith(META_SUFFIX) and not any(p.startswith(".") for p in parts)


def watch(
    sources: Sequence[str],
    every_s: float,
    process: Callable[[list[Item]], Any],
    state_path: Path,
    *,
    max_polls: int | None = None,
    log: Log = print,
    sleep: Callable[[float], Any] = time.sleep,
    client: httpx.Client | None = None,
) -> int:
    """Poll ``sources`` every ``every_s`` seconds and hand what is new to ``process``.

    Runs until ``max_polls`` polls are done (forever when None); returns the polls done.
    ``sleep`` and ``client`` are there for tests and callers with their own event loop.
    """
    own = client is None
    http = client or httpx.Client(
        timeout=FETCH_TIMEOUT_S, follow_redirects=True, headers={"User-Agent": USER_AGENT}
    )
    watcher = Watcher(sources, state_path, http, log)
    polls = 0
    try:
        while True:
            process(watcher.poll())
            watcher.commit()
            polls += 1
            if max_polls is not None and polls >= max_polls:
                return polls
            sleep(every_s)
    finally:
        if own:
            http.close()


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))
