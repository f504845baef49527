"""The OpenAPI schema describes what a reviewed reply sends (issue #18): every field of a
reply with corrections, ``reviewed``, ``machine``, ``review``, ``left_out`` included, is a
property its schema names, and none of them is required (a reply nobody reviewed leaves
them out)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tregua.fuse.refresh import refresh
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import open_store

from ..store import corpus

TOKEN = "the-ingest-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REVIEW_FIELDS = {"reviewed", "machine", "review", "merged", "split_from", "left_out"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(f"sqlite:///{tmp_path / 'review.db'}")
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    with TestClient(create_app(Settings(db=store.url, api_token=SecretStr(TOKEN)), store)) as c:
        yield c
    store.engine.dispose()


def _closed(schema: Any) -> Any:
    """``schema`` with every object that lists its properties closed to any other."""
    if isinstance(schema, dict):
        out = {k: _closed(v) for k, v in schema.items()}
        if "properties" in out and out.get("type") == "object":
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [_closed(v) for v in schema]
    return schema


def _check(openapi: dict[str, Any], template: str, path: str, body: Any) -> None:
    reply = openapi["paths"][template]["get"]["responses"]["200"]["content"]
    schema = {**reply["application/json"]["schema"], "components": openapi["components"]}
    try:
        jsonschema.validate(body, _closed(copy.deepcopy(schema)))
    except jsonschema.ValidationError as error:
        raise AssertionError(f"{path}: {error.message}") from None


def _post(client: TestClient, body: dict[str, Any]) -> None:
    made = client.post("/api/review/corrections", json=body, headers=AUTH)
    assert made.status_code == 201, made.text


def test_every_field_of_a_reviewed_reply_is_in_its_schema(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    a, _, c = (str(r["id"]) for r in corpus.corpus())
    timeline = client.get("/api/timeline").json()
    consult = next(e["id"] for e in timeline if e["type"] == "CONSULT")
    attack = next(e["id"] for e in timeline if e["type"] == "ASSAULT")
    # before any correction the closed schemas hold too: nothing is sent they do not name
    _check(openapi, "/api/quotes", "/api/quotes", client.get("/api/quotes").json())
    _post(client, {"kind": "stance", "action": "correct", "document_id": a, "ordinal": 0,
                   "after": {"polarity": "conditional"}})  # fmt: skip
    _post(client, {"kind": "quote", "action": "confirm", "document_id": a, "ordinal": 0})
    _post(client, {"kind": "event", "action": "correct", "document_id": c, "ordinal": 0,
                   "after": {"status": "planned"}})  # fmt: skip
    _post(client, {"kind": "fused_event", "action": "reject", "event_id": consult})
    _post(client, {"kind": "fused_event", "action": "correct", "event_id": attack,
                   "after": {"date": "2026-01-25"}})  # fmt: skip
    seen: set[str] = set()
    for path, template in [
        (f"/api/documents/{a}", "/api/documents/{doc_id}"),
        (f"/api/documents/{c}", "/api/documents/{doc_id}"),
        ("/api/quotes", "/api/quotes"),
        ("/api/event-mentions", "/api/event-mentions"),
        ("/api/events", "/api/events"),
        (f"/api/events/{consult}", "/api/events/{event_id}"),
        (f"/api/events/{attack}", "/api/events/{event_id}"),
        ("/api/timeline", "/api/timeline"),
        ("/api/stances/matrix", "/api/stances/matrix"),
        ("/api/stances/changes", "/api/stances/changes"),
    ]:
        body = client.get(path).json()
        _check(openapi, template, path, body)
        seen |= _keys(body) & REVIEW_FIELDS
    assert seen == {"reviewed", "machine", "review", "left_out"}
    for name in ("Quote", "RecordStance", "FusedEvent", "TimelineEvent", "StanceCell"):
        found = openapi["components"]["schemas"][name]
        assert "reviewed" in found["properties"] and "reviewed" not in found["required"]


def _keys(body: Any) -> set[str]:
    if isinstance(body, dict):
        return set(body).union(*(_keys(v) for k, v in body.items() if k != "machine"))
    if isinstance(body, list):
        return set().union(*(_keys(v) for v in body))
    return set()
