"""Entity resolution: every mention on ``doc.ents`` grouped under one entity id.

Mentions the pack knows carry its id (``ent_id_`` from the entity ruler) and take the
pack's canonical name, type and side; any other mention gets a stable local id from its
normalised text, so the same spelling is the same entity in every document.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

from tregua.model import CleanDoc, Entity, Mention
from tregua.pack import DomainPack

# spaCy's NER labels (CoNLL-2002 style) to the record's entity types
_NER_TYPES = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "LOC": "GPE",
    "GPE": "GPE",
    "FAC": "FAC",
    "MISC": "MISC",
    "EVENT": "EVENT",
}
_SKIP_KINDS = frozenset({"boilerplate"})


def local_id(text: str) -> str:
    """A stable id for a name the pack does not know.

    ``"Kiril Budánov"`` gives ``"tregua:kiril_budanov"``.
    """
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "tregua:" + re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def resolve_entities(doc: Doc, clean: CleanDoc, pack: DomainPack) -> tuple[Entity, ...]:
    """Entities in order of first mention, each with every surface form and mention."""
    skipped = [(p.start, p.end) for p in clean.paragraphs if p.kind in _SKIP_KINDS]
    grouped: dict[str, list[Mention]] = {}
    info: dict[str, tuple[str, str, str | None]] = {}
    for ent in doc.ents:
        if any(s <= ent.start_char < e for s, e in skipped):
            continue
        known = pack.by_id.get(ent.ent_id_) if ent.ent_id_ else None
        if known is not None:
            key = known.id
            info[key] = (known.name, known.type, known.country)
        else:
            key = local_id(ent.text)
            info.setdefault(key, (ent.text, _NER_TYPES.get(ent.label_, "MISC"), None))
        grouped.setdefault(key, []).append(Mention(ent.start_char, ent.end_char, ent.text))
    entities = []
    for key, mentions in grouped.items():
        name, type_, country = info[key]
        aliases = tuple(sorted({m.text for m in mentions}))
        entities.append(Entity(key, name, type_, country, aliases, tuple(mentions)))
    return tuple(entities)
