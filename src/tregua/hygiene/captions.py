"""Photo captions left in the body of an article.

A caption names who or what is in a picture. Three signs, from the text alone:

- a photo cue: "(en la foto)", "(izquierda)";
- a bare name line: short, opening with a name, no full stop ("Steve Witkoff", "Kirill
  Dmitriev, director del fondo soberano de Rusia");
- a paragraph repeated further down (``paragraphs.py`` sees the repeat).

And one that needs the parse, applied by ``mark_verbless_captions`` once the language stage
has run: a single sentence without a finite verb, shaped as a noun phrase and an aside
("El enviado especial Steve Witkoff, a su llegada a Moscú."; "Emmanuel Macron y Keir
Starmer, durante su comparecencia conjunta en el Elíseo."). On the 15,418 articles of
``../shared/data/news-es`` 5,183 paragraphs have the shape and 11 of them no verb: award
lines, lists of names and two sentences whose verb the tagger missed ("El Valencia, con dos
puntos más, parte como favorito ..."); captions are not skipped by the extractors of quotes,
so such a miss costs an event, not a quote.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from tregua.hygiene.lines import FUNCTION_WORDS
from tregua.model import CleanDoc, Flag, Paragraph

# photo-credit cues of captions left in the body
_CAPTION_CUES = re.compile(r"\((en la )?(foto|imagen|centro|izquierda|derecha)\)", re.IGNORECASE)
_FINAL_PUNCT = re.compile(r"[.!?»\"”’':;]$")
# a noun phrase, a comma, an aside, a full stop; no quote, colon or second sentence
_CAPTION_SHAPE = re.compile(r"^[A-ZÁÉÍÓÚÑ][^:;()\"«»“”‘’.]*,[^:;\"«»“”‘’.]*\.$")
_ARTICLES = frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas"})
# a caption line is short; a dateline ("Pachuca, Hgo., 11 de julio.") is shorter still
MAX_CAPTION_WORDS = 35
MIN_CAPTION_WORDS = 5
MIN_WORDS_WITH_DIGITS = 8
MAX_CAPTION_COMMAS = 2
MAX_NAME_LINE_WORDS = 12


def looks_like_caption(body: str, *, repeated: bool) -> bool:
    """A photo cue, a bare name line, or a repeated paragraph.

    ``"Steve Witkoff"``, ``"Kirill Dmitriev, director del fondo soberano"`` and
    ``"Putin (en la foto) llegó."`` are captions; ``"Putin llegó a Moscú el martes."`` is
    not, nor are the subheads and labels of a page ("Las claves del acuerdo", "EMPLEO",
    "Alineaciones:"), which open with one capital, shout, or end in a colon.
    """
    if _CAPTION_CUES.search(body) or repeated:
        return True
    words = body.split()
    return (
        2 <= len(words) <= MAX_NAME_LINE_WORDS
        and not _FINAL_PUNCT.search(body)
        and ":" not in body
        and not body.isupper()
        # a name opens it: two capitalised words ("Steve Witkoff", "Kirill Dmitriev,"), not
        # an article or a preposition ("La OTAN prepara ...", "Sin Zelenski y Putin")
        and all(w[:1].isupper() for w in words[:2])
        and words[0].lower() not in FUNCTION_WORDS
    )


def has_caption_shape(body: str) -> bool:
    """One sentence shaped as a noun phrase and an aside: a caption if it has no verb.

    ``"El enviado Steve Witkoff, a su llegada a Moscú."`` has the shape.
    """
    words = body.split()
    if not MIN_CAPTION_WORDS <= len(words) <= MAX_CAPTION_WORDS:
        return False
    if not _CAPTION_SHAPE.match(body) or body.count(",") > MAX_CAPTION_COMMAS:
        return False
    if any(ch.isdigit() for ch in body) and len(words) < MIN_WORDS_WITH_DIGITS:
        return False
    # it opens with an article ("El enviado ...") or a name of two words ("Emmanuel Macron")
    return words[0].lower() in _ARTICLES or words[1][:1].isupper()


def mark_verbless_captions(clean: CleanDoc, finite_verbs: Iterable[tuple[int, str]]) -> CleanDoc:
    """Reporting paragraphs with the caption shape and no finite verb become captions.

    ``finite_verbs`` are the (offset, text) of the tokens the tagger calls finite verbs. A
    capitalised one inside a paragraph is a name the tagger got wrong ("Macron"), not a verb.
    """
    offsets = [
        start
        for start, token in finite_verbs
        if not (token[:1].isupper() and not _opens_paragraph(clean, start))
    ]
    paragraphs = list(clean.paragraphs)
    flags = list(clean.flags)
    for position, para in enumerate(paragraphs):
        body = clean.text[para.start : para.end]
        if para.kind != "reporting" or not has_caption_shape(body):
            continue
        if any(para.start <= offset < para.end for offset in offsets):
            continue
        paragraphs[position] = Paragraph(para.index, para.start, para.end, "caption")
        flags.append(
            Flag("caption", para.start, para.end, body, "a photo caption: a line without a verb")
        )
    if paragraphs == list(clean.paragraphs):
        return clean
    flags.sort(key=lambda f: (f.start, f.kind))
    return dataclasses.replace(clean, paragraphs=tuple(paragraphs), flags=tuple(flags))


def _opens_paragraph(clean: CleanDoc, offset: int) -> bool:
    return any(p.start == offset for p in clean.paragraphs)
