"""Near-duplicate clusters of a store: a function of the stored texts alone.

A record's ``cluster`` names the earliest-published document of its near-duplicate group
(``hygiene.duplicates.corpus_clusters``), computed over every stored document after each
ingest: the same store gives the same clusters however it was filled, in one run, in many
batches, or through runs killed half-way and run again.
"""

from __future__ import annotations

from tregua.hygiene.duplicates import corpus_clusters
from tregua.store import Store


def recluster(store: Store) -> int:
    """Recompute the store's clusters and write those that changed; how many changed."""
    return store.set_clusters(corpus_clusters(store.cluster_inputs()))


def needs_reclustering(store: Store) -> bool:
    """Whether a stored record has no cluster yet (stored by a run cut off before its
    ``recluster``)."""
    return any(cluster is None for cluster in store.clusters().values())
