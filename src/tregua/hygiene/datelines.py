"""Datelines: where, when and through which agency a report was filed.

A dateline opens a wire report: the place it was filed from, often a day and the agency,
and a dash before the first sentence. It stands on a line of its own
("MADRID, 26 Feb. (EUROPA PRESS) -", "México, DF.") or opens the first paragraph
("Moscú, 22 ago (Sputnik).- El ministro ..."). Its place is where the reporter sat, never
where anything happened, so the dateline's span is kept out of the reporting: a dateline
alone on its line is boilerplate, one that opens a paragraph is cut off as a paragraph of
its own.

The forms read, in order: a place of one to four capitalised words, up to two regions after
commas ("Nueva York, EE.UU.", "Pachuca, Hgo."), a day ("26 Feb.", "22 de agosto",
"3 de marzo de 2026", "marzo 5, 2026", a weekday before any of them), the agency in
brackets, and the dash or full stop that ends it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# month names and the abbreviations datelines use ("Feb.", "ago", "sept."), folded
MONTHS: dict[str, int] = {
    "enero": 1,
    "ene": 1,
    "febrero": 2,
    "feb": 2,
    "marzo": 3,
    "mar": 3,
    "abril": 4,
    "abr": 4,
    "mayo": 5,
    "may": 5,
    "junio": 6,
    "jun": 6,
    "julio": 7,
    "jul": 7,
    "agosto": 8,
    "ago": 8,
    "septiembre": 9,
    "setiembre": 9,
    "sept": 9,
    "sep": 9,
    "set": 9,
    "octubre": 10,
    "oct": 10,
    "noviembre": 11,
    "nov": 11,
    "diciembre": 12,
    "dic": 12,
}
WEEKDAYS = ("lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
            "domingo")  # fmt: skip
_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?i:" + "|".join(WEEKDAYS) + r")\.?,?"
_YEAR = r"(?:19|20)\d\d"
# "26 Feb.", "22 de agosto", "3 de marzo de 2026", "5 mar 2026", "jueves 5 de marzo"
_DAY_FIRST = (
    rf"(?:{_WEEKDAY}\s+)?(?P<day>\d{{1,2}})(?:\s+de)?\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?:de\s+|del\s+)?(?P<year>{_YEAR}))?"
)
# "marzo 5, 2026", "Feb. 26"
_MONTH_FIRST = (
    rf"(?:{_WEEKDAY}\s+)?(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:,?\s+(?P<year2>{_YEAR}))?"
)
_DATE = rf"(?:{_DAY_FIRST}|{_MONTH_FIRST})"
# a capitalised word; dots and hyphens inside it ("EE.UU.", "Ust-Luga"), one full stop after
_WORD = r"[A-ZÁÉÍÓÚÑÜİ](?:[\w'’]|[.-](?=\w))*\.?"
_LINK = r"(?:de|del|la|las|los|el|y|do|da|am|an|upon)"
# a place: "MADRID", "Moscú", "Ciudad de México", "Nueva York", "Kiev", "Washington D.C."
_PLACE = rf"{_WORD}(?:\s+(?:{_LINK}\s+)?{_WORD}){{0,3}}"
_AGENCY = r"\(\s*(?P<agency>[^()\d]{2,40}?)\s*\)"
# the dash, or full stop and dash, between a dateline and its first sentence
_DASH = r"\s*\.?\s*[-–—]+"
_HEAD = re.compile(
    rf"(?P<place>{_PLACE})(?P<regions>(?:\s*,\s*(?!{_MONTH}\s*\d){_PLACE}){{0,2}})"
    rf"(?:\s*[,.]?\s*(?P<date>{_DATE}))?(?:\s*[,.]?\s*(?P<day3>\d{{1,2}})(?=\s*\())?"
    rf"\s*(?:{_AGENCY})?",
)
MAX_PLACE_WORDS = 7
# a full stop after a word, then more words: a sentence ended there ("Kiev. Breve."), unlike
# an abbreviation ("Washington D.C.", "Monterrey, NL.")
_SENTENCE_STOP = re.compile(r"[a-záéíóúñü]{3}\.\s")


@dataclass(frozen=True, slots=True)
class DatelineParse:
    """A dateline found at ``text[start:end]`` of the line it was read from."""

    start: int
    end: int
    place: str | None
    day: int | None
    month: int | None
    year: int | None
    agency: str | None  # the agency's canonical name, or the bracketed credit as printed
    standalone: bool  # the whole line is the dateline


def parse_dateline(
    line: str, agencies: Mapping[str, tuple[str, ...]] = {}, *, lead: bool = False
) -> DatelineParse | None:
    """The dateline that ``line`` is or opens, or None.

    ``"MADRID 26 Feb. (EUROPA PRESS) -"`` is a dateline standing alone;
    ``"Moscú, 22 ago (Sputnik).- El ministro dijo ..."`` opens with one;
    ``"Moscú anunció el 22 de agosto ..."`` holds none. With ``lead`` (the line is the
    article's first paragraph) a place closed by a full stop opens it too, as Mexican papers
    print it: ``"Monterrey, NL. El presidente ..."``, ``"El Cairo. Cinco partidarios ..."``.
    """
    stripped = line.rstrip()
    if lead and (found := _stop_dateline(stripped)) is not None:
        return found
    head = _HEAD.match(stripped)
    if head is None:
        return None
    place = head.group("place") + head.group("regions")
    if not _capitalised_place(head.group("place")) or _SENTENCE_STOP.search(place):
        return None
    dated = head.group("date") is not None or head.group("day3") is not None
    agency = head.group("agency")
    end = head.end()
    rest = stripped[end:]
    dash = re.match(_DASH, rest)
    if dash is not None:
        end += dash.end()
        after = stripped[end:].lstrip()
        standalone = not after
        if not standalone and not after[:1].isupper() and after[:1] not in "«\"“'":
            return None
    else:
        tail = rest.strip()
        standalone = tail in {"", ".", ":"}
        if not standalone:
            if tail.startswith(":") and (dated or agency):
                end += rest.index(":") + 1
            else:
                return None
        else:
            end = len(stripped)
        # a place alone on its line needs a full stop after it ("Pasadena."), or a day or an
        # agency ("Bruselas (AFP)"); "TÜRKİYE" alone is a section label
        if not (dated or agency) and not stripped.endswith("."):
            return None
    if not standalone and not (dated or agency or _firm_dash(stripped, head.end(), place)):
        return None
    if _fold(head.group("place").split()[0].rstrip(".,")) in _NOT_PLACES:
        return None
    if agency is not None and not _agency_like(agency, agencies):
        return None
    if len(place.split()) > MAX_PLACE_WORDS:
        return None
    day, month, year = _date_parts(head)
    return DatelineParse(
        start=0,
        end=end,
        place=_clean_place(place),
        day=day,
        month=month,
        year=year,
        agency=canonical_agency(agency, agencies) if agency else None,
        standalone=standalone,
    )


# words that open a line like a place but are a day, a credit or the end of the text:
# "Jueves, 5 de marzo", "Archivo - Un camión ...", "Foto: ...", "FIN."
_NOT_PLACES = frozenset(
    {*WEEKDAYS, *MONTHS}
    | {"archivo", "foto", "fotos", "imagen", "video", "vídeo", "por", "actualizado", "publicado"}
    | {"fin", "nota", "continúa", "continua", "gracias"}
)


def _firm_dash(line: str, end: int, place: str) -> bool:
    """A place alone before a dash is a dateline when the dash is a dateline's: after a full
    stop ("Viena, Austria.- El ...") or after a place in capitals ("KIEV — Las ...")."""
    before = line[:end].rstrip()
    return before.endswith(".") or place.isupper()


# a place closed by a full stop before the first sentence: at most this many words, and a
# first sentence at least this long after it
MAX_STOP_PLACE_WORDS = 4
MIN_LEAD_WORDS = 8
_STOP_HEAD = re.compile(
    rf"(?P<place>{_PLACE}(?:\s*[,/]\s*{_PLACE}){{0,2}})\s+(?=[«\"“]?[A-ZÁÉÍÓÚÑ¿¡])"
)


def _stop_dateline(line: str) -> DatelineParse | None:
    head = _STOP_HEAD.match(line)
    if head is None:
        return None
    place = head.group("place")
    if _SENTENCE_STOP.search(place):
        return None
    words = place.replace(",", " ").replace("/", " ").split()
    if not place.endswith(".") or len(words) > MAX_STOP_PLACE_WORDS:
        return None
    first = words[0].rstrip(".,").lower()
    if _fold(first) in _NOT_PLACES or first in _OPENERS:
        return None
    if not all(w[:1].isupper() or w.lower() in _LINK_WORDS for w in words):
        return None
    if len(line[head.end() :].split()) < MIN_LEAD_WORDS:
        return None
    return DatelineParse(
        start=0,
        end=head.end("place"),
        place=_clean_place(place),
        day=None,
        month=None,
        year=None,
        agency=None,
        standalone=False,
    )


# words that open a sentence of one word or a short one, never a place: "Sí. El ...", "Hoy."
_OPENERS = frozenset(
    {"sí", "no", "hoy", "ayer", "bien", "gracias", "así", "entonces", "ahora", "nada", "todo",
     "claro", "exacto", "ellos", "ellas", "él", "ella", "nosotros", "usted", "ustedes"}
)  # fmt: skip


def canonical_agency(name: str, agencies: Mapping[str, tuple[str, ...]]) -> str:
    """The pack's name of the agency ``name`` spells ("EUROPA PRESS" -> "Europa Press"), or
    ``name`` as printed when the pack does not know it."""
    folded = name.strip(" .").casefold()
    for canonical, spellings in agencies.items():
        if folded == canonical.casefold() or any(folded == s.casefold() for s in spellings):
            return canonical
    return name.strip(" .")


def _agency_like(text: str, agencies: Mapping[str, tuple[str, ...]]) -> bool:
    """A known agency, or a credit printed in capitals ("(EUROPA PRESS)", "(NTX)")."""
    if canonical_agency(text, agencies) in agencies:
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(text.split()) <= 3


def _capitalised_place(place: str) -> bool:
    """A place opens with a capital and is not a sentence's subject: its words are names."""
    words = place.split()
    return all(w[:1].isupper() or w.lower() in _LINK_WORDS for w in words)


_LINK_WORDS = frozenset({"de", "del", "la", "las", "los", "el", "y", "do", "da", "am", "an"})


def _clean_place(place: str) -> str:
    """One space between words, no final stop, and a name in capitals as a name: "NUEVA
    YORK" -> "Nueva York", "CIUDAD DE MÉXICO" -> "Ciudad de México"; abbreviations ("EE.UU",
    "NL") stay as printed."""
    cleaned = re.sub(r"\s+", " ", place).strip(" ,.")
    return _CAPITALS.sub(_name_case, cleaned)


def _name_case(found: re.Match[str]) -> str:
    word = found.group()
    if word.lower() in _LINK_WORDS:
        return word.lower()
    return word.capitalize() if len(word) >= MIN_NAME_LETTERS else word


# a word in capitals this long is a name to write as one ("MADRID"); shorter ones ("NL",
# "DF") are abbreviations, except the links of a name ("DE", "LA")
MIN_NAME_LETTERS = 4
_CAPITALS = re.compile(r"(?<![\w.])[A-ZÁÉÍÓÚÑÜİ]{2,}(?![\w.])")


def _date_parts(head: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    if head.group("day3") is not None:
        return int(head.group("day3")), None, None
    if head.group("date") is None:
        return None, None, None
    day = head.group("day") or head.group("day2")
    month = head.group("month") or head.group("month2")
    year = head.group("year") or head.group("year2")
    month_number = MONTHS.get(_fold(month.rstrip(".")))
    if month_number is None or not 1 <= int(day) <= 31:
        return None, None, None
    return int(day), month_number, int(year) if year else None


def _fold(word: str) -> str:
    return word.lower().replace("é", "e").replace("á", "a").replace("ú", "u")


# a date standing alone on its line, with a weekday or a time: "Jueves, 05 de marzo de 2026",
# "marzo 5, 2026", "2 de junio de 2025 - 10:32 h", "05/03/2026 10:12"
_TIME = (
    r"(?:\s*[-|,·]?\s*(?:a\s+las\s+)?\d{1,2}[:.h]\d\d"
    r"(?:\s*(?:h|hrs?|horas|CET|CEST|GMT|UTC|a\.?\s?m\.?|p\.?\s?m\.?))?)?"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:actualizado|publicado)(?:\s+el)?:?\s+)?(?:{_DAY_FIRST}|{_MONTH_FIRST})\.?{_TIME}\.?$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> tuple[int, int, int | None] | None:
    """(day, month, year) of a line that is only a date, or None.

    ``"Jueves, 05 de marzo de 2026"`` gives (5, 3, 2026); ``"marzo 5, 2026"`` the same;
    ``"El 5 de marzo de 2026 se firmó"`` gives None.
    """
    found = _DATE_LINE.match(line.strip())
    if found is None:
        return None
    day = found.group("day") or found.group("day2")
    month = found.group("month") or found.group("month2")
    year = found.group("year") or found.group("year2")
    month_number = MONTHS.get(_fold(month.rstrip(".")))
    if month_number is None or not 1 <= int(day) <= 31:
        return None
    return int(day), month_number, int(year) if year else None
