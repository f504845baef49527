"""Independent sources: outlets printing one wire are one source; their own reporting is not.

The corpus is written for this test: one EFE story printed by three outlets (one of them
without the credit), one Europa Press story printed by two, and two outlets reporting on
their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from tregua.fuse.refresh import refresh
from tregua.fuse.sources import Provenance, SourceCount, count_sources
from tregua.model import RawDoc, Record
from tregua.pipeline import Pipeline, run_batch
from tregua.store import open_store
from tregua.store.schema import DocumentRow, FusedEventRow


def test_one_wire_in_many_outlets_is_one_source() -> None:
    docs = [Provenance(f"d{n}", f"Diario {n}", "EFE") for n in range(20)]
    assert count_sources(docs) == SourceCount(copies=20, independent=1, wire="EFE")


def test_own_reports_and_wires_count_apart() -> None:
    docs = [
        Provenance("a", "Diario A", "EFE", "a"),
        Provenance("b", "Diario B", "EFE", "a"),
        Provenance("c", "Diario C", None, "a"),  # the wire printed without its credit
        Provenance("d", "Diario D", None, "d"),  # its own reporter
        Provenance("e", "Radio E", None, "e"),
        Provenance("f", "Radio E", None, "f"),  # the same outlet again: one voice
        Provenance("g", "Diario G", "AFP", "g"),
    ]
    assert count_sources(docs) == SourceCount(copies=7, independent=4, wire=None)


def test_a_document_counts_once() -> None:
    docs = [Provenance("a", "Diario A", "AFP"), Provenance("a", "Diario A", "AFP")]
    assert count_sources(docs) == SourceCount(copies=1, independent=1, wire="AFP")


def test_without_provenance_each_document_is_a_source() -> None:
    assert count_sources([Provenance("a"), Provenance("b")]) == SourceCount(2, 2, None)


EFE = (
    "{dateline}Rusia y Ucrania realizaron este martes un canje de prisioneros en la frontera "
    "con Bielorrusia, según informaron los ministerios de Defensa de ambos países.\n"
    "Los soldados liberados fueron trasladados a hospitales militares para recibir atención "
    "médica, indicó el comunicado ruso, sin dar más detalles sobre su estado.\n"
    "Las familias de los prisioneros llevaban meses reclamando noticias de ellos a las "
    "autoridades, que no habían confirmado la fecha hasta última hora."
)
OWN_D = (
    "Las autoridades de Kiev confirmaron que Rusia y Ucrania realizaron este martes un canje "
    "de prisioneros en la frontera con Bielorrusia.\n"
    "Familiares de los detenidos esperaban desde primera hora frente a un hospital de la "
    "región de Chernígov, según pudo comprobar esta redacción."
)
OWN_E = (
    "Rusia y Ucrania realizaron este martes un canje de prisioneros en la frontera con "
    "Bielorrusia, anunció el Ministerio de Defensa ruso en un comunicado.\n"
    "Es el segundo intercambio del año, recordó el portavoz del ministerio ante la prensa."
)
WIRE_ONLY = (
    "{dateline}Rusia lanzó este martes un ataque con drones contra la ciudad ucraniana de "
    "Odesa, donde murieron dos personas, según las autoridades regionales.\n"
    "El gobernador de la región pidió a los vecinos permanecer en los refugios mientras "
    "duraban las alertas antiaéreas, que se prolongaron durante varias horas de la noche."
)


def _corpus() -> list[RawDoc]:
    day = "2026-03-03"
    efe = "Kiev, 3 mar (EFE).- "
    europa = "KIEV 3 Mar. (EUROPA PRESS) -\n"
    # copies of a wire differ by a line the outlet adds: each is a document of its own
    docs = [
        ("Diario Uno", EFE.format(dateline=efe) + "\nEsta nota se irá ampliando."),
        ("Diario Dos", EFE.format(dateline=efe) + "\nNoticia en desarrollo."),
        ("Diario Tres", EFE.format(dateline="")),  # the wire without its credit
        ("Diario Cuatro", OWN_D),
        ("Radio Cinco", OWN_E),
        ("Diario Uno", WIRE_ONLY.format(dateline=europa) + "\nNoticia en desarrollo."),
        ("Diario Seis", WIRE_ONLY.format(dateline=europa)),
    ]
    return [
        RawDoc(source=f"t{n}", text=text, outlet=outlet, published=dt.date.fromisoformat(day))
        for n, (outlet, text) in enumerate(docs)
    ]


def test_fused_events_count_independent_sources(pipeline: Pipeline, tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'sources.db'}")
    records = [r for r in run_batch(_corpus(), pipeline) if isinstance(r, Record)]
    assert len(records) == 7
    assert [r.agency for r in records] == [
        "EFE",
        "EFE",
        None,
        None,
        None,
        "Europa Press",
        "Europa Press",
    ]
    assert records[2].cluster == records[0].cluster  # the uncredited copy is a near-copy
    for record in records:
        store.put_record(record)
    report = refresh(store)
    with store.reading() as session:
        agencies = dict(session.execute(select(DocumentRow.source, DocumentRow.agency)).all())
        events = session.execute(
            select(
                FusedEventRow.type,
                FusedEventRow.copies,
                FusedEventRow.independent_sources,
                FusedEventRow.wire,
            )
        ).all()
    assert agencies["t0"] == "EFE"
    assert agencies["t5"] == "Europa Press"
    counts = {(copies, independent, wire) for _, copies, independent, wire in events}
    # the exchange: five documents, three sources (the EFE wire and two own reports)
    assert (5, 3, None) in counts
    # the attack on Odesa: two outlets, one Europa Press wire alone
    assert (2, 1, "Europa Press") in counts
    assert report.one_wire >= 1
    assert report.independent >= 1
