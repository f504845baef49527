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
        ("e\u200b\u0301", "é"),
        # a cp1252 page read as Latin-1: C1 controls back to their punctuation
        ("\x93no hay plazos\x94, dijo \x96 ayer\x85", "“no hay plazos”, dijo — ayer…"),
        # odd quote marks join the families the quote extractor pairs
        ("\u201eya\u201c y \u201eno\u201d", "“ya” y “no”"),
        ("\u2039tregua\u203a", "‘tregua’"),
        ("\u201aasí\u2019", "‘así’"),
        ("«Basta» y “ya” y ‘no’", "«Basta» y “ya” y ‘no’"),
        # hyphens and minus signs; dashes become a raya, or a hyphen between numbers
        ("2025\u20132026, -16\u2009\u2212 3", "2025-2026, -16 - 3"),
        ("Putin \u2013dijo\u2013 no cederá", "Putin —dijo— no cederá"),
        ("pro\u2010ruso \u2015 dijo", "pro-ruso — dijo"),
        ("uno\u2029dos", "uno\n\ndos"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@given(
    st.text(
        alphabet=st.sampled_from("a1 \n\r\u2013\u2012\u201e\u201c\u201d\x93\x96\u0301\u200b"),
        max_size=40,
    )
)
def test_normalize_is_idempotent_on_punctuation(raw: str) -> None:
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


def test_caption_repeated_in_other_words(pack: DomainPack) -> None:
    first = "El enviado especial Steve Witkoff, a su llegada a Moscú."
    second = "El enviado Steve Witkoff, a su llegada a Moscú este jueves."
    doc = clean(f"{first}\nPutin recibió a los enviados en el Kremlin.\n{second}", pack)
    assert [p.kind for p in doc.paragraphs] == ["caption", "reporting", "duplicate"]
    # reworded, the repeat is flagged as a caption too; a verbatim repeat is not
    assert [(f.kind, f.text) for f in doc.flags] == [
        ("caption", first),
        ("caption", second),
        ("duplicate_paragraph", second),
    ]


def test_reporting_in_other_words_is_not_a_duplicate(pack: DomainPack) -> None:
    first = "Putin recibió el jueves a Witkoff y Kushner en el Kremlin durante cinco horas."
    second = "Witkoff y Kushner fueron recibidos en el Kremlin por Putin durante cinco horas."
    doc = clean(f"{first}\n{second}", pack)
    assert [p.kind for p in doc.paragraphs] == ["reporting", "reporting"]


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
        ("Por María García", "boilerplate"),
        ("Facebook Twitter WhatsApp", "boilerplate"),
        ("CESAR PEREZ", "boilerplate"),  # a byline in capitals on one of the first lines
        # subheads and labels are not captions
        ("Las claves del acuerdo", "reporting"),
        ("Empleo y salarios", "reporting"),
        ("Alineaciones:", "reporting"),
        ("Minera Frisco: sin peligro", "reporting"),
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
        ("SSolo que Rusia goza de autarquía.", []),
    ],
)
def test_glued_acronyms(text: str, glued: list[str], pack: DomainPack) -> None:
    doc = clean(text, pack)
    assert [f.text for f in doc.flags if f.kind == "glued_words"] == glued


LEXICON = load_pack().lexicon
WORDS = frozenset({"solo", "que", "generar", "una", "otan", "para", "kiev", "de"})


@given(
    st.text(
        alphabet=st.sampled_from('ab >\n«»"Kiev.é\r\tSolo que Ya se sabe OTANpara generaruna'),
        max_size=200,
    )
)
def test_offsets_are_evidence(raw: str) -> None:
    doc = clean_document(RawDoc(source="h.txt", text=raw), LEXICON, WORDS)
    previous_end = -1
    for para in doc.paragraphs:
        assert 0 <= para.start < para.end <= len(doc.text)
        assert para.start > previous_end  # paragraphs never overlap
        assert doc.text[para.start : para.end].strip() == doc.text[para.start : para.end]
        previous_end = para.end
    for flag in doc.flags:
        assert doc.text[flag.start : flag.end] == flag.text
    for repair in doc.repairs:
        assert repair.replacement.replace(" ", "") == doc.text[repair.start : repair.end]


@given(st.text(max_size=300))
def test_cleaning_never_raises(raw: str) -> None:
    doc = clean_document(RawDoc(source="h.txt", text=raw), LEXICON, WORDS)
    assert doc.text == normalize_text(raw)
