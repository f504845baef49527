"""What the words around an expression say about it: tense, bounds, sentence limits.

"se celebrarán nuevas reuniones el 1 de febrero" puts "el 1 de febrero" in the future;
"Putin declaró el miércoles" puts "el miércoles" in the past; "hasta el 1 de febrero"
makes the date an upper bound.
"""

from __future__ import annotations

import re
from typing import Literal

from tregua.resolve.timex.calendar import Direction

Bound = Literal["since", "until", "before", "after"]

# verb endings and auxiliaries that set the time of a clause; lower-case words only, so
# that names ("Irán", "Teherán") do not read as futures
_FUTURE = re.compile(
    r"(?<![\wÁÉÍÓÚÑ])(?:[a-zñáéíóú]{2,}(?:rá|rán|ré|rás|remos|ríamos)"
    r"|(?:podr|deber|ser|tendr|estar|har|dir|querr|sabr|pondr|saldr|vendr)ían?"
    r"|(?:va|van|vamos|voy|vas)\s+a\s+[a-zñáéíóú]+(?:ar|er|ir|arse|erse|irse)"
    r"|(?:a|por)\s+[a-zñ]+(?:arse|erse|irse)"
    r"|(?i:previst[oa]s?|programad[oa]s?|prevé|prevén|planea|planean|se\s+espera|esperan"
    r"|pretende|pretenden|intentará|intentarán"
    r"|se\s+acerca|próxim[oa]|previsiblemente))(?![\wáéíóúñ])"
)
_PAST = re.compile(
    r"(?<![\wÁÉÍÓÚÑ])(?:[a-zñáéíóú]{2,}(?:ó|aron|ieron|yeron|aba|aban|ábamos)"
    r"|(?:había|habían|habría|habrían|hubo|hubiera|hubieran)\s+[a-zñáéíóú]+(?:ado|ido|to|cho|so)"
    r"|[a-zñáéíóú]{4,}é"
    r"|(?i:fue|fueron|fui|fuimos|era|eran|estuvo|estuve|estuvimos|estaba|estaban|dijo|dije"
    r"|dijeron|hizo|hice|hicimos|tuvo|tuve|vino|vine|puso|quiso|pudo|desde|tras))(?![\wáéíóúñ])"
)
_SENTENCE_END = re.compile(r"[.;!?\n]\s")
# a sentence is looked for this far around an expression at most
SENTENCE_REACH = 400
_BOUNDS: tuple[tuple[re.Pattern[str], Bound], ...] = (
    (re.compile(r"(?:desde|a\s+partir\s+de(?:l)?|de(?:sde)?\s+hace)\s*$", re.IGNORECASE), "since"),
    (re.compile(r"(?:hasta|a\s+más\s+tardar)\s*$", re.IGNORECASE), "until"),
    (re.compile(r"antes\s+de(?:l)?\s*$", re.IGNORECASE), "before"),
    (re.compile(r"(?:después\s+de(?:l)?|tras)\s*$", re.IGNORECASE), "after"),
)


def sentence_limits(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence around ``text[start:end]`` (punctuation-based)."""
    left = max(0, start - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, left, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_REACH))
    right = right_match.start() + 1 if right_match else min(len(text), end + SENTENCE_REACH)
    return left, right


Markers = list[tuple[int, int, Direction]]


def verb_markers(text: str, left: int, right: int) -> Markers:
    """The future and past verb forms of ``text[left:right]``, in no order."""
    readings: tuple[tuple[re.Pattern[str], Direction], ...] = ((_FUTURE, "future"), (_PAST, "past"))
    return [
        (m.start(), m.end(), direction)
        for pattern, direction in readings
        for m in pattern.finditer(text, left, right)
    ]


def tense(
    text: str, start: int, end: int, cache: dict[tuple[int, int], Markers] | None = None
) -> Direction | None:
    """Past or future from the verb nearest to ``text[start:end]`` in its sentence.

    ``cache`` keeps each sentence's verbs for the next expression of the same sentence.
    """
    limits = sentence_limits(text, start, end)
    if cache is None:
        markers = verb_markers(text, *limits)
    else:
        if limits not in cache:
            cache[limits] = verb_markers(text, *limits)
        markers = cache[limits]
    best: tuple[int, Direction] | None = None
    for m_start, m_end, direction in markers:
        if m_start >= start and m_end <= end:
            continue
        distance = start - m_end if m_end <= start else m_start - end
        # the verb before an expression governs it more often than the one after
        distance = distance if m_end <= start else distance + 8
        if best is None or distance < best[0]:
            best = (max(distance, 0), direction)
    return best[1] if best else None


def bound(text: str, start: int) -> Bound | None:
    """ "since"/"until"/"before"/"after" when a preposition right before ``start`` says so."""
    before = text[max(0, start - 24) : start]
    for pattern, kind in _BOUNDS:
        if pattern.search(before):
            return kind
    return None
