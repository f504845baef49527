"""Grammar of times of day: clock times and parts of the day.

"a las 10.30 hora local" -> 2026-01-29T10:30, "16:00 GMT" -> ...T16:00Z,
"esta mañana" -> 2026-01-29TMO, "anoche" -> the day before, TNI. The day comes from the
anchor; the engine merges a date written next to it ("el jueves por la noche").
"""

from __future__ import annotations

import datetime as dt
import re

from tregua.resolve.timex.base import Context, Rule, compile_
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.lexicon import NUMBERS, PARTS_OF_DAY, fold

_PART = r"(?P<p>mañana|tarde|noche|madrugada)"
_ZONE = (
    r"(?P<z>GMT|UTC|horas?\s+locale?s?|horas?\s+peninsular(?:es)?|hora\s+de\s+[A-ZÁÉÍÓÚ]\w+"
    r"|horas?\s+GMT|horas?\s+UTC)"
)


def time_value(day: dt.date | None, clock: str) -> str:
    """ "2026-01-29T10:30", or "T10:30" when the day is unknown."""
    return (day.isoformat() if day else "") + "T" + clock


def _clock(m: re.Match[str], ctx: Context) -> Reading | None:
    hour_words = m["hw"]
    if hour_words:
        hour_value = NUMBERS.get(fold(hour_words))
        if hour_value is None or not 1 <= hour_value <= 12:
            return None
        hour = int(hour_value)
    else:
        hour = int(m["h"])
    minute = int(m["min"]) if m["min"] else 0
    if m["frac"] or m["frac2"]:
        frac = fold(m["frac"] or m["frac2"])
        minute = 30 if frac == "media" else 15 if frac == "cuarto" else 0
        if frac.startswith("menos"):
            hour, minute = hour - 1, 45
    cue = m["min"] or m["suf"] or m["z"] or m["z2"] or m["p"] or m["frac"] or m["frac2"]
    cue = cue or m["punto"] or m["ampm"]
    if not cue and not re.search(r"\ba\s*$", ctx.before(m, 4)):
        return None  # "las 10 propuestas": a count, not a time
    if not cue and re.match(r"\s+[a-záéíóúñ]{3,}", ctx.text[m.end() : m.end() + 12]):
        return None
    part = fold(m["p"] or "")
    pm = fold(m["ampm"] or "").startswith("p")
    if (part in {"tarde", "noche"} or pm) and hour < 12:
        hour += 12
    if hour > 24 or minute > 59:
        return None
    zone_words = fold(m["z"] or m["z2"] or "")
    zone = "Z" if "gmt" in zone_words or "utc" in zone_words else ""
    clock = f"{hour:02d}:{minute:02d}{zone}"
    return Reading("TIME", time_value(ctx.anchor, clock), ctx.anchor, granularity="time")


def _ends_clause(m: re.Match[str], ctx: Context) -> bool:
    """Nothing noun-like after the number: "a las cinco." but not "a las dos partes"."""
    return not re.match(r"\s+[a-záéíóúñ]{3,}", ctx.text[m.end() : m.end() + 12]) or bool(
        re.match(r"\s+(?:del?|en|y|con|para|por|hasta|cuando|que)\b", ctx.text[m.end() :])
    )


def _checked_clock(m: re.Match[str], ctx: Context) -> Reading | None:
    text = m.group()
    has_article = bool(re.match(r"(?:a\s+)?las?\s", text, re.IGNORECASE))
    # a bare number is a time only with a colon ("16:00") or a time word after it
    if not has_article and not (
        (m["min"] and ":" in text)
        or m["suf"]
        or m["z"]
        or m["z2"]
        or m["p"]
        or m["punto"]
        or m["ampm"]
    ):
        return None
    at = bool(re.match(r"a\s+las?\s", text, re.IGNORECASE))
    cued = m["frac"] or m["frac2"] or m["p"] or m["punto"] or m["ampm"]
    if (
        m["hw"]
        and not (has_article and cued)
        and not (at and not m["suf"] and _ends_clause(m, ctx))
    ):
        return None  # "cuatro horas" is a duration; "las cuatro de la tarde", "a las cinco" times
    if not has_article and not m["min"] and not (m["z"] or m["z2"] or m["ampm"] or m["p"]):
        return None  # "4 horas" is a duration
    if m["min"] and "." in text and not (has_article or m["suf"] or m["z"] or m["z2"]):
        return None  # "17.35" alone may be a decimal number
    return _clock(m, ctx)


_CLOCK = Rule(
    "clock",
    compile_(
        r"(?:(?:a\s+)?(?:las|la)\s+)?(?:(?P<h>[01]?\d|2[0-4])(?:[:.h](?P<min>[0-5]\d))?"
        r"|(?P<hw>una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce))"
        r"(?:\s+y\s+(?P<frac>media|cuarto)|\s+(?P<frac2>menos\s+cuarto))?"
        rf"(?:\s+{_ZONE}|\s*(?P<suf>horas?|hrs?\.?|h)(?!\w)(?:\s+(?P<z2>GMT|UTC))?)?"
        rf"(?:\s+(?P<punto>en\s+punto))?(?:\s+de\s+la\s+{_PART})?"
        r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?)(?!\w))?"
    ),
    _checked_clock,
)


def _part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "esta mañana", "la noche", "anoche", "mediodía"."""
    day = ctx.anchor
    if m["night"]:
        offset = -2 if fold(m["night"]).startswith("antean") else -1
        day = ctx.anchor + dt.timedelta(days=offset) if ctx.anchor else None
        return Reading("TIME", time_value(day, "NI"), day, granularity="time", anchored=True)
    if m["noon"]:
        clock = "MI" if fold(m["noon"]) == "mediodia" else "24:00"
        return Reading("TIME", time_value(day, clock), day, granularity="time", anchored=True)
    if fold(m["det"]).startswith("toda"):
        return None  # "toda la noche" is how long, not when
    code = PARTS_OF_DAY[fold(m["p"])]
    return Reading("TIME", time_value(day, code), day, granularity="time", anchored=True)


_PART_OF_DAY = Rule(
    "part_of_day",
    compile_(
        r"(?P<night>anoche|anteanoche)"
        r"|(?:(?:esta|este|la|esa|por\s+la|del|el)\s+)?(?P<noon>mediod[ií]a|medianoche)"
        rf"|(?P<det>esta|la|esa|toda\s+la|(?:las\s+)?primeras\s+horas\s+de\s+la"
        rf"|(?:a\s+)?primera\s+hora\s+de\s+la)\s+{_PART}"
    ),
    _part_of_day,
)

RULES: tuple[Rule, ...] = (_CLOCK, _PART_OF_DAY)
