from __future__ import annotations

import datetime as dt

import pytest

from tregua.resolve.time import find_time_expressions, infer_published

THURSDAY = dt.date(2026, 1, 29)


@pytest.mark.parametrize(
    ("text", "anchor", "value", "value_end"),
    [
        ("el 24 de enero de 2026", None, "2026-01-24", None),
        ("el 23 y 24 de enero", THURSDAY, "2026-01-23", "2026-01-24"),
        ("hasta el 1 de febrero", THURSDAY, "2026-02-01", None),
        ("el 17 de diciembre", THURSDAY, "2025-12-17", None),
        ("el miércoles", THURSDAY, "2026-01-28", None),
        ("el jueves pasado", THURSDAY, "2026-01-22", None),
        ("el jueves", THURSDAY, "2026-01-29", None),
        ("el 31 de febrero", THURSDAY, None, None),
    ],
)
def test_time_values(
    text: str, anchor: dt.date | None, value: str | None, value_end: str | None
) -> None:
    (found,) = find_time_expressions(text, anchor)
    assert (str(found.value) if found.value else None) == value
    assert (str(found.value_end) if found.value_end else None) == value_end
    assert text[found.start : found.end] == found.text


def test_day_month_without_anchor_has_no_value() -> None:
    (found,) = find_time_expressions("el 30 de enero", None)
    assert found.value is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Ataques en Kiev el 24 de enero de 2026. Reunión el 23 de enero.", "2026-01-24"),
        ("Putin habló el 17 de diciembre; Peskov, el 30 de enero.", "2026-01-30"),
        ("Sin fechas en este texto.", None),
    ],
)
def test_infer_published(text: str, published: str | None) -> None:
    found = infer_published(text, fallback_year=2026)
    assert (str(found) if found else None) == published
