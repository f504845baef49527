"""``tregua explain``: one stored document with its facts marked in the text.

The spans are the dashboard's (``web.marks.record_marks``: the same events, quotes,
stances and flags the document view marks), numbered per kind in record order and
written into the text as ``[E1 ... E1]``; the list under the text says what each is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from tregua.interfaces.cli.app import (
    READ,
    DbOpt,
    JsonOpt,
    command,
    out,
    print_json,
    read_store,
    store_faults,
    text,
    usage_error,
)

if TYPE_CHECKING:
    from tregua.interfaces.web.marks import Mark

#: the mark prefix of each kind of span, by the dashboard's class of it
PREFIX = {"ev": "E", "qt": "Q", "st": "S", "flag": "F"}
#: the words of the marks' titles: the record's own terms, as the JSON and the options use
WORDS = {"quote": "quote", "highlighted": "highlighted"}


class Span(NamedTuple):
    start: int
    end: int
    mark: str  # E1, Q2, S1, F3
    what: str


def _detail(record: Mapping[str, Any], kind: str, index: int) -> str:
    """What a mark's title leaves out: an event's sides, a quote's cue, a flag's reason."""
    if kind == "E":
        return " ".join(record["events"][index]["countries"])
    if kind == "Q":
        return str(record["quotes"][index].get("cue") or "")
    if kind == "F":
        return str(record["flags"][index].get("reason") or "")
    return ""


def spans(record: Mapping[str, Any]) -> list[Span]:
    """The record's marked spans, numbered per kind (entities are left out)."""
    from tregua.interfaces.web.marks import record_marks

    numbered: Counter[str] = Counter()
    found: list[Span] = []
    for mark in record_marks(record, WORDS, None):
        kind = PREFIX.get(_kind(mark))
        if kind is None:
            continue
        detail = _detail(record, kind, numbered[kind])
        numbered[kind] += 1
        what = f"{mark.title} ({detail})" if detail else mark.title
        found.append(Span(mark.start, mark.end, f"{kind}{numbered[kind]}", what))
    return found


def _kind(mark: Mark) -> str:
    return "flag" if mark.cls.startswith("flag-") else mark.cls


def marked(body: str, found: list[Span]) -> str:
    """``body`` with ``[M `` at each span's start and `` M]`` at its end."""
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker): closes before opens
    for span in found:
        inserts.append((span.start, 1, f"[{span.mark} "))
        inserts.append((span.end, 0, f" {span.mark}]"))
    pieces, last = [], 0
    for offset, _, marker in sorted(inserts):
        pieces += [body[last:offset], marker]
        last = offset
    pieces.append(body[last:])
    return "".join(pieces)


@command(READ)
@store_faults
def explain(
    doc: Annotated[str, typer.Argument(help="Document id, or its source path or URL.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One document, its facts marked in the text.

    Marks: [E1 ...] events, [Q1 ...] quotes, [S1 ...] stances, [F1 ...] flags; each is
    listed below the text with what it says.
    """
    from tregua.store import queries

    record = queries.find_document(read_store(db), doc)
    if record is None:
        usage_error(f"no stored document {doc!r}; list their ids with `tregua documents`")
    body = record["text"]
    found = spans(record)
    if as_json:
        print_json(
            {
                "id": record["id"],
                "source": record["source"],
                "text": body,
                "marks": [
                    {"mark": s.mark, "start": s.start, "end": s.end, "what": s.what}
                    | {"text": body[s.start : s.end]}
                    for s in found
                ],
            }
        )
        return
    console = out()
    title = record.get("title") or record["source"]
    console.print(text(f"{title} ({record.get('published') or '?'})"), highlight=False)
    console.print(text(marked(body, found), newlines=True), highlight=False)
    console.print()
    for s in found:
        console.print(text(f"{s.mark:>4} {s.start}-{s.end} {s.what}"), highlight=False)
