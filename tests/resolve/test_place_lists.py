"""A place followed by more of a list ("Kiev, Járkov y otras ciudades") is no single place;
a place followed by any other word is not a list for that word alone."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from tregua.resolve.place import _more_follow


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Járkov", "y", "otras", "ciudades"], True),
        (["Járkov", ",", "varias", "regiones"], True),
        (["Járkov", "y", "demás", "localidades"], True),
        (["Járkov", "e", "otros", "lugares"], True),
        (["Járkov", ",", "dijo", "el", "portavoz"], False),
        (["Járkov", "y", "anunció", "un", "alto"], False),
        (["Járkov", "y", "otrascosas"], False),
        (["Járkov", "."], False),
    ],
)
def test_more_follow(words: list[str], expected: bool) -> None:
    doc = Doc(Vocab(), words=words)
    assert _more_follow(doc, 1) is expected
