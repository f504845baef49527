"""The quarantine entries of inputs a walk or a reader refuses before reading an article:
nothing to read there, a file of a type no reader takes, metadata beside no article, a
file over the size limit. Each names the input and the reason (issue #19: every input
accounted for).
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterable
from pathlib import Path

from tregua.errors import QuarantineReason
from tregua.model import Quarantined

META_SUFFIX = ".meta.json"


def missing(exc: OSError) -> bool:
    return exc.errno in (errno.ENOENT, errno.ENOTDIR)


def unreadable(source: str, exc: OSError, why: str | None) -> Quarantined:
    cause = exc.strerror or type(exc).__name__
    detail = f"{why} ({cause})" if why else f"cannot be read ({cause})"
    return Quarantined(source, "ingest", QuarantineReason.UNREADABLE, f"{source}: {detail}")


def not_regular(source: str, mode: int) -> Quarantined:
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return Quarantined(
        source,
        "ingest",
        QuarantineReason.NOT_TEXT,
        f"{source}: {kind}, not a file; not read (it could block or never end)",
    )


def has_article(sidecar: str, names: set[str]) -> bool:
    """Whether a text file of the folder takes ``sidecar`` (NAME.meta.json) as its metadata."""
    stem = sidecar.removesuffix(META_SUFFIX)
    return any(
        name != sidecar
        and Path(name).suffix in ("", ".txt", ".text")
        and name.removesuffix(Path(name).suffix) == stem
        for name in names
    )


def lone_sidecar(source: str) -> Quarantined:
    return Quarantined(
        source,
        "ingest",
        QuarantineReason.BAD_METADATA,
        f"{source}: metadata beside no article (a .txt or suffix-less file of the same name "
        "takes it); not read",
    )


def unsupported(source: str, readable: Iterable[str]) -> Quarantined:
    suffix = "".join(Path(source).suffixes[-2:]) or Path(source).name
    known = " ".join(sorted(readable))
    return Quarantined(
        source,
        "ingest",
        QuarantineReason.UNSUPPORTED,
        f"{source}: a '{suffix}' file, a type tregua does not read (it reads {known} and "
        "suffix-less text)",
    )


def too_large(source: str, size: int, max_bytes: int) -> Quarantined:
    return Quarantined(
        source,
        "ingest",
        QuarantineReason.TOO_LARGE,
        f"{source}: {size:,} bytes, over the limit of {max_bytes:,} for one document; "
        "split it, or hand it over as JSON Lines or WARC, which are read one article at a time",
    )
