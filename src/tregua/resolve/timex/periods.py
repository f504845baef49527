"""Grammar of parts of a year: quarters, halves, seasons, holidays, and their edges.

"el primer trimestre de 2025" -> 2025-Q1, "la primavera de 1983" -> 1983-SP,
"Navidad" -> the nearest 25 December, "a principios de esta semana" -> the anchor's week
with mod START (the modifier is merged by the engine, see ``MODIFIER``).
"""

from __future__ import annotations

import datetime as dt
import re

from tregua.resolve.timex import calendar as cal
from tregua.resolve.timex.base import MONTH, YEAR, Context, Rule, compile_, month_number
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.lexicon import HOLIDAYS, ORDINALS, SEASONS, alternation, fold

_ORDINAL = alternation(ORDINALS)
_YEAR_WORDS = (
    rf"(?P<y>{YEAR})|(?P<yrel>este\s+año|ese\s+año|(?:el\s+)?presente\s+año|(?:el\s+)?año"
    r"\s+(?:pasado|pr[óo]ximo|en\s+curso|actual|que\s+viene)|(?:el\s+)?pasado\s+año"
    r"|(?:el\s+)?pr[óo]ximo\s+año|(?:el\s+)?año)"
)


def _target_year(m: re.Match[str], ctx: Context) -> int | None:
    if m["y"]:
        return int(m["y"])
    base = ctx.anchor
    if base is None:
        return None
    words = fold(m["yrel"] or "")
    if "pasado" in words:
        return base.year - 1
    if "proxim" in words or "que viene" in words:
        return base.year + 1
    if re.search(r"\bese\b", words) and ctx.reference and ctx.reference.value:
        return ctx.reference.value.year
    return base.year


def _ordinal_part(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "el primer trimestre de 1998", "el segundo semestre", "la última quincena de enero"."""
    order = ORDINALS[fold(m["o"])]
    unit = fold(m["u"])
    if m["m"]:
        y = _target_year(m, ctx) if (m["y"] or m["yrel"]) else None
        number = month_number(m["m"])
        if y is None:
            if ctx.anchor is None:
                return Reading("DATE", f"XXXX-{number:02d}", granularity="month")
            y = cal.directed_month(number, ctx.anchor, None)
        base = cal.month(y, number)
        if unit == "quincena" or unit == "mitad":
            return base.with_(mod="START" if order == 1 else "END", anchored=not m["y"])
        if unit == "semana" and base.value is not None:
            first = base.value + dt.timedelta(days=7 * (order - 1) if order > 0 else 21)
            return cal.week(first).with_(anchored=not m["y"])
        return base.with_(anchored=not m["y"])
    y = _target_year(m, ctx)
    if y is None:
        return Reading("DATE", "XXXX", anchored=True)
    counts = {"trimestre": 4, "semestre": 2, "cuatrimestre": 3, "mitad": 2, "bimestre": 6}
    if unit not in counts:
        return None
    index = counts[unit] if order == -1 else order
    if index > counts[unit]:
        return None
    builders = {
        "trimestre": cal.quarter,
        "semestre": cal.half,
        "mitad": cal.half,
        "cuatrimestre": cal.third,
    }
    if unit == "bimestre":
        return cal.months_span(y, 2 * index - 1, 2, f"{y:04d}-{2 * index - 1:02d}", "month")
    return builders[unit](y, index).with_(anchored=not m["y"], has_year=bool(m["y"]))


_ORDINAL_PART = Rule(
    "ordinal_part",
    compile_(
        rf"(?:(?:el|la|del|de\s+la|al|a\s+la)\s+)?(?P<o>{_ORDINAL})\s+"
        r"(?P<u>trimestre|semestre|cuatrimestre|bimestre|quincena|semana|mitad)"
        rf"(?:\s+(?:de(?:l)?\s+)(?:(?:mes\s+de\s+)?(?P<m>{MONTH})(?:\s+de(?:l)?\s+{YEAR})?"
        rf"|{_YEAR_WORDS}))?"
    ),
    _ordinal_part,
)


def _season(m: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASONS[fold(m["s"])]
    if m["y"]:
        return cal.season(int(m["y"]), code).with_(has_year=True)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{code}", granularity="season", anchored=True)
    words = fold(" ".join(w for w in (m["det"], m["post"]) if w))
    y = ctx.anchor.year
    if code == "WI" and ctx.anchor.month <= 2:
        y -= 1
    if "pasad" in words:
        y -= 1
    elif "proxim" in words or "que viene" in words:
        y += 1
    return cal.season(y, code).with_(anchored=True)


_SEASON = Rule(
    "season",
    compile_(
        r"(?:(?P<det>el|la|este|esta|el\s+pr[óo]ximo|el\s+pasado|la\s+pasada|la\s+pr[óo]xima"
        r"|del|todo\s+el|toda\s+la)\s+)?(?P<s>primavera|verano|oto[ñn]o|invierno)"
        rf"(?:\s+(?:de(?:l)?\s+(?P<y>{YEAR})|(?P<post>pasad[oa]|pr[óo]xim[oa]|que\s+viene)))?"
    ),
    _season,
)


def _holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    if not m["h"][0].isupper():
        return None  # holiday names are capitalised: "año nuevo" is a new year, not 1 January
    key = re.sub(r"\s+", " ", fold(m["h"]))
    month_, day_ = HOLIDAYS[key]
    if m["y"]:
        return cal.day(dt.date(int(m["y"]), month_, day_), has_year=True)
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{month_:02d}-{day_:02d}", granularity="day", anchored=True)
    found = cal.nearest_year(month_, day_, ctx.anchor)
    return cal.day(found).with_(anchored=True) if found else None


_HOLIDAY = Rule(
    "holiday",
    re.compile(
        r"(?<!\w)(?:(?:el|la|las|del)\s+)?(?P<h>"
        + alternation(HOLIDAYS)
        + rf")(?:\s+de(?:l)?\s+(?P<y>{YEAR}))?(?!\w)",
        re.IGNORECASE,
    ),
    _holiday,
)
# "principios de", "a finales del", "mediados de": edges merged onto the date after them
MODIFIER = re.compile(
    r"(?:(?<=\s)|^)(?:(?:a|hacia|desde|hasta|para)\s+)?(?P<mod>principios|comienzos|inicios|"
    r"mediados|finales|fines|fin|final|mitad|los\s+primeros\s+d[ií]as|los\s+[úu]ltimos\s+d[ií]as"
    r"|primeros\s+d[ií]as|[úu]ltimos\s+d[ií]as)\s+(?:(?:de(?:l)?|de\s+la)\s+)?$",
    re.IGNORECASE,
)
MOD_CODES = {
    "principios": "START",
    "comienzos": "START",
    "inicios": "START",
    "mediados": "MID",
    "mitad": "MID",
    "finales": "END",
    "fines": "END",
    "fin": "END",
    "final": "END",
}


def modifier_code(word: str) -> str:
    folded = fold(word)
    if "primeros" in folded:
        return "START"
    if "ultimos" in folded:
        return "END"
    return MOD_CODES.get(folded, "START")


def _modified_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "finales del año", "principios de siglo": the anchor's unit with an edge."""
    if ctx.anchor is None:
        return None
    unit = fold(m["u"])
    code = modifier_code(m["mod"])
    if unit == "ano":
        reading = cal.year(ctx.anchor.year)
    elif unit == "mes":
        reading = cal.month(ctx.anchor.year, ctx.anchor.month)
    elif unit == "semana":
        reading = cal.week(ctx.anchor)
    else:
        reading = cal.century(ctx.anchor.year // 100 + 1)
    return reading.with_(mod=code, anchored=True)


_MODIFIED_UNIT = Rule(
    "modified_unit",
    compile_(
        r"(?P<mod>principios|comienzos|inicios|mediados|finales|fines|fin)\s+de(?:l)?\s+"
        r"(?P<u>año|mes|semana|siglo)(?!\s+(?:pasad|pr[óo]xim|que|\d|de\s|en\s+curso|anterior))"
        r"(?<!fin\sde\ssemana)"
    ),
    _modified_unit,
)

RULES: tuple[Rule, ...] = (_ORDINAL_PART, _SEASON, _HOLIDAY, _MODIFIED_UNIT)
