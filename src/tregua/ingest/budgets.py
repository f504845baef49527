"""What one document may cost: the budgets every input is held to, and the checks of them.

A budget that runs out quarantines the document with the budget named in its reason
(``TOO_LARGE`` for a size, ``TIMEOUT`` for the wall time), never the batch. The sizes are
checked before any stage that could be slow on them (spaCy's tokenizer on a run of ``&``,
the glued-word splitter on a 5 MB token, the paragraph comparisons on 20,000 lines, lxml on
100,000 attributes); the wall time is kept by a worker process that is killed when it runs
over (``guarded.run_guarded``). The defaults are far above real articles: none of the
30,860 articles of ``../shared/data/news-es`` and ``news-dev`` is over a size budget (the
longest has 27,500 characters, the most lines 516), nor any seed or example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tregua.errors import InputError, QuarantineReason


@dataclass(frozen=True, slots=True)
class Budgets:
    """Per-document limits; each field's comment says what it bounds."""

    seconds: float = 30.0  # wall time of the per-document stages, hygiene to record
    characters: int = 400_000  # characters of the article text
    lines: int = 4_000  # non-blank lines (each a candidate paragraph)
    line_length: int = 60_000  # characters in one line
    token_length: int = 1_000  # characters without a space (a long URL is ~500)
    markup_depth: int = 400  # elements open at once in a page
    markup_attributes: int = 200_000  # attributes in a page
    element_attributes: int = 500  # attributes of one element
    inflated_bytes: int = 64 * 1024 * 1024  # bytes a compressed part may inflate to
    # bytes without a newline in an inflated part: warcio reads a header line by joining
    # 16 KB pieces, quadratic in the line (a 64 MB line: 6 minutes)
    inflated_line: int = 8 * 1024 * 1024


DEFAULT_BUDGETS = Budgets()

_LONG_TOKEN_CACHE: dict[int, re.Pattern[str]] = {}


def _long_token(limit: int) -> re.Pattern[str]:
    pattern = _LONG_TOKEN_CACHE.get(limit)
    if pattern is None:
        pattern = _LONG_TOKEN_CACHE[limit] = re.compile(rf"\S{{{limit + 1}}}")
    return pattern


def check_text(source: str, text: str, budgets: Budgets = DEFAULT_BUDGETS) -> None:
    """Raise ``InputError`` (TOO_LARGE, naming the budget) when ``text`` is over a size
    budget; linear in the text."""
    if len(text) > budgets.characters:
        _over(source, f"{len(text):,} characters", "characters", budgets.characters)
    lines = 0
    longest = 0
    for line in text.splitlines():
        if line.strip():
            lines += 1
        longest = max(longest, len(line))
    if lines > budgets.lines:
        _over(source, f"{lines:,} lines", "lines", budgets.lines)
    if longest > budgets.line_length:
        _over(source, f"a line of {longest:,} characters", "line_length", budgets.line_length)
    token = _long_token(budgets.token_length).search(text)
    if token is not None:
        _over(
            source,
            f"a token of over {budgets.token_length:,} characters without a space "
            f"({token.group()[:20]!r}...)",
            "token_length",
            budgets.token_length,
        )


# a tag's name and the rest of it, up to its ">"; attribute names in the rest
_TAG = re.compile(rb"(/?)([A-Za-z][^\s/>]*)(.*)", re.DOTALL)
_ATTRIBUTE = re.compile(rb"[^\s=/>\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?")
# elements that never close, or whose end tag HTML lets a page leave out
_UNCLOSED = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td "
    b"th option optgroup thead tbody tfoot colgroup rp rt caption html head body".split()
)


def check_markup(source: str, data: bytes, budgets: Budgets = DEFAULT_BUDGETS) -> None:
    """Raise ``InputError`` (TOO_LARGE) when a page nests elements deeper than
    ``markup_depth`` or carries more attributes than the budgets allow; one pass over the
    page cut at each ">", before any parser sees it."""
    depth = deepest = attributes = 0
    for piece in data.split(b">"):
        opened = piece.rfind(b"<")
        if opened < 0:
            continue
        match = _TAG.match(piece, opened + 1)
        if match is None:
            continue
        closing, name, rest = match.groups()
        if rest.strip():
            count = len(_ATTRIBUTE.findall(rest))
            if count > budgets.element_attributes:
                _over(
                    source,
                    f"an element with {count:,} attributes",
                    "element_attributes",
                    budgets.element_attributes,
                )
            attributes += count
        if name.lower() in _UNCLOSED or rest.endswith(b"/"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    if deepest > budgets.markup_depth:
        _over(source, f"elements nested {deepest:,} deep", "markup_depth", budgets.markup_depth)
    if attributes > budgets.markup_attributes:
        _over(
            source,
            f"{attributes:,} attributes",
            "markup_attributes",
            budgets.markup_attributes,
        )


def over_budget(source: str, found: str, budget: str, limit: float) -> InputError:
    """The error of a document over ``budget``: "found" against the limit, budget named."""
    return InputError(
        source,
        QuarantineReason.TOO_LARGE,
        f"{found}, over the {budget} budget of {limit:,} for one document",
    )


def _over(source: str, found: str, budget: str, limit: float) -> None:
    raise over_budget(source, found, budget, limit)
