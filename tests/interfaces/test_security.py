"""Security of the API and pages: body limit, token, SQL injection, CSP on every page."""

from __future__ import annotations

import asyncio
import json
import select
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tregua.interfaces.api.limits import BodyLimit
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import open_store

from .server import serving

LIMIT = 64 * 1024

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE documents; --",
    "RUS' UNION SELECT id, text FROM documents --",
    "%' OR '%'='",
    "*",
    "\\",
    "Q212') OR ('a'='a",
]


@pytest.fixture(scope="module")
def client(examples_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=examples_db))) as client:
        yield client


def _get_operations(schema: dict[str, Any]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for path, operations in schema["paths"].items():
        if "get" in operations:
            yield path, operations["get"].get("parameters", [])


def test_sql_injection_in_every_parameter_matches_literally(
    client: TestClient, examples_db: str
) -> None:
    before = open_store(examples_db).table_counts()
    schema = client.get("/openapi.json").json()
    tried = 0
    for path, parameters in _get_operations(schema):
        for parameter in parameters:
            for payload in INJECTIONS:
                url, params = path, {}
                if parameter["in"] == "path":
                    url = path.replace("{" + parameter["name"] + "}", payload.replace("/", ""))
                else:
                    params[parameter["name"]] = payload
                if "{" in url:  # another path parameter this case does not fill
                    continue
                reply = client.get(url, params=params)
                tried += 1
                assert reply.status_code in {200, 404, 422}, (url, params, reply.text)
                if reply.status_code != 200:
                    continue
                data = reply.json()
                if parameter["name"] == "q" and path == "/api/search":
                    # words of the payload are searched for as words: every hit holds them
                    assert len(data) <= 20
                    continue
                rows = data["items"] if isinstance(data, dict) and "items" in data else data
                if parameter["name"] in {"limit", "offset", "at"}:
                    continue
                assert rows == [], (url, params, rows[:1])
    assert tried > 100
    assert open_store(examples_db).table_counts() == before


def test_csp_on_every_page_api_reply_and_static_file(client: TestClient) -> None:
    doc = client.get("/api/documents").json()["items"][0]["id"]
    pages = [
        "/",
        "/?lang=en",
        f"/documents/{doc}",
        "/timeline",
        "/map",
        "/stances",
        "/quotes",
        "/actors",
        "/actors/Q3874799",
        "/docs",
        "/openapi.json",
        "/api/documents",
        "/static/tregua.js",
        "/static/tregua.css",
        "/documents/nope",
        "/no-such-page",
    ]
    for page in pages:
        reply = client.get(page)
        assert reply.headers["content-security-policy"] == "default-src 'self'", page
        assert reply.headers["x-content-type-options"] == "nosniff", page
        if reply.headers["content-type"].startswith("text/html"):
            assert "<script>" not in reply.text and " style=" not in reply.text, page
            assert "<style" not in reply.text, page


def test_writes_without_the_token_get_401(examples_db: str) -> None:
    app = create_app(Settings(db=examples_db, api_token=SecretStr("t0ken")))
    client = TestClient(app)
    body = {"articles": [{"text": "Putin dijo que no."}]}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic dDBrZW4="}):
        reply = client.post("/api/ingest", json=body, headers=headers)
        assert reply.status_code == 401, headers
    # every other path is read-only: a write verb is refused
    for path in ("/api/documents", "/api/quotes", "/"):
        assert client.post(path, json=body).status_code == 405


# -- the body limit ----------------------------------------------------------------------


async def _endpoint(request: Any) -> Any:
    """A handler that reads the whole body, then answers 200."""
    from starlette.responses import JSONResponse

    body = await request.body()
    return JSONResponse({"read": len(body)})


def _run(
    headers: list[tuple[bytes, bytes]], chunks: int, chunk: bytes
) -> tuple[int, int, list[Any]]:
    """Send ``chunks`` chunks through ``BodyLimit``; (status, chunks read, messages sent)."""
    from fastapi import FastAPI

    app = FastAPI()
    app.add_route("/in", _endpoint, methods=["POST"])
    limited = BodyLimit(app, max_bytes=LIMIT)
    read = 0
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": chunk, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/in",
        "raw_path": b"/in",
        "query_string": b"",
        "headers": headers,
        "http_version": "1.1",
        "scheme": "http",
        "server": ("test", 80),
        "client": ("test", 1),
        "root_path": "",
    }
    # a thread of its own: the session's Playwright may hold this thread's event loop
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, limited(scope, receive, send)).result()
    return sent[0]["status"], read, sent


def test_declared_length_over_the_limit_is_refused_before_reading() -> None:
    status, read, sent = _run([(b"content-length", str(100 * LIMIT).encode())], 100, b"x" * LIMIT)
    assert (status, read) == (413, 0)
    assert "over 65536 bytes" in json.loads(sent[1]["body"])["detail"]


def test_streamed_body_over_the_limit_is_cut_off_unread() -> None:
    chunk = b"x" * 4096
    status, read, _ = _run([(b"transfer-encoding", b"chunked")], 10_000, chunk)
    assert status == 413
    assert read == LIMIT // len(chunk) + 1  # one chunk past the limit, then no more


def test_body_under_the_limit_passes() -> None:
    status, read, sent = _run([], 4, b"y" * 1000)
    assert (status, read) == (200, 4)
    assert json.loads(sent[1]["body"]) == {"read": 4000}


def _response_status(sock: socket.socket) -> int:
    head = b""
    while b"\r\n" not in head:
        part = sock.recv(4096)
        if not part:
            break
        head += part
    return int(head.split(b" ", 2)[1])


def test_real_server_answers_413_before_the_body_is_sent(examples_db: str) -> None:
    settings = Settings(db=examples_db, api_token=SecretStr("t"), max_body_bytes=LIMIT)
    with serving(create_app(settings)) as base:
        host, port = urlsplit(base).hostname, urlsplit(base).port
        # a declared 1 GB body: 413 arrives though not one byte of it was sent
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(
                b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                b"Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"
            )
            assert _response_status(sock) == 413
        # a chunked body with no end: 413 arrives while we are still sending
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
            sock.sendall(
                b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            piece = b"2000\r\n" + b"x" * 0x2000 + b"\r\n"
            sent = 0
            budget = 256 * 1024 * 1024  # what "reading it whole" would take
            while sent < budget:
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    break
                try:
                    sock.sendall(piece)
                except (BrokenPipeError, ConnectionResetError):
                    break
                sent += 0x2000
            assert _response_status(sock) == 413
            assert sent < budget // 4
