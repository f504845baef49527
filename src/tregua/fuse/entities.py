"""Entities merged across documents: one row per entity id, with every surface form seen.

Records name an entity by id (a Wikidata QID or a pack-local id), so merging is by id;
what is merged is what differs between articles: the surface forms ("Zelenski",
"Zelensky", "Volodímir Zelenski") and how often and where the entity is named. Partners
are entities that fused events name together, counted by event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntityTotals:
    aliases: tuple[str, ...]  # distinct surface forms, sorted
    documents: int  # documents that mention it, quote it or give it a stance
    mentions: int  # mentions in the text


def merge_entities(
    mentions: Iterable[tuple[str, str, str]], references: Iterable[tuple[str, str]] = ()
) -> dict[str, EntityTotals]:
    """Totals per entity id from (entity, document, surface form) mentions and from
    (entity, document) references of quotes and stances.

    ``[("Q3874799", "d1", "Zelenski"), ("Q3874799", "d2", "Zelensky")]`` ->
    ``{"Q3874799": EntityTotals(("Zelenski", "Zelensky"), 2, 2)}``
    """
    forms: dict[str, set[str]] = defaultdict(set)
    documents: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for entity_id, document_id, text in mentions:
        forms[entity_id].add(text)
        documents[entity_id].add(document_id)
        counts[entity_id] += 1
    for entity_id, document_id in references:
        documents[entity_id].add(document_id)
    return {
        entity_id: EntityTotals(
            tuple(sorted(forms[entity_id])), len(documents[entity_id]), counts[entity_id]
        )
        for entity_id in documents
    }


def count_partners(named: Iterable[Iterable[str]]) -> dict[tuple[str, str], int]:
    """(entity, partner) -> events naming both, from the entities each event names (its
    actors and targets); an entity named twice in one event counts once.

    ``[{"Q159", "Q212"}, {"Q159", "Q212", "Q30"}]`` -> ``{("Q159", "Q212"): 2,
    ("Q212", "Q159"): 2, ("Q159", "Q30"): 1, ...}``
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for entities in named:
        unique = sorted(set(entities))
        pairs.update((a, b) for a in unique for b in unique if a != b)
    return dict(pairs)
