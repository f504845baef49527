"""The shipped JSON Schema of the record: current with the models, and true of real records."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tregua.ingest import read_inputs
from tregua.model import Record, record_to_dict
from tregua.pipeline import Pipeline, run_batch
from tregua.record_schema import SCHEMA_PATH, main, render

from .conftest import EXAMPLES


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render()
    assert main(["--check"]) == 0


def test_the_check_fails_on_a_stale_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stale = tmp_path / "record.schema.json"
    stale.write_text(render().replace('"Entity"', '"Entidad"', 1), encoding="utf-8")
    monkeypatch.setattr("tregua.record_schema.SCHEMA_PATH", stale)
    assert main(["--check"]) == 1


def test_records_of_the_examples_validate(pipeline: Pipeline) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    records = [r for r in run_batch(read_inputs(paths), pipeline) if isinstance(r, Record)]
    assert len(records) == len(paths)
    for record in records:
        data = json.loads(json.dumps(record_to_dict(record)))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], record.source


def test_the_schema_rejects_a_record_missing_a_field(pipeline: Pipeline) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    (record,) = [
        r
        for r in run_batch(read_inputs([str(sorted(EXAMPLES.glob("*.txt"))[0])]), pipeline)
        if isinstance(r, Record)
    ]
    data = json.loads(json.dumps(record_to_dict(record)))
    del data["events"]
    data["language"] = 3
    messages = {e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)}
    assert "'events' is a required property" in messages
    assert "3 is not of type 'string'" in messages
