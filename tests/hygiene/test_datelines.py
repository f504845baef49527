"""Datelines: a table of the forms wire services and Spanish and Latin American papers print.

Every line here is written for this test; none is taken from an article.
"""

from __future__ import annotations

import pytest

from tregua.hygiene.datelines import parse_date_line, parse_dateline
from tregua.pack import DomainPack

# (line, place, (day, month, year) or None, agency, standalone)
FORMS: list[tuple[str, str, tuple[int | None, int | None, int | None] | None, str | None, bool]] = [
    # Europa Press: the place in capitals, the day and month abbreviated, the agency in caps
    ("MADRID 14 Mar. (EUROPA PRESS) -", "Madrid", (14, 3, None), "Europa Press", True),
    ("BRUSELAS, 2 Dic. (EUROPA PRESS) -", "Bruselas", (2, 12, None), "Europa Press", True),
    (
        "KIEV 9 Sep. (EUROPA PRESS) - Las tropas avanzan.",
        "Kiev",
        (9, 9, None),
        "Europa Press",
        False,
    ),
    ("LONDRES, 21 Oct. (EUROPA PRESS) -", "Londres", (21, 10, None), "Europa Press", True),
    # EFE: the place, the day, the month in lower case, "(EFE).-"
    ("Kiev, 3 mar (EFE).- Las sirenas sonaron.", "Kiev", (3, 3, None), "EFE", False),
    ("Moscú, 17 nov (EFE).- El Kremlin calló.", "Moscú", (17, 11, None), "EFE", False),
    ("Washington, 8 ene (EFE).-", "Washington", (8, 1, None), "EFE", True),
    ("Bogotá, 30 jun (EFE).- La cancillería habló.", "Bogotá", (30, 6, None), "EFE", False),
    ("Ginebra (EFE).- Las delegaciones llegaron.", "Ginebra", None, "EFE", False),
    ("Varsovia, 5 de abril (EFE).- Un tren partió.", "Varsovia", (5, 4, None), "EFE", False),
    # AFP, Reuters, AP: an em dash or a hyphen after the agency
    ("París, 11 feb (AFP) — El Elíseo convocó.", "París", (11, 2, None), "AFP", False),
    (
        "WASHINGTON, 15 ago (Reuters) - La Casa Blanca dijo.",
        "Washington",
        (15, 8, None),
        "Reuters",
        False,
    ),
    (
        "Nueva York, 4 de mayo (AP) — Los mercados abrieron.",
        "Nueva York",
        (4, 5, None),
        "AP",
        False,
    ),
    ("Berlín (AFP)", "Berlín", None, "AFP", True),
    ("Roma, 20 jul (ANSA).- El Vaticano ofreció ayuda.", "Roma", (20, 7, None), "ANSA", False),
    ("Moscú, 22 ago (Sputnik).- El canciller respondió.", "Moscú", (22, 8, None), "Sputnik", False),
    ("Moscú, 6 oct (TASS).-", "Moscú", (6, 10, None), "TASS", True),
    ("Pekín, 1 sept (Xinhua) -- China llamó al diálogo.", "Pekín", (1, 9, None), "Xinhua", False),
    ("Berlín, 13 (DPA).- El canciller viajó.", "Berlín", (13, None, None), "DPA", False),
    ("México, 9 de agosto (Notimex).- La SRE condenó.", "México", (9, 8, None), "Notimex", False),
    (
        "La Habana, 2 de junio (Prensa Latina).- Cuba pidió paz.",
        "La Habana",
        (2, 6, None),
        "Prensa Latina",
        False,
    ),
    (
        "Ankara, 12 de marzo (Anadolu).- Turquía se ofreció.",
        "Ankara",
        (12, 3, None),
        "Anadolu",
        False,
    ),
    # with the year, with a weekday, month first
    ("Kiev, 3 de marzo de 2026 (EFE).- Las sirenas sonaron.", "Kiev", (3, 3, 2026), "EFE", False),
    (
        "Caracas, martes 3 de junio de 2025 (Prensa Latina).- Un foro.",
        "Caracas",
        (3, 6, 2025),
        "Prensa Latina",
        False,
    ),
    (
        "Bruselas, 18 dic 2025 (AFP) - Los Veintisiete votaron.",
        "Bruselas",
        (18, 12, 2025),
        "AFP",
        False,
    ),
    ("Estambul, junio 16, 2025 (Reuters) -", "Estambul", (16, 6, 2025), "Reuters", True),
    ("Riad, Feb. 27 (AP) -", "Riad", (27, 2, None), "AP", True),
    # Latin American papers: place and region, day, no agency; dash or full stop
    (
        "Ciudad de México, 5 de marzo de 2026.- El Senado votó.",
        "Ciudad de México",
        (5, 3, 2026),
        None,
        False,
    ),
    ("Buenos Aires, 4 de junio.- El Gobierno habló.", "Buenos Aires", (4, 6, None), None, False),
    ("Pachuca, Hgo., 11 de julio.", "Pachuca, Hgo", (11, 7, None), None, True),
    ("Monterrey, NL, 2 de mayo.", "Monterrey, NL", (2, 5, None), None, True),
    ("Lima, 7 de octubre.- La canciller viajó.", "Lima", (7, 10, None), None, False),
    ("Santiago de Chile, 3 de enero.", "Santiago de Chile", (3, 1, None), None, True),
    ("Quito, Ecuador.- La Asamblea aprobó.", "Quito, Ecuador", None, None, False),
    ("Viena, Austria.- El organismo pidió calma.", "Viena, Austria", None, None, False),
    ("San José, Costa Rica.- El presidente habló.", "San José, Costa Rica", None, None, False),
    ("México, DF.", "México, DF", None, None, True),
    ("Pasadena.", "Pasadena", None, None, True),
    ("Guadalajara, Jal.", "Guadalajara, Jal", None, None, True),
    # a place in capitals before a dash, with or without a full stop
    ("KIEV.— Las tropas avanzaron.", "Kiev", None, None, False),
    ("JERUSALÉN — El gabinete se reunió.", "Jerusalén", None, None, False),
    (
        "NUEVA YORK, EE.UU., 10 de mayo (AP) — Los diplomáticos.",
        "Nueva York, EE.UU",
        (10, 5, None),
        "AP",
        False,
    ),
    # an agency the pack does not know, printed in capitals
    ("Tiflis, 3 de mayo (IPN).- Georgia votó.", "Tiflis", (3, 5, None), "IPN", False),
    ("Kiev, 4 mar (UKRINFORM).- Kiev informó.", "Kiev", (4, 3, None), "Ukrinform", False),
]

NOT_DATELINES = [
    "Moscú anunció el 22 de agosto un canje de prisioneros.",
    "Rusia y Ucrania confirmaron el intercambio.",
    "Putin (en la foto) llegó a Alaska.",
    "Diálogos en Estambul",
    "Sin Zelenski y Putin",
    "TÜRKİYE",
    "Archivo - Un tren en la estación de Kiev",
    "Jueves, 5 de marzo de 2026",
    "Trump - Putin: la llamada",
    "Kiev, la capital, amaneció en calma.",
    "Moscú (Rusia) es la capital.",
    "FIN.",
]


def test_the_table_holds_forty_forms() -> None:
    assert len(FORMS) >= 40


@pytest.mark.parametrize(("line", "place", "date", "agency", "standalone"), FORMS)
def test_dateline_forms(
    line: str,
    place: str,
    date: tuple[int | None, int | None, int | None] | None,
    agency: str | None,
    standalone: bool,
    pack: DomainPack,
) -> None:
    found = parse_dateline(line, pack.lexicon.news_agencies)
    assert found is not None
    assert found.place == place
    assert (found.day, found.month, found.year) == (date or (None, None, None))
    assert found.agency == agency
    assert found.standalone is standalone
    rest = line[found.end :].strip()
    assert standalone == (rest == "")
    assert not rest or rest[0].isupper()


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_sentences_and_labels_are_not_datelines(line: str, pack: DomainPack) -> None:
    assert parse_dateline(line, pack.lexicon.news_agencies) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Jueves, 05 de marzo de 2026", (5, 3, 2026)),
        ("marzo 5, 2026", (5, 3, 2026)),
        ("2 de junio de 2025", (2, 6, 2025)),
        ("2 de junio de 2025 - 10:32 h", (2, 6, 2025)),
        ("Actualizado: 14 de febrero de 2026, 18:05", (14, 2, 2026)),
        ("domingo 8 de diciembre", (8, 12, None)),
        ("El 5 de marzo de 2026 se firmó la tregua.", None),
        ("5 de marzo: la tregua", None),
    ],
)
def test_dates_alone_on_a_line(line: str, date: tuple[int, int, int | None] | None) -> None:
    assert parse_date_line(line) == date


@pytest.mark.parametrize(
    ("line", "place"),
    [
        (
            "Monterrey, NL. El gobernador inauguró ayer la nueva línea del metro de la ciudad.",
            "Monterrey, NL",
        ),
        (
            "El Cairo. Miles de personas marcharon este viernes por el centro de la capital.",
            "El Cairo",
        ),
        (
            "Bruselas/Moscú. Los ministros de ambos lados intercambiaron cartas durante la semana.",
            "Bruselas/Moscú",
        ),
        (
            "Morelia, Mich. La fiscalía abrió una investigación por el incendio del mercado.",
            "Morelia, Mich",
        ),
        (
            "Sí. El portavoz confirmó que habrá otra reunión de los equipos la semana que viene.",
            None,
        ),
        (
            "Hoy. La delegación llegó temprano al hotel donde se celebrarán todas las reuniones.",
            None,
        ),
        ("EE.UU. anunció nuevas sanciones contra dos empresas rusas del sector energético.", None),
        ("Kiev. Breve.", None),
    ],
)
def test_a_place_closed_by_a_full_stop_opens_the_first_paragraph(
    line: str, place: str | None, pack: DomainPack
) -> None:
    found = parse_dateline(line, pack.lexicon.news_agencies, lead=True)
    assert (found.place if found else None) == place
    if place is not None:
        assert parse_dateline(line, pack.lexicon.news_agencies) is None  # only as the lead
