"""Tables declared as data, printed to fit: a terminal gets a table as wide as it is, a pipe
gets tab-separated values.

A table is a list of ``Column``: a header, how a row gives its value, a priority and
whether its text may fold over lines. In a terminal no value is ever cut: a column that
holds short values (a date, a type, a count) is as wide as its widest value, and when the
columns do not fit, whole columns go, the least important first (the highest ``drop``),
and only the ``fold`` columns (long text) give up width, folding their text over lines.
Piped (stdout not a terminal), every column is printed, whole, as a header line and one
line per row with tabs between values: no title, no box, nothing cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.cells import cell_len
from rich.console import Console

from tregua.interfaces.cli.app import shown, text

Row = TypeVar("Row")

#: what a table costs around each column: one space each side, one border line
_PADDING = 2
_BORDER = 1


# ``shown``'s characters, but for the tab between the values (none is left inside one)
_UNSAFE_IN_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column: ``name`` over ``value(row)``.

    ``drop``: 0 never dropped; otherwise the columns that do not fit go in descending
    order of it. ``fold``: long text that folds over lines (at least ``min_width`` wide)
    instead of setting the column's width. ``excerpt``: in a terminal a fold column shows
    the first ``excerpt`` characters, cut at a word and marked with ``…``; piped, whole.
    """

    name: str
    value: Callable[[Row], object]
    drop: int = 0
    fold: bool = False
    min_width: int = 16
    excerpt: int | None = None


def cell(value: object) -> str:
    """A value as a table shows it: None as empty, lists joined by spaces."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(cell(v) for v in value)
    return str(value)


def excerpt(value: str, most: int | None) -> str:
    """The first ``most`` characters of ``value`` ending at a word, with ``…`` when cut."""
    if most is None or len(value) <= most:
        return value
    head = value[:most].rsplit(" ", 1)[0] if " " in value[:most] else value[:most]
    return head.rstrip(" ,;:.") + " …"


def _needed(columns: Sequence[Column[Any]], widths: Sequence[int]) -> int:
    inner = sum(c.min_width if c.fold else w for c, w in zip(columns, widths, strict=True))
    return inner + len(columns) * (_PADDING + _BORDER) + _BORDER


def fitting(
    columns: Sequence[Column[Row]], rows: Sequence[Sequence[str]], width: int
) -> dict[int, int]:
    """The columns to show in ``width`` characters, by index, each with its width: all of
    them when they fit, else without the most droppable ones, one at a time, until they
    do. A column of short values is as wide as its widest; the fold columns share the rest
    (each at least its ``min_width``, none wider than its widest value)."""
    natural = [
        max([cell_len(c.name), *(cell_len(r[i]) for r in rows)]) for i, c in enumerate(columns)
    ]
    kept = list(range(len(columns)))
    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while _needed([columns[i] for i in kept], [natural[i] for i in kept]) > width and droppable:
        kept.remove(droppable.pop()[1])
    widths = {i: natural[i] for i in kept}
    folding = [i for i in kept if columns[i].fold]
    spare = width - _needed([columns[i] for i in kept], [natural[i] for i in kept])
    for n, i in enumerate(folding):  # the spare width, shared out in order
        share = spare // (len(folding) - n)
        widths[i] = min(natural[i], columns[i].min_width + max(share, 0))
        spare -= widths[i] - columns[i].min_width
    return widths


def _tsv_value(value: object) -> str:
    """``cell(value)`` as one TSV field: a tab as a space, controls as escapes.

    ``str.isprintable`` (C speed) passes most values as they are: it is false for every
    character ``_UNSAFE_IN_LINE`` escapes (and for a few it leaves, such as a no-break
    space, which then go through the pattern unchanged)."""
    if isinstance(value, str):
        text = value
    elif value is None:
        return ""
    elif isinstance(value, list):
        try:
            text = " ".join(value)  # a list of strings: the countries of an event
        except TypeError:
            text = cell(value)
    else:
        text = cell(value)
    if text.isprintable():
        return text
    return _UNSAFE_IN_LINE.sub(_escaped, text.replace("\t", " "))


def _tsv_column(values: list[Any]) -> list[str]:
    """``_tsv_value`` of each of a column's values. A column of text (or text and None)
    or of integers, the timeline's all but one, is done without a call per value (0.04 s
    of the 26,939 events' 0.10 s)."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        return ["" if v is None else v if v.isprintable() else _tsv_value(v) for v in values]
    if kinds == {int}:
        return list(map(str, values))
    return list(map(_tsv_value, values))


def tsv(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> str:
    """``rows`` as tab-separated values: a header line and one line a row, values whole.

    Column by column, then joined row by row (``zip``): the loops in C."""
    fields = [_tsv_column(list(map(c.value, rows))) for c in columns]
    header = "\t".join(c.name for c in columns)
    return "\n".join([header, *map("\t".join, zip(*fields, strict=True)), ""])


def render(
    console: Console, columns: Sequence[Column[Row]], rows: Sequence[Row], title: str = ""
) -> None:
    """Print ``rows`` under ``columns`` to ``console``: a table fitted to a terminal, or TSV."""
    if not console.is_terminal:
        console.file.write(tsv(columns, rows))
        return
    cells = [
        [excerpt(shown(cell(c.value(row))), c.excerpt if c.fold else None) for c in columns]
        for row in rows
    ]
    from rich import box
    from rich.table import Table

    widths = fitting(columns, cells, console.width)
    table = Table(title=title or None, box=box.SIMPLE_HEAD, title_justify="left")
    for i, width in widths.items():
        if columns[i].fold:
            table.add_column(columns[i].name, width=width, overflow="fold")
        else:
            table.add_column(columns[i].name, width=width, overflow="ignore", no_wrap=True)
    for values in cells:
        table.add_row(*(text(values[i]) for i in widths))
    console.print(table)
    dropped = [columns[i].name for i in range(len(columns)) if i not in widths]
    if dropped:
        console.print(
            text(f"({', '.join(dropped)} left out at this width; --json or a pipe has all)"),
            style="dim",
            highlight=False,
        )
