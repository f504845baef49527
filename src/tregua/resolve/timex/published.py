"""The publication date an undated article implies.

The article is read as evidence about the day it was written:

- dates it names in the past ("el 24 de enero de 2026", "la cumbre de Alaska") are on or
  before that day, dates it names in the future ("se celebrarán el 1 de febrero", "se
  acerca el plazo") after it;
- "N años de/después de <event>" puts the day in a window ("casi cuatro años de guerra");
- weekdays in the past tense ("Putin dijo el miércoles") name days of the last week, after
  the latest dated event the article reports.

The day chosen is the earliest one all of that allows: news is written soon after the
latest event it reports. ``infer_published`` returns None when nothing in the text dates it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tregua.pack import TimelineEvent
from tregua.resolve.timex import calendar as cal
from tregua.resolve.timex import context
from tregua.resolve.timex.engine import find_expressions
from tregua.resolve.timex.expression import TimeExpression
from tregua.resolve.timex.lexicon import fold, words

# cue words that need not appear in the text: "plazo de Trump" matches "plazo dado por Trump"
_CUE_STOPWORDS = frozenset(words("a al de del el en la las lo los por y con para un una"))
# at most this many words of the text between two consecutive cue words
MAX_CUE_GAP = 6
# a future reference this close is "approaching": "se acerca el plazo", "a punto de"
_IMMINENT = re.compile(
    r"\b(?:se\s+acerca|se\s+aproxima|inminente|a\s+punto\s+de|est[ae]\s+fin\s+de\s+semana"
    r"|esta\s+semana|mañana|en\s+los\s+pr[óo]ximos\s+d[ií]as|a\s+pocos\s+d[ií]as)\b",
    re.IGNORECASE,
)
IMMINENT_DAYS = 7
_WORD = re.compile(r"\w+")
_WEEKDAY_TIMEX = re.compile(r"XXXX-WXX-(\d)$")
_DAY_MONTH_TIMEX = re.compile(r"XXXX-(\d\d)-(\d\d)$")


@dataclass(frozen=True, slots=True)
class _Reference:
    """Evidence about the publication day: candidate days and the side of it they lie on."""

    candidates: tuple[dt.date, ...]
    future: bool
    imminent: bool = False
    weight: int = 1  # cue words matched: a longer cue names its event more surely
    background: bool = False  # an event named for years after ("la invasión rusa")


def infer_published(
    text: str,
    fallback_year: int,
    timeline: Sequence[TimelineEvent] = (),
    written: Sequence[tuple[int | None, int, int]] = (),
) -> dt.date | None:
    """The day an undated article was most likely written, or None.

    What the text itself gives comes first, the pack's timeline last:

    1. ``written``: the (year, month, day) the page prints for itself, its time stamp alone on
       a line ("Jueves, 05 de marzo de 2026") or its dateline ("MADRID, 26 Feb."), in order;
       the first with a year is the day;
    2. the text's own dates, weekdays and spans (``infer_from_text``);
    3. the same with ``timeline``, the pack's events of known date, as further evidence.

    A day the text gives without any year written in it takes the year of the timeline's
    answer when there is one (the events it names say which year it is); a written day
    without its year takes the year that puts it nearest the day found, or the latest year
    the text names, or ``fallback_year``.
    """
    for year, month, day in written:
        if year is not None and (found := _valid(year, month, day)) is not None:
            return found
    named = _latest_year_named(text)
    expressions = find_expressions(text, None)  # read once for both inferences
    inferred = infer_from_text(text, fallback_year, expressions=expressions)
    by_timeline = (
        infer_from_text(text, fallback_year, timeline, expressions=expressions)
        if timeline
        else None
    )
    if inferred is None:
        inferred = by_timeline
    elif named is None and by_timeline is not None:
        # the text gave the day but not its year: the events it names give the year
        inferred = nearest_year(inferred.month, inferred.day, by_timeline) or inferred
    for _, month, day in written:
        anchor = inferred or named or fallback_year
        if (found := _nearest(month, day, anchor)) is not None:
            return found
    return inferred


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The day ``month``/``day`` in the year that puts it nearest ``anchor``."""
    days = [
        d
        for year in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := _valid(year, month, day)) is not None
    ]
    return min(days, key=lambda d: abs((d - anchor).days), default=None)


def _nearest(month: int, day: int, anchor: dt.date | int) -> dt.date | None:
    if isinstance(anchor, int):
        return _valid(anchor, month, day)
    return nearest_year(month, day, anchor)


_YEAR_NAMED = re.compile(r"\b(20\d\d)\b")


def _latest_year_named(text: str) -> int | None:
    """The latest year the text writes out ("en 2025", "el 3 de marzo de 2026"), or None."""
    return max((int(y) for y in _YEAR_NAMED.findall(text)), default=None)


def infer_from_text(
    text: str,
    fallback_year: int,
    timeline: Sequence[TimelineEvent] = (),
    expressions: list[TimeExpression] | None = None,
) -> dt.date | None:
    """The day the text's dates, weekdays and spans (and ``timeline``, when given) allow.

    ``fallback_year`` gives a year to day-and-month dates when nothing else does;
    ``timeline`` is the pack's events of known date; ``expressions`` are the text's time
    expressions read without an anchor, when the caller has them already.
    """
    if expressions is None:
        expressions = find_expressions(text, None)
    references = _timeline_references(text, timeline)
    window = _window(text, expressions, timeline)
    references += _date_references(text, expressions, references, window, fallback_year)
    if not any(not r.background for r in references) and window is None:
        return None
    low = window[0] if window else None
    high = window[1] if window else None
    # background events bound the day from below but say nothing of how recent it is
    background = [r for r in references if r.background and not r.future]
    low = max([*([low] if low else []), *(r.candidates[-1] for r in background)], default=None)
    past = [r for r in references if not r.future and not r.background]
    lower = _lower_bound([r for r in past if len(r.candidates) == 1], low)
    chosen_past = [_choose(r, lower, high) for r in past]
    latest = max((d for d in chosen_past if d is not None), default=None)
    upper = min(
        (d for r in references if r.future for d in r.candidates if latest is None or d > latest),
        default=None,
    )
    imminent = any(r.imminent and upper in r.candidates for r in references if r.future)
    day = latest
    if upper is not None and (day is None or imminent):
        start = upper - dt.timedelta(days=IMMINENT_DAYS)
        day = max(day, start) if day else start
    if day is None and window is not None:
        day = window[0] + (window[1] - window[0]) / 2
    if day is None:
        return None
    day = _after_weekdays(text, expressions, day, upper)
    return day


def _lower_bound(sure: list[_Reference], low: dt.date | None) -> dt.date | None:
    days = [r.candidates[0] for r in sure]
    if low is not None:
        days.append(low)
    return max(days, default=None)


def _choose(ref: _Reference, lower: dt.date | None, high: dt.date | None) -> dt.date | None:
    """One day of an ambiguous past reference: the first one not before the sure evidence."""
    fitting = [
        d for d in ref.candidates if (lower is None or d >= lower) and (high is None or d <= high)
    ]
    if fitting:
        return min(fitting)
    allowed = [d for d in ref.candidates if high is None or d <= high]
    return max(allowed, default=None)


def _after_weekdays(
    text: str, expressions: list[TimeExpression], day: dt.date, upper: dt.date | None
) -> dt.date:
    """Past weekdays name days from ``day`` on: "la reunión del jueves", "Putin dijo el
    viernes" after a Thursday meeting is a Friday article."""
    result = day
    for e in expressions:
        m = _WEEKDAY_TIMEX.match(e.timex)
        if m is None or _direction(text, e) == "future":
            continue
        ahead = (int(m.group(1)) - day.isoweekday()) % 7
        candidate = day + dt.timedelta(days=ahead)
        if upper is None or candidate < upper:
            result = max(result, candidate)
    return result


def _direction(text: str, e: TimeExpression) -> cal.Direction | None:
    words = fold(e.text)
    if "pasad" in words:
        return "past"
    if "proxim" in words or "que viene" in words:
        return "future"
    if re.search(r"\bpara\s*$", fold(text[max(0, e.start - 8) : e.start])):
        return "future"
    return context.tense(text, e.start, e.end)


def _date_references(
    text: str,
    expressions: list[TimeExpression],
    timeline_refs: list[_Reference],
    window: tuple[dt.date, dt.date] | None,
    fallback_year: int,
) -> list[_Reference]:
    """Written dates: with their year as they are, day-and-month ones in the likeliest year."""
    out: list[_Reference] = []
    years: list[int] = []
    for e in expressions:
        if e.type != "DATE" or not e.has_year or e.value is None or e.granularity != "day":
            continue
        future = _direction(text, e) == "future"
        if e.bound != "until":
            out.append(_Reference((e.value,), future))
        if not future:
            years.append(e.value.year)
    years += [r.candidates[-1].year for r in timeline_refs if not r.future and not r.background]
    # written day and month ("el 30 de enero"); holidays ("Festival de Navidad") name no day
    day_months = [
        (e, int(m.group(1)), int(m.group(2)))
        for e in expressions
        if (m := _DAY_MONTH_TIMEX.match(e.timex))
        and e.bound != "until"
        and any(c.isdigit() for c in e.text)
    ]
    # an article running from December into January dates its December days a year back
    spans_new_year = any(mo == 12 for _, mo, _ in day_months) and any(
        mo <= 2 for _, mo, _ in day_months
    )
    reference_year = max(years) if years else None
    for e, month_, day_ in day_months:
        year = _year_for(month_, reference_year, window, fallback_year, spans_new_year)
        try:
            found = dt.date(year, month_, day_)
        except ValueError:
            continue
        out.append(_Reference((found,), _direction(text, e) == "future"))
    return out


def _year_for(
    month_: int,
    reference_year: int | None,
    window: tuple[dt.date, dt.date] | None,
    fallback_year: int,
    spans_new_year: bool,
) -> int:
    if window is not None and window[0].year == window[1].year:
        return window[0].year
    year = reference_year if reference_year is not None else fallback_year
    if spans_new_year and month_ >= 11:
        return year - 1 if reference_year is None or reference_year == fallback_year else year
    return year


def _timeline_references(text: str, timeline: Sequence[TimelineEvent]) -> list[_Reference]:
    """Events of the pack the text names, one reference per sentence and mention."""
    out: list[_Reference] = []
    if not timeline:
        return out
    first_words = _first_cue_words(tuple(timeline))
    for start, end in _sentences(text):
        words = [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
        present = {word for word, _, _ in words}
        matched: dict[int, tuple[int, list[TimelineEvent]]] = {}
        # only an event one of whose cues opens with a word of the sentence can match
        named = sorted({i for word in present for i in first_words.get(word, ())})
        for event in (timeline[i] for i in named):
            # a cue whose words are not all in the sentence cannot match: most are not
            cues = [c for c in event.cues if present.issuperset(_cue_words(c))]
            best = max((_cue_match(cue, words) for cue in cues), default=None, key=_size)
            if best is None:
                continue
            position, size = best
            held = matched.get(position)
            if held is None or size > held[0]:
                matched[position] = (size, [event])
            elif size == held[0]:
                held[1].append(event)
        for position, (size, events) in _dominant(matched).items():
            future = _future_at(text, position, events)
            imminent = bool(_IMMINENT.search(text, start, end))
            days = tuple(sorted({e.date for e in events}))
            background = all(e.kind == "background" for e in events)
            out.append(_Reference(days, future, future and imminent, size, background))
    return out


def _dominant(
    matched: dict[int, tuple[int, list[TimelineEvent]]],
) -> dict[int, tuple[int, list[TimelineEvent]]]:
    """Drop events a longer cue of the same sentence outdoes: "tres rondas de conversaciones
    en Estambul" is the third round, not any of them."""
    sizes = {e.key: size for size, events in matched.values() for e in events}
    cues = {e.key: set(e.cues) for _, events in matched.values() for e in events}
    out: dict[int, tuple[int, list[TimelineEvent]]] = {}
    for position, (size, events) in matched.items():
        kept = [
            e
            for e in events
            if not any(sizes[k] > size and cues[k] & cues[e.key] for k in sizes if k != e.key)
        ]
        if kept:
            out[position] = (size, kept)
    return out


def _size(match: tuple[int, int] | None) -> int:
    return match[1] if match else -1


def _future_at(text: str, position: int, events: list[TimelineEvent]) -> bool:
    direction = context.tense(text, position, position + 1)
    if direction is not None:
        return direction == "future"
    return all(e.kind == "deadline" for e in events)


@functools.lru_cache(maxsize=4)
def _first_cue_words(timeline: tuple[TimelineEvent, ...]) -> dict[str, tuple[int, ...]]:
    """The first content word of each cue -> the indices of the timeline's events with such
    a cue: a sentence without any of these words names none of them."""
    index: dict[str, set[int]] = {}
    for i, event in enumerate(timeline):
        for cue in event.cues:
            if wanted := _cue_words(cue):
                index.setdefault(wanted[0], set()).add(i)
    return {word: tuple(sorted(found)) for word, found in index.items()}


@functools.lru_cache(maxsize=4096)
def _cue_words(cue: str) -> tuple[str, ...]:
    """The folded content words of a cue, parsed once per cue, not once per sentence."""
    return tuple(w for w in (fold(x) for x in _WORD.findall(cue)) if w not in _CUE_STOPWORDS)


def _cue_match(cue: str, words: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """Where the cue's words appear in order, each at most ``MAX_CUE_GAP`` words after the
    previous one: (offset of the first word, number of cue words), or None."""
    wanted = _cue_words(cue)
    if not wanted:
        return None
    for i, (word, start, _) in enumerate(words):
        if word != wanted[0]:
            continue
        j = i
        for target in wanted[1:]:
            following = [k for k in range(j + 1, min(len(words), j + 2 + MAX_CUE_GAP))]
            hit = next((k for k in following if words[k][0] == target), None)
            if hit is None:
                break
            j = hit
        else:
            return start, len(wanted)
    return None


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"[.!?\n]+(?:\s+|$)", text):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _window(
    text: str, expressions: list[TimeExpression], timeline: Sequence[TimelineEvent]
) -> tuple[dt.date, dt.date] | None:
    """The days "N años de/después de <event>" allows: "casi cuatro años de guerra"."""
    low: dt.date | None = None
    high: dt.date | None = None
    for e in expressions:
        if e.type != "DURATION" or not e.timex.endswith("Y") or "X" in e.timex:
            continue
        origin = _origin(text, e.start, e.end, timeline)
        if origin is None:
            continue
        years = float(e.timex[1:-1])
        span = _span(years, e.mod)
        first = cal.shift_month(origin, round(span[0] * 12))
        last = cal.shift_month(origin, round(span[1] * 12))
        low = max(low, first) if low else first
        high = min(high, last) if high else last
    if low is None or high is None or low > high:
        return None
    return low, high


def _span(years: float, mod: str | None) -> tuple[float, float]:
    """How many years "tres años y medio", "casi cuatro", "más de tres" allow."""
    if mod == "LESS_THAN":
        return years - 0.5, years
    if mod == "MORE_THAN":
        return years, years + 1
    if not years.is_integer():
        return years - 0.25, years + 0.25
    return years, years + 1


# words that may stand between a duration and the event it counts from
_LINK_WORDS = frozenset(
    words("de del desde despues tras el la los las inicio comienzo principio su")
)


def _origin(text: str, start: int, end: int, timeline: Sequence[TimelineEvent]) -> dt.date | None:
    """The event a duration counts from, named right after it: "después de la invasión",
    "cuatro años de guerra" (the cue may take the duration's own words)."""
    words = [(fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text, start, end + 80)]
    best: tuple[int, dt.date] | None = None
    for event in timeline:
        if event.kind == "deadline":
            continue
        for cue in event.cues:
            hit = _cue_match(cue, words)
            if hit is None:
                continue
            between = [w for w, s_, _ in words if end <= s_ < hit[0]]
            if all(w in _LINK_WORDS for w in between) and (best is None or hit[0] < best[0]):
                best = (hit[0], event.date)
    return best[1] if best else None
