"""A cheap test that tells when a regex cannot match a text, so its scan can be skipped.

Each rule of the time grammar is a regex run over the whole text; most texts hold no
century, no holiday and no "un buen rato", yet a scan costs the same whether it finds one
or not. From a compiled pattern ``needles`` reads the words every match must contain, one
of them at least ("siglo" for the century rule; "diario" or "diaria" ...), and ``may_match``
looks for them in the folded text with ``str.__contains__``: where none is there, the
regex would find nothing, and is not run. The answer of the grammar is the same; only
scans that would have found nothing are left out (``tests/resolve/test_timex_screen.py``
checks every rule against every match of a corpus).

Patterns are read with ``re._parser``, the parser the ``re`` module compiles with: private,
but stable across the Python versions we support (``requires-python`` pins 3.11).
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]  # private: see the docstring
import re._parser as sre_parse  # type: ignore[import-not-found]
import unicodedata
from typing import Any


def screen_fold(text: str) -> str:
    """Lower case, accents and every other non-ASCII character dropped: the text and the
    needles are both read this way, so a character a pattern matches case-insensitively
    ("Á" for "á", "ſ" for "s") folds as its literal does."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def _literal(op: Any, av: Any) -> str | None:
    """The folded text a single-character item always matches, or None."""
    if op is sre.LITERAL:
        folded = screen_fold(chr(av))
        return folded or None
    if op is sre.IN:  # [aá]: a class of literals that all fold alike
        if not all(member_op is sre.LITERAL for member_op, _ in av):
            return None
        forms = {screen_fold(chr(code)) for _, code in av}
        if len(forms) == 1 and (form := forms.pop()):
            return form
    return None


def _better(held: frozenset[str] | None, new: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two needle sets: longer shortest needle, then fewer needles."""
    if new is None or not new:
        return held
    if held is None:
        return new

    def rank(needles: frozenset[str]) -> tuple[int, int]:
        return (min(len(n) for n in needles), -len(needles))

    return new if rank(new) > rank(held) else held


def _needles(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the sequence ``items`` contains, or None."""
    best: frozenset[str] | None = None
    run: list[str] = []
    for op, av in items:
        char = _literal(op, av)
        if char is not None:
            run.append(char)
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the literals on either side are neighbours in the match
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN:
            best = _better(best, _needles(av[3]))
        elif op is sre.ATOMIC_GROUP:
            best = _better(best, _needles(av))
        elif op is sre.BRANCH:
            branches = [_needles(branch) for branch in av[1]]
            if all(b is not None for b in branches):
                best = _better(best, frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _, body = av
            if low >= 1:
                best = _better(best, _needles(body))
        # anything else (\d, ., [^x], a mixed class, a back-reference) names no string
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


def needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Folded strings one of which is in the folded text of every match of ``pattern``;
    None where the pattern requires no string ("\\d+")."""
    return _needles(sre_parse.parse(pattern.pattern, pattern.flags))


def may_match(found: frozenset[str] | None, folded_text: str) -> bool:
    """False only where no match is possible: none of ``found`` is in the text."""
    return found is None or any(needle in folded_text for needle in found)
