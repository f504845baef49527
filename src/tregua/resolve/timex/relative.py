"""Grammar of dates relative to the anchor or to the last date read.

"esta semana", "el mes pasado", "la próxima semana", "el año que viene", "este fin de
semana" count from the anchor; "el año anterior", "al día siguiente", "ese mismo día",
"la víspera" from the last date the text gave.
"""

from __future__ import annotations

import datetime as dt
import re

from tregua.resolve.timex import calendar as cal
from tregua.resolve.timex.base import NEXT_WORDS, PAST_WORDS, YEAR, Context, Rule, compile_
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.lexicon import fold

_CALENDAR_UNITS = (
    r"(?:fin(?:al)?\s+de\s+semana|semana|mes|año|trimestre|semestre|cuatrimestre|quincena"
    r"|década|decenio|primavera|verano|otoño|invierno)"
)


def _unit_reading(unit: str, day_: dt.date) -> Reading | None:
    u = fold(unit)
    if u.startswith("fin"):
        return cal.weekend(day_)
    if u == "semana":
        return cal.week(day_)
    if u == "mes":
        return cal.month(day_.year, day_.month)
    if u == "ano":
        return cal.year(day_.year)
    if u == "trimestre":
        return cal.quarter(day_.year, (day_.month - 1) // 3 + 1)
    if u == "semestre":
        return cal.half(day_.year, (day_.month - 1) // 6 + 1)
    if u == "cuatrimestre":
        return cal.third(day_.year, (day_.month - 1) // 4 + 1)
    if u == "quincena":
        return cal.month(day_.year, day_.month).with_(mod="START" if day_.day <= 15 else "END")
    if u in {"decada", "decenio"}:
        return cal.decade(day_.year)
    seasons = {"primavera": "SP", "verano": "SU", "otono": "FA", "invierno": "WI"}
    if u in seasons:
        code = seasons[u]
        y = day_.year - 1 if code == "WI" and day_.month <= 2 else day_.year
        return cal.season(y, code)
    return None


_UNIT_STEP = {
    "semana": ("W", 1),
    "mes": ("M", 1),
    "ano": ("Y", 1),
    "trimestre": ("M", 3),
    "semestre": ("M", 6),
    "cuatrimestre": ("M", 4),
    "quincena": ("D", 15),
    "decada": ("Y", 10),
    "decenio": ("Y", 10),
    "primavera": ("Y", 1),
    "verano": ("Y", 1),
    "otono": ("Y", 1),
    "invierno": ("Y", 1),
}


def _relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "esta semana", "el mes pasado", "la próxima semana", "el año anterior"."""
    unit = fold(m["u"])
    words = fold(" ".join(w for w in (m["det"], m["pre"], m["post"]) if w))
    steps = 0
    relative_to_reference = "anterior" in words or "siguiente" in words or "posterior" in words
    if "pasad" in words or "anterior" in words:
        steps = -1
    elif any(
        w in words for w in ("proxim", "que viene", "venider", "entrante", "siguiente", "posterior")
    ):
        steps = 1
    if "ultim" in words:
        if unit in {"mes", "ano"}:
            return Reading("DURATION", f"P1{'M' if unit == 'mes' else 'Y'}")
        steps = -1 if unit.startswith("fin") else 0
    if words.strip() in {"el", "la", "del", "de la", "al", "a la", "todo el"} and not m["y"]:
        if unit != "ano" or ctx.anchor is None:
            return None  # "la semana" alone: too vague to resolve
        return cal.year(ctx.anchor.year).with_(anchored=True)  # "en lo que va del año"
    base = ctx.reference_day() if relative_to_reference else ctx.anchor
    if m["y"]:
        base = dt.date(int(m["y"]), 6, 30)
    if base is None:
        return Reading("DATE", "XXXX-XX-XX", anchored=True)
    if unit.startswith("fin"):
        moved = base + dt.timedelta(weeks=steps)
        if steps == 0 and base.isoweekday() == 1 and ctx.tense(m) == "past":
            moved = base - dt.timedelta(days=1)
        reading = cal.weekend(moved)
    else:
        letter, size = _UNIT_STEP.get(unit, ("Y", 1))
        moved_or_none = cal.shift(base, steps * size, letter)
        if moved_or_none is None:
            return None
        reading_or_none = _unit_reading(unit, moved_or_none)
        if reading_or_none is None:
            return None
        reading = reading_or_none
    return reading.with_(anchored=not m["y"], has_year=bool(m["y"]))


_THIS_UNIT = Rule(
    "this_unit",
    compile_(
        r"(?P<det>este|esta|estos|(?:(?:el|la|del)\s+)?(?:presente|actual))\s+(?:mism[oa]\s+)?"
        r"(?P<pre>)(?P<u>" + _CALENDAR_UNITS + r")(?:\s+(?P<y>" + YEAR + r"))?(?P<post>)"
    ),
    _relative_unit,
)
_BARE_YEAR = Rule(
    "bare_year",
    compile_(
        r"(?P<det>el|del|todo\s+el)\s+(?P<u>año)(?P<pre>)(?P<y>)(?P<post>)"
        r"(?!\s+(?:de|en\s+que|que|siguiente|anterior|pasado|pr[óo]ximo|\d))"
    ),
    _relative_unit,
)
_UNIT_AFTER = Rule(
    "unit_after",
    compile_(
        r"(?P<det>el|la|del|de\s+la|al|a\s+la)\s+(?P<pre>)(?P<u>"
        + _CALENDAR_UNITS
        + r")(?P<y>)\s+(?P<post>"
        + PAST_WORDS
        + "|"
        + NEXT_WORDS
        + r"|en\s+curso)"
    ),
    _relative_unit,
)
_UNIT_BEFORE = Rule(
    "unit_before",
    compile_(
        r"(?P<det>el|la|del|de\s+la|al|a\s+la)\s+(?P<pre>pasad[oa]|pr[óo]xim[oa]|últim[oa])"
        r"\s+(?P<u>" + _CALENDAR_UNITS + r")(?P<y>)(?P<post>)"
    ),
    _relative_unit,
)

# ---------------------------------------------------------------- "ese día", "la víspera"


def _anaphoric(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "ese día", "el mismo año", "al día siguiente", "la víspera": from the last date read."""
    unit = fold(m["u"] or m["u2"] or "vispera")
    if unit == "momento":
        return Reading("DATE", "PAST_REF", anchored=True)
    base = ctx.reference_day(day_only=unit in {"dia", "jornada", "fecha", "vispera"})
    if base is None:
        return Reading("DATE", "XXXX-XX-XX", anchored=True)
    offset = 0
    words = fold(m.group())
    if "vispera" in words or "anterior" in words:
        offset = -1
    elif "siguiente" in words or "posterior" in words:
        offset = 1
    if unit in {"dia", "jornada", "fecha", "vispera"}:
        return cal.day(base + dt.timedelta(days=offset)).with_(anchored=True)
    if unit == "semana":
        return cal.week(base + dt.timedelta(weeks=offset)).with_(anchored=True)
    if unit == "mes":
        moved = cal.shift_month(base, offset)
        return cal.month(moved.year, moved.month).with_(anchored=True)
    return cal.year(base.year + offset).with_(anchored=True)


_ANAPHORIC = Rule(
    "anaphoric",
    compile_(
        r"(?:(?:ese|esa|aquel|aquella|dicho|dicha)\s+(?:mism[oa]\s+)?|(?:el|la)\s+mism[oa]\s+)"
        r"(?P<u>d[ií]a|jornada|fecha|semana|mes|año|momento)"
        r"|(?:(?:al|el|la|del)\s+)(?P<u2>d[ií]a|jornada|semana|mes|año)\s+"
        r"(?:siguiente|anterior|posterior)|(?:la\s+)?v[ií]spera"
    ),
    _anaphoric,
)


def _weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "el fin de semana": the one just gone in the past tense, else the coming one (this
    one on a Saturday or Sunday)."""
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-WXX-WE", granularity="week", anchored=True)
    weekday = ctx.anchor.isoweekday()
    base = ctx.anchor
    if weekday < 6 and ctx.tense(m) == "past":
        base = ctx.anchor - dt.timedelta(days=weekday)  # the Sunday before
    return cal.weekend(base).with_(anchored=True)


_WEEKEND = Rule("weekend", compile_(r"(?:(?:el|del|al)\s+)?fin(?:al)?\s+de\s+semana"), _weekend)

RULES: tuple[Rule, ...] = (
    _THIS_UNIT,
    _BARE_YEAR,
    _UNIT_AFTER,
    _UNIT_BEFORE,
    _ANAPHORIC,
    _WEEKEND,
)
