"""Spanish words of time: months, weekdays, numbers, units, parts of the day.

The tables are the language itself, not domain knowledge, so they live here rather than in
a pack. Keys are folded (lower case, no accents: ``fold("Miércoles") == "miercoles"``);
the regex fragments accept the accented and the plain spelling.
"""

from __future__ import annotations

import functools
import unicodedata


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list: tables of words read better that way."""
    return tuple(text.split())


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, for table look-ups: "Sábado" -> "sabado"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first, accents optional."""
    forms: set[str] = set()
    for word in words:  # type: ignore[attr-defined]
        forms.add(_accent_free_pattern(str(word)))
    return "(?:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_ACCENTED = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}


def _accent_free_pattern(word: str) -> str:
    out = []
    for char in fold(word):
        if char in _ACCENTED:
            out.append(_ACCENTED[char])
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(char if char.isalnum() else "\\" + char)
    return "".join(out)


MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
# ISO weekday numbers (Monday 1), as TIMEX3 writes them: "XXXX-WXX-4" is a Thursday
WEEKDAYS = {
    "lunes": 1,
    "martes": 2,
    "miercoles": 3,
    "jueves": 4,
    "viernes": 5,
    "sabado": 6,
    "domingo": 7,
}
UNITS = {
    # folded singular and plural -> TIMEX3 unit letter and whether it is a clock unit (PT..)
    "segundo": ("S", True),
    "segundos": ("S", True),
    "minuto": ("M", True),
    "minutos": ("M", True),
    "hora": ("H", True),
    "horas": ("H", True),
    "dia": ("D", False),
    "dias": ("D", False),
    "jornada": ("D", False),
    "jornadas": ("D", False),
    "semana": ("W", False),
    "semanas": ("W", False),
    "quincena": ("Q15", False),
    "quincenas": ("Q15", False),
    "mes": ("M", False),
    "meses": ("M", False),
    "bimestre": ("B2", False),
    "bimestres": ("B2", False),
    "trimestre": ("B3", False),
    "trimestres": ("B3", False),
    "semestre": ("B6", False),
    "semestres": ("B6", False),
    "ano": ("Y", False),
    "anos": ("Y", False),
    "lustro": ("L5", False),
    "lustros": ("L5", False),
    "decada": ("L10", False),
    "decadas": ("L10", False),
    "decenio": ("L10", False),
    "decenios": ("L10", False),
    "siglo": ("L100", False),
    "siglos": ("L100", False),
}
# Spanish "año" folds to "ano": the unit alternation lists the real spellings. "jornada"
# is left out: "cinco jornadas" counts rounds of a league or a congress, not days.
UNIT_WORDS = words(
    "segundo segundos minuto minutos hora horas día días semana semanas "
    "quincena quincenas mes meses bimestre bimestres trimestre trimestres semestre semestres "
    "año años lustro lustros década décadas decenio decenios siglo siglos"
)

NUMBERS = {
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiun": 21,
    "veintiuno": 21,
    "veintiuna": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "trescientos": 300,
    "quinientos": 500,
    "mil": 1000,
    "media": 0.5,
    "medio": 0.5,
    "par": 2,
    "docena": 12,
}
# "primer trimestre", "segunda quincena", "último semestre"
ORDINALS = {
    "primer": 1,
    "primero": 1,
    "primera": 1,
    "segundo": 2,
    "segunda": 2,
    "tercer": 3,
    "tercero": 3,
    "tercera": 3,
    "cuarto": 4,
    "cuarta": 4,
    "ultimo": -1,
    "ultima": -1,
}
# decades written as words: "los años ochenta" -> 198
DECADE_WORDS = {
    "veinte": 2,
    "treinta": 3,
    "cuarenta": 4,
    "cincuenta": 5,
    "sesenta": 6,
    "setenta": 7,
    "ochenta": 8,
    "noventa": 9,
}
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

# parts of the day, TIMEX3 codes: morning, afternoon, evening, night, midday
PARTS_OF_DAY = {
    "manana": "MO",
    "madrugada": "MO",
    "mediodia": "MI",
    "tarde": "AF",
    "atardecer": "EV",
    "anochecer": "EV",
    "noche": "NI",
}
SEASONS = {"primavera": "SP", "verano": "SU", "otono": "FA", "invierno": "WI"}
# fixed-date holidays -> (month, day)
HOLIDAYS = {
    "navidad": (12, 25),
    "navidades": (12, 25),
    "nochebuena": (12, 24),
    "nochevieja": (12, 31),
    "ano nuevo": (1, 1),
    "primero de mayo": (5, 1),
    "dia de reyes": (1, 6),
    "san valentin": (2, 14),
}

# nouns that follow a number which is a quantity, not a year: "2000 personas"
QUANTITY_NOUNS = frozenset(
    fold(w)
    for w in words(
        "personas soldados civiles muertos heridos víctimas dólares euros rublos libras "
        "grivnas hryvnias millones mil kilómetros km metros kilos toneladas barriles habitantes "
        "casos votos drones misiles tanques hectáreas puestos empleos trabajadores niños "
        "vehículos proyectiles ataques veces"
    )
)


def number_value(words: str) -> float | None:
    """The number a Spanish quantity phrase names: "treinta y cinco" -> 35, "1,5" -> 1.5.

    Returns None for vague quantities ("unos", "varios") and for anything unparsed.
    """
    text = fold(words).strip()
    text = text.replace("un par de", "par").replace("una docena de", "docena")
    if not text:
        return None
    digits = text.replace(".", "").replace(",", ".") if "," in text else text
    try:
        return float(digits)
    except ValueError:
        pass
    total = 0.0
    for part in text.split():
        if part == "y":
            continue
        if part not in NUMBERS:
            return None
        value = NUMBERS[part]
        if value == 1000:
            total = (total or 1) * 1000
        else:
            total += value
    return total or None


def roman_value(numeral: str) -> int | None:
    """XIX -> 19; None when ``numeral`` is not a Roman numeral."""
    values = [ROMAN.get(c) for c in numeral.lower()]
    if not values or any(v is None for v in values):
        return None
    nums = [v for v in values if v is not None]
    total = 0
    for i, v in enumerate(nums):
        total += -v if i + 1 < len(nums) and nums[i + 1] > v else v
    return total
