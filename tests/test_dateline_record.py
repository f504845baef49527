"""The dateline in the record: parsed, dated by the publication day, never an event's venue."""

from __future__ import annotations

import datetime as dt

from tregua.model import RawDoc, Record, record_to_dict
from tregua.pipeline import Pipeline, run_batch

TEXT = (
    "MOSCÚ 3 Mar. (EUROPA PRESS) -\n"
    "Rusia y Ucrania realizaron este martes un canje de prisioneros, según informaron los "
    "ministerios de Defensa de ambos países en sendos comunicados.\n"
    "Los soldados liberados recibirán atención médica antes de volver con sus familias, "
    "indicaron las autoridades sin dar más detalles."
)


def _record(pipeline: Pipeline, published: dt.date | None) -> Record:
    (record,) = run_batch([RawDoc(source="t", text=TEXT, published=published)], pipeline)
    assert isinstance(record, Record)
    return record


def test_the_dateline_is_in_the_record(pipeline: Pipeline) -> None:
    record = _record(pipeline, dt.date(2026, 3, 3))
    data = record_to_dict(record)
    assert data["dateline"] == {
        "place": "Moscú",
        "date": "2026-03-03",
        "agency": "Europa Press",
        "start": 0,
        "end": len("MOSCÚ 3 Mar. (EUROPA PRESS) -"),
    }
    assert data["agency"] == "Europa Press"
    assert any(f["kind"] == "boilerplate" and f["start"] == 0 for f in data["flags"])


def test_the_place_a_report_was_filed_from_is_no_venue(pipeline: Pipeline) -> None:
    record = _record(pipeline, dt.date(2026, 3, 3))
    assert record.events
    assert all(e.location is None or e.location.name != "Moscow" for e in record.events)
    assert all(e.location is None or "Mosc" not in e.location.name for e in record.events)


def test_the_dateline_dates_an_undated_article(pipeline: Pipeline) -> None:
    """Without metadata, the dateline's day is the publication day; its year is the one the
    text allows (here none: the pack's default year)."""
    record = _record(pipeline, None)
    assert record.published_inferred
    assert record.published is not None
    assert record.published.endswith("-03-03")
    assert record.dateline is not None
    assert record.dateline.date == record.published
