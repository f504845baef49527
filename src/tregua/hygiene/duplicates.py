"""Near-duplicate documents across a batch: the same agency story printed by several outlets.

Each document's text becomes a set of word 5-grams ("shingles"); MinHash LSH (datasketch)
finds earlier documents whose shingle sets overlap by about ``SIMILARITY`` or more (Jaccard)
without comparing every pair. A cluster is named by the record id of its first document, so
a record's ``cluster`` says "this is a copy of that one" and equals its own id when it is
the first or the only one.

``DocumentClusters`` names clusters as documents arrive (the first names the cluster): one
lives for one run (``run_batch``, ``tregua extract``). A store's clusters are
``corpus_clusters`` of every stored text instead, recomputed after each ingest: connected
components of the near-duplicate graph, each named by its earliest member, so the same
stored texts give the same clusters however (in what order, in how many batches, through
how many interrupted runs) they were stored. MinHash is seeded: the same texts, the same
signatures, in every process.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import Any

import numpy
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
        # an empty signature to copy: a new MinHash draws its permutations afresh (0.9 ms),
        # a copy shares them (0.02 ms), with the same seed and so the same signatures
        self._blank = MinHash(num_perm=permutations)
        self._index = MinHashLSH(threshold=similarity, num_perm=permutations)
        self._cluster: dict[str, str] = {}  # record id -> cluster name
        self._order: dict[str, int] = {}  # record id -> arrival number

    def assign(self, key: str, text: str) -> str:
        """The cluster of the document ``key`` (its record id) with this ``text``.

        The first document of a cluster names it; the same key again gets the same answer.
        """
        if key in self._cluster:
            return self._cluster[key]
        signature = self._blank.copy()
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


# the stored corpus's MinHash: crc32 of each shingle through PERMUTATIONS seeded universal
# hashes, vectorised (0.4 ms a text where datasketch takes 4); LSH in BANDS bands of ROWS
# rows, whose threshold (1/BANDS)^(1/ROWS) = 0.707 is SIMILARITY's
_MERSENNE = numpy.uint64((1 << 61) - 1)
_SEEDED = numpy.random.default_rng(20260101)
_A = _SEEDED.integers(1, 1 << 32, size=PERMUTATIONS, dtype=numpy.uint64)
_B = _SEEDED.integers(0, 1 << 32, size=PERMUTATIONS, dtype=numpy.uint64)
BANDS, ROWS = 16, 8


def signature(text: str) -> numpy.ndarray[Any, numpy.dtype[numpy.uint64]]:
    """The MinHash signature of ``text``'s shingles: the same in every process."""
    found = shingles(text)
    hashes = numpy.fromiter((zlib.crc32(s) for s in found), dtype=numpy.uint64, count=len(found))
    # a·h + b < 2^64 for a, b, h < 2^32: no overflow before the modulus
    values = (hashes[:, None] * _A[None, :] + _B[None, :]) % _MERSENNE
    minima: numpy.ndarray[Any, numpy.dtype[numpy.uint64]] = values.min(axis=0)
    return minima


def corpus_clusters(documents: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Cluster name by key for ``documents`` given as (key, rank, text).

    Two documents are together when their signatures agree on a whole band (the test is
    symmetric); a cluster is every document reachable that way, named by the key of its
    member with the smallest ``rank`` (then key). The answer depends on the set of
    documents, never on their order.
    """
    ranks: dict[str, tuple[str, str]] = {}
    parent: dict[str, str] = {}
    buckets: dict[tuple[int, bytes], str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, rank, text in documents:
        if key in ranks:
            continue
        ranks[key] = (rank, key)
        parent[key] = key
        bands = signature(text).reshape(BANDS, ROWS)
        for band in range(BANDS):
            bucket = (band, bands[band].tobytes())
            other = buckets.setdefault(bucket, key)
            a, b = root(key), root(other)
            if a != b:
                first, second = sorted((a, b), key=ranks.__getitem__)
                parent[second] = first
    return {key: root(key) for key in ranks}
