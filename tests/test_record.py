"""Every record has exactly the keys of spec/OUTPUT.md, and every offset is evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tregua.ingest import read_inputs
from tregua.model import Record, record_to_dict
from tregua.pipeline import Pipeline, run_batch

from .conftest import EXAMPLES

RECORD_KEYS = {
    "id",
    "source",
    "title",
    "outlet",
    "language",
    "published",
    "published_inferred",
    "text",
    "paragraphs",
    "flags",
    "entities",
    "events",
    "quotes",
    "stances",
    "errors",
}
PARAGRAPH_KEYS = {"index", "start", "end", "kind"}
FLAG_KEYS = {"kind", "start", "end", "text", "reason"}
ENTITY_KEYS = {"id", "name", "type", "country", "aliases", "mentions"}
EVENT_KEYS = {
    "type",
    "mode",
    "status",
    "date",
    "date_end",
    "date_text",
    "location",
    "actors",
    "targets",
    "countries",
    "dead",
    "injured",
    "evidence",
    "confidence",
    "date_source",
    "mentions",
}
QUOTE_KEYS = {
    "text",
    "direct",
    "start",
    "end",
    "speaker",
    "speaker_name",
    "speaker_description",
    "speaker_country",
    "cue",
    "via",
    "confidence",
}
STANCE_KEYS = {"actor", "country", "issue", "polarity", "evidence", "confidence"}


def check_record(data: dict[str, Any]) -> None:
    text = data["text"]
    assert data.keys() >= RECORD_KEYS
    for para in data["paragraphs"]:
        assert para.keys() == PARAGRAPH_KEYS
        assert 0 <= para["start"] < para["end"] <= len(text)
    for flag in data["flags"]:
        assert flag.keys() == FLAG_KEYS
        assert text[flag["start"] : flag["end"]] == flag["text"]
    for entity in data["entities"]:
        assert entity.keys() == ENTITY_KEYS
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in data["events"]:
        assert event.keys() == EVENT_KEYS
        ev = event["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]
        assert ev in event["mentions"]
        for mention in event["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for quote in data["quotes"]:
        assert quote.keys() == QUOTE_KEYS
        assert 0 <= quote["start"] < quote["end"] <= len(text)
        assert 0.0 <= quote["confidence"] <= 1.0
    for stance in data["stances"]:
        assert stance.keys() == STANCE_KEYS
        assert 0.0 <= stance["confidence"] <= 1.0
        ev = stance["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["text"]


def records_of(paths: list[str], pipeline: Pipeline) -> list[Record]:
    results = list(run_batch(read_inputs(paths), pipeline))
    assert all(isinstance(r, Record) for r in results), results
    return [r for r in results if isinstance(r, Record)]


def test_examples_give_complete_records(pipeline: Pipeline) -> None:
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    assert 8 <= len(paths) <= 12
    for record in records_of(paths, pipeline):
        data = record_to_dict(record)
        check_record(data)
        assert data["published"] and data["published_inferred"] is False
        assert data["title"]


@pytest.mark.shared
def test_seeds_give_complete_records(seed_paths: list[Path], pipeline: Pipeline) -> None:
    records = records_of([str(p) for p in seed_paths], pipeline)
    assert len(records) == len(seed_paths) == 5
    for record in records:
        check_record(record_to_dict(record))
        assert record.language == "es"


def test_record_id_is_stable(pipeline: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Peskov confirmó que Putin estuvo de acuerdo.", encoding="utf-8")
    first, second = records_of([str(path), str(path)], pipeline)
    assert first.id == second.id


def test_non_spanish_text_is_recorded_with_a_note(pipeline: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(
        "The talks in Geneva ended without a deal, officials said on Friday.", encoding="utf-8"
    )
    (record,) = records_of([str(path)], pipeline)
    assert record.language == "en"
    assert record.entities == ()
    assert "not Spanish" in record.errors[0]
