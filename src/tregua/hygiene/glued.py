"""Glued words: two words printed without the space between them ("generaruna", "OTANpara").

A token is glued when it is not a word itself and splits into two that are. The word list
comes from the Spanish model's own vocabulary (``spanish_words``), so no list is fetched or
kept in the repository. Splitting any unknown token into two known ones would flag half of
Spanish morphology ("cárteles" = "cártel" + "es", "determinará" = "de" + "terminará"), so
a split counts only in one of four shapes, each a way a space really gets lost:

- an acronym run into the next word: ``OTANpara``, ``TASSaseguró``;
- a lower-case word run into a capitalised one: ``deUcrania``;
- a capitalised word followed by a frequent function word: ``Kremlinque``;
- a lower-case word followed by a frequent function word (``generaruna``), or two long words
  meeting on a doubled vowel (``defensaantiaérea``), which Spanish words rarely hold.

Measured on the 15,418 articles of ``../shared/data/news-es``: 60 tokens, nearly all real
glue ("manifestaronque", "públicaDijo", "laArgentina"); the few false hits are names and rare
words the model never saw ("Gachassin", "estoque"). The rules were tightened until the hits
read as glue.
``docs/decisions/0003-glued-word-repairs.md`` says why the text keeps the glued token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# function words that get glued to the word before them; left out on purpose: the clitics
# (lo, la, los, las, le, les, se, nos: "decirlas"), and words that are common endings
# (es, en, dos, da, esa, este: "cárteles", "reporten", "penados", "Teresa") and "más",
# which forms compounds ("mandamás")
GLUE_TAILS: frozenset[str] = frozenset(
    {
        "que",
        "para",
        "por",
        "con",
        "una",
        "unos",
        "unas",
        "del",
        "sin",
        "sobre",
        "entre",
        "tras",
        "desde",
        "hasta",
        "hacia",
        "contra",
        "según",
        "durante",
        "como",
        "pero",
        "porque",
        "aunque",
        "cuando",
        "donde",
        "también",
        "muy",
    }
)
# short words an acronym is glued to ("OTANde"): after an acronym no Spanish ending can
# follow, so these are safe there and only there; one letter is not ("CBTa" is a school)
SHORT_TAILS: frozenset[str] = frozenset(
    {"de", "la", "el", "en", "al", "se", "lo", "le", "no", "un", "es", "ha"}
)
# word-forming prefixes: "contraofensiva" is one word, not "contra" + "ofensiva"
PREFIXES: frozenset[str] = frozenset(
    {
        "anti",
        "contra",
        "sobre",
        "auto",
        "micro",
        "macro",
        "super",
        "ultra",
        "extra",
        "infra",
        "intra",
        "entre",
        "porta",
        "semi",
        "multi",
        "mini",
        "mega",
        "hiper",
        "ciber",
        "tele",
        "radio",
        "foto",
        "video",
        "vídeo",
        "euro",
        "narco",
        "aero",
        "electro",
        "hidro",
        "termo",
        "socio",
        "psico",
        "pseudo",
        "post",
        "trans",
        # verb + noun compounds: "portaaviones", "lanzaaguas", "cortaalambres"
        "lanza",
        "corta",
        "guarda",
        "saca",
        "limpia",
        "quita",
        "cuenta",
        "salva",
    }
)
_LETTERS = re.compile(r"[a-záéíóúüñ]+")
_TOKEN = re.compile(r"\b[^\W\d_]{3,}\b")
_ACRONYM_GLUE = re.compile(r"([A-ZÁÉÍÓÚÑ]{2,})([a-záéíóúüñ]{2,})")
_CAMEL_GLUE = re.compile(r"([a-záéíóúüñ]{2,})([A-ZÁÉÍÓÚÑ][a-záéíóúüñ]{2,})")
_CAPITAL_WORD = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúüñ]+")
_VOWELS = frozenset("aeiouáéíóú")
# the shortest head a word-plus-function-word split may have: "OTAN" aside, a glued word is
# a real word ("generar", "Kremlin"), not a stem ("brin" + "de")
MIN_HEAD = 4


@dataclass(frozen=True, slots=True)
class Glue:
    """A glued token at ``start:end`` and how it reads with the space put back."""

    start: int
    end: int
    token: str
    replacement: str


def spanish_words(strings: Iterable[str], extra: Iterable[str] = ()) -> frozenset[str]:
    """The lower-case word list the glue rules look words up in.

    ``strings`` is a spaCy ``StringStore`` (every token form the model saw in training:
    ~97,000 words once numbers, punctuation and mojibake are left out); ``extra`` adds
    spellings the model never saw (the domain pack's aliases: "Zelenski", "Witkoff").
    """
    found: set[str] = set()
    for string in (*strings, *extra):
        for part in string.split():
            low = part.lower()
            if _LETTERS.fullmatch(low):
                found.add(low)
    return frozenset(found)


def find_glued(text: str, start: int, end: int, words: frozenset[str]) -> list[Glue]:
    """Glued tokens in ``text[start:end]``; an empty word list finds acronym glue only.

    ``"misiles de la OTANpara atacar"`` gives one ``Glue`` for "OTANpara" read as
    "OTAN para"; "contraofensiva", "cárteles" and "OTAN para" give none.
    """
    found: list[Glue] = []
    for match in _TOKEN.finditer(text, start, end):
        token = match.group()
        split = _split(token, words)
        if split is not None:
            head, tail = split
            found.append(Glue(match.start(), match.end(), token, f"{head} {tail}"))
    return found


def _split(token: str, words: frozenset[str]) -> tuple[str, str] | None:
    if token.lower() in words:
        return None
    if (acronym := _acronym_split(token, words)) is not None:
        return acronym
    if len(token) <= MIN_HEAD:
        return None
    if camel := _CAMEL_GLUE.fullmatch(token):
        head, tail = camel.groups()
        if _is_word(head, words) and tail.lower() in words:
            return head, tail
        return None
    if _CAPITAL_WORD.fullmatch(token) or token.islower():
        return _word_split(token, words)
    return None


def _acronym_split(token: str, words: frozenset[str]) -> tuple[str, str] | None:
    match = _ACRONYM_GLUE.fullmatch(token)
    if match is None:
        return None
    head, tail = match.groups()
    if tail in SHORT_TAILS or tail in GLUE_TAILS or (len(tail) >= MIN_HEAD and tail in words):
        return head, tail
    return None


def _word_split(token: str, words: frozenset[str]) -> tuple[str, str] | None:
    """A word followed by a function word, or two long words meeting on a doubled vowel."""
    low = token.lower()
    for cut in range(MIN_HEAD, len(low) - 1):
        head, tail = low[:cut], low[cut:]
        if head in PREFIXES or head not in words:
            continue
        if tail in GLUE_TAILS and not _is_inflection(head, tail, words):
            return token[:cut], token[cut:]
        if (
            len(tail) >= MIN_HEAD + 1
            and len(head) >= MIN_HEAD + 1
            and head[-1] == tail[0]
            and head[-1] in _VOWELS
            and tail in words
        ):
            return token[:cut], token[cut:]
    return None


def _is_inflection(head: str, tail: str, words: frozenset[str]) -> bool:
    """A word whose ending only looks like "que": "brinque" (brincar), "Angelique" (French)."""
    if tail != "que":
        return False
    return head.endswith("i") or any(head + ending in words for ending in ("car", "ca", "có"))


def _is_word(part: str, words: frozenset[str]) -> bool:
    low = part.lower()
    return low in words and (len(low) >= MIN_HEAD or low in SHORT_TAILS or low in GLUE_TAILS)
