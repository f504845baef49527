"""Text normalisation done once, before any offset is taken: all offsets point into its output.

What changes, and why it is safe for the later stages:

- invisible characters (BOM, zero-width spaces, soft hyphens) go;
- C1 control characters (U+0080-U+009F) become the Windows-1252 punctuation they were in
  the page's bytes: a cp1252 page read as Latin-1 leaves ``\\x93no hay plazos\\x94``, which
  reads ``“no hay plazos”`` (news-es has ~10,000 of these);
- rare quote marks become the ones the quote extractor pairs, keeping their family apart:
  «» stay, “” stay, ‘’ stay; ``„ ‟ 〝`` -> “, ``〞 〟`` -> ”, ``‚ ‛ ‹`` -> ‘, ``›`` -> ’,
  and the “ closing a German-style „…“ pair becomes ”;
- hyphens and minus signs (U+2010, U+2011, U+2212, ...) become ``-``; dashes used for
  asides (horizontal bar, two- and three-em dashes) become the raya ``—``; an en or figure
  dash becomes ``-`` between digits (``2025–2026``, ``-16 °C``) and ``—`` elsewhere;
- Unicode NFC, Unix newlines, one space between words, at most one blank line.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
# what each odd quote mark or dash stands for; the targets are never keys (idempotence)
_PUNCTUATION = {
    "\u201e": "“",  # „ German-style opening
    "\u201f": "“",  # ‟
    "\u301d": "“",  # 〝
    "\u301e": "”",  # 〞
    "\u301f": "”",  # 〟
    "\u275d": "“",  # ❝
    "\u275e": "”",  # ❞
    "\uff02": '"',  # fullwidth "
    "\u201a": "‘",  # ‚ single low
    "\u201b": "‘",  # ‛
    "\u2039": "‘",  # ‹ single guillemet: pairs like ‘’
    "\u203a": "’",  # ›
    "\u275b": "‘",  # ❛
    "\u275c": "’",  # ❜
    "\uff07": "'",  # fullwidth '
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2043": "-",  # hyphen bullet
    "\u2212": "-",  # minus sign: "-16 °C"
    "\ufe63": "-",  # small hyphen-minus
    "\uff0d": "-",  # fullwidth hyphen-minus
    "\u2015": "—",  # horizontal bar, a dialogue dash
    "\u2e3a": "—",  # two-em dash
    "\u2e3b": "—",  # three-em dash
    "\ufe58": "—",  # small em dash
    "\ufe31": "—",  # vertical em dash
    "\ufe32": "—",  # vertical en dash
    "\u2028": "\n",  # line separator
    "\u2029": "\n\n",  # paragraph separator
    "\x0b": "\n",
    "\x0c": "\n",
}


def _c1_table() -> dict[int, str | None]:
    """C1 controls to their Windows-1252 character; the five bytes cp1252 leaves undefined go."""
    table: dict[int, str | None] = {}
    for code in range(0x80, 0xA0):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            table[code] = None
            continue
        table[code] = _PUNCTUATION.get(char, char)
    return table


_TABLE: dict[int, str | None] = {
    **_c1_table(),
    **dict.fromkeys(map(ord, _INVISIBLE), None),
    **{ord(k): v for k, v in _PUNCTUATION.items()},
}
# German-style „…“: the closing “ of a „ pair is a closing mark here
_LOW_PAIR = re.compile(r"\u201e([^\u201e\u201c\u201d\n]*)\u201c")
# en and figure dashes: a hyphen in a range of numbers, a raya in a sentence
_NUMBER_DASH = re.compile(r"(?<=\d)[\u2012\u2013](?=\d)")
_OTHER_DASH = re.compile(r"[\u2012\u2013]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Fix what the source's encoding and typography broke, then tidy the whitespace.

    ``"Kiev\\r\\n\\r\\n\\r\\nMoscú  dijo\\u00a0„ya‟"`` becomes ``"Kiev\\n\\nMoscú dijo “ya“"``.
    Normalising twice gives the same text as normalising once.
    """
    # removals first, composition after: "e\\u200b\\u0301" must become "é" in one pass
    text = _LOW_PAIR.sub("\u201c\\1\u201d", text).translate(_TABLE)
    text = _OTHER_DASH.sub("—", _NUMBER_DASH.sub("-", text))
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
