"""Independent sources: twenty outlets running one EFE wire are one source, with twenty copies.

A fused event is reported by documents; how many *independent* sources confirm it is the
number of origins those documents come from. Two documents share an origin when

- both carry the same agency (``agency``: from the dateline, a credit or a signature line):
  the wire is one source however many outlets print it;
- both are near-copies of one text (the same ``cluster``), with or without a credit: an
  outlet that ran the wire without naming it is still the wire;
- neither names an agency and both come from one outlet: an outlet's own reporting is one
  voice, however many articles it runs.

Origins are the connected groups of those links, so a wire copied under a credit by one
outlet and without one by another (same cluster) is still one. An event whose documents all
come from one agency is confirmed "by one wire alone": ``SourceCount.wire`` names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where one document comes from, as its record says."""

    record_id: str
    outlet: str | None = None
    agency: str | None = None
    cluster: str | None = None


@dataclass(frozen=True, slots=True)
class SourceCount:
    copies: int  # documents
    independent: int  # origins: agencies, clusters, outlets' own reporting
    wire: str | None  # the one agency every document comes from, when there is one


def count_sources(documents: Iterable[Provenance]) -> SourceCount:
    """The independent sources among ``documents`` (each record counted once).

    Three outlets printing one EFE story and one reporter of its own give copies 4,
    independent 2, wire None; the three EFE copies alone give independent 1, wire "EFE".
    """
    unique = {d.record_id: d for d in documents}
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for doc in unique.values():
        node = f"doc:{doc.record_id}"
        find(node)
        if doc.agency:
            union(node, f"agency:{doc.agency}")
        elif doc.outlet:
            union(node, f"outlet:{doc.outlet}")
        if doc.cluster:
            union(node, f"cluster:{doc.cluster}")
    origins = {find(f"doc:{d.record_id}") for d in unique.values()}
    agencies = {d.agency for d in unique.values() if d.agency}
    wire = next(iter(agencies)) if len(origins) == 1 and len(agencies) == 1 else None
    return SourceCount(copies=len(unique), independent=len(origins), wire=wire)
