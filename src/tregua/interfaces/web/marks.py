"""Cut a record's paragraphs into pieces marked with the facts that cover them.

The document view shows entities, events, quotes, stances and source-quality flags in the
text itself. Spans overlap, so each paragraph is cut at every span boundary and each piece
carries the classes of every span over it; the template escapes each piece's text.

    >>> [(p.text, p.classes) for p in cut("Putin dijo", 0, 10, [Mark(0, 5, "ent", "")])]
    [('Putin', ('ent',)), (' dijo', ())]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, pairwise
from typing import Any, NamedTuple


class Mark(NamedTuple):
    start: int
    end: int
    cls: str  # css class: ent, ev, qt, st, flag, hl
    title: str  # what a hover says


class Piece(NamedTuple):
    text: str
    classes: tuple[str, ...]
    title: str
    anchor: str | None = None  # the id of the first highlighted piece


def cut(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Piece]:
    """``text[start:end]`` as pieces, each with the classes of the marks covering it.

    One sweep over the boundaries: a mark is opened at its first boundary and closed at
    its last, so a piece costs the marks over it, not every mark of the paragraph (a
    paragraph of 10,000 entity mentions: see ``benchmarks/document_view.py``). A piece's
    title lists its marks' titles in the order of ``marks``.
    """
    opens: dict[int, list[int]] = defaultdict(list)
    closes: dict[int, list[int]] = defaultdict(list)
    inside: list[Mark] = []
    for mark in marks:
        if mark.start < end and mark.end > start and mark.start < mark.end:
            opens[max(start, mark.start)].append(len(inside))
            closes[min(end, mark.end)].append(len(inside))
            inside.append(mark)
    bounds = sorted({start, end, *opens, *closes})
    active: set[int] = set()
    pieces: list[Piece] = []
    anchored = False
    for left, right in pairwise(bounds):
        active.difference_update(closes.get(left, ()))
        active.update(opens.get(left, ()))
        if not active:
            pieces.append(Piece(text[left:right], (), ""))
            continue
        classes: tuple[str, ...]
        if len(active) == 1:
            (only,) = active
            classes, title = (inside[only].cls,), inside[only].title
        else:
            over = [inside[i] for i in sorted(active)]
            classes = tuple(sorted({m.cls for m in over}))
            title = " · ".join(dict.fromkeys(m.title for m in over if m.title))
        anchor = None
        if not anchored and "hl" in classes:
            anchor, anchored = "hl", True
        pieces.append(Piece(text[left:right], classes, title, anchor))
    return pieces


def paragraph_pieces(
    text: str, paragraphs: Sequence[tuple[int, int]], marks: Iterable[Mark]
) -> list[list[Piece]]:
    """``cut`` of each ``(start, end)`` paragraph, each given only the marks over it (found
    by bisection over the paragraphs in text order, not by trying every mark on each)."""
    order = sorted(range(len(paragraphs)), key=lambda i: paragraphs[i])
    starts = [paragraphs[i][0] for i in order]
    reach = list(accumulate((paragraphs[i][1] for i in order), max))
    mine: list[list[Mark]] = [[] for _ in paragraphs]
    for mark in marks:
        # the paragraphs that start before the mark ends and end after it starts
        last = bisect_left(starts, mark.end)
        first = bisect_right(reach, mark.start, hi=last)
        for k in range(first, last):
            i = order[k]
            if paragraphs[i][1] > mark.start:
                mine[i].append(mark)
    return [cut(text, s, e, own) for (s, e), own in zip(paragraphs, mine, strict=True)]


def record_marks(
    record: Mapping[str, Any], labels: Mapping[str, str], highlight: tuple[int, int] | None
) -> list[Mark]:
    """Every span of a record worth marking, plus the span a link asked to highlight."""
    marks: list[Mark] = []
    for entity in record.get("entities", ()):
        for mention in entity.get("mentions", ()):
            marks.append(
                Mark(
                    mention["start"], mention["end"], "ent", f"{entity['name']} ({entity['type']})"
                )
            )
    for event in record.get("events", ()):
        ev = event["evidence"]
        status = labels.get(event.get("status") or "", event.get("status") or "?")
        title = f"{event.get('type') or '?'} · {status} · {event.get('date') or '?'}"
        marks.append(Mark(ev["start"], ev["end"], "ev", title))
    for quote in record.get("quotes", ()):
        who = quote.get("speaker_name") or quote.get("speaker_description") or "?"
        marks.append(Mark(quote["start"], quote["end"], "qt", f"{labels['quote']}: {who}"))
    for stance in record.get("stances", ()):
        ev = stance["evidence"]
        polarity = labels.get(stance.get("polarity") or "", stance.get("polarity") or "?")
        title = f"{stance.get('country') or '?'} · {stance.get('issue') or '?'} · {polarity}"
        marks.append(Mark(ev["start"], ev["end"], "st", title))
    for flag in record.get("flags", ()):
        marks.append(
            Mark(
                flag["start"],
                flag["end"],
                f"flag-{flag['kind']}",
                labels.get(flag["kind"], flag["kind"]),
            )
        )
    if highlight:
        marks.append(Mark(highlight[0], highlight[1], "hl", labels["highlighted"]))
    return marks


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``"120-245"`` -> ``(120, 245)`` inside a text of ``length``; anything else -> None."""
    if not value:
        return None
    left, _, right = value.partition("-")
    if not (left.isdigit() and right.isdigit()) or len(left) > 9 or len(right) > 9:
        return None
    start, end = int(left), int(right)
    if not 0 <= start < end <= length:
        return None
    return start, end
