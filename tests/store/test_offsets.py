"""Property: the store keeps text and code-point offsets exactly, whatever the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tregua.store import Store, open_store

from .conftest import DIALECTS, empty_store_url

# NUL never reaches the store (readers quarantine it: "the input has NUL bytes") and
# PostgreSQL text cannot hold it; lone surrogates cannot be encoded at all
TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
)


@pytest.fixture(scope="module", params=DIALECTS)
def shared_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder: Path = tmp_path_factory.mktemp("offsets")
    return open_store(empty_store_url(request.param, request, folder))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=TEXTS, data=st.data())
def test_stored_spans_are_their_text(shared_store: Store, body: str, data: st.DataObject) -> None:
    spans = [
        tuple(sorted(data.draw(st.tuples(st.integers(0, len(body)), st.integers(0, len(body))))))
        for _ in range(3)
    ]
    record = {
        "id": hashlib.sha1(body.encode("utf-8")).hexdigest(),
        "source": "prop.txt",
        "language": "es",
        "published": None,
        "text": body,
        "paragraphs": [{"index": 0, "start": 0, "end": len(body), "kind": "reporting"}],
        "quotes": [
            {"text": body[s:e], "start": s, "end": e, "direct": True, "speaker": None}
            for s, e in spans
        ],
        "stances": [
            {"country": "UKR", "issue": "ceasefire", "polarity": "support",
             "evidence": {"start": s, "end": e, "text": body[s:e]}}
            for s, e in spans
        ],
        "pipeline_version": "prop",
    }  # fmt: skip
    shared_store.put_record(record)
    with shared_store.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT text FROM documents WHERE id = :id"), {"id": record["id"]}
        ).scalar_one()
        assert stored == body
        for table, column in (("quotes", "text"), ("stances", "evidence"), ("paragraphs", "text")):
            rows = connection.execute(
                text(f'SELECT start, "end", {column} FROM {table} WHERE document_id = :id'),
                {"id": record["id"]},
            )
            for start, end, evidence in rows:
                assert stored[start:end] == evidence
