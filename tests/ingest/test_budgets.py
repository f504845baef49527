"""Budgets, the worker that is stopped at its wall time, the date policy, decoding."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from tregua import pipeline as stages
from tregua.errors import InputError, QuarantineReason
from tregua.guarded import run_guarded
from tregua.ingest import files, read_inputs
from tregua.ingest.budgets import Budgets, check_markup, check_text
from tregua.ingest.decode import decode_bytes
from tregua.ingest.metadata import calendar_date
from tregua.model import Quarantined, RawDoc, Record
from tregua.pipeline import Pipeline, run_batch

ARTICLE = (
    "El portavoz del Kremlin afirmó en Moscú que la delegación rusa viajará a Ginebra. "
    "El ministro ucraniano dijo que Kiev espera una respuesta antes del viernes."
)


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("palabra " * 60_000, "characters"),
        ("línea\n" * 5_000, "lines"),
        ("palabra " * 8_000, "line_length"),
        ("x" * 1_001, "token_length"),
    ],
)
def test_each_size_budget_is_named(text: str, budget: str) -> None:
    with pytest.raises(InputError) as caught:
        check_text("doc", text, Budgets())
    assert caught.value.reason == QuarantineReason.TOO_LARGE
    assert f"the {budget} budget" in caught.value.detail


@pytest.mark.parametrize(
    ("page", "budget"),
    [
        (b"<div>" * 401, "markup_depth"),
        (b"<p " + b" ".join(b"a%d=1" % i for i in range(501)) + b">", "element_attributes"),
        (b"<br a=1 b=2>" * 100_001, "markup_attributes"),
    ],
)
def test_markup_budgets(page: bytes, budget: str) -> None:
    with pytest.raises(InputError) as caught:
        check_markup("page", page, Budgets())
    assert f"the {budget} budget" in caught.value.detail


def test_markup_under_budget_and_linear() -> None:
    page = b"<html><body>" + b"<p class='a'>texto</p><br><img src=x>" * 20_000 + b"</body></html>"
    started = time.perf_counter()
    check_markup("page", page, Budgets())  # unclosed and void elements do not nest
    check_markup("page", b"<a" * 200_000, Budgets())  # tags never closed: still one pass
    assert time.perf_counter() - started < 5


def test_a_document_over_its_wall_time_is_stopped(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    cleaning = stages.clean_document

    def slow(raw: RawDoc, *args: object) -> object:
        if "DUERME" in raw.text:
            time.sleep(60)
        return cleaning(raw, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "clean_document", slow)  # the fork inherits the patch
    docs = [RawDoc("uno", ARTICLE), RawDoc("lento", ARTICLE + " DUERME"), RawDoc("dos", ARTICLE)]
    started = time.monotonic()
    results = list(run_guarded(docs, pipeline, budgets=Budgets(seconds=4)))
    assert time.monotonic() - started < 40
    assert [r.source for r in results] == ["uno", "lento", "dos"]
    assert isinstance(results[0], Record) and isinstance(results[2], Record)
    stopped = results[1]
    assert isinstance(stopped, Quarantined)
    assert stopped.reason == QuarantineReason.TIMEOUT
    assert "seconds budget of 4 s" in stopped.detail


def test_guarded_gives_the_records_of_run_batch(pipeline: Pipeline) -> None:
    docs = [RawDoc(f"d{n}", ARTICLE.replace("viernes", f"día {n + 1}")) for n in range(5)]
    guarded = [r.id for r in run_guarded(docs, pipeline, batch_size=2) if isinstance(r, Record)]
    local = [r.id for r in run_batch(docs, pipeline) if isinstance(r, Record)]
    assert guarded == local and len(local) == 5


def test_a_reader_that_raises_is_one_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + " Otra.", encoding="utf-8")
    reading = files._read_text_file

    def broken(source: str, path: Path, data: bytes) -> object:
        if path.name == "a.txt":
            raise RuntimeError("a library failed")
        return reading(source, path, data)

    monkeypatch.setattr(files, "_read_text_file", broken)
    first, second = read_inputs([str(tmp_path)])
    assert isinstance(first, Quarantined) and first.reason == QuarantineReason.STAGE_FAILED
    assert "RuntimeError: a library failed" in first.detail
    assert isinstance(second, RawDoc)


@pytest.mark.parametrize(
    "value",
    [
        0,
        86400,
        1767225600,
        2026.5,
        True,
        "2026-01-01garbage",
        "2026-02-30",
        "9999-12-31",
        "1066-10-14",
        "30/01/2026",
        "",
        "2026-01-30T25:00:00",
    ],
)
def test_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError):
        calendar_date(value)


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-30",
        "2026-01-30T10:12:00Z",
        "2026-01-30 10:12:00",
        "2026-01-30T10:12:00+01:00",
        dt.date(2026, 1, 30),
    ],
)
def test_what_is_a_date(value: object) -> None:
    assert calendar_date(value) == dt.date(2026, 1, 30)


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    text = decode_bytes("x", "afirmó en Moscú".encode() + b"\xff" + " según".encode())
    assert text == "afirmó en Moscú\ufffd según"
    assert decode_bytes("x", "afirmó en Moscú".encode("cp1252")) == "afirmó en Moscú"


def test_scrubbed_text_is_noted_in_errors(pipeline: Pipeline) -> None:
    (record,) = run_batch([RawDoc("x", ARTICLE + "\x00\x1b[2J fin")], pipeline)
    assert isinstance(record, Record)
    assert "\x00" not in record.text and "\x1b" not in record.text
    assert any("control characters were removed" in e for e in record.errors)
