"""Bytes to text: refuse empty and binary input with a reason, detect legacy encodings."""

from __future__ import annotations

from charset_normalizer import from_bytes

from tregua.errors import InputError, QuarantineReason

# control characters other than tab, newline, carriage return and form feed
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


def decode_bytes(source: str, data: bytes) -> str:
    """Decode an article's bytes; UTF-8 first, then what charset-normalizer detects.

    Raises ``InputError`` with reason EMPTY for a file with no visible text and NOT_TEXT
    for binary content (NUL bytes, control characters, undecodable).
    """
    if not data.strip():
        raise InputError(source, QuarantineReason.EMPTY, "the input is empty; nothing to read")
    if b"\x00" in data[:8192]:
        raise InputError(
            source,
            QuarantineReason.NOT_TEXT,
            "the input has NUL bytes: it is binary, not an article",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                source,
                QuarantineReason.NOT_TEXT,
                "the input is not text in any encoding we recognise",
            ) from None
        text = str(best)
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
