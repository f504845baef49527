"""Issue #20 on the page and the API: bounds on every query parameter (422, never 500),
HEAD wherever GET is, a client gone as one log line, and an ingest under its budget."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings

HUGE = "99999999999999999999"
T = TypeVar("T")


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: the browser tests' playwright keeps an event
    loop running in the main thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def client(examples_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=examples_db))) as client:
        yield client


def _get_operations(client: TestClient) -> list[tuple[str, list[dict[str, Any]]]]:
    schema = client.get("/openapi.json").json()
    return [
        (path, ops["get"].get("parameters", []))
        for path, ops in schema["paths"].items()
        if "get" in ops
    ]


def test_every_query_parameter_is_bounded(client: TestClient) -> None:
    operations = _get_operations(client)
    assert len(operations) >= 12
    tried = 0
    for path, parameters in operations:
        concrete = path.replace("{doc_id}", "x").replace("{event_id}", "x").replace("{actor}", "x")
        for parameter in parameters:
            if parameter["in"] != "query":
                continue
            for value in (HUGE, "-" + HUGE, "x" * 5000, "2026-99-99", "\x00"):
                reply = client.get(concrete, params={parameter["name"]: value})
                assert reply.status_code in {200, 404, 422}, (path, parameter["name"], value)
                tried += 1
    assert tried > 150


@pytest.mark.parametrize("path", ["/", "/actors", "/documents/x", "/timeline"])
def test_pages_bound_their_parameters(client: TestClient, path: str) -> None:
    for params in ({"offset": HUGE}, {"offset": "-" + HUGE}, {"lang": "x" * 5000}, {"hl": HUGE}):
        assert client.get(path, params=params).status_code in {200, 404, 422}
    assert client.get("/", params={"offset": HUGE}).status_code == 422
    assert client.get("/", params={"offset": "-3"}).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/events", "/api/documents?limit=2", "/", "/actors", "/static/tregua.js"]
)
def test_head_is_the_get_without_its_body(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert get.status_code == head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"]


def test_head_where_there_is_no_get(client: TestClient) -> None:
    assert client.head("/api/ingest").status_code == 405
    assert client.head("/api/nothing").status_code == 404


def test_a_client_gone_before_its_body_is_one_log_line(
    examples_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(db=examples_db, api_token=SecretStr("t")))
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/ingest",
        "raw_path": b"/api/ingest",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"authorization", b"Bearer t"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    with caplog.at_level(logging.INFO, logger="tregua.web"):
        _run(app(scope, receive, send))
    lines = [r for r in caplog.records if r.name == "tregua.web"]
    assert [r.getMessage() for r in lines] == [
        "client left before the reply: POST /api/ingest (ClientDisconnect)"
    ]
    assert all(r.exc_info is None for r in caplog.records)
    assert sent == []


def test_an_ingest_past_its_budget_starts_no_further_article(tmp_path: Path) -> None:
    settings = Settings(
        db=f"sqlite:///{tmp_path / 'b.db'}", api_token=SecretStr("t"), ingest_seconds=0.2
    )
    app = create_app(settings)
    article = {"text": "Putin y Zelenski hablaron en Ginebra el 3 de marzo de 2026.", "id": "a"}
    body = {"articles": [{**article, "id": f"a{n}"} for n in range(3)]}
    with TestClient(app) as client:
        reply = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer t"})
        assert reply.status_code == 503, reply.text
        assert "budget" in str(reply.json()["detail"])
        assert reply.headers["retry-after"] == "60"
        # the ingest thread finishes what it had begun (building the pipeline), then stops
        app.state.tregua.ingests.executor.submit(lambda: None).result(timeout=300)
        assert client.get("/api/documents").json()["total"] < 3


def test_a_cancelled_wait_stops_the_budget() -> None:
    """A client's timeout or a shutdown cancels the request: its batch starts no more."""
    from tregua.interfaces.api.ingest import _wait
    from tregua.interfaces.api.worker import Budget

    class Present:
        async def is_disconnected(self) -> bool:
            return False

    async def cancelled() -> Budget:
        budget = Budget(60)
        job = asyncio.get_running_loop().create_future()
        waiting = asyncio.create_task(_wait(Present(), job, budget))  # type: ignore[arg-type]
        await asyncio.sleep(0.05)
        assert not budget.spent
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        return budget

    assert _run(cancelled()).spent
