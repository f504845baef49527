"""Grammar of durations, repetitions and vague references.

"durante una semana" -> P1W, "tres años y medio" -> P3.5Y, "los próximos días" -> PXD,
"hace tres años" -> the anchor's year minus three, "cada mes" -> SET P1M,
"ahora" -> PRESENT_REF, "recientemente" -> PAST_REF, "a largo plazo" -> FUTURE_REF.
"""

from __future__ import annotations

import re

from tregua.resolve.timex import calendar as cal
from tregua.resolve.timex.base import (
    NUM,
    QUANT_MOD,
    UNIT,
    UNIT_PLURAL,
    VAGUE,
    WEEKDAY,
    WEEKDAY_PLURAL,
    Context,
    Rule,
    compile_,
    weekday_number,
)
from tregua.resolve.timex.calendar import Reading
from tregua.resolve.timex.lexicon import UNITS, fold, number_value, words

_VAGUE_WORDS = frozenset(fold(w) for w in re.findall(r"\w+", VAGUE.replace("[", " ")))
_APPROX = {"unos", "unas", "cerca de", "alrededor de", "aproximadamente"}
_MODS = {
    "mas de": "MORE_THAN",
    "menos de": "LESS_THAN",
    "casi": "LESS_THAN",
    "al menos": "EQUAL_OR_MORE",
    "por lo menos": "EQUAL_OR_MORE",
    "unos": "APPROX",
    "unas": "APPROX",
    "cerca de": "APPROX",
    "alrededor de": "APPROX",
    "aproximadamente": "APPROX",
}


def _unit(word: str) -> tuple[str, bool]:
    return UNITS[fold(word)]


def _amount(words: str | None) -> float | None:
    """A number, or None for a vague quantity ("unos", "varios") or none at all."""
    if not words:
        return None
    folded = fold(words)
    if folded in _VAGUE_WORDS:
        return None
    return number_value(words)


def _mod(words: str | None) -> str | None:
    return _MODS.get(re.sub(r"\s+", " ", fold(words))) if words else None


def _ordinal_second(m: re.Match[str], ctx: Context) -> bool:
    """ "segundo" followed by a noun: "un segundo mandato"."""
    following = ctx.text[m.end() : m.end() + 12]
    if not re.match(r"\s+[a-záéíóúñ]+", following):
        return False
    return not re.match(r"\s+(?:de|del|más|y|o|en|para|por|que|antes|después)\b", following)


def _duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "tres años y medio", "dos horas y 30 minutos", "más de un año", "un día después"."""
    amount = _amount(m["n"])
    if amount is None and m["n"] and fold(m["n"]) not in _VAGUE_WORDS:
        return None
    letter, clock = _unit(m["u"])
    post = fold(m["post"] or "")
    if fold(m["u"]) == "segundo" and _ordinal_second(m, ctx):
        return None  # "un segundo año", "un segundo mandato": an ordinal
    if amount == 1 and letter == "D" and not m["q"] and not post:
        before = ctx.before(m, 12)
        if not re.search(r"(?:durante|en|por|tras|de|hace|cada)\s*$", before):
            return None  # "un día" alone is "some day", not a duration
    if m["frac"] and amount is not None:
        amount += 0.5
    if post == "atras" and amount is not None:
        return _ago(amount, letter, clock, ctx)
    value = cal.duration_value(amount, letter, clock)
    if m["n2"] and m["u2"]:
        second = _amount(m["n2"])
        letter2, clock2 = _unit(m["u2"])
        if second is not None and clock2 == clock:
            value += cal.duration_value(second, letter2, clock2)[2 if clock else 1 :]
    return Reading("DURATION", value, mod=_mod(m["q"]))


_DURATION = Rule(
    "duration",
    compile_(
        rf"(?:(?P<q>{QUANT_MOD})\s+)?(?:(?:los|las|estos|estas|sus)\s+)?(?P<n>{NUM})\s+"
        rf"(?P<u>{UNIT})(?:\s+y\s+(?:(?P<frac>medio|media)(?!\s+{UNIT})|(?P<n2>{NUM})\s+"
        rf"(?P<u2>{UNIT})))?(?:\s+(?P<post>más\s+tarde|después|antes|más|seguid[oa]s"
        r"|consecutiv[oa]s|atrás))?"
    ),
    _duration,
)


def _one_and_a_half(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "año y medio", "hora y media": one unit and a half."""
    letter, clock = _unit(m["u"])
    return Reading("DURATION", cal.duration_value(1.5, letter, clock))


_ONE_AND_A_HALF = Rule(
    "one_and_a_half",
    compile_(r"(?P<u>año|mes|semana|hora|d[ií]a|minuto|siglo)\s+y\s+medi[oa]"),
    _one_and_a_half,
)
_WHILE = Rule(
    "while",
    compile_(r"un\s+(?:buen\s+|largo\s+)?rat(?:o|ito)|unos\s+ratos"),
    lambda m, ctx: Reading("DURATION", "PTXM"),
)


def _coordinated(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "dos o tres años": the first number is a duration of the same unit."""
    amount = _amount(m["n"])
    if amount is None:
        return None
    letter, clock = _unit(m["u"])
    return Reading("DURATION", cal.duration_value(amount, letter, clock))


_COORDINATED = Rule(
    "coordinated",
    compile_(rf"(?P<n>{NUM})(?=\s+(?:o|u|y|a|ó)\s+(?:{NUM})\s+(?P<u>{UNIT}))"),
    _coordinated,
)


def _whole_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "toda la semana", "todo el día": the length of one unit."""
    letter, clock = _unit(m["u"])
    return Reading("DURATION", cal.duration_value(1, letter, clock))


_WHOLE_UNIT = Rule(
    "whole_unit",
    compile_(r"tod[oa]\s+(?:el|la)\s+(?P<u>d[ií]a|semana|mes)(?!\s+de\b)"),
    _whole_unit,
)


def _ago(amount: float, letter: str, clock: bool, ctx: Context) -> Reading | None:
    """ "hace tres años" in 2026 is 2023; "hace tres años y medio" is a month."""
    if clock:
        return None
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-XX-XX", anchored=True)
    if not float(amount).is_integer() and letter in {"Y", "L10"}:
        moved = cal.shift(ctx.anchor, -amount * (12 if letter == "Y" else 120), "M")
        return cal.month(moved.year, moved.month).with_(anchored=True) if moved else None
    moved = cal.shift(ctx.anchor, -amount, letter)
    if moved is None:
        return None
    return cal.at_granularity(moved, letter).with_(anchored=True)


def _hace(m: re.Match[str], ctx: Context) -> Reading | None:
    if m["h2"]:  # "hace tiempo", "no hace mucho"
        return Reading("DURATION", "PXM")
    letter, clock = _unit(m["u"])
    amount = _amount(m["n"]) if m["n"] else None
    if (
        amount is None
        and m["n"] is None
        and fold(m["u"]) in UNITS
        and not fold(m["u"]).endswith("s")
    ):
        amount = 1.0  # "hace un año" with the article taken as the number
    if m["frac"] and amount is not None:
        amount += 0.5
    # "desde hace más de 30 años" is a date with bound "since", as TimeBank-es tags it
    vague = fold(m["q"] or "") in _APPROX or fold(m["h"]).startswith("hacia")
    if amount is None or vague:
        return Reading("DURATION", cal.duration_value(amount, letter, clock), mod=_mod(m["q"]))
    reading = _ago(amount, letter, clock, ctx)
    if reading is None:
        return Reading("DURATION", cal.duration_value(amount, letter, clock))
    return reading.with_(mod=_mod(m["q"]))


_HACE = Rule(
    "hace",
    compile_(
        rf"(?:no\s+)?(?P<h>hace|hacía)\s+(?:(?P<q>{QUANT_MOD})\s+)?(?:(?P<n>{NUM}|{VAGUE})\s+)?"
        rf"(?P<u>{UNIT})(?:\s+y\s+(?P<frac>medio|media))?"
        r"|(?:no\s+)?(?P<h2>hace|hacía)\s+(?:mucho\s+)?(?:tiempo|mucho)"
    ),
    _hace,
)


def _within(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "dentro de dos semanas": the unit that far ahead of the anchor."""
    amount = _amount(m["n"])
    letter, clock = _unit(m["u"])
    if amount is None or clock:
        return Reading("DURATION", cal.duration_value(amount, letter, clock))
    if ctx.anchor is None:
        return Reading("DATE", "XXXX-XX-XX", anchored=True)
    moved = cal.shift(ctx.anchor, amount, letter)
    return cal.at_granularity(moved, letter).with_(anchored=True) if moved else None


_WITHIN = Rule(
    "within",
    compile_(rf"dentro\s+de\s+(?P<n>{NUM}|{VAGUE})\s+(?P<u>{UNIT})"),
    _within,
)


def _last_next(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "los últimos tres meses", "los próximos días", "las últimas semanas"."""
    amount = _amount(m["n"] or m["n1"])
    letter, clock = _unit(m["u"])
    reading = Reading("DURATION", cal.duration_value(amount, letter, clock))
    if amount is None or clock or ctx.anchor is None:
        return reading
    ahead = fold(m["dir"]).startswith(("proxim", "siguiente", "venider"))
    moved = cal.shift(ctx.anchor, amount if ahead else -amount, letter)
    if moved is None:
        return reading
    low, high = (ctx.anchor, moved) if ahead else (moved, ctx.anchor)
    return reading.with_(value=low, value_end=high, anchored=True)


_LAST_NEXT = Rule(
    "last_next",
    compile_(
        rf"(?:los|las|estos|estas|sus)\s+(?:(?P<n1>{NUM})\s+)?(?P<dir>últim[oa]s|ultim[oa]s"
        r"|pr[óo]xim[oa]s|pasad[oa]s|primer[oa]s|siguientes|venider[oa]s)\s+"
        rf"(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT})"
    ),
    _last_next,
)


def _vague_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    letter, clock = _unit(m["u"] or m["u2"])
    return Reading("DURATION", cal.duration_value(None, letter, clock))


_VAGUE_DURATION = Rule(
    "vague_duration",
    compile_(
        rf"(?:{VAGUE})\s+(?P<u>{UNIT_PLURAL})"
        rf"|(?P<u2>{UNIT_PLURAL})\s+(?:después|antes|más\s+tarde|atrás)"
    ),
    _vague_duration,
)


_BARE_UNITS = Rule(
    "bare_units",
    re.compile(
        r"(?<!\w)(?:durante|tras|por|desde\s+hace|después\s+de|llev(?:a|an|o|amos|aba|aban"
        r"|ó|aron)|hace)\s+(?P<x>años|meses|semanas|d[ií]as"
        r"|d[ée]cadas|siglos|horas)(?!\s+de\b)(?!\w)",
        re.IGNORECASE,
    ),
    lambda m, ctx: Reading("DURATION", cal.duration_value(None, *_unit(m["x"]))),
    group="x",
)

# ---------------------------------------------------------------- repetitions

_ADJECTIVE_SETS = {
    "diaria": "P1D",
    "diarias": "P1D",
    "diariamente": "P1D",
    "cotidiano": "P1D",
    "cotidiana": "P1D",
    "semanal": "P1W",
    "semanales": "P1W",
    "semanalmente": "P1W",
    "quincenal": "P15D",
    "quincenales": "P15D",
    "mensual": "P1M",
    "mensuales": "P1M",
    "mensualmente": "P1M",
    "bimensual": "P2M",
    "bimensuales": "P2M",
    "bimestral": "P2M",
    "bimestrales": "P2M",
    "trimestral": "P3M",
    "trimestrales": "P3M",
    "cuatrimestral": "P4M",
    "semestral": "P6M",
    "semestrales": "P6M",
    "anual": "P1Y",
    "anuales": "P1Y",
    "anualmente": "P1Y",
    "bienal": "P2Y",
}


def _either(m: re.Match[str], name: str) -> str | None:
    """Group ``name`` or, when the other alternative matched, ``name + "2"``."""
    value: str | None = m[name]
    if value is None and name + "2" in m.re.groupindex:
        value = m[name + "2"]
    return value


# "barriles diarios", "consumo diario" are daily; "el diario", "dos diarios" are newspapers
_NOT_BEFORE_DAILY = frozenset(
    words(
        "el la los las un una unos unas del al dos tres varios varias otros otras otro este ese "
        "su sus cuyo cuyos en de a por con para según y o"
    )
)


def _daily(m: re.Match[str], ctx: Context) -> Reading | None:
    word = m.group()
    previous = ctx.text[max(0, m.start() - 30) : m.start()].split()
    if word[0].isupper() or not previous:
        return None
    last = previous[-1]
    if not last.isalpha() or fold(last) in _NOT_BEFORE_DAILY or last[0].isupper():
        return None
    return Reading("SET", "P1D")


_DAILY = Rule("daily", compile_(r"diarios?"), _daily)


def _set(m: re.Match[str], ctx: Context) -> Reading | None:
    wd, p, n, u = (_either(m, k) for k in ("wd", "p", "n", "u"))
    if m["adj"]:
        return Reading("SET", _ADJECTIVE_SETS[fold(m["adj"])])
    if wd:
        return Reading("SET", f"XXXX-WXX-{weekday_number(wd)}")
    if m["we"]:
        return Reading("SET", "XXXX-WXX-WE")
    if p:
        codes = {"manana": "MO", "tarde": "AF", "noche": "NI", "madrugada": "MO"}
        return Reading("SET", "PT" + codes[fold(p).rstrip("s")])
    if u is None:
        return None
    amount = _amount(n) if n else 1.0
    letter, clock = _unit(u)
    return Reading("SET", cal.duration_value(amount, letter, clock))


_SET = Rule(
    "set",
    compile_(
        rf"cada\s+(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT})"
        rf"|cada\s+(?P<wd>{WEEKDAY})|cada\s+(?P<p>mañana|tarde|noche|madrugada)"
        rf"|tod[oa]s\s+l[oa]s\s+(?:(?P<n2>{NUM})\s+)?(?P<u2>{UNIT_PLURAL})"
        r"|tod[oa]s\s+l[oa]s\s+(?P<p2>mañanas|tardes|noches)"
        rf"|(?:tod[oa]s\s+)?los\s+(?P<wd2>{WEEKDAY_PLURAL})(?!\s+\d|\s+y\s)"
        r"|(?:tod[oa]s\s+)?los\s+(?P<we>fines\s+de\s+semana)"
        r"|(?P<adj>diarias?|diariamente|cotidian[oa]|semanal(?:es|mente)?|quincenal(?:es)?"
        r"|mensual(?:es|mente)?|bimensual(?:es)?|bimestral(?:es)?|trimestral(?:es)?"
        r"|cuatrimestral|semestral(?:es)?|anual(?:es|mente)?|bienal)"
    ),
    _set,
)


def _per_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "tres veces al año", "100 dólares al mes", "300 francos por noche"."""
    if fold(m["u"]) == "noche":
        return Reading("SET", "PTNI")
    letter, clock = _unit(m["u"])
    return Reading("SET", cal.duration_value(1, letter, clock))


_PER_UNIT = Rule(
    "per_unit",
    compile_(
        r"(?:al|por|a\s+la)\s+(?P<u>d[ií]a|semana|mes|año|noche)"
        r"(?!\s+(?:siguiente|pr[óo]ximo|pasado|anterior|que|de|en|del|actual))"
    ),
    _per_unit,
)

# ---------------------------------------------------------------- vague references


def _ref(kind: str) -> Rule:
    return Rule(
        kind.lower(),
        _REF_PATTERNS[kind],
        lambda m, ctx: Reading("DATE", kind, anchored=True),
        group="x",
    )


_DETERMINER = r"(?:(?<=\bel\s)|(?<=\bla\s)|(?<=\blos\s)|(?<=\blas\s)|(?<=\bdel\s)|(?<=\bsu\s))"
_REF_PATTERNS = {
    "PRESENT_REF": re.compile(
        r"(?<!\w)(?P<x>ahora(?:\s+mismo)?|actualmente|hoy\s+en\s+d[ií]a|hoy\s+por\s+hoy"
        r"|(?<!\bde\s)hoy\s+d[ií]a"
        r"|la\s+actualidad|estos\s+d[ií]as|actual(?:es)?|(?<=\bpor\s)el\s+momento"
        r"|(?<=\bhasta\s)el\s+momento|(?:este|estos)\s+momentos?"
        r"|(?<=\ben\s)el\s+presente|(?<=\bal\s)presente)(?!\w)(?!\s+(?:de|que|en\s+que)\b)",
        re.IGNORECASE,
    ),
    "PAST_REF": re.compile(
        r"(?<!\w)(?P<x>recientemente|reci[ée]n|recientes?|[úu]ltimamente|antaño|antiguamente"
        r"|el\s+otro\s+d[ií]a"
        r"|aquel\s+entonces|(?<=\bdesde\s)entonces|(?<=\bhasta\s)entonces|(?<=\bde\s)entonces"
        r"|(?<=\bpara\s)entonces|(?<=\ben\s)el\s+pasado|(?<=\bdel\s)pasado(?=\s*[,.;:]|\s+y\s)"
        r"|" + _DETERMINER + r"pasad[oa]s?(?=\s+[a-záéíóúñ]{4,})(?!\s+mañana))(?!\w)",
        re.IGNORECASE,
    ),
    # bare "futuro" is left out: "el futuro acuerdo" is an adjective TimeBank-es rarely tags
    "FUTURE_REF": re.compile(
        r"(?<!\w)(?P<x>futur(?:a|as|os)|(?<=\ben\s)el\s+futuro|(?<=\bdel\s)futuro"
        r"|(?<=\bde\s)futuro|(?<=\bel\s)futuro(?=\s*[,.;:])"
        r"|pr[óo]ximamente|(?:largo|medio|corto)\s+plazo|alg[úu]n\s+d[ií]a"
        r"|cualquier\s+momento|pr[óo]xim[oa]s?)(?!\w)",
        re.IGNORECASE,
    ),
}

RULES: tuple[Rule, ...] = (
    _DURATION,
    _COORDINATED,
    _WHOLE_UNIT,
    _ONE_AND_A_HALF,
    _WHILE,
    _HACE,
    _WITHIN,
    _LAST_NEXT,
    _VAGUE_DURATION,
    _BARE_UNITS,
    _SET,
    _DAILY,
    _PER_UNIT,
    _ref("PRESENT_REF"),
    _ref("PAST_REF"),
    _ref("FUTURE_REF"),
)
