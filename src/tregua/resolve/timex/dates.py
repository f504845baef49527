"""Grammar of calendar dates: days, weekdays, months, years, decades, centuries.

"el 24 de enero de 2026", "23 y 24 de enero", "el jueves pasado", "hoy, jueves",
"en enero", "noviembre de 2025", "el 2000", "los años 90", "el siglo XIX".
A date without a year takes the one nearest the anchor, or the side the tense points to.
"""

from __future__ import annotations

import datetime as dt
import re

from tregua.resolve.timex import calendar as cal
from tregua.resolve.timex.base import (
    DAY,
    DECADE_WORD,
    MONTH,
    WEEKDAY,
    YEAR,
    Context,
    Rule,
    compile_,
    direction_of,
    month_number,
    weekday_number,
)
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.lexicon import (
    DECADE_WORDS,
    NUMBERS,
    QUANTITY_NOUNS,
    alternation,
    fold,
    number_value,
    roman_value,
)

_POST = r"(?:pasad[oa]s?|pr[óo]xim[oa]s?|venider[oa]|siguiente|que\s+viene|entrante)"

# ---------------------------------------------------------------- day and month


# "el uno de agosto", "el primero de mayo", "treinta y uno de diciembre"
DAY_WORD = alternation(
    ["primero"]
    + [w for w, n in NUMBERS.items() if 1 <= n <= 31 and w not in {"un", "una", "par", "docena"}]
)
DAY_WORD = rf"(?:treinta\s+y\s+uno|{DAY_WORD})"


def _day_value(d: str) -> int:
    if d[0].isdigit():
        return int(d.rstrip("º°"))
    folded = fold(d)
    return 1 if folded == "primero" else int(number_value(d) or 0) or 1


def _full_date(m: re.Match[str], ctx: Context) -> Reading | None:
    number = month_number(m["m"])
    first = _day_value(m["d1"])
    last = _day_value(m["d2"]) if m["d2"] else None
    if last is not None and last <= first:
        last = None
    direction = direction_of(m["pre"] or m["post"])
    try:
        if m["y"]:
            value = dt.date(int(m["y"]), number, first)
            has_year = True
        elif ctx.anchor is not None:
            found = cal.directed_date(number, first, ctx.anchor, direction)
            if found is None:
                raise ValueError(f"no {first}/{number} near {ctx.anchor}")
            value, has_year = found, False
        else:
            dt.date(2000, number, first)  # validates the day (29 February passes)
            return Reading("DATE", f"XXXX-{number:02d}-{first:02d}", granularity="day")
        end = value.replace(day=last) if last else None
    except ValueError:
        # "el 31 de febrero": a date, but none that exists
        return Reading("DATE", "XXXX-XX-XX", granularity="day", anchored=True)
    reading = cal.day(value, end, has_year=has_year)
    return reading.with_(anchored=not has_year)


_FULL_DATE = Rule(
    "full_date",
    compile_(
        rf"(?:(?:el|del|al|los|entre\s+el)\s+)?(?:(?P<pre>pasado|pr[óo]ximo)\s+)?"
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:d[ií]as?\s+)?(?P<d1>{DAY}|{DAY_WORD})"
        rf"(?:(?P<join>\s*(?:y|al|a|-|–|,)\s*(?:el\s+)?)(?P<d2>{DAY}))?"
        rf"\s+de\s+(?P<m>{MONTH})"
        rf"(?:\s*(?:de(?:l)?|,)?\s*(?:año\s+)?(?P<y>{YEAR}))?"
        rf"(?:\s+(?P<post>{_POST}))?"
    ),
    _full_date,
)


def _weekday_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "el jueves 29": the day of the month nearest the anchor on that weekday."""
    number = _day_value(m["d"])
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-XX-{number:02d}", granularity="day")
    wanted = weekday_number(m["wd"])
    best: dt.date | None = None
    for months in (0, -1, 1):
        base = cal.shift_month(ctx.anchor.replace(day=1), months)
        try:
            candidate = base.replace(day=number)
        except ValueError:
            continue
        if candidate.isoweekday() == wanted:
            best = candidate
            break
    if best is None:
        try:
            best = ctx.anchor.replace(day=number)
        except ValueError:
            return None
    return cal.day(best).with_(anchored=True)


_WEEKDAY_DAY = Rule(
    "weekday_day",
    compile_(
        rf"(?:(?:el|del|al|este|esta)\s+)?(?P<wd>{WEEKDAY}),?\s+(?:d[ií]a\s+)?(?P<d>{DAY})"
        r"(?!\s*(?:de\s|[%.,:]\d))"
    ),
    _weekday_day,
)


def _day_only(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "el día 13": that day of the anchor's month, or of the next or last one by tense."""
    number = _day_value(m["d"])
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-XX-{number:02d}", granularity="day")
    direction = direction_of(m["pre"])
    base = ctx.anchor.replace(day=1)
    candidate = _safe_day(base, number)
    if candidate is None:
        return None
    # a day of the month is the anchor's month (TimeBank-es reads it so even in the past)
    # unless "próximo"/"pasado" moves it
    if direction == "future" and candidate < ctx.anchor:
        candidate = _safe_day(cal.shift_month(base, 1), number) or candidate
    elif direction == "past" and candidate > ctx.anchor:
        candidate = _safe_day(cal.shift_month(base, -1), number) or candidate
    return cal.day(candidate).with_(anchored=True)


def _safe_day(base: dt.date, number: int) -> dt.date | None:
    try:
        return base.replace(day=number)
    except ValueError:
        return None


_DAY_ONLY = Rule(
    "day_only",
    compile_(
        rf"(?:el|del|al|los)\s+(?:(?P<pre>pasado|pr[óo]ximo)\s+)?d[ií]as?\s+(?P<d>{DAY})"
        r"(?!\s*(?:de\s|[%.,:]\d))"
    ),
    _day_only,
)

# ---------------------------------------------------------------- today, yesterday, weekdays

_RELATIVE_DAYS = {"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "manana": 1}
# "mañana" after these words is the morning, not tomorrow
_MORNING_BEFORE = re.compile(r"(?:\b(?:la|esta|esa|una|cada|toda|misma|media)\s*$|\bpasado\s*$)")


# "la hoy extinta Yugoslavia", "que hoy dirige", "y hoy hay 300": "hoy" as "nowadays"
_NOWADAYS_BEFORE = re.compile(r"\b(?:la|el|los|las|lo)\s*$")
_NOWADAYS_AFTER = re.compile(
    r"\s*(?:tan|es|son|está|están|hay|sigue|siguen|tiene|tienen|vive|viven|existe|existen"
    r"|ocupa|ocupan|dirige|preside|cuenta|cuentan|parece|queda|quedan|representa)\b",
    re.IGNORECASE,
)


def _relative_day(m: re.Match[str], ctx: Context) -> Reading | None:
    word = fold(m["w"])
    if (
        word == "hoy"
        and not m["pre"]
        and not m["wd"]
        and (_NOWADAYS_BEFORE.search(ctx.before(m, 6)) or _NOWADAYS_AFTER.match(ctx.text, m.end()))
    ):
        return Reading("DATE", "PRESENT_REF", anchored=True)
    if word == "manana" and not m["pre"] and _MORNING_BEFORE.search(ctx.before(m, 12)):
        return None
    offset = 2 if word.startswith("pasado") else _RELATIVE_DAYS.get(word.split()[-1], 0)
    if word.startswith("antes"):
        offset = -2
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-XX-XX", granularity="day", anchored=True)
    return cal.day(ctx.anchor + dt.timedelta(days=offset)).with_(anchored=True)


_RELATIVE_DAY = Rule(
    "relative_day",
    compile_(
        r"(?:(?P<pre>el\s+d[ií]a\s+de|la\s+jornada\s+de|al\s+d[ií]a\s+de|a\s+d[ií]a\s+de)\s+)?"
        r"(?P<w>pasado\s+mañana|antes\s+de\s+ayer|anteayer|antier|hoy|ayer|mañana)"
        rf"(?:\s+mismo)?(?:(?:\s*,\s*|\s+)(?P<wd>{WEEKDAY})(?!\s*\d))?"
    ),
    _relative_day,
)


def _weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    number = weekday_number(m["wd"])
    words = fold(" ".join(w for w in (m["det"], m["post"]) if w))
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-WXX-{number}", granularity="day", anchored=True)
    explicit = direction_of(m["post"]) or (
        "past" if "pasado" in words else "future" if "proxim" in words else None
    )
    if explicit == "past":
        back = (ctx.anchor.isoweekday() - number) % 7 or 7
        return cal.day(ctx.anchor - dt.timedelta(days=back)).with_(anchored=True)
    if explicit == "future":
        return cal.day(cal.weekday_date(number, ctx.anchor, "future")).with_(anchored=True)
    direction = ctx.tense(m)
    det = fold(m["det"] or "")
    if direction is None and det == "del":
        # "el partido del sábado", "la reunión del viernes": an event still ahead (or today)
        ahead = (number - ctx.anchor.isoweekday()) % 7
        return cal.day(ctx.anchor + dt.timedelta(days=ahead)).with_(anchored=True)
    if direction is None and det in {"este", "esta"}:
        # "este viernes": the Friday of the anchor's week
        monday = ctx.anchor - dt.timedelta(days=ctx.anchor.isoweekday() - 1)
        return cal.day(monday + dt.timedelta(days=number - 1)).with_(anchored=True)
    before = ctx.before(m, 8)
    if re.search(r"\bpara\s*$", before) or (
        direction is None and re.search(r"\bhasta\s*$", before)
    ):
        direction = "future"  # "para el domingo", "hasta el jueves"
    return cal.day(cal.weekday_date(number, ctx.anchor, direction)).with_(anchored=True)


_WEEKDAY = Rule(
    "weekday",
    compile_(
        r"(?:(?P<det>el|del|al|este|esta|ese|el\s+pr[óo]ximo|el\s+pasado|del\s+pr[óo]ximo"
        r"|del\s+pasado|este\s+pasado|este\s+pr[óo]ximo|pasado|pr[óo]ximo)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<post>pasado|pr[óo]ximo|que\s+viene|venidero|entrante))?"
    ),
    _weekday,
)

# ---------------------------------------------------------------- months and years


def _year_from_words(words: str, anchor: dt.date | None) -> int | None:
    """The year "de este año", "del año pasado", "de 2025" name."""
    folded = fold(words)
    digits = re.search(r"\d{4}", folded)
    if digits:
        return int(digits.group())
    if anchor is None:
        return None
    if "pasado" in folded or "anterior" in folded:
        return anchor.year - 1
    if "proxim" in folded or "que viene" in folded or "siguiente" in folded:
        return anchor.year + 1
    return anchor.year


def _month(m: re.Match[str], ctx: Context) -> Reading | None:
    number = month_number(m["m"])
    if _inside_name(m, ctx):
        return None
    if m["y"]:
        return cal.month(int(m["y"]), number, has_year=True)
    if m["yrel"]:
        found = _year_from_words(m["yrel"], ctx.anchor)
        return cal.month(found, number).with_(anchored=True) if found else None
    if ctx.anchor is None:
        return Reading("DATE", f"XXXX-{number:02d}", granularity="month", anchored=True)
    direction = direction_of(m["post"]) or direction_of(m["pre"])
    if direction == "past":
        y = ctx.anchor.year if number < ctx.anchor.month else ctx.anchor.year - 1
    elif direction == "future":
        y = ctx.anchor.year if number > ctx.anchor.month else ctx.anchor.year + 1
    else:
        y = cal.directed_month(number, ctx.anchor, ctx.tense(m) if _far(number, ctx) else None)
    return cal.month(y, number).with_(anchored=True)


def _far(number: int, ctx: Context) -> bool:
    """Tense decides the year only for months far from the anchor's (3+ months away)."""
    assert ctx.anchor is not None
    return abs(number - ctx.anchor.month) >= 3


def _inside_name(m: re.Match[str], ctx: Context) -> bool:
    """ "Plaza de Mayo", "Revolución de Octubre": a capitalised month after a capitalised name."""
    word = m["m"]
    if not word[0].isupper() or m.start("m") != m.start():
        return False
    before = ctx.text[max(0, m.start() - 30) : m.start()].split()
    return len(before) >= 2 and before[-1] in {"de", "del"} and before[-2][:1].isupper()


_MONTH = Rule(
    "month",
    compile_(
        r"(?:(?P<pre>(?:el|del|al)\s+(?:pasado\s+|pr[óo]ximo\s+)?mes\s+de|(?:el|del)\s+pasado"
        r"|(?:el|del)\s+pr[óo]ximo|mes\s+de)\s+)?"
        rf"(?P<m>{MONTH})"
        rf"(?:\s*(?:de(?:l)?|,)?\s*(?:año\s+)?(?P<y>{YEAR})"
        r"|\s+de(?:l)?\s+(?P<yrel>este\s+año|ese\s+año|(?:el\s+)?año\s+(?:pasado|pr[óo]ximo|"
        r"que\s+viene|en\s+curso)|(?:el\s+)?pr[óo]ximo\s+año|(?:el\s+)?pasado\s+año"
        r"|(?:el\s+)?presente\s+año))?"
        rf"(?:\s+(?P<post>{_POST}))?"
    ),
    _month,
)

# nouns after a four-digit number that make it a count: "2000 soldados"
_COUNT_BEFORE = re.compile(r"(?:[$€£]|us\$|n\.?º|num\.?|numero|articulo|ley|resolucion)\s*$")


def _year(m: re.Match[str], ctx: Context) -> Reading | None:
    number = int(m["y"])
    after = ctx.after(m, 20).split()
    if after and after[0].strip(",.;:") in QUANTITY_NOUNS:
        return None
    if re.match(r"\s*(?:%|por\s+cien)", ctx.text[m.end() : m.end() + 12], re.IGNORECASE):
        return None  # "2000 por ciento"
    if _COUNT_BEFORE.search(ctx.before(m, 10)):
        return None
    context_words = (
        m["det"]
        or m["ano"]
        or re.search(
            r"(?:\ben|\bde|\bdesde|\bhasta|\bentre|\by|\bpara|\bantes\s+de|\bdespues\s+de)\s*$",
            ctx.before(m, 16),
        )
    )
    if number < 1800 and not context_words:
        return None
    if m["y2"]:
        last = int(m["y2"]) if len(m["y2"]) == 4 else number // 100 * 100 + int(m["y2"])
        if last <= number:
            return None
        reading = cal.year(number, has_year=True)
        return reading.with_(value_end=dt.date(last, 12, 31))
    return cal.year(number, has_year=True)


_YEAR = Rule(
    "year",
    re.compile(
        r"(?<![\w.,$€])(?:(?P<det>el|del|al)\s+)?(?:(?P<ano>año)\s+)?(?P<y>"
        + YEAR
        + r")(?:\s*[-–/]\s*(?P<y2>"
        + YEAR
        + r"|\d\d))?(?![\w]|[.,]\d)",
        re.IGNORECASE,
    ),
    _year,
)


def _decade(m: re.Match[str], ctx: Context) -> Reading | None:
    digits = m["d"]
    folded = fold(digits)
    if folded in DECADE_WORDS:
        return cal.decade(1900 + 10 * DECADE_WORDS[folded])
    number = int(re.sub(r"\D", "", digits))
    if number >= 1000:
        return cal.decade(number)
    if number % 10 or number > 90:
        return None
    return cal.decade(1900 + number)


_DECADE = Rule(
    "decade",
    compile_(
        r"(?:(?:los|las|la|de\s+los)\s+)?(?:d[ée]cadas?\s+de\s+(?:los\s+)?(?:años\s+)?|años\s+)"
        rf"(?P<d>(?:19|20)\d0|'?\d0|{DECADE_WORD})s?"
    ),
    _decade,
)
_DECADE_SHORT = Rule(
    "decade_short",
    compile_(rf"los\s+(?P<d>'?[2-9]0|{DECADE_WORD})(?=\s*(?:[,.;:)]|$|y\s|del\s+siglo))"),
    _decade,
)


def _century(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["n"]:
        number = int(m["n"]) if m["n"].isdigit() else roman_value(m["n"])
        if not number or number > 30:
            return None
        return cal.century(number)
    if ctx.anchor is None:
        return Reading("DATE", "XX", granularity="century", anchored=True)
    current = ctx.anchor.year // 100 + 1
    offset = -1 if "pasado" in fold(m.group()) else 1 if "proxim" in fold(m.group()) else 0
    return cal.century(current + offset).with_(anchored=True)


_CENTURY = Rule(
    "century",
    re.compile(
        r"(?<!\w)(?:(?:el|del|al)\s+)?siglo\s+(?P<n>[IVXLC]+|\d{1,2})(?![\w])"
        r"|(?<!\w)(?:este|el\s+presente|el\s+actual|el\s+nuevo|del\s+presente|el\s+pr[óo]ximo)"
        r"\s+siglo(?!\s+[IVXLC\d])(?!\w)|(?<!\w)(?:el|del)\s+siglo\s+pasado(?!\w)",
        re.IGNORECASE,
    ),
    _century,
)

RULES: tuple[Rule, ...] = (
    _FULL_DATE,
    _WEEKDAY_DAY,
    _DAY_ONLY,
    _RELATIVE_DAY,
    _WEEKDAY,
    _MONTH,
    _YEAR,
    _DECADE,
    _DECADE_SHORT,
    _CENTURY,
)
