"""Near-duplicate documents across a batch: the same agency story printed by several outlets.

Each document's text becomes a set of word 5-grams ("shingles"); MinHash LSH (datasketch)
finds earlier documents whose shingle sets overlap by about ``SIMILARITY`` or more (Jaccard)
without comparing every pair. A cluster is named by the record id of its first document, so
a record's ``cluster`` says "this is a copy of that one" and equals its own id when it is
the first or the only one.

Clusters depend on the order documents arrive in (the first names the cluster); which
documents end up together does not, up to the randomness of MinHash near the threshold.
One ``DocumentClusters`` lives for one run (``run_batch``) or one ``tregua watch``.
"""

from __future__ import annotations

import re

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

# syndicated copies differ by a headline, a byline, a cut last paragraph: Jaccard 0.7 keeps
# those together and leaves apart two stories that only share their template lines
SIMILARITY = 0.7
SHINGLE_WORDS = 5
PERMUTATIONS = 128
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Word ``size``-grams of the lower-cased text; a text shorter than that is one shingle.

    ``shingles("Putin y Zelenski se reunirán en Estambul", 5)`` has three.
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class DocumentClusters:
    """The near-duplicate clusters of the documents seen so far in one run."""

    def __init__(self, similarity: float = SIMILARITY, permutations: int = PERMUTATIONS) -> None:
        self._permutations = permutations
        self._index = MinHashLSH(threshold=similarity, num_perm=permutations)
        self._cluster: dict[str, str] = {}  # record id -> cluster name
        self._order: dict[str, int] = {}  # record id -> arrival number

    def assign(self, key: str, text: str) -> str:
        """The cluster of the document ``key`` (its record id) with this ``text``.

        The first document of a cluster names it; the same key again gets the same answer.
        """
        if key in self._cluster:
            return self._cluster[key]
        signature = MinHash(num_perm=self._permutations)
        signature.update_batch(list(shingles(text)))
        matches = [m for m in self._index.query(signature) if m in self._cluster]
        if matches:
            first = min(matches, key=self._order.__getitem__)
            cluster = self._cluster[first]
        else:
            cluster = key
        self._index.insert(key, signature)
        self._cluster[key] = cluster
        self._order[key] = len(self._order)
        return cluster

    def sizes(self) -> dict[str, int]:
        """How many documents each cluster holds, by cluster name."""
        counts: dict[str, int] = {}
        for cluster in self._cluster.values():
            counts[cluster] = counts.get(cluster, 0) + 1
        return counts
