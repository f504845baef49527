"""Template lines: the pack's line starts and the shapes no word list holds."""

from __future__ import annotations

import pytest

from tregua.hygiene.boilerplate import boilerplate_reason
from tregua.pack import DomainPack


@pytest.mark.parametrize(
    ("line", "template"),
    [
        ("Enlace de origen", True),
        ("Seguir leyendo", True),
        ("Suscríbete a nuestro boletín", True),
        ("Por María García Pérez", True),
        ("POR ANA GIL | Kiev", True),
        ("La Jornada Zacatecas/CESAR A. GONZALEZ", True),
        ("EFE", True),
        ("(AFP)", True),
        ("Redacción", True),
        ("Foto: Reuters", True),
        ("FOTO: ALEJANDRO ORTEGA NERI", True),
        ("Facebook Twitter WhatsApp", True),
        ("Compartir", True),
        ("https://diario.example/mundo/nota", True),
        ("redaccion@diario.example", True),
        ("30/01/2026 10:12", True),
        # reporting that only starts like a template line
        ("Por la paz, dijo Zelenski en Kiev.", False),
        ("Por primera vez, Rusia y Ucrania negociaron cara a cara.", False),
        ("EFE informó de que la reunión terminó sin acuerdo.", False),
        ("Twitter fue la red elegida por Trump para anunciarlo.", False),
        ("Kirill Dmitriev, director del fondo soberano de Rusia", False),
        ("Putin llegó a Moscú el martes.", False),
    ],
)
def test_boilerplate(line: str, template: bool, pack: DomainPack) -> None:
    assert (boilerplate_reason(line, pack.lexicon.boilerplate) is not None) is template


def test_a_long_line_is_never_template(pack: DomainPack) -> None:
    line = "Seguir leyendo " + "la crónica de la negociación en Ginebra " * 3
    assert boilerplate_reason(line, pack.lexicon.boilerplate) is None
