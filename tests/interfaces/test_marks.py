"""The document view's marks: pieces cut at every span boundary, classes of every cover."""

from __future__ import annotations

import pytest

from tregua.interfaces.web.marks import Mark, cut, parse_span

TEXT = "Peskov afirmó que «no hay plazos»."


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [(TEXT, ())]),
        ([Mark(0, 6, "ent", "")], [("Peskov", ("ent",)), (TEXT[6:], ())]),
        (
            [Mark(0, 33, "ev", ""), Mark(19, 32, "qt", "")],
            [(TEXT[:19], ("ev",)), ("no hay plazos", ("ev", "qt")), ("»", ("ev",)), (".", ())],
        ),
        ([Mark(30, 99, "hl", "")], [(TEXT[:30], ()), (TEXT[30:], ("hl",))]),
    ],
)
def test_cut(marks: list[Mark], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    pieces = cut(TEXT, 0, len(TEXT), marks)
    assert [(p.text, p.classes) for p in pieces] == expected
    assert "".join(p.text for p in pieces) == TEXT


def test_only_the_first_highlighted_piece_is_the_anchor() -> None:
    pieces = cut(TEXT, 0, len(TEXT), [Mark(0, 20, "hl", ""), Mark(5, 10, "ent", "")])
    assert [p.anchor for p in pieces if p.anchor] == ["hl"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3-9", (3, 9)),
        ("0-34", (0, 34)),
        ("9-3", None),
        ("3-99", None),
        ("-1-4", None),
        ("a-b", None),
        ("1' OR 1=1", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_span(value: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_span(value, len(TEXT)) == expected
