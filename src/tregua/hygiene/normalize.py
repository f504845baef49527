"""Text normalisation done once, before any offset is taken: all offsets point into its output."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, one space between words, no trailing spaces, at most one blank line.

    ``"Kiev\\r\\n\\r\\n\\r\\nMoscú  dijo\\u00a0"`` becomes ``"Kiev\\n\\nMoscú dijo"``.
    Normalising twice gives the same text as normalising once.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
