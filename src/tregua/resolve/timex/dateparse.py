"""dateparser for the written-out forms our grammar only spots: "24/01/2026", "24 ene. 2026".

The grammar finds the candidate span; dateparser reads it with Spanish settings and
day-first order. It is called only on those spans and cached per span text: a full
dateparser search over an article costs ~100 ms, a cached look-up nothing
(see docs/quality/20-time.md for the measured share).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import dateparser  # type: ignore[import-untyped]

_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


# a pure function of its argument, so a process-wide cache changes no answer
@lru_cache(maxsize=4096)
def parse_written_date(span: str) -> dt.date | None:
    """The day a numeric or abbreviated date names: "24/01/2026" -> 2026-01-24; else None."""
    try:
        found = dateparser.parse(span, languages=["es"], settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date() if found else None
