"""Page furniture told from reporting by the shape of a line, on plain text from any outlet.

A scraper hands over the article with the page around it: the outlet's name and the section
above the headline, a date alone on its line, "Por: Ana Gil", the photo's caption with its
credit, a subheading between two paragraphs, "¡Sigue nuestro canal de WhatsApp!". None of
them is reporting, and each has a shape that reporting lacks:

- a date or a dateline and nothing else on the line (``datelines.py``);
- a prompt: a short line holding an imperative to the reader and what it points at (the
  pack's ``prompt_verbs`` and ``prompt_targets``);
- a photo credit: "Foto: EFE", "- Foto referencia: AFP", "/ Reuters", "Europa Press/Contacto/
  ..." at the end of the line, "Archivo -" at its start, or a credit glued to the caption's
  last word ("... en la Oficina Oval.Casa Blanca");
- a label: one to three words without a full stop above the first paragraph ("TÜRKİYE",
  "NTN24"), the outlet's own name, or a short line in capitals;
- a subheading: a short line without final punctuation between two paragraphs, that is not a
  bare name (a name line is a caption, ``captions.py``);
- a line most articles of one outlet share (the caller counts them across its corpus).

Reporting is long, ends in punctuation, and is none of these. No outlet's string is known
here: the word lists are the pack's, and they are Spanish, not any site's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tregua.hygiene.datelines import parse_date_line, parse_dateline
from tregua.model import FlagKind, ParagraphKind
from tregua.pack import Lexicon

# a subheading or a label is short; a prompt a little longer
MAX_SUBHEAD_WORDS = 12
MAX_SUBHEAD_CHARS = 100
MAX_LABEL_WORDS = 3
MAX_PROMPT_WORDS = 16
MAX_CAPTION_WORDS = 60
# a paragraph of reporting: this many words and a final punctuation mark
MIN_PROSE_WORDS = 10
LONG_PROSE_WORDS = 25
_FINAL = re.compile(r"[.!?…;:,»\"”’')\]]\s*$")
_SENTENCE_END = re.compile(r"[.!?…»\"”’')]\s*$")


# Spanish function words that open a phrase, never a name: "Sin Zelenski y Putin" is a
# subheading, "Steve Witkoff" a name; the closed class of the language, not a domain list
def _listed(text: str) -> frozenset[str]:
    """The words of a space-separated list: a closed class reads better that way."""
    return frozenset(text.split())


FUNCTION_WORDS = _listed(
    "a al ante bajo con contra de del desde durante en entre hacia hasta mediante "
    "para por según sin sobre tras y e o u ni pero sino el la los las lo un una unos "
    "unas su sus este esta estos estas ese esa qué cómo cuándo dónde quién cuál por "
    "qué más menos no ya"
)
_READING_TIME = re.compile(
    r"^(?:(?:tiempo\s+de\s+)?lectura:?\s*\d+\s*min\w*\.?"
    r"|\d+\s*min(?:utos?)?\.?\s+de\s+lectura\.?)$",
    re.IGNORECASE,
)
_CAP = r"[A-ZÁÉÍÓÚÑÜ]"
_NAMEWORD = r"[\w.'’&-]+"


@dataclass(frozen=True, slots=True)
class Furniture:
    """What a line of the page is, when it is not reporting."""

    kind: ParagraphKind
    flag: FlagKind
    reason: str


@dataclass(frozen=True, slots=True)
class GluedHeadline:
    """A headline run into the caption below it: ``cut`` is where the caption starts in the
    line, ``glue_start:glue_end`` the glued token ("UcraniaEl")."""

    cut: int
    glue_start: int
    glue_end: int


def classify_lines(
    bodies: Sequence[str | None],
    lexicon: Lexicon,
    *,
    title: str | None = None,
    outlet: str | None = None,
    shared: frozenset[str] = frozenset(),
) -> list[Furniture | None]:
    """The furniture verdict of each line, None for reporting.

    ``bodies`` are the article's lines in order (None for a line another rule already
    took); ``shared`` holds the comparable form (``line_key``) of lines that many articles
    of the outlet print.
    """
    prose = [b is not None and is_prose(b) for b in bodies]
    context = _Context(
        bodies=bodies,
        prose=prose,
        first_prose=next((i for i, p in enumerate(prose) if p), len(bodies)),
        lexicon=lexicon,
        outlet=line_key(outlet) if outlet else "",
        shared=shared,
    )
    title_key = line_key(title) if title else ""
    title_words = len(title_key.split())
    out: list[Furniture | None] = []
    seen_title = False
    for index, body in enumerate(bodies):
        if body is None:
            out.append(None)
            continue
        words = body.split()
        if title_key and len(words) <= 2 * title_words and line_key(body) == title_key:
            if seen_title:
                out.append(Furniture("caption", "caption", "the headline repeated under a photo"))
                continue
            seen_title = True
        out.append(_verdict(body.strip(), words, index, context))
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """What a line is judged against: its neighbours, the pack, the outlet."""

    bodies: Sequence[str | None]
    prose: list[bool]
    first_prose: int  # the first paragraph of prose; len(bodies) when there is none
    lexicon: Lexicon
    outlet: str  # the outlet's name as a line key, "" when unknown
    shared: frozenset[str]


# a date, a dateline or an outlet's name alone on a line is short
MAX_STAMP_WORDS = 16


def _verdict(line: str, words: list[str], index: int, context: _Context) -> Furniture | None:
    lexicon = context.lexicon
    short = len(words) <= MAX_STAMP_WORDS
    if short and parse_date_line(line) is not None:
        return Furniture("boilerplate", "boilerplate", "a date alone on its line: a time stamp")
    dateline = parse_dateline(line, lexicon.news_agencies) if short else None
    if dateline is not None and dateline.standalone:
        return Furniture("boilerplate", "boilerplate", "a dateline alone on its line")
    if short and _READING_TIME.match(line):
        return Furniture("boilerplate", "boilerplate", "a reading time")
    if len(words) <= MAX_PROMPT_WORDS and is_prompt(line, lexicon):
        return Furniture("boilerplate", "boilerplate", "a prompt to the reader")
    if len(words) <= MAX_CAPTION_WORDS and (why := credit_reason(line, lexicon)) is not None:
        return Furniture("caption", "caption", why)
    key = line_key(line) if len(words) <= MAX_SUBHEAD_WORDS * 2 else ""
    if context.outlet and key == context.outlet:
        return Furniture("boilerplate", "boilerplate", "the outlet's name alone on a line")
    if key and key in context.shared:
        return Furniture("boilerplate", "boilerplate", "a line many articles of the outlet share")
    if _FINAL.search(line) or len(words) > MAX_SUBHEAD_WORDS or len(line) > MAX_SUBHEAD_CHARS:
        return None
    above = index < context.first_prose < len(context.bodies)
    if above and len(words) <= MAX_LABEL_WORDS and not is_name_line(line):
        return Furniture("boilerplate", "boilerplate", "a section label above the article")
    if line.isupper() and len(words) <= MAX_LABEL_WORDS + 1 and index > 0:
        return Furniture("boilerplate", "boilerplate", "a label in capitals")
    bodies = context.bodies
    following = next((i for i in range(index + 1, len(bodies)) if bodies[i] is not None), None)
    if (
        index > 0
        and following is not None
        and (context.prose[following] or _cut_short(bodies, following))
        and len(words) >= 2
        and not is_name_line(line)
    ):
        return Furniture("boilerplate", "boilerplate", "a subheading standing alone on a line")
    return None


def is_prose(body: str) -> bool:
    """A paragraph of reporting: long enough and closed by punctuation."""
    words = body.split()
    if len(words) < MIN_PROSE_WORDS:
        return False
    # a long paragraph is prose even where the page cut it short
    return len(words) >= LONG_PROSE_WORDS or bool(_SENTENCE_END.search(body))


def _cut_short(bodies: Sequence[str | None], index: int) -> bool:
    """The last line, long enough to be a paragraph the page cut off mid-sentence."""
    body = bodies[index]
    last = all(b is None for b in bodies[index + 1 :])
    return last and body is not None and len(body.split()) >= MIN_PROSE_WORDS


def is_name_line(line: str) -> bool:
    """A bare name, maybe with an apposition: "Steve Witkoff", "Kirill Dmitriev, director"."""
    words = line.split()
    if len(words) < 2 or words[0].lower() in FUNCTION_WORDS:
        return False
    return all(w[:1].isupper() for w in words[:2])


def is_prompt(line: str, lexicon: Lexicon) -> bool:
    """An imperative to the reader and what it points at, both from the pack."""
    folded = f" {_words(line)} "
    verb = any(f" {v.lower()} " in folded for v in lexicon.prompt_verbs)
    return verb and any(f" {t.lower()} " in folded for t in lexicon.prompt_targets)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def line_key(line: str) -> str:
    """The comparable form of a line: lower-cased words."""
    return _words(line)


def credit_reason(line: str, lexicon: Lexicon) -> str | None:
    """Why ``line`` is a photo caption with its credit, or None.

    ``"Un camión en Járkov - Foto referencia: AFP"``, ``"Archivo - Steve Witkoff - Europa
    Press/Contacto/Ana Gil - Archivo"``, ``"Los líderes en Alaska. / Reuters"`` and
    ``"Trump en la Oficina Oval.Casa Blanca"`` are; ``"Foto: la cumbre fue breve."`` is a
    sentence about a photo.
    """
    patterns = _credit_patterns(lexicon.credit_words)
    if patterns.archive.search(line):
        return "a photo caption from the archive, with its credit"
    if patterns.tail.search(line):
        return "a photo caption ending in its credit"
    if _FINAL.search(line):
        return None
    if _PATH_CREDIT.search(line) or _SLASH_CREDIT.search(line):
        return "a photo caption ending in its credit"
    if glued_credit(line) is not None:
        return "a photo caption with its credit glued to the last word"
    return None


@dataclass(frozen=True, slots=True)
class _CreditPatterns:
    archive: re.Pattern[str]  # "Archivo - Un camión ...", "... - Archivo"
    tail: re.Pattern[str]  # "... Foto Reuters", "... - Foto referencia: AFP", "(Foto: EFE)"


@functools.lru_cache(maxsize=8)
def _credit_patterns(credit_words: tuple[str, ...]) -> _CreditPatterns:
    forms = sorted({w.lower() for w in credit_words}, key=len, reverse=True)
    # a pack without credit words knows no credit: "(?!)" never matches
    credit = "(?i:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")"
    if not forms:
        credit = "(?!)"
    archive = re.compile(
        r"^(?i:archivo|imagen\s+de\s+archivo|foto\s+de\s+archivo)\s*[-–—|:/]\s*\S"
        r"|\s[-–—|/]\s*(?i:archivo)\.?$"
    )
    tail = re.compile(
        rf"(?:^|[\s.(])(?:{credit})\s*[:.]?\s*{_CAP}{_NAMEWORD}"
        rf"(?:[\s/]+(?:{_CAP}{_NAMEWORD}|de|del)){{0,5}}\)?\.?$"
        rf"|\((?:{credit})\s*:\s*[^()]{{2,60}}\)"
    )
    return _CreditPatterns(archive, tail)


# "... - Europa Press/Contacto/Ana Gil": a credit path of agency and photographer
_PATH_CREDIT = re.compile(rf"\s[-–—|]\s*{_CAP}[^/]{{1,40}}/[^/]{{1,60}}(?:/[^/]{{1,60}})*$")
# "... / Reuters", "... / Contributor", "... | AFP"
_SLASH_CREDIT = re.compile(rf"\S\s+[/|]\s*{_CAP}{_NAMEWORD}(?:\s+{_CAP}{_NAMEWORD}){{0,3}}\s*$")
# a caption's last word run into its credit: "Oval.Casa Blanca", "mayoMinisterio de Exteriores"
_GLUED_CREDIT = re.compile(
    rf"(?:^|\s)(\S*[a-záéíóúñü]{{2}}\.?)({_CAP}[a-záéíóúñü]+)"
    rf"((?:\s+(?:{_CAP}{_NAMEWORD}|de|del|la|los|y)){{0,5}})$"
)
MIN_GLUED_CAPTION_WORDS = 6


def glued_credit(line: str) -> tuple[int, int] | None:
    """The span of the token where a caption runs into its credit ("Oval.Casa"), or None."""
    if len(line.split()) < MIN_GLUED_CAPTION_WORDS:
        return None
    found = _GLUED_CREDIT.search(line)
    if found is None:
        return None
    return found.start(1), found.end(2)


# a headline run into the lead of a caption: "... con UcraniaEl presidente de ..."
_HEADLINE_GLUE = re.compile(
    r"([a-záéíóúñü]{3,})((?:El|La|Los|Las|Un|Una|En|Tras|Según|Con|Por|Para|Desde|Ante|Al|Del)\s)"
)


def glued_headline(line: str, lexicon: Lexicon) -> GluedHeadline | None:
    """A headline glued to the caption that follows it on the same line, or None."""
    for found in _HEADLINE_GLUE.finditer(line):
        tail = line[found.start(2) :]
        if len(tail.split()) >= 3 and credit_reason(tail, lexicon) is not None:
            token_start = found.start(1)
            while token_start > 0 and not line[token_start - 1].isspace():
                token_start -= 1
            token_end = found.end(2) - 1
            return GluedHeadline(found.start(2), token_start, token_end)
    return None


# a line is the outlet's template when this many of its articles print it, and this share
SHARED_MIN_DOCS = 3
SHARED_MIN_SHARE = 0.1


def shared_lines(docs: Iterable[tuple[str | None, str]]) -> dict[str | None, frozenset[str]]:
    """By outlet, the short lines (``line_key``) that many of its articles print.

    ``docs`` are (outlet, text) pairs of one corpus or one batch. A line that three articles
    of one outlet print word for word, and that is not a paragraph of reporting (a copy of a
    story repeats those), is the outlet's template: "Síguenos en ...", a newsletter's name.
    """
    counts: dict[str | None, Counter[str]] = {}
    totals: Counter[str | None] = Counter()
    for outlet, text in docs:
        totals[outlet] += 1
        keys = {
            line_key(line)
            for line in text.split("\n")
            if line.strip()
            and len(line.split()) <= MAX_SUBHEAD_WORDS * 2
            and not is_prose(line.strip())
        }
        counts.setdefault(outlet, Counter()).update(k for k in keys if k)
    return {
        outlet: frozenset(
            key
            for key, n in found.items()
            if n >= SHARED_MIN_DOCS and n >= SHARED_MIN_SHARE * totals[outlet]
        )
        for outlet, found in counts.items()
    }
