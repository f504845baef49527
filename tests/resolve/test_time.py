from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tregua.resolve.time import TimeExpression, find_time_expressions, infer_published

THURSDAY = dt.date(2026, 1, 29)
SATURDAY = dt.date(2026, 1, 31)


def _first(text: str, anchor: dt.date | None) -> TimeExpression:
    found = find_time_expressions(text, anchor)
    assert found, f"no time expression in {text!r}"
    return found[0]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


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
    found = _first(text, anchor)
    assert _iso(found.value) == value
    assert _iso(found.value_end) == value_end
    assert text[found.start : found.end] == found.text


# (text, publication date, TIMEX3 type, TIMEX3 value, first day, last day)
TABLE = [
    # absolute dates
    ("el 24 de enero de 2026", THURSDAY, "DATE", "2026-01-24", "2026-01-24", None),
    (
        "Se reunieron el 23 y 24 de enero",
        THURSDAY,
        "DATE",
        "2026-01-23",
        "2026-01-23",
        "2026-01-24",
    ),
    ("del 6 al 9 de febrero", THURSDAY, "DATE", "2026-02-06", "2026-02-06", "2026-02-09"),
    (
        "El 1 de febrero se celebrarán nuevas reuniones",
        THURSDAY,
        "DATE",
        "2026-02-01",
        "2026-02-01",
        None,
    ),
    ("Putin declaró el 17 de diciembre", THURSDAY, "DATE", "2025-12-17", "2025-12-17", None),
    ("el pasado 2 de marzo", THURSDAY, "DATE", "2025-03-02", "2025-03-02", None),
    ("el próximo 15 de marzo", THURSDAY, "DATE", "2026-03-15", "2026-03-15", None),
    ("el lunes 2 de febrero", THURSDAY, "DATE", "2026-02-02", "2026-02-02", None),
    ("el jueves 29", THURSDAY, "DATE", "2026-01-29", "2026-01-29", None),
    ("el uno de agosto de 2025", THURSDAY, "DATE", "2025-08-01", "2025-08-01", None),
    ("24/01/2026", THURSDAY, "DATE", "2026-01-24", "2026-01-24", None),
    ("en enero", THURSDAY, "DATE", "2026-01", "2026-01-01", "2026-01-31"),
    ("noviembre de 2025", THURSDAY, "DATE", "2025-11", "2025-11-01", "2025-11-30"),
    ("en 2025", THURSDAY, "DATE", "2025", "2025-01-01", "2025-12-31"),
    ("el 2000", THURSDAY, "DATE", "2000", "2000-01-01", "2000-12-31"),
    ("el primer trimestre de 2025", THURSDAY, "DATE", "2025-Q1", "2025-01-01", "2025-03-31"),
    ("el verano de 2024", THURSDAY, "DATE", "2024-SU", "2024-06-01", "2024-08-31"),
    ("en la década de los noventa", THURSDAY, "DATE", "199", "1990-01-01", "1999-12-31"),
    ("en los años 90", THURSDAY, "DATE", "199", "1990-01-01", "1999-12-31"),
    ("el siglo XXI", THURSDAY, "DATE", "20", "2000-01-01", "2099-12-31"),
    ("Navidad", THURSDAY, "DATE", "2025-12-25", "2025-12-25", None),
    # weekdays
    ("el miércoles", THURSDAY, "DATE", "2026-01-28", "2026-01-28", None),
    ("el jueves pasado", THURSDAY, "DATE", "2026-01-22", "2026-01-22", None),
    ("este viernes", THURSDAY, "DATE", "2026-01-30", "2026-01-30", None),
    ("se reunirán el lunes", THURSDAY, "DATE", "2026-02-02", "2026-02-02", None),
    ("se reunieron el lunes", THURSDAY, "DATE", "2026-01-26", "2026-01-26", None),
    ("el próximo lunes", THURSDAY, "DATE", "2026-02-02", "2026-02-02", None),
    ("el lunes que viene", THURSDAY, "DATE", "2026-02-02", "2026-02-02", None),
    (
        "describió la reunión de París del jueves",
        SATURDAY,
        "DATE",
        "2026-01-29",
        "2026-01-29",
        None,
    ),
    ("el miércoles", None, "DATE", "XXXX-WXX-3", None, None),
    # days around the anchor
    ("ayer", THURSDAY, "DATE", "2026-01-28", "2026-01-28", None),
    ("hoy", THURSDAY, "DATE", "2026-01-29", "2026-01-29", None),
    ("mañana", THURSDAY, "DATE", "2026-01-30", "2026-01-30", None),
    ("anteayer", THURSDAY, "DATE", "2026-01-27", "2026-01-27", None),
    ("pasado mañana", THURSDAY, "DATE", "2026-01-31", "2026-01-31", None),
    ("hoy, jueves", THURSDAY, "DATE", "2026-01-29", "2026-01-29", None),
    ("ayer", None, "DATE", "XXXX-XX-XX", None, None),
    # weeks, months, years around the anchor
    ("la semana pasada", THURSDAY, "DATE", "2026-W04", "2026-01-19", "2026-01-25"),
    ("esta semana", THURSDAY, "DATE", "2026-W05", "2026-01-26", "2026-02-01"),
    ("la próxima semana", THURSDAY, "DATE", "2026-W06", "2026-02-02", "2026-02-08"),
    ("la semana que viene", THURSDAY, "DATE", "2026-W06", "2026-02-02", "2026-02-08"),
    ("este fin de semana", THURSDAY, "DATE", "2026-W05-WE", "2026-01-31", "2026-02-01"),
    ("el fin de semana pasado", THURSDAY, "DATE", "2026-W04-WE", "2026-01-24", "2026-01-25"),
    ("a principios de esta semana", THURSDAY, "DATE", "2026-W05", "2026-01-26", "2026-02-01"),
    ("el mes pasado", THURSDAY, "DATE", "2025-12", "2025-12-01", "2025-12-31"),
    ("el próximo mes", THURSDAY, "DATE", "2026-02", "2026-02-01", "2026-02-28"),
    ("el mes que viene", THURSDAY, "DATE", "2026-02", "2026-02-01", "2026-02-28"),
    ("este año", THURSDAY, "DATE", "2026", "2026-01-01", "2026-12-31"),
    ("el año pasado", THURSDAY, "DATE", "2025", "2025-01-01", "2025-12-31"),
    ("el próximo año", THURSDAY, "DATE", "2027", "2027-01-01", "2027-12-31"),
    ("a finales de 2025", THURSDAY, "DATE", "2025", "2025-01-01", "2025-12-31"),
    ("a mediados de marzo", THURSDAY, "DATE", "2026-03", "2026-03-01", "2026-03-31"),
    ("hace dos semanas", THURSDAY, "DATE", "2026-W03", "2026-01-12", "2026-01-18"),
    ("hace una semana", THURSDAY, "DATE", "2026-W04", "2026-01-19", "2026-01-25"),
    ("hace un mes", THURSDAY, "DATE", "2025-12", "2025-12-01", "2025-12-31"),
    ("hace 14 días", THURSDAY, "DATE", "2026-01-15", "2026-01-15", None),
    ("hace tres años", THURSDAY, "DATE", "2023", "2023-01-01", "2023-12-31"),
    ("hace tres años y medio", THURSDAY, "DATE", "2022-07", "2022-07-01", "2022-07-31"),
    ("desde hace tres años", THURSDAY, "DATE", "2023", "2023-01-01", "2023-12-31"),
    ("dentro de dos semanas", THURSDAY, "DATE", "2026-W07", "2026-02-09", "2026-02-15"),
    ("tres años atrás", THURSDAY, "DATE", "2023", "2023-01-01", "2023-12-31"),
    # durations
    ("durante una semana", THURSDAY, "DURATION", "P1W", None, None),
    ("tres años y medio", THURSDAY, "DURATION", "P3.5Y", None, None),
    ("casi cuatro años de guerra", THURSDAY, "DURATION", "P4Y", None, None),
    ("más de un año", THURSDAY, "DURATION", "P1Y", None, None),
    ("dos horas y 30 minutos", THURSDAY, "DURATION", "PT2H30M", None, None),
    ("media hora", THURSDAY, "DURATION", "PT0.5H", None, None),
    ("en los próximos días", THURSDAY, "DURATION", "PXD", None, None),
    ("las últimas semanas", THURSDAY, "DURATION", "PXW", None, None),
    ("los últimos tres meses", THURSDAY, "DURATION", "P3M", "2025-10-29", "2026-01-29"),
    ("hace unos días", THURSDAY, "DURATION", "PXD", None, None),
    ("una década", THURSDAY, "DURATION", "P10Y", None, None),
    # repetitions
    ("cada mes", THURSDAY, "SET", "P1M", None, None),
    ("cada dos semanas", THURSDAY, "SET", "P2W", None, None),
    ("todos los días", THURSDAY, "SET", "P1D", None, None),
    ("dos veces al año", THURSDAY, "SET", "P1Y", None, None),
    ("los lunes", THURSDAY, "SET", "XXXX-WXX-1", None, None),
    ("una revisión anual", THURSDAY, "SET", "P1Y", None, None),
    # vague references
    ("ahora", THURSDAY, "DATE", "PRESENT_REF", None, None),
    ("actualmente", THURSDAY, "DATE", "PRESENT_REF", None, None),
    ("recientemente", THURSDAY, "DATE", "PAST_REF", None, None),
    ("en el futuro", THURSDAY, "DATE", "FUTURE_REF", None, None),
    ("a largo plazo", THURSDAY, "DATE", "FUTURE_REF", None, None),
    # times of day
    ("a las 10.30 horas", THURSDAY, "TIME", "2026-01-29T10:30", "2026-01-29", None),
    ("a las cinco de la tarde", THURSDAY, "TIME", "2026-01-29T17:00", "2026-01-29", None),
    ("a las 16:00 GMT", THURSDAY, "TIME", "2026-01-29T16:00Z", "2026-01-29", None),
    ("esta mañana", THURSDAY, "TIME", "2026-01-29TMO", "2026-01-29", None),
    ("anoche", THURSDAY, "TIME", "2026-01-28TNI", "2026-01-28", None),
    ("las seis de la mañana de ayer", THURSDAY, "TIME", "2026-01-28T06:00", "2026-01-28", None),
    ("la madrugada del sábado", SATURDAY, "TIME", "2026-01-31TMO", "2026-01-31", None),
]


@pytest.mark.parametrize(("text", "anchor", "type_", "timex", "value", "value_end"), TABLE)
def test_time_table(
    text: str,
    anchor: dt.date | None,
    type_: str,
    timex: str,
    value: str | None,
    value_end: str | None,
) -> None:
    found = _first(text, anchor)
    assert (found.type, found.timex) == (type_, timex)
    assert _iso(found.value) == value
    assert _iso(found.value_end) == value_end
    assert text[found.start : found.end] == found.text


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(
    ("text", "granularity", "mod", "bound"),
    [
        ("a principios de esta semana", "week", "START", None),
        ("a finales de 2025", "year", "END", None),
        ("hasta el 1 de febrero", "day", None, "until"),
        ("desde noviembre de 2025", "month", None, "since"),
        ("más de un año", None, "MORE_THAN", None),
        ("en los años 90", "decade", None, None),
    ],
)
def test_granularity_mod_and_bound(
    text: str, granularity: str | None, mod: str | None, bound: str | None
) -> None:
    found = _first(text, THURSDAY)
    assert (found.granularity, found.mod, found.bound) == (granularity, mod, bound)


def test_anaphora_read_the_date_before() -> None:
    text = "Las conversaciones comenzaron el 23 de enero y al día siguiente hubo un acuerdo."
    first, second = find_time_expressions(text, THURSDAY)
    assert (first.value, second.value) == (dt.date(2026, 1, 23), dt.date(2026, 1, 24))


@pytest.mark.parametrize(
    "text",
    [
        "2.000 soldados",
        "Las 10 propuestas de paz",
        "el diario El País",
        "un segundo mandato",
        "cinco jornadas de liga",
        "la Plaza de Mayo",
    ],
)
def test_not_time(text: str) -> None:
    assert find_time_expressions(text, THURSDAY) == []


def test_day_month_without_anchor_has_no_value() -> None:
    found = _first("el 30 de enero", None)
    assert found.value is None
    assert found.timex == "XXXX-01-30"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
def test_never_raises_and_offsets_are_evidence(text: str, anchor: dt.date | None) -> None:
    for found in find_time_expressions(text, anchor):
        assert text[found.start : found.end] == found.text
        assert found.start < found.end


TIME_WORDS = "el la de del 1 23 31 enero febrero diciembre 2025 2026 lunes jueves pasado "
TIME_WORDS += (
    "próximo hace dentro años meses semana fin y medio hoy ayer mañana las 10.30 horas , ."
)
SPANISH_TIME_WORDS = st.sampled_from(TIME_WORDS.split())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(SPANISH_TIME_WORDS, max_size=12), st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1))
)
def test_never_raises_on_time_like_words(words: list[str], anchor: dt.date) -> None:
    text = " ".join(words)
    for found in find_time_expressions(text, anchor):
        assert text[found.start : found.end] == found.text
        if found.value and found.value_end:
            assert found.value <= found.value_end


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
