"""The agency behind a text: its dateline, a credit or signature line, a closing signature."""

from __future__ import annotations

import pytest

from tregua.hygiene import clean_document
from tregua.model import RawDoc
from tregua.pack import DomainPack

BODY = (
    "El ministro de Exteriores aseguró este martes que las conversaciones seguirán la semana "
    "que viene en la misma ciudad y con las mismas delegaciones."
)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        (f"Oslo, 2 abr (EFE).- {BODY}", "EFE"),
        (f"VIENA 2 Abr. (EUROPA PRESS) -\n{BODY}", "Europa Press"),
        (f"{BODY}\nAFP", "AFP"),
        (f"{BODY}\n(ANSA).", "ANSA"),
        (f"{BODY}\nCon información de Reuters y AP", "Reuters"),
        (f"{BODY}\nFuente: Associated Press", "AP"),
        (f"{BODY} (Sputnik)", "Sputnik"),
        # an outlet's own report, and a photo credit, name no agency
        (BODY, None),
        (f"Un convoy cruza la frontera al amanecer. Foto: EFE\n{BODY}", None),
        (f"{BODY}\nPor Marta Gil", None),
        (f"{BODY} (en la foto)", None),
    ],
)
def test_the_agency_behind_a_text(text: str, agency: str | None, pack: DomainPack) -> None:
    doc = clean_document(RawDoc(source="t", text=text), pack.lexicon)
    assert doc.agency == agency
