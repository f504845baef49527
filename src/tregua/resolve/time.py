"""Spanish time expressions as TIMEX3, anchored on the publication date.

The grammar lives in ``resolve/timex/`` (dates, periods, spans, clock); this module is
what the pipeline calls: ``find_time_expressions`` for every expression of a text and
``infer_published`` for an article whose metadata carries no date.
"""

from __future__ import annotations

import datetime as dt

from tregua.resolve.timex.engine import find_expressions
from tregua.resolve.timex.expression import TimeExpression
from tregua.resolve.timex.published import infer_published

__all__ = ["TimeExpression", "find_time_expressions", "infer_published"]


def find_time_expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Every time expression in ``text``, with its value when it can be fixed.

    ``find_time_expressions("se reunieron el miércoles", date(2026, 1, 29))`` gives one
    expression with value 2026-01-28 (the Wednesday before a Thursday), timex "2026-01-28".
    """
    return find_expressions(text, anchor)
