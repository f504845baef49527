"""What a record was made by, without loading what makes it.

``pipeline_version`` names the package and the pack (and the NER when it is not ours); the
pipeline stamps it on every record, and ``tregua ingest`` compares it with the stored one to
skip an unchanged input before the pipeline (spaCy, the models) is loaded at all.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tregua.pack import DomainPack
    from tregua.settings import NerChoice


def pipeline_version(pack: DomainPack, ner: NerChoice = "tregua") -> str:
    """What a record was made by: the package and the pack, each with its version, and the
    NER when it is not ours."""
    made_by = f"tregua {version('tregua')} / pack {pack.name} {pack.version}"
    return made_by if ner == "tregua" else f"{made_by} / ner {ner}"
