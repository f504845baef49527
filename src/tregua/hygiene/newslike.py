"""Whether a text reads as reporting at all: a folder of news often holds other files (a
licence, a script, a spreadsheet saved as text), and one of them stored as an article would
put its words among the facts.

A text is *not news* when one of these holds, each measured on its own lines:

- it has no sentence: no run of at least five words closed by a full stop, a question or
  an exclamation mark;
- it is a table: most lines hold the same number (two or more) of one separator (tab,
  comma, semicolon, bar) and close no sentence;
- it is code: most lines end in a brace, a semicolon or an opening bracket, or begin with a
  comment or a keyword of the common languages, and symbols are dense;
- it is a licence: many distinct terms of licences (in English and Spanish) in little text.

Each test names what it found, so the quarantine entry says why. Real articles, with their
page furniture, pass all four: none of the 15,457 texts of news-es, news-dev, the seeds and
the examples is refused (docs/quality/77-every-input.md).
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CLOSE = re.compile(r"[.!?…]")
_CLOSERS = (".", "!", "?", "…", "»", '"', "”", ":")
_SEPARATORS = ("\t", ";", "|", ",")
_CODE_END = ("{", "}", ";", "(", "[", "=>", "):", "*/")
_CODE_START = re.compile(
    r"^\s*(?:#include|#!|//|/\*|\*\s|@\w|def |class |import |from \S+ import|function |"
    r"return\b|raise |yield |elif |else:|try:|except\b|finally:|with .*:$|if .*:$|"
    r"for .* in .*:$|while .*:$|if \(|for \(|while \(|public |private |const |let |var |"
    r"package |<\?php|<script|SELECT |INSERT |CREATE |[\w.\[\]'\"]+\s*[-+*/|&]?=\s*\S)"
)
_SYMBOLS = frozenset("{}[]<>=;()#$\\_*|&")
# terms of software and content licences; a news page's own footer holds one or two
_LEGAL = (
    "license",
    "licence",
    "licencia",
    "licensed",
    "licensor",
    "licensee",
    "licenciante",
    "licenciatario",
    "copyright",
    "warranty",
    "warranties",
    "garantía",
    "garantías",
    "merchantability",
    "comerciabilidad",
    "infringement",
    "liability",
    "liable",
    "redistribute",
    "redistribution",
    "redistribuir",
    "redistribución",
    "sublicense",
    "sublicenciar",
    "permission",
    "permiso",
    "provided",
    "hereby",
    "software",
    "notice",
    "conditions",
    "derivative",
    "derivadas",
)
_LEGAL_SET = frozenset(_LEGAL)


def not_news(text: str) -> str | None:
    """Why ``text`` is not reporting, or None when it reads as an article."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    words = _WORD.findall(text)
    for test in (_table, _code, _licence):
        found = test(lines, words)
        if found:
            return found
    if not _has_sentence(text):
        return "no sentence in it (no five words or more closed by '.', '?' or '!')"
    return None


def _has_sentence(text: str) -> bool:
    """Five words or more before a mark that closes a sentence (what came after the last
    mark is no sentence: it is not closed)."""
    pieces = _CLOSE.split(text)[:-1]
    return any(len(_WORD.findall(piece)) >= 5 for piece in pieces)


def _table(lines: list[str], words: list[str]) -> str | None:
    if len(lines) < 4:
        return None
    for separator in _SEPARATORS:
        counts = Counter(line.count(separator) for line in lines)
        width, rows = counts.most_common(1)[0]
        # prose has as many commas a paragraph now and then; a row closes no sentence
        closed = sum(
            1 for line in lines if line.count(separator) == width and line.endswith(_CLOSERS)
        )
        if width >= 2 and rows >= 4 and rows >= 0.7 * len(lines) and closed <= 0.2 * rows:
            shown = {"\t": "tab", "|": "'|'", ";": "';'", ",": "','"}[separator]
            return (
                f"a table, not prose: {rows} of its {len(lines)} lines hold {width} "
                f"{shown} separators each"
            )
    return None


def _code(lines: list[str], words: list[str]) -> str | None:
    if len(lines) < 3:
        return None
    coded = sum(
        1 for line in lines if line.endswith(_CODE_END) or _CODE_START.match(line) is not None
    )
    if coded < 0.4 * len(lines):
        return None  # prose: no need to count its characters
    chars = [c for line in lines for c in line if not c.isspace()]
    symbols = sum(c in _SYMBOLS for c in chars) / max(len(chars), 1)
    if symbols >= 0.05:
        return (
            f"source code, not prose: {coded} of its {len(lines)} lines open or close code "
            f"and {symbols:.0%} of its characters are symbols"
        )
    return None


def _licence(lines: list[str], words: list[str]) -> str | None:
    folded = [w.lower() for w in words]
    hits = [w for w in folded if w in _LEGAL_SET]
    distinct = set(hits)
    if len(distinct) >= 5 and len(hits) >= 0.03 * len(folded):
        return (
            f"a licence, not an article: {len(hits)} of its {len(folded)} words are terms of "
            f"licences ({', '.join(sorted(distinct)[:5])}, ...)"
        )
    return None
