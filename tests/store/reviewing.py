"""An editor's correction logged in one call, for the review tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tregua.review import log
from tregua.review.log import Correction
from tregua.store import Store


def review(
    store: Store,
    kind: str,
    record: Mapping[str, Any],
    item: Mapping[str, Any],
    action: str,
    *,
    editor: str = "ana",
    after: Mapping[str, Any] | None = None,
) -> Correction:
    """Log ``editor``'s ``action`` on ``item`` of ``record``; a ``fused_event`` is keyed by
    the report of it that ``item`` is."""
    keyed = "event" if kind == "fused_event" else kind
    key = log.key_of(keyed, record["id"], item)
    return log.append(store, editor=editor, kind=kind, key=key, action=action, after=after)
