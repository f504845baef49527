"""The scan screen of the time grammar skips only scans that would find nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.resolve.test_time import TABLE, TIME_WORDS
from tregua.resolve.timex.engine import RULES, _matches
from tregua.resolve.timex.screen import may_match, needles, screen_fold


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<!\w)(?:el\s+)?siglo\s+(?P<n>[IVXLC]+|\d{1,2})", {"siglo"}),
        (r"\b(?:ayer|hoy|anteayer)\b", {"ayer", "hoy", "anteayer"}),
        (r"(?:el\s+)?(?:pr[óo]ximo\s+)?lunes", {"lunes"}),  # optional parts require nothing
        (r"[aá]ños?", {"ano"}),  # a class of one letter with or without its accent
        (r"A(?=ÑO)", {"a"}),  # a lookahead is zero width, and requires nothing here
        (r"(?:diarios?|(?:cada|todos\s+los)\s+d[ií]as)", {"diario", "dias"}),
        (r"\d+", None),  # no string: the rule always runs
        (r"(?:hoy|\d+)", None),  # a branch that names no string frees the whole branch
        (r"(\d)/\d\1", {"/"}),  # a back-reference names nothing, the slash does
    ],
)
def test_needles_of_hand_written_patterns(pattern: str, expected: set[str] | None) -> None:
    found = needles(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


def test_folding_reads_case_and_accents_as_the_patterns_do() -> None:
    assert screen_fold("Miércoles, AÑO, Ñoño «dijo»") == "miercoles, ano, nono dijo"
    assert may_match(frozenset({"siglo"}), screen_fold("el SIGLO XX"))
    assert not may_match(frozenset({"siglo"}), screen_fold("el año pasado"))
    assert may_match(None, "")


def _every_match_holds_a_needle(text: str) -> None:
    for rule in RULES:
        found = needles(rule.pattern)
        for m in rule.pattern.finditer(text):
            assert may_match(found, screen_fold(m.group())), (rule.name, m.group())


def _kept(span: tuple[int, int]) -> bool:
    return span[0] < span[1]


def _unscreened(text: str) -> list[tuple[int, int, int]]:
    """What the engine's scan keeps, with every rule run: matches whose span is not empty."""
    return sorted(
        (index, *m.span())
        for index, rule in enumerate(RULES)
        for m in rule.pattern.finditer(text)
        if _kept(m.span(rule.group) if rule.group else m.span())
    )


def test_every_match_of_the_table_holds_a_needle_of_its_rule() -> None:
    for text, *_ in TABLE:
        _every_match_holds_a_needle(text)
        _every_match_holds_a_needle(text.upper())


MORE_WORDS = ("Miércoles", "SÁBADO", "año", "Años", "década", "siglo", "XX", "navidad", "rato")
ACCENTED = st.sampled_from([*TIME_WORDS.split(), *MORE_WORDS, "diaria"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ACCENTED, max_size=14))
def test_screened_scan_finds_what_the_full_scan_finds(words: list[str]) -> None:
    text = " ".join(words)
    screened = sorted((index, *m.span()) for index, _, m, _, _ in _matches(text))
    assert screened == _unscreened(text)


@pytest.mark.shared
def test_every_match_in_the_timex_corpora_holds_a_needle(shared: Path) -> None:
    folder = shared / "data" / "timex-es"
    files = sorted(folder.glob("*/*.tsv"))
    assert files, f"no TIMEX3 corpus under {folder}"
    for path in files:
        words = [line.split("\t", 1)[0] for line in path.read_text("utf-8").splitlines()]
        _every_match_holds_a_needle(" ".join(w if w else "\n" for w in words))
