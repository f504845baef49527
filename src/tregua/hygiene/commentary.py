"""Inserted commentary: the writer's own opinion dropped into reporting, without attribution.

Two signs, both outside quotation marks and away from any attribution:

- after a commentary marker (``>>``, from the pack's ``commentary_markers``): whatever
  follows is commentary (``paragraphs.py`` cuts it off);
- a sentence that opens with an authorial formula: knowledge or certainty asserted without a
  source ("Ya se sabe que ...", "Está claro que ...", "Es evidente que ..."), a colloquial
  objection ("Solo que ..."), or, inserted after reporting in a paragraph that attributes
  nothing and is otherwise in the third person, the writer in the first person ("Creo que
  ...", "En mi opinión ...").

A sentence with a speech verb or "según" is someone's words, not the writer's, and is left
alone; so is everything inside «», “”, "" or ‘’. The openers are kept short and general on
purpose: each is an authorial formula in any Spanish news text. Measured on the 15,418
articles of ``../shared/data/news-es``: 8 sentences in 8 articles, most of them analysis
written in the reporter's voice. Rhetorical questions and exclamations were tried and left
out: there they were interview questions and chants printed without quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# sentence openers that assert, in the reporter's voice, what no source said; matched as whole
# words at the start of a sentence, case-insensitively
ASSERTION_OPENERS: tuple[str, ...] = (
    # knowledge claimed for everyone
    "ya se sabe que",
    "todo el mundo sabe que",
    "como todos sabemos",
    "a nadie se le escapa que",
    "huelga decir que",
    # certainty claimed by the writer
    "está claro que",
    "es evidente que",
    "es obvio que",
    "no cabe duda de que",
    "no hay duda de que",
    "qué duda cabe",
    "como era de esperar",
    "como cabía esperar",
    # a colloquial objection: "Solo que Rusia goza de ..."
    "solo que",
    "sólo que",
)
# the writer in the first person; speakers say these too, and some outlets print speech
# without quotation marks (news-es: "Creo que es una tarea urgente ..., comentó"), so these
# count only when inserted after reporting, in a paragraph that attributes nothing
FIRST_PERSON_OPENERS: tuple[str, ...] = (
    "creo que",
    "pienso que",
    "opino que",
    "me parece que",
    "a mi juicio",
    "en mi opinión",
    "a mi entender",
    "no nos engañemos",
    "seamos claros",
)
# words that attribute a sentence to someone: then it is reported speech, not commentary
ATTRIBUTION_WORDS: tuple[str, ...] = ("según", "de acuerdo con", "a juicio de", "en opinión de")
# speech verbs beyond the pack's list, by stem: a false match only makes the rule more careful
_SPEECH_STEMS = re.compile(
    r"\b(dij|dic[ei]|afirm|asegur|coment|expres|manifest|señal|indic|agreg|añad|explic|declar"
    r"|sostuv|sostien|precis|puntualiz|subray|destac|apunt|insist|reconoc|admit|advirt|advier"
    r"|denunci|opin|recalc|enfatiz|detall|mencion|conclu|respond|pregunt|lament|aclar|inform"
    r"|anunci|confirm|reiter|argument|plante|relat|narr|contó|cuenta)\w*"
)

_QUOTES = {"«": "»", "“": "”", "‘": "’", '"': '"'}
# a sentence ends at . ! ? … followed by a space; the next one may open with ¿ ¡ « “ or a capital
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[¿¡«“\"‘(]?[A-ZÁÉÍÓÚÑ¿¡])")
# a typo doubling the first capital ("SSolo que") must not hide the opener
_DOUBLED_CAPITAL = re.compile(r"^([A-ZÁÉÍÓÚÑ])\1(?=[a-záéíóúñ])")
# a speaker talking: first-person words, or a first-person plural verb ("tenemos", "fuimos");
# "últimos" matching too only makes the rule more careful
_FIRST_PERSON = re.compile(
    r"\b(yo|me|mi|mis|mí|conmigo|nosotros|nosotras|nos|nuestr[oa]s?|creo|pienso|tengo|soy|estoy"
    r"|fui|he|hice|dije|digo|quiero|puedo|voy|sé|\w+[aei]mos)\b"
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Commentary:
    start: int
    end: int
    reason: str


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets; no cut falls inside quotation marks.

    ``"Dijo «Basta. Ya.» Luego calló."`` gives two sentences.
    """
    inside = _quoted(text, start, end)
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() - 1 in inside:
            continue
        if text[begin : match.start()].strip():
            spans.append((begin, match.start()))
        begin = match.end()
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


def find_commentary(
    text: str, start: int, end: int, speech_verbs: tuple[str, ...]
) -> list[Commentary]:
    """Unattributed opinion sentences in the paragraph ``text[start:end]``.

    ``"Los ataques siguieron. Solo que Rusia goza de autarquía energética."`` gives the
    second sentence; ``"Peskov dijo que está claro que no habrá tregua."`` gives nothing.
    """
    inside = _quoted(text, start, end)
    verbs = frozenset(v.lower() for v in speech_verbs)
    sentences = sentence_spans(text, start, end)
    # a paragraph that quotes or attributes anything, or speaks in the first person, may be
    # printing speech without marks
    speech = ":" in text[start:end] or any(_attributed(text[a:b], verbs) for a, b in sentences)
    found: list[Commentary] = []
    first_person: list[bool] | None = None  # which sentences speak in the first person
    for number, (a, b) in enumerate(sentences):
        if a in inside:
            continue
        sentence = text[a:b]
        head = _DOUBLED_CAPITAL.sub(r"\1", sentence).lower()
        if (opener := _opener(head, ASSERTION_OPENERS)) is not None:
            if not _attributed(sentence, verbs):
                found.append(Commentary(a, b, f"unattributed assertion ('{opener} ...')"))
            continue
        if number == 0 or speech:
            continue  # the rest counts only inserted after reporting, in a paragraph without speech
        if first_person is None:
            first_person = [bool(_FIRST_PERSON.search(text[x:y].lower())) for x, y in sentences]
        if any(said for other, said in enumerate(first_person) if other != number):
            continue
        if (opener := _opener(head, FIRST_PERSON_OPENERS)) is not None:
            found.append(Commentary(a, b, f"the reporter's own opinion ('{opener} ...')"))
    return found


def _opener(head: str, openers: tuple[str, ...]) -> str | None:
    for opener in openers:
        if head.startswith(opener) and not head[len(opener) : len(opener) + 1].isalnum():
            return opener
    return None


def _attributed(sentence: str, verbs: frozenset[str]) -> bool:
    lowered = sentence.lower()
    if any(mark in sentence for mark in _QUOTES):
        return True
    if any(word in lowered for word in ATTRIBUTION_WORDS) or _SPEECH_STEMS.search(lowered):
        return True
    return any(word in verbs for word in _WORD.findall(lowered))


def _quoted(text: str, start: int, end: int) -> set[int]:
    """Offsets inside quotation marks (marks included) within ``text[start:end]``."""
    inside: set[int] = set()
    paragraph = text[start:end]
    if not any(mark in paragraph for mark in _QUOTES):
        return inside  # most paragraphs quote nothing
    opened: tuple[int, str] | None = None
    for index in range(start, end):
        char = text[index]
        if opened is None:
            if char in _QUOTES:
                opened = (index, _QUOTES[char])
        elif char == opened[1] or (opened[1] in "”’" and char in '”’"'):
            inside.update(range(opened[0], index + 1))
            opened = None
    if opened is not None:  # a quote that runs to the end of its paragraph
        inside.update(range(opened[0], end))
    return inside
