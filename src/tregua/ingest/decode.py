"""Bytes to text: refuse empty and binary input with a reason, detect legacy encodings.

UTF-8 first (with or without its BOM), then UTF-16 and UTF-32 by their BOM or, for UTF-16
without one, by its pattern of zero bytes, then whatever charset-normalizer detects
(Windows-1252, Latin-1, ...). The same Spanish text in any of these decodes the same.

A file that is UTF-8 but for a few stray bytes stays UTF-8: each bad byte reads U+FFFD
(which the pipeline notes in the record's ``errors``), where a legacy code page would turn
every accented letter of it into mojibake ("afirmó" read as "afirmĂł").
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from tregua.errors import InputError, QuarantineReason

# control characters other than tab, newline, carriage return and form feed
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# a well-formed UTF-8 sequence of two to four bytes
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# UTF-16 without a BOM: text in Latin script has a zero in (nearly) every other byte
_UTF16_ZERO_SHARE = 0.4


def decode_bytes(source: str, data: bytes) -> str:
    """Decode an article's bytes; UTF-8 first, then what charset-normalizer detects.

    Raises ``InputError`` with reason EMPTY for a file with no visible text and NOT_TEXT
    for binary content (NUL bytes, control characters, undecodable).
    """
    if not data.strip():
        raise InputError(source, QuarantineReason.EMPTY, "the input is empty; nothing to read")
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            return _checked(source, data.decode(wide))
        except UnicodeDecodeError:
            pass  # not UTF-16/32 after all: the checks below say what it is
    if b"\x00" in data[:8192]:
        raise InputError(
            source,
            QuarantineReason.NOT_TEXT,
            "the input has NUL bytes: it is binary, not an article",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        mended = _mostly_utf8(data)
        if mended is not None:
            return _checked(source, mended)
        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                source,
                QuarantineReason.NOT_TEXT,
                "the input is not text in any encoding we recognise",
            ) from None
        text = str(best)
    return _checked(source, text)


def _mostly_utf8(data: bytes) -> str | None:
    """The text of UTF-8 bytes with a few that are not, each read as U+FFFD; None when the
    bad bytes are as many as the good multi-byte sequences (a legacy code page)."""
    good = len(_UTF8_MULTIBYTE.findall(data))
    if not good:
        return None
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    return text if bad <= good else None


def _wide_encoding(data: bytes) -> str | None:
    """ "utf-16"/"utf-32" (or their -le/-be forms) when the bytes say so, else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= _UTF16_ZERO_SHARE * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) >= _UTF16_ZERO_SHARE * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _checked(source: str, text: str) -> str:
    controls = sum(1 for ch in text[:8192] if ord(ch) in _CONTROL)
    if controls > max(3, len(text[:8192]) // 100):
        raise InputError(
            source,
            QuarantineReason.NOT_TEXT,
            f"the input has {controls} control characters: it is binary",
        )
    if not text.strip():
        raise InputError(source, QuarantineReason.EMPTY, "the input has no visible text")
    return text
