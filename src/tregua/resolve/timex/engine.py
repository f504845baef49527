"""Runs the grammar over a text: candidates, longest non-overlapping choice, merges.

Every rule proposes matches; the longest wins an overlap (then the earlier rule). The
chosen ones are read again in text order so that "ese día" sees the date before it, and
neighbours are merged: "a principios de" + "esta semana", "el jueves" + "por la noche",
"las seis de la mañana" + "de ayer".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from tregua.resolve.timex import calendar, clock, context, dates, periods, relative, spans
from tregua.resolve.timex.base import YEAR, Context, Rule
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.dateparse import parse_written_date
from tregua.resolve.timex.expression import TimeExpression
from tregua.resolve.timex.lexicon import fold
from tregua.resolve.timex.screen import may_match, needles, screen_fold


def _written_date(m: re.Match[str], ctx: Context) -> Reading | None:
    found = parse_written_date(m.group())
    if found is None:
        return None
    return Reading("DATE", found.isoformat(), found, None, "day", True)


_MONTH_ABBREVIATION = r"(?:ene|feb|mar|abr|may|jun|jul|ago|sep|sept|set|oct|nov|dic)\.?"
# numeric and abbreviated dates: the grammar finds them, dateparser reads them
_WRITTEN_DATE = Rule(
    "written_date",
    re.compile(
        r"(?<![\w/.\-])(?:[0-3]?\d([/.\-])[01]?\d\1(?:(?:19|20)\d\d|\d\d)"
        rf"|[0-3]?\d[\s\-]+{_MONTH_ABBREVIATION}[\s\-]+{YEAR}"
        rf"|{_MONTH_ABBREVIATION}\s+[0-3]?\d,?\s+{YEAR}|(?:19|20)\d\d-[01]\d-[0-3]\d)"
        r"(?![\w/\-]|\.\d)",
        re.IGNORECASE,
    ),
    _written_date,
)

RULES: tuple[Rule, ...] = (
    _WRITTEN_DATE,
    *dates.RULES,
    *relative.RULES,
    *periods.RULES,
    *clock.RULES,
    *spans.RULES,
)
# the words each rule's matches contain, to skip scans that cannot find anything
_NEEDLES = tuple(needles(rule.pattern) for rule in RULES)
_PART_AFTER_DAY = re.compile(r"\s*,?\s*(?:por|en|a|de|durante)\s+", re.IGNORECASE)
_AT_CLOCK = re.compile(r"\s*,?\s*(?:a\s+las|a\s+la|sobre\s+las|hacia\s+las)\s+$", re.IGNORECASE)
_COARSE = {"week", "month", "quarter", "season", "year", "decade", "century"}


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    reading: Reading


@functools.lru_cache(maxsize=4)
def _matches(text: str) -> tuple[tuple[int, Rule, re.Match[str], int, int], ...]:
    """Every match of every rule in ``text``: (rule index, rule, match, start, end).

    The scan does not depend on the anchor, and a document is read twice (once without an
    anchor to infer its publication date, once with it): the regexes run once per text.
    """
    found = []
    folded = screen_fold(text)
    for index, rule in enumerate(RULES):
        if not may_match(_NEEDLES[index], folded):
            continue  # the scan would find nothing
        for m in rule.pattern.finditer(text):
            start, end = m.span(rule.group) if rule.group else m.span()
            if start < end:
                found.append((index, rule, m, start, end))
    return tuple(found)


def find_expressions(text: str, anchor: dt.date | None) -> list[TimeExpression]:
    """Every time expression of ``text``, resolved against ``anchor`` (publication date)."""
    ctx = Context(text, anchor)
    candidates: list[tuple[int, _Found]] = []
    for index, rule, m, start, end in _matches(text):
        reading = rule.build(m, ctx)
        if reading is not None:
            candidates.append((index, _Found(start, end, rule, m, reading)))
    chosen: list[_Found] = []
    taken = bytearray(len(text))  # 1 where a chosen expression already lies
    for _, found in sorted(candidates, key=lambda c: (c[1].start - c[1].end, c[0], c[1].start)):
        if taken.find(1, found.start, found.end) != -1:
            continue
        taken[found.start : found.end] = b"\x01" * (found.end - found.start)
        chosen.append(found)
    chosen.sort(key=lambda f: f.start)
    for found in chosen:  # second reading, in order: anaphora see the dates before them
        again = found.rule.build(found.match, ctx)
        if again is not None:
            found.reading = again
        if found.reading.type == "DATE" and found.reading.value is not None:
            ctx.reference = found.reading
            if found.reading.granularity == "day":
                ctx.reference_of_day = found.reading
    merged = _merge(chosen, text)
    return [_expression(f, text) for f in merged]


def _merge(chosen: list[_Found], text: str) -> list[_Found]:
    out: list[_Found] = []
    for original in chosen:
        found = _with_modifier(original, text)
        while found is not original and out and found.start < out[-1].end:
            out.pop()  # "los primeros días" + "de agosto": the modifier takes the first
        if found.rule.name == "full_date" and found.match["d2"] and found.reading.value_end:
            first, second = _split_range(found)
            out.extend([first, second])
            continue
        previous = out[-1] if out else None
        if previous is not None and found.start < previous.end:
            continue  # swallowed by a merge: "ayer" + "por la tarde" holds "la tarde"
        if previous is not None and _joins(previous, found, text):
            out[-1] = _joined(previous, found)
            continue
        out.append(_with_day(found, previous, text))
    return out


def _split_range(found: _Found) -> tuple[_Found, _Found]:
    """ "del 6 al 9 de abril" is two TIMEX3, as TimeML tags it: "del 6" carries the whole
    range (value 6, value_end 9), "al 9 de abril" the last day."""
    m, reading = found.match, found.reading
    assert reading.value_end is not None
    second_start = m.start("join") if fold(m["join"]).startswith(("al", "el")) else m.start("d2")
    last = calendar.day(reading.value_end, has_year=reading.has_year)
    return (
        _Found(found.start, m.end("d1"), found.rule, m, reading),
        _Found(second_start, found.end, found.rule, m, last.with_(anchored=reading.anchored)),
    )


def _with_day(found: _Found, previous: _Found | None, text: str) -> _Found:
    """ "el jueves por la noche": the part of the day takes the day before it (TimeBank
    tags the two apart, so they stay apart)."""
    reading = found.reading
    if previous is None or reading.type != "TIME" or "T" not in reading.timex:
        return found
    day = previous.reading
    if day.type != "DATE" or day.granularity != "day" or day.value is None:
        return found
    if not _PART_AFTER_DAY.fullmatch(text[previous.end : found.start]):
        return found
    clock_part = reading.timex.split("T", 1)[1]
    found.reading = reading.with_(timex=f"{day.timex}T{clock_part}", value=day.value)
    return found


def _with_modifier(found: _Found, text: str) -> _Found:
    """ "a principios de" + "esta semana" -> one DATE with mod START."""
    reading = found.reading
    if reading.type != "DATE" or reading.granularity not in _COARSE:
        return found
    m = periods.MODIFIER.search(text, max(0, found.start - 40), found.start)
    if m is None or m.end() != found.start:
        return found
    reading = reading.with_(mod=periods.modifier_code(m["mod"]))
    return _Found(m.start("mod"), found.end, found.rule, found.match, reading)


def _joins(first: _Found, second: _Found, text: str) -> bool:
    """A time of day and the day it belongs to, written side by side."""
    between = text[first.end : second.start]
    a, b = first.reading, second.reading
    if a.type == "TIME" and b.type == "DATE" and b.granularity == "day":
        if between in {" de ", " del ", ", "}:
            return True
        return between == " " and fold(text[second.start : second.start + 4]).startswith("de")
    if a.type == "DATE" and a.granularity == "day" and b.type == "TIME":
        return bool(_AT_CLOCK.fullmatch(between)) or between in {" ", ", "}
    return False


def _joined(first: _Found, second: _Found) -> _Found:
    time, day = (first, second) if first.reading.type == "TIME" else (second, first)
    clock_part = time.reading.timex.split("T", 1)[1] if "T" in time.reading.timex else ""
    value = f"{day.reading.timex}T{clock_part}"
    reading = Reading("TIME", value, day.reading.value, None, "time", anchored=True)
    return _Found(first.start, second.end, first.rule, first.match, reading)


def _expression(found: _Found, text: str) -> TimeExpression:
    r = found.reading
    return TimeExpression(
        start=found.start,
        end=found.end,
        text=text[found.start : found.end],
        value=r.value,
        value_end=r.value_end,
        has_year=r.has_year,
        type=r.type,
        timex=r.timex,
        granularity=r.granularity,
        mod=r.mod,
        bound=context.bound(text, found.start),
        anchored=r.anchored,
    )
