"""Paragraphs and source-quality flags.

A paragraph is a non-blank line of the normalised text. Hygiene decides each paragraph's
kind (reporting, caption, commentary, boilerplate, duplicate) and records the evidence of
every problem as a ``Flag``; the extractors then skip duplicates, boilerplate and commentary.
Text after a commentary marker (``>>``) becomes a paragraph of its own, so the reporting
before it stays extractable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from tregua.hygiene.normalize import normalize_text
from tregua.model import CleanDoc, Flag, Paragraph, ParagraphKind, RawDoc
from tregua.pack import Lexicon

# a repeated caption is often re-typed with small changes; 90 keeps "(en la foto)" variants
NEAR_DUPLICATE_RATIO = 90.0
# shorter paragraphs ("Rusia", a name line) repeat legitimately and are not flagged
MIN_DUPLICATE_WORDS = 5
# an acronym glued to the next word: "OTANpara", "OTANde"
_GLUED_ACRONYM = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,}[a-záéíóúñ]{2,}\b")
# photo-credit cues of captions left in the body
_CAPTION_CUES = re.compile(r"\((en la )?(foto|imagen|centro|izquierda|derecha)\)", re.IGNORECASE)
_FINAL_PUNCT = re.compile(r"[.!?»\"”’':;]$")


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    commentary: bool = False


def clean_document(raw: RawDoc, lexicon: Lexicon) -> CleanDoc:
    """Normalise ``raw.text``, cut it into paragraphs and flag its problems."""
    text = normalize_text(raw.text)
    segments = _segments(text, lexicon.commentary_markers)
    paragraphs: list[Paragraph] = []
    flags: list[Flag] = []
    seen: list[tuple[int, str]] = []  # (paragraph index, comparable text) of earlier ones
    for index, seg in enumerate(segments):
        body = text[seg.start : seg.end]
        kind: ParagraphKind = "reporting"
        if seg.commentary:
            kind = "commentary"
            flags.append(
                Flag(
                    "inserted_commentary",
                    seg.start,
                    seg.end,
                    body,
                    "unattributed opinion after a commentary marker",
                )
            )
        elif _is_boilerplate(body, lexicon.boilerplate):
            kind = "boilerplate"
            flags.append(
                Flag(
                    "boilerplate",
                    seg.start,
                    seg.end,
                    body,
                    "a line of the page template, not of the article",
                )
            )
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
                if first.kind == "reporting" and _looks_like_caption(
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
            elif _looks_like_caption(body, repeated=False):
                kind = "caption"
                flags.append(
                    Flag("caption", seg.start, seg.end, body, "a photo caption inside the body")
                )
            seen.append((index, _comparable(body)))
        paragraphs.append(Paragraph(index, seg.start, seg.end, kind))
        flags.extend(_glued_words(text, seg))
    flags.sort(key=lambda f: (f.start, f.kind))
    return CleanDoc(raw=raw, text=text, paragraphs=tuple(paragraphs), flags=tuple(flags))


def _segments(text: str, markers: tuple[str, ...]) -> list[_Segment]:
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
            out.append(_Segment(start + cut + marker_len + lead, end, commentary=True))
    return out


def _comparable(body: str) -> str:
    return re.sub(r"\W+", " ", body.lower()).strip()


def _find_duplicate(body: str, seen: list[tuple[int, str]]) -> int | None:
    key = _comparable(body)
    if len(key.split()) < MIN_DUPLICATE_WORDS:
        return None
    for index, earlier in seen:
        if earlier == key or fuzz.ratio(earlier, key) >= NEAR_DUPLICATE_RATIO:
            return index
    return None


def _is_boilerplate(body: str, starts: tuple[str, ...]) -> bool:
    lowered = body.lower()
    return len(body.split()) <= 12 and any(lowered.startswith(s.lower()) for s in starts)


def _looks_like_caption(body: str, *, repeated: bool) -> bool:
    """A caption names who or what is in a picture: a photo cue, a bare name line, or a repeat."""
    if _CAPTION_CUES.search(body):
        return True
    words = body.split()
    if repeated:
        return True
    # "Steve Witkoff", "Kirill Dmitriev, director del fondo soberano": short, no final stop
    return (
        len(words) <= 12
        and not _FINAL_PUNCT.search(body)
        and words[0][:1].isupper()
        and not body.endswith(":")
    )


def _glued_words(text: str, seg: _Segment) -> list[Flag]:
    return [
        Flag(
            "glued_words",
            m.start(),
            m.end(),
            m.group(),
            "an acronym run together with the next word",
        )
        for m in _GLUED_ACRONYM.finditer(text, seg.start, seg.end)
    ]
