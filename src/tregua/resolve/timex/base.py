"""What every grammar rule shares: the rule record, the context it reads, regex fragments.

A rule is a regex and a function from its match to a ``Reading``; the engine runs them all,
keeps the longest non-overlapping matches and builds them in text order, so that "ese
día" can read the last date before it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tregua.resolve.timex import context as ctx_words
from tregua.resolve.timex.calendar import Direction, Reading
from tregua.resolve.timex.lexicon import (
    DECADE_WORDS,
    MONTHS,
    NUMBERS,
    UNIT_WORDS,
    WEEKDAYS,
    alternation,
    fold,
    words,
)


@dataclass(slots=True)
class Context:
    """The text, its anchor (publication date) and the last absolute date seen so far."""

    text: str
    anchor: dt.date | None
    reference: Reading | None = None
    reference_of_day: Reading | None = None
    _tenses: dict[tuple[int, int], Direction | None] = field(default_factory=dict)
    _verbs: dict[tuple[int, int], ctx_words.Markers] = field(default_factory=dict)

    def tense(self, m: re.Match[str]) -> Direction | None:
        key = (m.start(), m.end())
        if key not in self._tenses:
            self._tenses[key] = ctx_words.tense(self.text, m.start(), m.end(), self._verbs)
        return self._tenses[key]

    def before(self, m: re.Match[str], width: int = 30) -> str:
        """Folded text just before the match: "por la" in "por la mañana"."""
        return fold(self.text[max(0, m.start() - width) : m.start()])

    def after(self, m: re.Match[str], width: int = 30) -> str:
        return fold(self.text[m.end() : m.end() + width])

    def reference_day(self, day_only: bool = False) -> dt.date | None:
        """The day "ese día" points to: the last date read (with ``day_only``, the last
        one naming a single day), else the anchor."""
        reference = self.reference_of_day if day_only else self.reference
        if reference is not None and reference.value is not None:
            return reference.value
        return self.anchor


Build = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    build: Build
    group: str | None = None  # the named group that is the expression; the whole match if None


def compile_(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + pattern + r")(?![\w])", re.IGNORECASE)


MONTH = alternation(MONTHS)
WEEKDAY = alternation(["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"])
WEEKDAY_PLURAL = alternation(
    ["lunes", "martes", "miércoles", "jueves", "viernes", "sábados", "domingos"]
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:º|°)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_NUMBER_WORDS = alternation([w for w in NUMBERS if w not in {"par", "docena", "media", "medio"}])
NUM = (
    rf"(?:\d+(?:[.,]\d+)?|{_NUMBER_WORDS}(?:\s+y\s+{_NUMBER_WORDS})?(?:\s+mil)?"
    r"|un\s+par\s+de|una\s+docena\s+de|media|medio)"
)
UNIT = alternation(UNIT_WORDS)
UNIT_PLURAL = alternation([w for w in UNIT_WORDS if w.endswith("s")])
DECADE_WORD = alternation(DECADE_WORDS)
PAST_WORDS = alternation(["pasado", "pasada", "pasados", "pasadas", "anterior", "último", "última"])
NEXT_WORDS = alternation(
    [
        *("próximo", "próxima", "próximos", "próximas", "que viene", "venidero", "venidera"),
        *("entrante", "siguiente", "posterior"),
    ]
)
VAGUE = alternation(
    words("unos unas varios varias algunos algunas muchos muchas pocos pocas tantos tantas")
)
QUANT_MOD = (
    r"(?:más\s+de|menos\s+de|casi|cerca\s+de|alrededor\s+de|al\s+menos|por\s+lo\s+menos"
    r"|apenas|unos|unas|poco\s+más\s+de|algo\s+más\s+de|aproximadamente|escasamente"
    r"|s[óo]lo|solamente|exactamente|justo|ya)"
)


def direction_of(word: str | None) -> Direction | None:
    """ "pasado" -> past, "próximo" -> future, else None."""
    if not word:
        return None
    folded = fold(word)  # "pasado", "el pasado mes de", "que viene"
    if re.search(r"\b(?:pasad|anterior|ultim)", folded):
        return "past"
    if re.search(r"\b(?:proxim|que viene|venider|entrante|siguiente|posterior)", folded):
        return "future"
    return None


def weekday_number(word: str) -> int:
    folded = fold(word)
    return WEEKDAYS[folded[:-1] if folded.endswith("os") else folded]


def month_number(word: str) -> int:
    return MONTHS[fold(word)]
