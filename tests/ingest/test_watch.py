"""``tregua watch``: a feed served on 127.0.0.1 that changes between polls, answers 304 when
the validators match, and is down for one poll; and a folder that grows."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tregua.ingest.watch import Watcher, WatchState, parse_every, state_path_for, watch
from tregua.interfaces.cli import app
from tregua.model import Quarantined, RawDoc

ENTRY = """<item><title>{title}</title><link>https://diario.example/{slug}</link>
<description>{text}</description></item>"""


def rss(*entries: tuple[str, str, str]) -> bytes:
    items = "".join(ENTRY.format(slug=s, title=t, text=x) for s, t, x in entries)
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Diario</title>{items}</channel></rss>"
    ).encode()


GINEBRA = ("ginebra", "Ginebra", "Las delegaciones se reunieron en Ginebra sin acuerdo.")
TREGUA = ("tregua", "Tregua", "Zelenski ofreció una tregua energética el miércoles.")


@dataclass
class Feed:
    """What the test server serves; the test changes it between polls."""

    body: bytes
    etag: str
    modified: str = "Thu, 29 Jan 2026 10:00:00 GMT"
    requests: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
def served() -> Iterator[tuple[Feed, str, ThreadingHTTPServer]]:
    feed = Feed(rss(GINEBRA), '"v1"')

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed.requests.append(dict(self.headers))
            if self.headers.get("If-None-Match") == feed.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", feed.etag)
            self.send_header("Last-Modified", feed.modified)
            self.end_headers()
            self.wfile.write(feed.body)

        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/rss.xml"
    yield feed, url, server
    server.shutdown()
    server.server_close()


def test_feed_conditional_get_new_entries_and_a_poll_while_down(
    served: tuple[Feed, str, ThreadingHTTPServer], tmp_path: Path
) -> None:
    feed, url, server = served
    logged: list[str] = []
    state = tmp_path / "w.json"
    with httpx.Client(timeout=5) as client:
        watcher = Watcher([url], state, client, logged.append)

        first = watcher.poll()
        watcher.commit()
        assert [i.source for i in first] == ["https://diario.example/ginebra"]

        # unchanged feed: validators go back, the server answers 304, nothing is new
        assert watcher.poll() == []
        assert feed.requests[-1]["If-None-Match"] == '"v1"'
        assert feed.requests[-1]["If-Modified-Since"] == feed.modified

        # a new entry: only it comes back, not the one already seen
        feed.body, feed.etag = rss(TREGUA, GINEBRA), '"v2"'
        second = watcher.poll()
        watcher.commit()
        assert [i.source for i in second] == ["https://diario.example/tregua"]

        # the server goes down for a poll: logged, nothing lost, the watch goes on
        server.shutdown()
        server.server_close()
        assert watcher.poll() == []
        assert "unreachable" in logged[-1] and url in logged[-1]

    saved = WatchState.load(state)
    assert saved.validators[url] == {"etag": '"v2"', "last_modified": feed.modified}
    assert set(saved.seen) == {"https://diario.example/ginebra", "https://diario.example/tregua"}


def test_a_corrected_entry_comes_back_and_a_restart_remembers(
    served: tuple[Feed, str, ThreadingHTTPServer], tmp_path: Path
) -> None:
    feed, url, _ = served
    state = tmp_path / "w.json"
    got: list[list[RawDoc | Quarantined]] = []
    watch([url], 60, got.append, state, max_polls=1, sleep=lambda s: None)
    fixed = (GINEBRA[0], GINEBRA[1], GINEBRA[2] + " Habrá otra ronda.")
    feed.body, feed.etag = rss(fixed), '"v3"'
    # a new process: state comes from the file
    watch([url], 60, got.append, state, max_polls=2, sleep=lambda s: None)
    texts = [[i.text for i in poll if isinstance(i, RawDoc)] for poll in got]
    assert texts == [[GINEBRA[2]], [fixed[2]], []]


def test_http_error_is_logged_and_retried(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    logged: list[str] = []
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        watcher = Watcher(
            ["https://diario.example/rss"], tmp_path / "s.json", client, logged.append
        )
        assert watcher.poll() == []
    assert logged == ["https://diario.example/rss: HTTP 503; retried next poll"]


def test_folder_poll_ingests_new_and_changed_files_only(tmp_path: Path) -> None:
    inbox = tmp_path / "entrada"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Peskov afirmó que no hay plazos.", encoding="utf-8")
    sleeps: list[float] = []
    polls: list[list[str]] = []

    def process(items: list[RawDoc | Quarantined]) -> None:
        polls.append([Path(i.source).name for i in items])
        if len(polls) == 1:
            (inbox / "b.jsonl").write_text(json.dumps({"text": "Uno."}) + "\n", "utf-8")
        if len(polls) == 2:
            with (inbox / "b.jsonl").open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"text": "Dos."}) + "\n")

    done = watch(
        [str(inbox), str(tmp_path / "falta")],
        900,
        process,
        tmp_path / "s.json",
        max_polls=4,
        sleep=sleeps.append,
        log=lambda m: None,
    )
    assert done == 4
    assert polls == [["a.txt"], ["b.jsonl#1"], ["b.jsonl#2"], []]
    assert sleeps == [900, 900, 900]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900), ("30s", 30), ("1h", 3600), ("2d", 172800), ("90", 90), ("1.5m", 90)],
)
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15x", "-5m", "0"])
def test_parse_every_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="30s, 15m, 1h or 1d"):
        parse_every(text)


def test_state_file_sits_beside_a_sqlite_store(tmp_path: Path) -> None:
    assert state_path_for(f"sqlite:///{tmp_path}/t.db") == Path(f"{tmp_path}/t.db.watch.json")
    assert state_path_for("postgresql://u@h/db").name.startswith("tregua-watch-")


def test_unreadable_state_starts_fresh(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{not json", encoding="utf-8")
    assert WatchState.load(path) == WatchState()


def test_watch_command_stores_what_is_new(
    served: tuple[Feed, str, ThreadingHTTPServer], tmp_path: Path
) -> None:
    _, url, _ = served
    db = f"sqlite:///{tmp_path / 'w.db'}"
    args = ["watch", url, "--every", "1h", "--db", db, "--max-polls", "1"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "poll: 1 stored" in first.stderr
    assert (tmp_path / "w.db.watch.json").is_file()
    again = CliRunner().invoke(app, args)  # a restart: 304, nothing new
    assert "poll: 0 stored, 0 replaced, 0 unchanged (duplicate), 0 quarantined" in again.stderr


def test_watch_command_refuses_a_bad_interval() -> None:
    result = CliRunner().invoke(app, ["watch", "x", "--every", "soon"])
    assert result.exit_code == 2
    assert "not a duration" in result.stderr


def test_folder_poll_quarantines_a_file_it_cannot_read_once(tmp_path: Path) -> None:
    inbox = tmp_path / "entrada"
    (inbox / ".oculto").mkdir(parents=True)
    (inbox / "a.txt").write_text("Peskov afirmó que no hay plazos.", encoding="utf-8")
    (inbox / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (inbox / "a.txt.meta.json").write_text('{"outlet": "EFE"}', encoding="utf-8")
    (inbox / ".oculto" / "notas.bin").write_bytes(b"\x00\x01")
    polls: list[list[tuple[str, str]]] = []

    def process(items: list[RawDoc | Quarantined]) -> None:
        polls.append(
            [
                (Path(i.source).name, i.reason.value if isinstance(i, Quarantined) else "read")
                for i in items
            ]
        )
        if len(polls) == 2:
            (inbox / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\nmore")

    watch([str(inbox)], 60, process, tmp_path / "s.json", max_polls=4, sleep=lambda s: None)
    # the picture is named with its reason on the first poll and only then (a new version
    # of it is no more readable); hidden files and an article's metadata are no inputs
    assert polls[0] == [("foto.png", "unsupported"), ("a.txt", "read")]
    assert polls[1:] == [[], [], []]
