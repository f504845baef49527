"""Stances: where a speaker stands on an issue of the agenda, from what they are quoted saying.

First version (issue #6 deepens it): a quote that raises an issue's cue words gives its
speaker's side a stance on that issue; a condition ("si Rusia ...") makes it conditional,
a negation or a refusal makes it oppose, anything else support.
"""

from __future__ import annotations

import re

from tregua.model import Polarity, Quote, Span, Stance
from tregua.pack import DomainPack

_CONDITION = re.compile(r"\b(si|siempre que|a condición de que|con la condición)\b", re.I)
_AGAINST = re.compile(r"\b(no|nunca|jamás|rechaz\w*|inaceptable|se opone\w*)\b", re.I)


def polarity_of(text: str) -> Polarity:
    """``"respetaría el alto el fuego si Rusia correspondía"`` -> ``"conditional"``."""
    if _CONDITION.search(text):
        return "conditional"
    if _AGAINST.search(text):
        return "oppose"
    return "support"


def find_stances(quotes: tuple[Quote, ...], text: str, pack: DomainPack) -> tuple[Stance, ...]:
    """One stance per (side, issue): the first quote of that side raising the issue."""
    stances: list[Stance] = []
    seen: set[tuple[str, str]] = set()
    for quote in quotes:
        if quote.speaker_country is None:
            continue
        lowered = quote.text.lower()
        for issue in pack.issues:
            if not any(cue.lower() in lowered for cue in issue.cues):
                continue
            key = (quote.speaker_country, issue.key)
            if key in seen:
                continue
            seen.add(key)
            stances.append(
                Stance(
                    quote.speaker,
                    quote.speaker_country,
                    issue.key,
                    polarity_of(quote.text),
                    Span(quote.start, quote.end, text[quote.start : quote.end]),
                )
            )
    return tuple(stances)
