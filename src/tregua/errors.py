"""The exceptions tregua raises, and why a document can be quarantined.

    TreguaError
     ├── InputError    the document is bad: empty, binary, unreadable, malformed metadata
     ├── PackError     our domain-pack data is bad: a file is missing or fails validation
     └── StoreError    the database refused: cannot open, migrate or write

Every message names the input, the reason and, where there is one, the fix:
``examples/07.meta.json: "published" is "31/02/2026"; expected YYYY-MM-DD``.
"""

from __future__ import annotations

import enum


class TreguaError(Exception):
    """Base of every error tregua raises on purpose."""


class InputError(TreguaError):
    """A document cannot be processed; ``reason`` says which quarantine bucket it goes to."""

    def __init__(self, source: str, reason: QuarantineReason, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.reason = reason
        self.detail = detail


class PackError(TreguaError):
    """The domain pack is missing a file or a file does not validate."""


class StoreError(TreguaError):
    """The database cannot be opened, migrated or written."""


class QuarantineReason(enum.StrEnum):
    """Why a document was kept aside instead of processed; values are stored and counted."""

    EMPTY = "empty"
    NOT_TEXT = "not_text"
    UNREADABLE = "unreadable"
    BAD_METADATA = "bad_metadata"
    NOT_SPANISH = "not_spanish"
    TIMEOUT = "timeout"
    STAGE_FAILED = "stage_failed"
    TOO_LARGE = "too_large"  # over the size limit of one file or one article
    BAD_FORMAT = "bad_format"  # not the format its name or content says: a broken feed or WARC
    UNSUPPORTED = "unsupported"  # a file of a type no reader reads: an image, a spreadsheet
    NOT_NEWS = "not_news"  # text that is no reporting: a licence, code, a table, no sentence
