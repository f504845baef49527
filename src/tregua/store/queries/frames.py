"""Query records as a data frame, for those who have pandas or polars installed."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any


def to_frame(
    rows: Sequence[Mapping[str, object]], library: str = "pandas"
) -> Any:  # a frame of an optional library
    """A pandas or polars ``DataFrame`` of query records, for those who have one installed.

    Raises ``ImportError`` naming the library when it is not installed: tregua does not
    depend on either, and every query already returns plain records.
    """
    if library not in {"pandas", "polars"}:
        raise ValueError(f"library is {library!r}; expected 'pandas' or 'polars'")
    try:
        module = importlib.import_module(library)
    except ImportError as exc:
        raise ImportError(
            f"to_frame(library={library!r}) needs {library}, which tregua does not install; "
            f"install it beside tregua or use the plain records"
        ) from exc
    return module.DataFrame(rows)
