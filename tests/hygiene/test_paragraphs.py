from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tregua.hygiene import clean_document, normalize_text
from tregua.model import RawDoc
from tregua.pack import DomainPack, load_pack


def clean(text: str, pack: DomainPack):  # type: ignore[no-untyped-def]
    return clean_document(RawDoc(source="t.txt", text=text), pack.lexicon)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kiev\r\n\r\n\r\nMoscú", "Kiev\n\nMoscú"),
        ("\ufeffPutin  dijo\u00a0hoy ", "Putin dijo hoy"),
        ("Zelenski\u200b habló", "Zelenski habló"),
        ("Cafe\u0301", "Café"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_commentary_after_marker_is_its_own_paragraph(pack: DomainPack) -> None:
    doc = clean("Zelenski afirmó que era prematuro. >>Ya se sabe que Rusia no cederá", pack)
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds == ["reporting", "commentary"]
    flag = next(f for f in doc.flags if f.kind == "inserted_commentary")
    assert flag.text == "Ya se sabe que Rusia no cederá"
    assert doc.text[flag.start : flag.end] == flag.text


def test_repeated_caption_is_caption_then_duplicate(pack: DomainPack) -> None:
    caption = "El humo se eleva sobre Kiev tras el ataque con drones del 24 de enero."
    doc = clean(f"{caption}\n\nLas conversaciones siguieron en Abu Dabi.\n\n{caption}", pack)
    assert [p.kind for p in doc.paragraphs] == ["caption", "reporting", "duplicate"]
    assert {f.kind for f in doc.flags} == {"caption", "duplicate_paragraph"}


def test_near_duplicate_with_small_change(pack: DomainPack) -> None:
    first = "Durante semanas, Vladimir Putin (en la foto) ha tratado de doblegar a los ucranianos."
    second = "Durante semanas, Vladimir Putin ha tratado de doblegar a los ucranianos."
    doc = clean(f"{first}\n{second}", pack)
    assert doc.paragraphs[1].kind == "duplicate"


def test_short_repeated_lines_are_not_duplicates(pack: DomainPack) -> None:
    doc = clean("Rusia\nUcrania dijo que no.\nRusia", pack)
    assert all(p.kind != "duplicate" for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Enlace de origen", "boilerplate"),
        ("Seguir leyendo", "boilerplate"),
        ("Steve Witkoff", "caption"),
        ("Kirill Dmitriev, director del fondo soberano de Rusia", "caption"),
        ("Putin llegó a Moscú el martes.", "reporting"),
    ],
)
def test_paragraph_kinds(line: str, kind: str, pack: DomainPack) -> None:
    doc = clean(f"Las conversaciones comenzaron el lunes en Ginebra.\n{line}", pack)
    assert doc.paragraphs[1].kind == kind


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Ucrania usó misiles de la OTANpara atacar.", ["OTANpara"]),
        ("sacando a la OTANde Ucrania.", ["OTANde"]),
        ("La OTAN para Ucrania.", []),
        ("La ONU y EE.UU. hablaron.", []),
    ],
)
def test_glued_acronyms(text: str, glued: list[str], pack: DomainPack) -> None:
    doc = clean(text, pack)
    assert [f.text for f in doc.flags if f.kind == "glued_words"] == glued


LEXICON = load_pack().lexicon


@given(st.text(alphabet=st.sampled_from('ab >\n«»"Kiev.é\r\t'), max_size=200))
def test_offsets_are_evidence(raw: str) -> None:
    doc = clean_document(RawDoc(source="h.txt", text=raw), LEXICON)
    for para in doc.paragraphs:
        assert 0 <= para.start < para.end <= len(doc.text)
    for flag in doc.flags:
        assert doc.text[flag.start : flag.end] == flag.text
