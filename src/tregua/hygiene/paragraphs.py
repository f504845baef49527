"""Paragraphs and source-quality flags.

A paragraph is a non-blank line of the normalised text, or a piece of one: text after a
commentary marker (``>>``) and an unattributed opinion sentence inside a line
(``commentary.py``) become paragraphs of their own, so the reporting around them stays
extractable. Hygiene decides each paragraph's kind (reporting, caption, commentary,
boilerplate, duplicate) and records the evidence of every problem as a ``Flag``; the
extractors then skip duplicates, boilerplate and commentary. Glued words are flagged and
their split form kept as ``Repair`` records beside the unchanged text.

    commentary.py   opinion after ">>", and opinion formulas in the reporter's voice
    lines.py        page furniture by the shape of a line: dates, datelines, prompts, photo
                    credits, labels, subheadings
    datelines.py    datelines parsed: place, day, agency ("MADRID, 26 Feb. (EUROPA PRESS) -")
    agency.py       the news agency behind a text: dateline, credit and signature lines
    boilerplate.py  template lines: the pack's line starts, bylines, credits, share rows
    captions.py     photo captions: cues, name lines, repeats, verbless lines (after parse)
    glued.py        words run together, against a word list from the Spanish model
    duplicates.py   near-duplicate documents across a batch (MinHash LSH)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from tregua.hygiene.agency import find_agency
from tregua.hygiene.boilerplate import boilerplate_reason
from tregua.hygiene.captions import has_caption_shape, looks_like_caption
from tregua.hygiene.commentary import find_commentary
from tregua.hygiene.datelines import DatelineParse, parse_dateline
from tregua.hygiene.glued import find_glued
from tregua.hygiene.lines import Furniture, classify_lines, glued_credit, glued_headline
from tregua.hygiene.normalize import normalize_text
from tregua.model import CleanDoc, Dateline, Flag, Paragraph, ParagraphKind, RawDoc, Repair
from tregua.pack import Lexicon

# a repeated caption is often re-typed with small changes; 90 keeps "(en la foto)" variants
NEAR_DUPLICATE_RATIO = 90.0
# shorter paragraphs ("Rusia", a name line) repeat legitimately and are not flagged
MIN_DUPLICATE_WORDS = 5
# a caption repeated in other words ("El enviado especial Steve Witkoff, a su llegada a
# Moscú." / "El enviado Steve Witkoff, a su llegada a Moscú este jueves.": 91): compared as
# sets of words, between two caption-like lines of similar length only
CAPTION_REPEAT_RATIO = 85.0
CAPTION_REPEAT_LENGTHS = 0.6
MARKER_REASON = "unattributed opinion after a commentary marker"


@dataclass(frozen=True, slots=True)
class _Seen:
    index: int
    key: str  # lower-cased words
    caption_like: bool


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    commentary: str | None = None  # why it is commentary, when it is
    dateline: DatelineParse | None = None  # the dateline that opened a paragraph, cut off
    headline: bool = False  # a headline cut off the caption it was glued to


def clean_document(
    raw: RawDoc,
    lexicon: Lexicon,
    words: frozenset[str] = frozenset(),
    shared_lines: frozenset[str] = frozenset(),
) -> CleanDoc:
    """Normalise ``raw.text``, cut it into paragraphs and flag its problems.

    ``words`` is the Spanish word list of ``glued.spanish_words``; without it only acronyms
    glued to a word ("OTANpara") are found. Each glued word also becomes a ``Repair`` on the
    result ("OTANpara" -> "OTAN para"): the text keeps what the source printed.
    ``shared_lines`` are lines (``lines.line_key``) that many articles of the outlet print.
    """
    text = normalize_text(raw.text)
    flags: list[Flag] = []
    repairs: list[Repair] = []
    segments = _split_glued_headlines(
        text, _split_datelines(text, _segments(text, lexicon), lexicon), lexicon, flags, repairs
    )
    furniture = _furniture(text, segments, raw, lexicon, shared_lines)
    contained = _contained_lines(text, segments)
    paragraphs: list[Paragraph] = []
    seen: list[_Seen] = []  # earlier paragraphs a later one may repeat
    for index, seg in enumerate(segments):
        body = text[seg.start : seg.end]
        kind: ParagraphKind = "reporting"
        verdict = furniture[index]
        if seg.commentary is not None:
            kind = "commentary"
            flags.append(Flag("inserted_commentary", seg.start, seg.end, body, seg.commentary))
        elif seg.dateline is not None:
            kind = "boilerplate"  # a dateline that opens a paragraph: kept out, not flagged
        elif seg.headline:
            pass  # the headline is reporting; the caption glued to it is not
        elif index in contained:
            kind = "duplicate"
            flags.append(
                Flag(
                    "duplicate_paragraph",
                    seg.start,
                    seg.end,
                    body,
                    f"repeats a sentence of paragraph {contained[index]}",
                )
            )
        elif verdict is not None:
            kind = verdict.kind
            flags.append(Flag(verdict.flag, seg.start, seg.end, body, verdict.reason))
            if verdict.kind == "caption":
                _glued_credit_flag(text, seg, flags, repairs)
        elif (why := boilerplate_reason(body, lexicon.boilerplate, index)) is not None:
            kind = "boilerplate"
            flags.append(Flag("boilerplate", seg.start, seg.end, body, why))
        else:
            original = _find_duplicate(body, seen)
            if original is not None:
                kind = "duplicate"
                _flag_repeat(text, seg, original, paragraphs, flags)
            elif looks_like_caption(body, repeated=False):
                kind = "caption"
                flags.append(
                    Flag("caption", seg.start, seg.end, body, "a photo caption inside the body")
                )
            seen.append(_Seen(index, _comparable(body), _caption_like(body)))
        paragraphs.append(Paragraph(index, seg.start, seg.end, kind))
        _flag_glued(text, seg, words, flags, repairs)
    flags.sort(key=lambda f: (f.start, f.kind))
    dateline = _dateline(text, segments, paragraphs, lexicon)
    bodies = [(text[p.start : p.end], p.kind) for p in paragraphs]
    return CleanDoc(
        raw=raw,
        text=text,
        paragraphs=tuple(paragraphs),
        flags=tuple(flags),
        repairs=tuple(sorted(repairs, key=lambda r: r.start)),
        dateline=dateline,
        agency=find_agency(bodies, dateline, lexicon.news_agencies),
    )


def _furniture(
    text: str,
    segments: list[_Segment],
    raw: RawDoc,
    lexicon: Lexicon,
    shared_lines: frozenset[str],
) -> list[Furniture | None]:
    """The page-furniture verdict of each segment (None for reporting, and for commentary,
    datelines and headlines, which are told apart before)."""
    return classify_lines(
        [
            None if seg.commentary or seg.dateline or seg.headline else text[seg.start : seg.end]
            for seg in segments
        ],
        lexicon,
        title=raw.title,
        outlet=raw.outlet,
        shared=shared_lines,
    )


def _flag_repeat(
    text: str, seg: _Segment, original: int, paragraphs: list[Paragraph], flags: list[Flag]
) -> None:
    """Flags of a paragraph that repeats paragraph ``original``: the duplicate, and a caption
    where the first of the two reads as one (it is then a caption, not reporting) or where the
    repeat rewords it."""
    body = text[seg.start : seg.end]
    flags.append(
        Flag("duplicate_paragraph", seg.start, seg.end, body, f"repeats paragraph {original}")
    )
    first = paragraphs[original]
    first_body = text[first.start : first.end]
    if first.kind == "reporting" and looks_like_caption(first_body, repeated=True):
        paragraphs[original] = Paragraph(first.index, first.start, first.end, "caption")
        flags.append(
            Flag(
                "caption",
                first.start,
                first.end,
                first_body,
                "a photo caption repeated in the body",
            )
        )
    if _comparable(body) != _comparable(first_body) and _caption_like(body):
        # reworded, the repeat is a caption of its own as well as a duplicate
        flags.append(
            Flag("caption", seg.start, seg.end, body, "a photo caption repeated in other words")
        )


def _flag_glued(
    text: str, seg: _Segment, words: frozenset[str], flags: list[Flag], repairs: list[Repair]
) -> None:
    """A flag and a repair for each run of glued words in the segment."""
    for glue in find_glued(text, seg.start, seg.end, words):
        flags.append(
            Flag(
                "glued_words",
                glue.start,
                glue.end,
                glue.token,
                f"words run together; read as '{glue.replacement}'",
            )
        )
        repairs.append(Repair(glue.start, glue.end, glue.replacement))


# a dateline opens one of the article's first lines: after a label, a date, a byline
DATELINE_LINES = 6
# the article's first paragraph: its first line this long
LEAD_WORDS = 10


def _split_datelines(text: str, segments: list[_Segment], lexicon: Lexicon) -> list[_Segment]:
    """The first dateline opening a paragraph becomes a segment of its own."""
    out = list(segments)
    lead = next((s for s in segments if len(text[s.start : s.end].split()) >= LEAD_WORDS), None)
    for position, seg in enumerate(segments[:DATELINE_LINES]):
        if seg.commentary is not None:
            continue
        body = text[seg.start : seg.end]
        found = parse_dateline(body, lexicon.news_agencies, lead=seg is lead)
        if found is None:
            continue
        if not found.standalone:
            cut = seg.start + found.end
            rest = cut + len(text[cut : seg.end]) - len(text[cut : seg.end].lstrip())
            head_end = seg.start + len(text[seg.start : cut].rstrip())
            out[position : position + 1] = [
                _Segment(seg.start, head_end, dateline=found),
                _Segment(rest, seg.end),
            ]
        break
    return out


def _split_glued_headlines(
    text: str, segments: list[_Segment], lexicon: Lexicon, flags: list[Flag], repairs: list[Repair]
) -> list[_Segment]:
    """A headline run into the caption after it is cut where the caption starts; the glued
    token ("UcraniaEl") is flagged and repaired."""
    out: list[_Segment] = []
    for seg in segments:
        found = None if seg.commentary else glued_headline(text[seg.start : seg.end], lexicon)
        if found is None:
            out.append(seg)
            continue
        cut = seg.start + found.cut
        start, end = seg.start + found.glue_start, seg.start + found.glue_end
        token = text[start:end]
        reading = f"{text[start:cut]} {text[cut:end]}"
        flags.append(
            Flag("glued_words", start, end, token, f"words run together; read as '{reading}'")
        )
        repairs.append(Repair(start, end, reading))
        out.append(_Segment(seg.start, cut, headline=True))
        out.append(_Segment(cut, seg.end))
    return out


def _glued_credit_flag(text: str, seg: _Segment, flags: list[Flag], repairs: list[Repair]) -> None:
    """A caption's last word run into its credit across a full stop ("Oval.Casa"): the
    glue finder sees words run together, not this, so the caption rule flags it."""
    found = glued_credit(text[seg.start : seg.end])
    if found is None:
        return
    start, end = seg.start + found[0], seg.start + found[1]
    token = text[start:end]
    if "." not in token:
        return  # "mayoMinisterio": the glue finder flags it
    dot = token.rindex(".") + 1
    reading = f"{token[:dot]} {token[dot:]}"
    flags.append(Flag("glued_words", start, end, token, f"words run together; read as '{reading}'"))
    repairs.append(Repair(start, end, reading))


# a line repeated inside a longer paragraph: at least this many words, the paragraph half
# as long again
MIN_CONTAINED_WORDS = 6
# a pull quote is a sentence or two, not a paragraph
MAX_CONTAINED_WORDS = 60
CONTAINER_RATIO = 1.5


def _contained_lines(text: str, segments: list[_Segment]) -> dict[int, int]:
    """Lines whose words another, longer paragraph holds whole: a pull quote or a sentence
    printed twice ("«...», dijo el portavoz." above the paragraph that says it)."""
    keys = [f" {_comparable(text[s.start : s.end])} " for s in segments]
    out: dict[int, int] = {}
    for index, key in enumerate(keys):
        words = key.split()
        if not MIN_CONTAINED_WORDS <= len(words) <= MAX_CONTAINED_WORDS:
            continue
        if segments[index].commentary:
            continue
        if looks_like_caption(text[segments[index].start : segments[index].end], repeated=False):
            continue  # a name line the body names again is a caption, not a repeat
        for other, longer in enumerate(keys):
            if (
                other != index
                and len(longer.split()) >= CONTAINER_RATIO * len(words)
                and key in longer
            ):
                out[index] = other
                break
    return out


def _dateline(
    text: str, segments: list[_Segment], paragraphs: list[Paragraph], lexicon: Lexicon
) -> Dateline | None:
    """The article's dateline: one that opened a paragraph, or one alone on its line."""
    for seg, para in zip(segments[:DATELINE_LINES], paragraphs[:DATELINE_LINES], strict=False):
        if seg.commentary is not None:
            continue
        found = seg.dateline
        if found is None and para.kind == "boilerplate":
            found = parse_dateline(text[seg.start : seg.end], lexicon.news_agencies)
            if found is not None and not found.standalone:
                found = None
        if found is None:
            continue
        date = None
        if found.month is not None and found.day is not None:
            year = f"{found.year:04d}" if found.year else "XXXX"
            date = f"{year}-{found.month:02d}-{found.day:02d}"
        return Dateline(
            place=found.place,
            date=date,
            agency=found.agency,
            start=seg.start,
            end=seg.end,
        )
    return None


def _segments(text: str, lexicon: Lexicon) -> list[_Segment]:
    """Non-blank lines, each split at the first commentary marker it holds and around the
    unattributed opinion sentences ``commentary.find_commentary`` finds in it."""
    out: list[_Segment] = []
    for seg in _marked_segments(text, lexicon.commentary_markers):
        if seg.commentary is not None:
            out.append(seg)
            continue
        begin = seg.start
        for found in find_commentary(text, seg.start, seg.end, lexicon.speech_verbs):
            before = text[begin : found.start].rstrip()
            if before.strip():
                out.append(_Segment(begin, begin + len(before)))
            out.append(_Segment(found.start, found.end, found.reason))
            begin = found.end
        rest = text[begin : seg.end]
        lead = len(rest) - len(rest.lstrip())
        if rest.strip():
            out.append(_Segment(begin + lead, seg.end))
    return out


def _marked_segments(text: str, markers: tuple[str, ...]) -> list[_Segment]:
    """Non-blank lines, each split at the first commentary marker it holds."""
    out: list[_Segment] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        cut = min((p for m in markers if (p := line.find(m)) >= 0), default=-1)
        if cut < 0:
            out.append(_Segment(start, end))
            continue
        before = line[:cut].rstrip()
        if before:
            out.append(_Segment(start, start + len(before)))
        marker_len = next(len(m) for m in markers if line.startswith(m, cut))
        rest = line[cut + marker_len :]
        lead = len(rest) - len(rest.lstrip())
        if rest.strip():
            out.append(_Segment(start + cut + marker_len + lead, end, MARKER_REASON))
    return out


def _comparable(body: str) -> str:
    return re.sub(r"\W+", " ", body.lower()).strip()


def _caption_like(body: str) -> bool:
    return has_caption_shape(body) or looks_like_caption(body, repeated=False)


def _find_duplicate(body: str, seen: list[_Seen]) -> int | None:
    """The index of an earlier paragraph ``body`` repeats, verbatim, nearly, or reworded
    when both are captions."""
    key = _comparable(body)
    words = len(key.split())
    if words < MIN_DUPLICATE_WORDS:
        return None
    caption = _caption_like(body)
    for earlier in seen:
        if earlier.key == key or fuzz.ratio(earlier.key, key) >= NEAR_DUPLICATE_RATIO:
            return earlier.index
        if caption and earlier.caption_like:
            other = len(earlier.key.split())
            similar_length = min(words, other) >= CAPTION_REPEAT_LENGTHS * max(words, other)
            if similar_length and fuzz.token_set_ratio(earlier.key, key) >= CAPTION_REPEAT_RATIO:
                return earlier.index
    return None
