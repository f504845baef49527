"""What is not reporting: a licence, code, a table, text without a sentence. Every text here
is written for the test."""

from __future__ import annotations

import pytest

from tregua.hygiene.newslike import not_news

ARTICLE = (
    "KIEV, 3 mar (Agencia) - Las delegaciones de Ucrania y Rusia se reunieron este martes en "
    "Estambul para preparar un nuevo canje de prisioneros, según informó el ministerio.\n\n"
    "El encuentro, el tercero en un mes, terminó sin fecha para la siguiente ronda, aunque "
    "ambas partes, según fuentes cercanas, dijeron que seguirán hablando.\n\n"
    "Foto: Agencia\n\nSíguenos en nuestras redes"
)
# a list of figures with commas in every paragraph: still prose
FIGURES = "\n".join(
    f"En la provincia {n}, según el censo, viven {n * 1000} personas, la mayoría en la capital."
    for n in range(1, 8)
)
LICENCE = (
    "Terms of use of this software\n\n"
    "Copyright the authors. Permission is hereby given to copy and redistribute the software, "
    "with or without changes, provided that this notice stays in every copy and every "
    "derivative work states its changes.\n\n"
    "There is no warranty of any kind, and no liability: the authors are not liable for any "
    "claim or infringement arising from the software or from the use of it. The license "
    "ends when these conditions are broken."
)
LICENCIA = (
    "Licencia de uso\n\n"
    "Se concede permiso para usar, copiar y redistribuir este software y sus obras derivadas "
    "siempre que se conserve este aviso. El licenciante no ofrece garantía alguna, ni de "
    "comerciabilidad ni de otra clase; el licenciatario asume los riesgos de la licencia y "
    "de su redistribución."
)
CODE = """import json

def load(path):
    with open(path) as handle:
        data = json.load(handle)
    if not data:
        raise ValueError("empty")
    return {k: v for k, v in data.items()}
"""
SCRIPT = """function total(items) {
  let sum = 0;
  for (const item of items) {
    sum += item.price * item.count;
  }
  return sum;
}
"""
CSV = (
    "fecha;lugar;muertos;heridos\n2026-01-02;Járkov;3;10\n2026-01-03;Odesa;0;4\n"
    "2026-01-05;Sumy;1;2\n"
)
TSV = "outlet\tarticles\tshare\nA\t10\t0.1\nB\t20\t0.2\nC\t30\t0.3\nD\t40\t0.4\n"
WORDS = "Ucrania Rusia Estados Unidos\nnegociaciones paz\ntregua energética alto el fuego"


@pytest.mark.parametrize("text", [ARTICLE, FIGURES], ids=["article", "commas"])
def test_reporting_passes(text: str) -> None:
    assert not_news(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (LICENCE, "a licence"),
        (LICENCIA, "a licence"),
        (CODE, "source code"),
        (SCRIPT, "source code"),
        (CSV, "a table"),
        (TSV, "a table"),
        (WORDS, "no sentence"),
    ],
    ids=["licence", "licencia", "python", "javascript", "csv", "tsv", "words"],
)
def test_what_is_not_reporting_says_what_it_is(text: str, kind: str) -> None:
    found = not_news(text)
    assert found is not None and found.startswith(kind), found


def test_a_table_reason_counts_its_rows() -> None:
    assert not_news(CSV) == "a table, not prose: 4 of its 4 lines hold 3 ';' separators each"
