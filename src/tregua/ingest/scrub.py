"""What no document may carry past its reader: lone surrogates, control characters, NULs.

A file name that is not UTF-8 reaches Python with its bad bytes as surrogates (``\\udcff``),
and a JSON string may hold a lone ``\\ud800``: neither can be encoded, hashed or stored. A
control character or NUL inside an article is not text a reader can quote. ``scrub_text``
removes the control characters before any offset is taken and says how many it removed;
names (sources, titles, outlets, URLs) keep a visible ``\\xff`` for each byte instead.

    >>> scrub_text("Peskov\\x00 dijo\\x1b[2J algo")
    ('Peskov dijo[2J algo', ['2 control characters were removed from the text'])
"""

from __future__ import annotations

import dataclasses
import re

from tregua.model import Quarantined, RawDoc

# C0 controls other than tab, newline, form feed and carriage return; DEL; C1 controls
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def scrub_name(value: str) -> str:
    """A name (path, URL, title) that can be encoded: an undecodable byte of a file name
    (``\\udcff``) reads ``\\xff``, another lone surrogate U+FFFD."""
    if not _SURROGATES.search(value):
        return value

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else REPLACEMENT

    return _SURROGATES.sub(shown, value)


def scrub_text(text: str) -> tuple[str, list[str]]:
    """The article text without control characters and lone surrogates, and a note for
    each kind of change (the record's ``errors`` carry them)."""
    notes: list[str] = []
    if _SURROGATES.search(text):
        count = len(_SURROGATES.findall(text))
        text = _SURROGATES.sub(REPLACEMENT, text)
        notes.append(f"{count} lone surrogates were replaced with U+FFFD")
    if _CONTROLS.search(text):
        count = len(_CONTROLS.findall(text))
        text = _CONTROLS.sub("", text)
        notes.append(f"{count} control characters were removed from the text")
    replaced = text.count(REPLACEMENT)
    if replaced and not any("surrogates" in note for note in notes):
        notes.append(f"{replaced} characters could not be decoded and read U+FFFD")
    return text, notes


def _name(value: str | None) -> str | None:
    return None if value is None else _CONTROLS.sub("", scrub_name(value))


def scrub_raw(raw: RawDoc) -> RawDoc:
    """``raw`` with names that can be encoded; its text is scrubbed by the pipeline, which
    records the notes (``scrub_text``)."""
    text = _SURROGATES.sub(REPLACEMENT, raw.text)
    source = scrub_name(raw.source)
    title, outlet, url = _name(raw.title), _name(raw.outlet), _name(raw.url)
    if (text, source, title, outlet, url) == (raw.text, raw.source, raw.title, raw.outlet, raw.url):
        return raw
    return dataclasses.replace(raw, source=source, text=text, title=title, outlet=outlet, url=url)


def scrub_quarantined(item: Quarantined) -> Quarantined:
    source, detail = scrub_name(item.source), scrub_name(item.detail)
    if (source, detail) == (item.source, item.detail):
        return item
    return dataclasses.replace(item, source=source, detail=detail)
