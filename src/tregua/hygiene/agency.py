"""The news agency behind a text: wire copy says whose it is.

Three places name it, read in this order:

- the dateline: "MADRID, 26 Feb. (EUROPA PRESS) -", "Moscú, 22 ago (Sputnik).-";
- a credit or signature line of its own: "EFE", "(ANSA).", "Agencias", "Con información de
  AFP", "Fuente: Reuters";
- the signature closing the last paragraph: "... a la Casa Blanca. (Sputnik)".

A photo credit ("Foto: EFE") names who took the picture, not who wrote the text, and is not
read. Only the pack's agencies (``news_agencies``) count: an outlet's own reporters are no
agency.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tregua.hygiene.datelines import canonical_agency
from tregua.model import Dateline

MAX_SIGNATURE_WORDS = 8
# "Con información de AFP y Reuters", "Fuente: EFE", "Agencias EFE", "Redacción / AFP"
_SIGNATURE = re.compile(
    r"^\(?(?:(?:con\s+)?(?:informaci[óo]n|datos)\s+de|fuentes?:?|agencias?:?|redacci[óo]n\s*[/|,-])?"
    r"\s*(?P<names>[^()]{2,60}?)\)?\.?$",
    re.IGNORECASE,
)
# a signature in brackets closing the text: "... dijo. (Sputnik)", "(EFE)."
_CLOSING = re.compile(r"\((?P<name>[^()\d]{2,40})\)\.?\s*$")


def find_agency(
    paragraphs: Sequence[tuple[str, str]],
    dateline: Dateline | None,
    agencies: Mapping[str, tuple[str, ...]],
) -> str | None:
    """The pack's name of the agency behind the text, or None.

    ``paragraphs`` are (text, kind) pairs in order. ``"EFE"`` alone on a line gives "EFE";
    a last paragraph closing with "(Sputnik)" gives "Sputnik"; "Foto: EFE" gives nothing.
    """
    if dateline is not None and dateline.agency in agencies:
        return dateline.agency
    for body, kind in paragraphs:
        if kind == "caption":
            continue
        line = body.strip()
        if len(line.split()) <= MAX_SIGNATURE_WORDS:
            found = _signature(line, agencies)
            if found is not None:
                return found
    for body, kind in reversed(paragraphs):
        if kind == "caption":
            continue
        closing = _CLOSING.search(body.strip())
        if closing is not None:
            name = canonical_agency(closing.group("name"), agencies)
            if name in agencies:
                return name
        break
    return None


def _signature(line: str, agencies: Mapping[str, tuple[str, ...]]) -> str | None:
    found = _SIGNATURE.match(line)
    if found is None:
        return None
    for part in re.split(r"\s*(?:,|/|\||\by\b|\be\b)\s*", found.group("names")):
        name = canonical_agency(part, agencies)
        if name in agencies:
            return name
    return None
