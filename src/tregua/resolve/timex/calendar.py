"""Calendar values as TIMEX3 writes them, with the day range each one covers.

``month(2026, 1)`` is the reading "2026-01", from 2026-01-01 to 2026-01-31, granularity
month. Every builder takes plain numbers; the grammar decides which ones.
"""

from __future__ import annotations

import calendar as stdcal
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

TimexType = Literal["DATE", "DURATION", "TIME", "SET"]
Granularity = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "century", "time"
]
Direction = Literal["past", "future"]

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one expression means: TIMEX3 type and value, plus the days it covers."""

    type: TimexType
    timex: str
    value: dt.date | None = None
    value_end: dt.date | None = None
    granularity: Granularity | None = None
    has_year: bool = False
    mod: str | None = None
    anchored: bool = False  # computed from the anchor or an earlier date of the text

    def with_(self, **changes: object) -> Reading:
        return replace(self, **changes)  # type: ignore[arg-type]


def unknown(type_: TimexType = "DATE", timex: str = "XXXX-XX-XX") -> Reading:
    return Reading(type_, timex, anchored=True)


def day(d: dt.date, end: dt.date | None = None, *, has_year: bool = False) -> Reading:
    return Reading("DATE", d.isoformat(), d, end, "day", has_year)


def week(d: dt.date) -> Reading:
    year, number, weekday = d.isocalendar()
    monday = d - dt.timedelta(days=weekday - 1)
    return Reading(
        "DATE", f"{year:04d}-W{number:02d}", monday, monday + dt.timedelta(days=6), "week"
    )


def weekend(d: dt.date) -> Reading:
    """The weekend of ``d``'s ISO week (Saturday and Sunday)."""
    base = week(d)
    assert base.value is not None
    saturday = base.value + dt.timedelta(days=5)
    return Reading("DATE", base.timex + "-WE", saturday, saturday + dt.timedelta(days=1), "week")


def month(year: int, number: int, *, has_year: bool = False) -> Reading:
    last = stdcal.monthrange(year, number)[1]
    return Reading(
        "DATE",
        f"{year:04d}-{number:02d}",
        dt.date(year, number, 1),
        dt.date(year, number, last),
        "month",
        has_year,
    )


def months_span(year: int, first: int, count: int, timex: str, granularity: Granularity) -> Reading:
    start = dt.date(year, first, 1)
    last_month = shift_month(start, count - 1)
    end = last_month.replace(day=stdcal.monthrange(last_month.year, last_month.month)[1])
    return Reading("DATE", timex, start, end, granularity)


def quarter(year: int, number: int) -> Reading:
    return months_span(year, 3 * number - 2, 3, f"{year:04d}-Q{number}", "quarter")


def half(year: int, number: int) -> Reading:
    return months_span(year, 6 * number - 5, 6, f"{year:04d}-H{number}", "quarter")


def third(year: int, number: int) -> Reading:
    """A four-month "cuatrimestre": TIMEX3 writes it T1..T3."""
    return months_span(year, 4 * number - 3, 4, f"{year:04d}-T{number}", "quarter")


def season(year: int, code: str) -> Reading:
    first, last = SEASON_MONTHS[code]
    count = (last - first) % 12 + 1
    return months_span(year, first, count, f"{year:04d}-{code}", "season")


def year(number: int, *, has_year: bool = False) -> Reading:
    return Reading(
        "DATE",
        f"{number:04d}",
        dt.date(number, 1, 1),
        dt.date(number, 12, 31),
        "year",
        has_year,
    )


def decade(first_year: int) -> Reading:
    start = first_year - first_year % 10
    return Reading(
        "DATE",
        f"{start // 10:03d}",
        dt.date(start, 1, 1),
        dt.date(start + 9, 12, 31),
        "decade",
        True,
    )


def century(number: int) -> Reading:
    """``number`` as Spanish counts it: "siglo XXI" is 21 and TIMEX3 writes "20"."""
    first = (number - 1) * 100
    if first < 1:
        return Reading("DATE", f"{number - 1:02d}", granularity="century", has_year=True)
    return Reading(
        "DATE",
        f"{number - 1:02d}",
        dt.date(first, 1, 1),
        dt.date(first + 99, 12, 31),
        "century",
        True,
    )


def shift_month(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, the day clipped to the month's length."""
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return dt.date(y, m + 1, min(d.day, stdcal.monthrange(y, m + 1)[1]))


def shift(d: dt.date, amount: float, unit: str) -> dt.date | None:
    """``d`` moved by ``amount`` units (D, W, M, Y, L10...); None when out of range."""
    try:
        if unit == "D":
            return d + dt.timedelta(days=round(amount))
        if unit == "W":
            return d + dt.timedelta(days=round(7 * amount))
        if unit == "Q15":
            return d + dt.timedelta(days=round(15 * amount))
        months = {"M": 1, "B2": 2, "B3": 3, "B6": 6, "Y": 12, "L5": 60, "L10": 120}
        if unit in months:
            return shift_month(d, round(amount * months[unit]))
        if unit == "L100":
            return shift_month(d, round(amount * 1200))
    except (OverflowError, ValueError):
        return None
    return None


def at_granularity(d: dt.date, unit: str) -> Reading:
    """The calendar unit holding ``d`` that a shift by ``unit`` names ("hace dos meses" is
    a month)."""
    if unit in {"D", "Q15"}:
        return day(d)
    if unit == "W":
        return week(d)
    if unit in {"M", "B2", "B3", "B6"}:
        return month(d.year, d.month)
    if unit in {"L10"}:
        return decade(d.year)
    if unit == "L100":
        return century(d.year // 100 + 1)
    return year(d.year)


def duration_value(amount: float | None, unit: str, clock: bool) -> str:
    """TIMEX3 duration: (2, "M", False) -> "P2M"; (None, "D", False) -> "PXD";
    2.5 weeks -> "P2.5W"."""
    scale = {"Q15": (15, "D"), "B2": (2, "M"), "B3": (3, "M"), "B6": (6, "M")}
    scale.update({"L5": (5, "Y"), "L10": (10, "Y"), "L100": (100, "Y")})
    factor, letter = scale.get(unit, (1, unit))
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    number = amount * factor
    text = str(int(number)) if float(number).is_integer() else f"{number:g}"
    return f"{prefix}{text}{letter}"


def nearest_year(month_number: int, day_number: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day nearest ``anchor`` (one year either side)."""
    best: dt.date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(y, month_number, day_number)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


def directed_date(
    month_number: int, day_number: int, anchor: dt.date, direction: Direction | None
) -> dt.date | None:
    """The date with this month and day: the last one up to ``anchor`` for the past,
    the next one from it for the future, the nearest otherwise."""
    if direction is None:
        return nearest_year(month_number, day_number, anchor)
    years = (
        (anchor.year, anchor.year - 1) if direction == "past" else (anchor.year, anchor.year + 1)
    )
    for y in years:
        try:
            candidate = dt.date(y, month_number, day_number)
        except ValueError:
            continue
        if (direction == "past" and candidate <= anchor) or (
            direction == "future" and candidate >= anchor
        ):
            return candidate
    return None


def directed_month(number: int, anchor: dt.date, direction: Direction | None) -> int:
    """The year of month ``number`` nearest ``anchor``, or on the side ``direction`` says."""
    if direction == "past":
        return anchor.year if number <= anchor.month else anchor.year - 1
    if direction == "future":
        return anchor.year if number >= anchor.month else anchor.year + 1
    diff = number - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def weekday_date(iso_weekday: int, anchor: dt.date, direction: Direction | None) -> dt.date:
    """The day named by a weekday: the last one up to ``anchor`` (the anchor itself when it
    is that day) for the past or unknown, the next one after it for the future."""
    back = (anchor.isoweekday() - iso_weekday) % 7
    if direction == "future":
        ahead = (iso_weekday - anchor.isoweekday()) % 7
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor - dt.timedelta(days=back)
