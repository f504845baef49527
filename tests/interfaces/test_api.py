"""The REST API over a store filled from examples/ by the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, TypeAdapter

from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import open_store

TOKEN = "s3cret-token"
LISTS = [
    "/api/documents",
    "/api/events",
    "/api/event-mentions",
    "/api/quotes",
    "/api/entities",
]


@pytest.fixture(scope="module")
def client(examples_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=examples_db))) as client:
        yield client


def test_every_list_pages_with_sane_limits(client: TestClient) -> None:
    for path in LISTS:
        whole = client.get(path, params={"limit": 500}).json()
        assert whole["total"] == len(whole["items"]) > 0, path
        page = client.get(path, params={"limit": 2, "offset": 1}).json()
        assert page["items"] == whole["items"][1:3], path
        assert (page["limit"], page["offset"], page["total"]) == (2, 1, whole["total"])
        assert client.get(path, params={"limit": 501}).status_code == 422
        assert client.get(path, params={"offset": -1}).status_code == 422


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"side": "RUS"}, lambda e: "RUS" in e["countries"]),
        ({"type": "ASSAULT"}, lambda e: e["type"] == "ASSAULT"),
        ({"status": "planned"}, lambda e: e["status"] == "planned"),
        ({"since": "2026-02-01"}, lambda e: (e["date_end"] or e["date"]) >= "2026-02-01"),
    ],
)
def test_event_filters(client: TestClient, params: dict[str, str], check: object) -> None:
    every = client.get("/api/events", params={"limit": 500}).json()["items"]
    found = client.get("/api/events", params={**params, "limit": 500}).json()["items"]
    assert 0 < len(found) < len(every)
    assert all(check(e) for e in found)  # type: ignore[operator]
    timeline = client.get("/api/timeline", params=params).json()
    assert [e["id"] for e in timeline] == [e["id"] for e in found]


def test_fused_event_and_its_reports(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 500}).json()["items"]
    multi = next(e for e in events if len(e["reports"]) > 1)
    assert client.get(f"/api/events/{multi['id']}").json() == multi
    doc = client.get(f"/api/documents/{multi['reports'][0]['document_id']}").json()
    span = multi["reports"][0]["evidence"]
    assert doc["text"][span["start"] : span["end"]] == span["text"]
    assert client.get("/api/events/nope").status_code == 404
    mentions = client.get(
        "/api/event-mentions", params={"document_id": doc["id"], "limit": 500}
    ).json()
    assert mentions["total"] == len(doc["events"])


def test_quotes_filters_and_text_search(client: TestClient) -> None:
    peskov = client.get("/api/quotes", params={"speaker": "Peskov"}).json()["items"]
    assert peskov and all(q["speaker_name"] == "Dmitry Peskov" for q in peskov)
    ukr = client.get("/api/quotes", params={"side": "UKR"}).json()["items"]
    assert ukr and all(q["speaker_country"] == "UKR" for q in ukr)
    word = client.get("/api/quotes", params={"q": "tregua"}).json()["items"]
    assert word and all("tregua" in q["text"].lower() for q in word)
    ceasefire = client.get("/api/quotes", params={"issue": "ceasefire"}).json()["items"]
    assert ceasefire and all(any(i["issue"] == "ceasefire" for i in q["issues"]) for q in ceasefire)


def test_entities_and_actor_profile(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "PERSON", "limit": 500}).json()
    assert people["items"] and all(e["type"] == "PERSON" for e in people["items"])
    zelensky = client.get("/api/entities/Zelenski").json()
    assert zelensky["id"] == "Q3874799" and zelensky["quotes"] and zelensky["events"]
    assert client.get("/api/entities/Nadie Nunca").status_code == 404


def test_stances_matrix_changes_and_search(client: TestClient) -> None:
    cells = client.get("/api/stances/matrix").json()
    assert cells and all(c["evidence"] for c in cells)
    early = client.get("/api/stances/matrix", params={"at": "2026-01-01"}).json()
    assert len(early) < len(cells)
    changes = client.get("/api/stances/changes").json()
    assert changes and all(c["from"] != c["to"] for c in changes)
    hits = client.get("/api/search", params={"q": "alto el fuego"}).json()
    assert hits and all("fuego" in h["text"].lower() for h in hits)
    issues = client.get("/api/issues").json()
    assert {"key": "ceasefire", "label_es": "Alto el fuego", "label_en": "Ceasefire"} in issues


def test_openapi_and_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/events", "/api/quotes", "/api/ingest"} <= set(schema["paths"])
    assert "IngestIn" in schema["components"]["schemas"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/stances/matrix" in docs.text


# -- writes ------------------------------------------------------------------------------

ARTICLE = {
    "title": "Nueva ronda en Ginebra",
    "published": "2026-03-20",
    "outlet": "prueba",
    "url": "https://example.org/ronda",
    "text": "Las delegaciones de Rusia y Ucrania se reunieron el jueves en Ginebra. "
    "El portavoz del Kremlin, Dmitri Peskov, afirmó que «no hay plazos» para un acuerdo.",
}


def test_ingest_is_disabled_without_a_configured_token(client: TestClient) -> None:
    reply = client.post("/api/ingest", json={"articles": [ARTICLE]})
    assert reply.status_code == 403
    assert "TREGUA_API_TOKEN" in reply.json()["detail"]


def test_ingest_needs_the_token_and_runs_the_pipeline(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path / 'w.db'}", api_token=SecretStr(TOKEN))
    client = TestClient(create_app(settings))
    body = {"articles": [ARTICLE]}
    assert client.post("/api/ingest", json=body).status_code == 401
    wrong = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/documents").json()["total"] == 0

    auth = {"Authorization": f"Bearer {TOKEN}"}
    stored = client.post("/api/ingest", json=body, headers=auth)
    assert stored.status_code == 200, stored.text
    (outcome,) = stored.json()["outcomes"]
    assert outcome["outcome"] == "stored" and outcome["source"] == ARTICLE["url"]
    doc = client.get(f"/api/documents/{outcome['document_id']}").json()
    assert doc["title"] == ARTICLE["title"] and doc["published"] == "2026-03-20"
    assert any(q["speaker_name"] == "Dmitry Peskov" for q in doc["quotes"])
    again = client.post("/api/ingest", json=body, headers=auth).json()
    assert again["outcomes"][0]["outcome"] == "unchanged"
    bad = client.post("/api/ingest", json={"articles": [{"text": ""}]}, headers=auth)
    assert bad.status_code == 422
    assert client.post("/api/ingest", content=b"{", headers=auth).status_code == 422
    # strict: a number is not a date (schemathesis found "published": 0 read as 1970-01-01)
    number = {"articles": [{**ARTICLE, "published": 0}]}
    assert client.post("/api/ingest", json=number, headers=auth).status_code == 422


def test_store_url_stays_untouched_by_reads(examples_db: str, client: TestClient) -> None:
    before = open_store(examples_db).table_counts()
    for path in [*LISTS, "/api/timeline", "/api/stances/matrix", "/api/stances/changes"]:
        assert client.get(path).status_code == 200
    assert open_store(examples_db).table_counts() == before


@pytest.mark.parametrize("params", [{}, {"side": "RUS"}, {"since": "2026-02-01"}, {"limit": 2}])
def test_timeline_is_exactly_its_model(
    client: TestClient, examples_db: str, params: dict[str, Any]
) -> None:
    """The timeline is serialised without validating it into models: the bytes must be
    those that the models give."""
    from tregua.interfaces.api.models import TimelineEvent
    from tregua.store import queries as q

    events = q.timeline_compact(open_store(examples_db), **params)
    models = TypeAdapter(list[TimelineEvent])
    reply = client.get("/api/timeline", params=params)
    assert events
    assert reply.content == models.dump_json(models.validate_python(events))
    assert reply.headers["content-type"] == "application/json"
