"""Captions: cues and name lines from the text; verbless lines once the parse has run."""

from __future__ import annotations

import pytest

from tregua.hygiene import clean_document, mark_verbless_captions
from tregua.hygiene.captions import has_caption_shape
from tregua.model import RawDoc
from tregua.pack import DomainPack


@pytest.mark.parametrize(
    ("line", "shaped"),
    [
        ("El enviado especial Steve Witkoff, a su llegada a Moscú.", True),
        ("Emmanuel Macron y Keir Starmer, durante su comparecencia conjunta en el Elíseo.", True),
        ("Una interceptación secreta de la base naval, una ciudad cerrada a los forasteros.", True),
        ("Putin llegó a Moscú el martes.", False),  # no comma: not the shape
        ("Pachuca, Hgo., 11 de julio.", False),  # a dateline
        ("Kiev, 3 de marzo.", False),
        ("El enviado, a su llegada. Luego habló.", False),  # two sentences
        ("«Estamos cerca», dijo un funcionario.", False),  # a quote
        ("Defensas: Aldrete, Huiqui, Layún, Pereira, Ponce y Chávez.", False),
    ],
)
def test_caption_shape(line: str, shaped: bool) -> None:
    assert has_caption_shape(line) is shaped


def test_verbless_line_becomes_caption(pack: DomainPack) -> None:
    text = (
        "Putin recibió a Witkoff en el Kremlin.\n"
        "El enviado especial Steve Witkoff, a su llegada a Moscú.\n"
        "Macron y Starmer, durante la rueda de prensa, anunciaron una cumbre."
    )
    clean = clean_document(RawDoc(source="t.txt", text=text), pack.lexicon)
    verbs = [(text.index(v), v) for v in ("recibió", "anunciaron")]
    verbs.append((text.index("Starmer"), "Starmer"))  # a name the tagger got wrong
    marked = mark_verbless_captions(clean, verbs)
    assert [p.kind for p in marked.paragraphs] == ["reporting", "caption", "reporting"]
    (flag,) = [f for f in marked.flags if f.kind == "caption"]
    assert flag.text == "El enviado especial Steve Witkoff, a su llegada a Moscú."
    # a paragraph whose only verb is capitalised at its start keeps that verb
    again = mark_verbless_captions(clean, [(0, "Putin"), *verbs])
    assert again.paragraphs[0].kind == "reporting"


def test_nothing_to_mark_returns_the_same_document(pack: DomainPack) -> None:
    clean = clean_document(RawDoc(source="t.txt", text="Putin llegó a Moscú."), pack.lexicon)
    assert mark_verbless_captions(clean, [(6, "llegó")]) is clean
