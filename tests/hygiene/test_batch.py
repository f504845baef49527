"""Hygiene through the batch runner: language, near-duplicate clusters, verbless captions."""

from __future__ import annotations

from tregua.model import RawDoc, Record
from tregua.pipeline import Pipeline, run_batch

STORY = (
    "Las delegaciones de Rusia y Ucrania se reunieron el martes en Ginebra con la mediación "
    "de Estados Unidos. Las conversaciones terminaron sin un acuerdo sobre los territorios "
    "ocupados, aunque ambas partes acordaron un nuevo intercambio de prisioneros y una "
    "segunda ronda de negociaciones a principios de febrero, según fuentes diplomáticas."
)


def records(pipeline: Pipeline, *docs: RawDoc) -> list[Record]:
    out = list(run_batch(docs, pipeline))
    assert all(isinstance(r, Record) for r in out), out
    return [r for r in out if isinstance(r, Record)]


def test_syndicated_copies_share_a_cluster_across_chunks(pipeline: Pipeline) -> None:
    other = "El canciller alemán anunció un paquete de ayuda militar para Ucrania el lunes."
    docs = [
        RawDoc(source="efe.txt", text=STORY),
        RawDoc(source="otra.txt", text=other),
        RawDoc(source="copia.txt", text="GINEBRA (EFE). " + STORY),
    ]
    first, second, copy = list(run_batch(docs, pipeline, batch_size=1))
    assert isinstance(first, Record) and isinstance(second, Record) and isinstance(copy, Record)
    assert first.cluster == first.id == copy.cluster
    assert second.cluster == second.id


def test_other_languages_are_recorded_with_a_note(pipeline: Pipeline) -> None:
    (record,) = records(
        pipeline,
        RawDoc(
            source="pt.txt",
            text="As delegações da Rússia e da Ucrânia reuniram-se em Genebra sem acordo.",
        ),
    )
    assert record.language == "pt"
    assert record.entities == () and record.events == ()
    assert "not Spanish (its language is 'pt')" in record.errors[0]
    assert "skipped" in record.errors[0]


def test_verbless_caption_is_marked_after_the_parse(pipeline: Pipeline) -> None:
    text = (
        "El presidente ruso recibió el jueves en el Kremlin a los enviados estadounidenses.\n"
        "El enviado especial Steve Witkoff, a su llegada a Moscú.\n"
        "La reunión duró casi cinco horas, según el asesor presidencial Yuri Ushakov."
    )
    (record,) = records(pipeline, RawDoc(source="c.txt", text=text))
    assert [p.kind for p in record.paragraphs] == ["reporting", "caption", "reporting"]
    assert [f.text for f in record.flags if f.kind == "caption"] == [
        "El enviado especial Steve Witkoff, a su llegada a Moscú."
    ]
