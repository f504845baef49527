"""The record one time expression becomes: TIMEX3 type and value, plus resolved days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tregua.resolve.timex.calendar import Granularity, TimexType
from tregua.resolve.timex.context import Bound


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One time expression of a text; ``text[start:end]`` is its evidence.

    ``value``/``value_end`` are the first and last day a DATE covers ("en enero" of 2026:
    2026-01-01 and 2026-01-31; "el 23 y 24 de enero": 23 and 24; one day: ``value_end``
    None), None when nothing fixes them. ``timex`` is the TIMEX3 value: "2026-01-24",
    "2026-W04", "P2M", "PRESENT_REF", "XXXX-WXX-4".
    """

    start: int
    end: int
    text: str
    value: dt.date | None
    value_end: dt.date | None = None
    has_year: bool = False
    type: TimexType = "DATE"
    timex: str = "XXXX-XX-XX"
    granularity: Granularity | None = None
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN...
    bound: Bound | None = None  # "hasta el 1 de febrero": until; "desde noviembre": since
    anchored: bool = False  # resolved from the anchor or an earlier date, not written out
