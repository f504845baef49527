"""Store each record or quarantine it, then count: the one write loop of every ingest.

``tregua ingest``, ``tregua watch`` and ``POST /api/ingest`` all hand the pipeline's results
to ``store_outcomes``; each gets back, per result, what the store did with it:

    stored / replaced / unchanged / outdated     ``Store.put_record``'s outcome
    quarantined                                  kept in the quarantine table

and the caller's ``tally`` counts them. Nothing here imports the pipeline or the store
module itself, so a command that only reads never loads it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from tregua.model import Quarantined, Record

if TYPE_CHECKING:
    from tregua.store import Store

#: the outcome of an input that could not be processed
QUARANTINED = "quarantined"


class Stored(NamedTuple):
    """A pipeline result as the store kept it: the record (with the cluster it was stored
    with) or the quarantine entry, and the outcome."""

    item: Record | Quarantined
    outcome: str


def store_outcomes(
    store: Store,
    results: Iterable[Record | Quarantined],
    tally: Counter[str],
    *,
    clusters: Mapping[str, str | None] | None = None,
    raw_hash: Callable[[Record | Quarantined], str | None] | None = None,
    force: bool = False,
) -> Iterator[Stored]:
    """Write each of ``results`` as it comes, in order, and count its outcome in ``tally``.

    ``clusters`` (document id -> near-copy cluster) names each record's cluster as the store
    knows it (None for a document not stored yet); without it a record keeps the cluster it
    came with. ``raw_hash`` gives the hash of the input a result came from (so that the same
    input is skipped unread next time); ``force`` replaces a stored record that differs.
    A write the store refuses raises ``StoreError``: what was written before stays.
    """
    for item in results:
        digest = raw_hash(item) if raw_hash is not None else None
        if isinstance(item, Quarantined):
            store.put_quarantined(item)
            outcome = QUARANTINED
        else:
            if clusters is not None:
                item = dataclasses.replace(item, cluster=clusters.get(item.id))
            outcome = store.put_record(item, raw_hash=digest, force=force)
        tally[outcome] += 1
        yield Stored(item, outcome)
