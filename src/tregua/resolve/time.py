"""Spanish time expressions to ISO dates, anchored on the publication date.

First version (issue #5 extends it): absolute dates ("el 24 de enero de 2026",
"23 y 24 de enero", "1 de febrero") and weekdays ("el miércoles", "el jueves pasado").
A date without a year takes the year that puts it nearest the anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
WEEKDAYS = {
    "lunes": 0,
    "martes": 1,
    "miércoles": 2,
    "jueves": 3,
    "viernes": 4,
    "sábado": 5,
    "domingo": 6,
}

_MONTH = "|".join(MONTHS)
_ABSOLUTE = re.compile(
    rf"\b(?P<d1>[0-3]?\d)(?:\s*(?:y|al|-)\s*(?P<d2>[0-3]?\d))?\s+de\s+(?P<m>{_MONTH})"
    r"(?:\s+(?:de|del)\s+(?P<y>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    rf"\b(?:el|este|esta|del|pasado)\s+(?P<w>{'|'.join(WEEKDAYS)})(?P<past>\s+pasado)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: dt.date | None  # None when only the anchor could fix it and there is none
    value_end: dt.date | None = None
    has_year: bool = False


def _nearest_year(day: int, month: int, anchor: dt.date) -> dt.date | None:
    best: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def find_time_expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Every date expression in ``text``, with its value when it can be fixed.

    ``find_time_expressions("se reunieron el miércoles", date(2026, 1, 29))`` gives one
    expression with value 2026-01-28 (the Wednesday before a Thursday).
    """
    found: list[TimeExpression] = []
    for m in _ABSOLUTE.finditer(text):
        month = MONTHS[m["m"].lower()]
        first, last = int(m["d1"]), int(m["d2"]) if m["d2"] else None
        value = end = None
        try:
            if m["y"]:
                value = dt.date(int(m["y"]), month, first)
                end = dt.date(int(m["y"]), month, last) if last else None
            elif anchor is not None:
                value = _nearest_year(first, month, anchor)
                end = value.replace(day=last) if value and last else None
        except ValueError:
            value = end = None
        found.append(TimeExpression(m.start(), m.end(), m.group(), value, end, bool(m["y"])))
    for m in _WEEKDAY.finditer(text):
        value = None
        if anchor is not None:
            back = (anchor.weekday() - WEEKDAYS[m["w"].lower()]) % 7
            lowered = m.group().lower()
            if m["past"] or lowered.startswith("pasado") or back:
                value = anchor - dt.timedelta(days=back or 7)
            else:
                value = anchor
        found.append(TimeExpression(m.start(), m.end(), m.group(), value))
    found.sort(key=lambda e: e.start)
    return found


def infer_published(text: str, fallback_year: int) -> dt.date | None:
    """The publication date an article's own dates imply: on or after the latest one it names.

    Dates with a year are taken as they are; day-and-month dates get ``fallback_year``,
    rolled forward when the article runs from December into January.
    """
    dated = [e for e in find_time_expressions(text, None) if e.has_year and e.value]
    if dated:
        return max(e.value_end or e.value for e in dated if e.value)
    months: list[tuple[int, int]] = [
        (MONTHS[m["m"].lower()], int(m["d2"] or m["d1"])) for m in _ABSOLUTE.finditer(text)
    ]
    if not months:
        return None
    spans_new_year = any(mo == 12 for mo, _ in months) and any(mo <= 2 for mo, _ in months)
    candidates = []
    for month, day in months:
        year = fallback_year - 1 if spans_new_year and month >= 11 else fallback_year
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return max(candidates, default=None)
