"""Paragraphs and source-quality flags.

A paragraph is a non-blank line of the normalised text, or a piece of one: text after a
commentary marker (``>>``) and an unattributed opinion sentence inside a line
(``commentary.py``) become paragraphs of their own, so the reporting around them stays
extractable. Hygiene decides each paragraph's kind (reporting, caption, commentary,
boilerplate, duplicate) and records the evidence of every problem as a ``Flag``; the
extractors then skip duplicates, boilerplate and commentary. Glued words are flagged and
their split form kept as ``Repair`` records beside the unchanged text.

    commentary.py   opinion after ">>", and opinion formulas in the reporter's voice
    boilerplate.py  template lines: the pack's line starts, bylines, credits, share rows
    captions.py     photo captions: cues, name lines, repeats, verbless lines (after parse)
    glued.py        words run together, against a word list from the Spanish model
    duplicates.py   near-duplicate documents across a batch (MinHash LSH)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from tregua.hygiene.boilerplate import boilerplate_reason
from tregua.hygiene.captions import has_caption_shape, looks_like_caption
from tregua.hygiene.commentary import find_commentary
from tregua.hygiene.glued import find_glued
from tregua.hygiene.normalize import normalize_text
from tregua.model import CleanDoc, Flag, Paragraph, ParagraphKind, RawDoc, Repair
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


def clean_document(raw: RawDoc, lexicon: Lexicon, words: frozenset[str] = frozenset()) -> CleanDoc:
    """Normalise ``raw.text``, cut it into paragraphs and flag its problems.

    ``words`` is the Spanish word list of ``glued.spanish_words``; without it only acronyms
    glued to a word ("OTANpara") are found. Each glued word also becomes a ``Repair`` on the
    result ("OTANpara" -> "OTAN para"): the text keeps what the source printed.
    """
    text = normalize_text(raw.text)
    segments = _segments(text, lexicon)
    paragraphs: list[Paragraph] = []
    flags: list[Flag] = []
    repairs: list[Repair] = []
    seen: list[_Seen] = []  # earlier paragraphs a later one may repeat
    for index, seg in enumerate(segments):
        body = text[seg.start : seg.end]
        kind: ParagraphKind = "reporting"
        if seg.commentary is not None:
            kind = "commentary"
            flags.append(Flag("inserted_commentary", seg.start, seg.end, body, seg.commentary))
        elif (why := boilerplate_reason(body, lexicon.boilerplate, index)) is not None:
            kind = "boilerplate"
            flags.append(Flag("boilerplate", seg.start, seg.end, body, why))
        else:
            original = _find_duplicate(body, seen)
            if original is not None:
                kind = "duplicate"
                flags.append(
                    Flag(
                        "duplicate_paragraph",
                        seg.start,
                        seg.end,
                        body,
                        f"repeats paragraph {original}",
                    )
                )
                first = paragraphs[original]
                if first.kind == "reporting" and looks_like_caption(
                    text[first.start : first.end], repeated=True
                ):
                    paragraphs[original] = Paragraph(first.index, first.start, first.end, "caption")
                    flags.append(
                        Flag(
                            "caption",
                            first.start,
                            first.end,
                            text[first.start : first.end],
                            "a photo caption repeated in the body",
                        )
                    )
                first_key = _comparable(text[first.start : first.end])
                if _comparable(body) != first_key and _caption_like(body):
                    # reworded, the repeat is a caption of its own as well as a duplicate
                    flags.append(
                        Flag(
                            "caption",
                            seg.start,
                            seg.end,
                            body,
                            "a photo caption repeated in other words",
                        )
                    )
            elif looks_like_caption(body, repeated=False):
                kind = "caption"
                flags.append(
                    Flag("caption", seg.start, seg.end, body, "a photo caption inside the body")
                )
            seen.append(_Seen(index, _comparable(body), _caption_like(body)))
        paragraphs.append(Paragraph(index, seg.start, seg.end, kind))
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
    flags.sort(key=lambda f: (f.start, f.kind))
    return CleanDoc(
        raw=raw,
        text=text,
        paragraphs=tuple(paragraphs),
        flags=tuple(flags),
        repairs=tuple(repairs),
    )


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
