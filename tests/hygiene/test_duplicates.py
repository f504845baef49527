"""Near-duplicate documents across a batch: syndicated copies share a cluster."""

from __future__ import annotations

from tregua.hygiene import DocumentClusters
from tregua.hygiene.duplicates import shingles

STORY = (
    "Las delegaciones de Rusia y Ucrania se reunieron el martes en Ginebra con la mediación "
    "de Estados Unidos. Las conversaciones terminaron sin un acuerdo sobre los territorios "
    "ocupados, aunque ambas partes acordaron un nuevo intercambio de prisioneros y una "
    "segunda ronda de negociaciones a principios de febrero, según informaron fuentes "
    "diplomáticas de los tres países participantes en la reunión."
)
COPY = "GINEBRA (EFE). " + STORY + " Seguir leyendo"
OTHER = (
    "El canciller alemán anunció un nuevo paquete de ayuda militar para Ucrania que incluye "
    "sistemas de defensa antiaérea, munición de artillería y vehículos blindados, y pidió a "
    "los socios europeos que aumenten su contribución antes de la cumbre de la OTAN."
)


def test_copies_share_the_first_documents_cluster() -> None:
    clusters = DocumentClusters()
    assert clusters.assign("a", STORY) == "a"
    assert clusters.assign("b", OTHER) == "b"
    assert clusters.assign("c", COPY) == "a"
    assert clusters.assign("a", STORY) == "a"  # the same document again: same answer
    assert clusters.sizes() == {"a": 2, "b": 1}


def test_shingles_of_short_text() -> None:
    assert shingles("Putin habló") == {b"putin habl\xc3\xb3"}
    assert len(shingles("Putin y Zelenski se reunirán en Estambul")) == 3
