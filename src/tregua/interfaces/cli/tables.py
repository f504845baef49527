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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from tregua.interfaces.cli.app import shown, text

Row = TypeVar("Row")

#: what a table costs around each column: one space each side, one border line
_PADDING = 2
_BORDER = 1


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


def _needed(columns: Sequence[Column[Any]], widths: dict[str, int]) -> int:
    inner = sum(c.min_width if c.fold else widths[c.name] for c in columns)
    return inner + len(columns) * (_PADDING + _BORDER) + _BORDER


def fitting(columns: Sequence[Column[Row]], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """The indexes of the columns to show in ``width`` characters: all of them when they
    fit, else without the most droppable ones, one at a time, until they do."""
    widths = {
        c.name: max([cell_len(c.name), *(cell_len(r[i]) for r in rows)])
        for i, c in enumerate(columns)
    }
    kept = list(range(len(columns)))
    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while _needed([columns[i] for i in kept], widths) > width and droppable:
        kept.remove(droppable.pop()[1])
    return kept


def render(
    console: Console, columns: Sequence[Column[Row]], rows: Sequence[Row], title: str = ""
) -> None:
    """Print ``rows`` under ``columns`` to ``console``: a table fitted to a terminal, or TSV."""
    if not console.is_terminal:
        console.file.write("\t".join(c.name for c in columns) + "\n")
        for row in rows:
            line = "\t".join(shown(cell(c.value(row))).replace("\t", " ") for c in columns)
            console.file.write(line + "\n")
        return
    cells = [
        [excerpt(shown(cell(c.value(row))), c.excerpt if c.fold else None) for c in columns]
        for row in rows
    ]
    kept = fitting(columns, cells, console.width)
    table = Table(title=title or None, box=box.SIMPLE_HEAD, title_justify="left")
    for i in kept:
        column = columns[i]
        if column.fold:
            table.add_column(column.name, overflow="fold", min_width=column.min_width, ratio=1)
        else:
            table.add_column(column.name, no_wrap=True, overflow="ignore")
    for values in cells:
        table.add_row(*(text(values[i]) for i in kept))
    console.print(table)
    dropped = [columns[i].name for i in range(len(columns)) if i not in kept]
    if dropped:
        console.print(
            text(f"({', '.join(dropped)} left out at this width; --json or a pipe has all)"),
            style="dim",
            highlight=False,
        )
