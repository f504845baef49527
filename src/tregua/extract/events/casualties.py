"""Casualty figures stated beside an event: "dejó dos muertos y 12 heridos"."""

from __future__ import annotations

import re

_NUMBER_WORDS = {
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "veinte": 20,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "cien": 100,
}
_COUNT = r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")"
_DEAD = re.compile(
    _COUNT
    + r"\s+(?:personas?\s+|civiles\s+|niños\s+)?(?:muert[oa]s?|fallecid[oa]s?|víctimas mortales)",
    re.IGNORECASE,
)
_INJURED = re.compile(
    _COUNT + r"\s+(?:personas?\s+|otras\s+|otros\s+|civiles\s+)?(?:herid[oa]s?)", re.IGNORECASE
)


def dead(text: str) -> int | None:
    """The number of dead ``text`` states: "dejó dos muertos" gives 2."""
    return _count(_DEAD, text)


def injured(text: str) -> int | None:
    """The number of injured ``text`` states: "y 12 heridos" gives 12."""
    return _count(_INJURED, text)


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]
