"""Lines of the page template, not of the article: links, share and subscribe lines, bylines.

Two kinds of evidence:

- the domain pack's ``boilerplate`` list: line starts such as "Enlace de origen", "Seguir
  leyendo", "Suscríbete" (data, in ``lexicon.toml``);
- the shape of the line, which no word list can hold: a byline ("Por María García",
  "La Jornada Zacatecas/CESAR PEREZ"), a credit alone on its line ("EFE", "Redacción",
  "Foto: Reuters"), a row of share buttons ("Facebook Twitter WhatsApp"), a bare address
  (``https://...``, ``redaccion@diario.es``) or a bare time stamp ("30/01/2026 10:12").

A template line is short; a line over ``MAX_BOILERPLATE_WORDS`` words is reporting, whatever
it starts with.
"""

from __future__ import annotations

import re

MAX_BOILERPLATE_WORDS = 12
_NAME = r"[A-ZÁÉÍÓÚÑ][\w.'’-]*"
_NAME_LINK = r"(?:de|del|la|las|los|y|e|van|von|da|dos)"
# "Por María García", "Por Ana Pérez y Luis Gil | Kiev": 2-5 capitalised words after "Por"
_BYLINE = re.compile(
    rf"^(?:Por|POR)\s*:?\s+{_NAME}(?:\s+(?:{_NAME}|{_NAME_LINK})){{1,5}}\s*(?:[|/,–—-]\s*[^.]{{0,40}})?$"
)
# "La Jornada Zacatecas/CESAR A. GONZALEZ": an outlet, a slash, a name; no digit, no verb
_SLASH_BYLINE = re.compile(
    rf"^{_NAME}(?:\s+(?:{_NAME}|{_NAME_LINK})){{0,5}}\s*/\s*{_NAME}(?:\s+(?:{_NAME}|{_NAME_LINK})){{0,5}}$"
)
# a news agency or the newsroom credited on a line of its own: "EFE", "(AFP)", "Redacción"
_CREDIT = re.compile(
    r"^\(?(?:EFE|AFP|AP|Reuters|Europa Press|Agencias|Agencia|DPA|ANSA|Xinhua|Sputnik|Notimex"
    r"|Redacción|Redaccion|REDACCIÓN|REDACCION|Agencias y Redacción)\)?\.?$"
)
# a photo or video credit: "Foto: Reuters", "FOTO: ALEJANDRO ORTEGA NERI", "Imagen: EFE/Archivo"
_PHOTO_CREDIT = re.compile(
    rf"^(?:Foto|FOTO|Fotos|Fotografía|Imagen|Vídeo|Video|Crédito|Créditos)s?:\s*{_NAME}"
    rf"(?:[\s/]+(?:{_NAME}|{_NAME_LINK})){{0,5}}\.?$"
)
_SHARE_WORDS = frozenset(
    {
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "email",
        "e-mail",
        "correo",
        "compartir",
        "comparte",
        "imprimir",
        "copiar",
        "enlace",
        "messenger",
        "pinterest",
        "reddit",
        "bluesky",
        "threads",
    }
)
# an author's name in capitals on one of the first lines: "ALMA ALEJANDRA TAPIA", or with a
# photo credit: "RAFAEL DE SANTIAGO / FOTO: MIGUEL ANGEL NUÑEZ"
_CAPS_BYLINE = re.compile(
    r"^[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.]*(?: [A-ZÁÉÍÓÚÑ.]+){1,5}"
    r"(?: ?/ ?(?:FOTO|FOTOS|Foto): [A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ.]*(?: [A-ZÁÉÍÓÚÑ.]+){0,5})?$"
)
# the lines at the top of an article where a byline sits
BYLINE_LINES = 2
_ADDRESS = re.compile(r"^(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+)$")
_TIMESTAMP = re.compile(r"^[\d\s/.:,-]{6,}(?:h|hrs|horas|CET|CEST|GMT|UTC)?$")


def boilerplate_reason(body: str, starts: tuple[str, ...], index: int = -1) -> str | None:
    """Why the paragraph ``body`` is page template, or None when it is not.

    ``"Seguir leyendo"`` (a pack line start), ``"Por María García"`` (a byline) and
    ``"Facebook Twitter WhatsApp"`` (share buttons) are boilerplate;
    ``"Por la paz, dijo Zelenski."`` is not. ``index`` is the paragraph's position: a name
    in capitals is a byline only on the first lines ("CESAR PEREZ"), a subhead further down.
    """
    words = body.split()
    if not words or len(words) > MAX_BOILERPLATE_WORDS:
        return None
    lowered = body.lower()
    if any(lowered.startswith(s.lower()) for s in starts):
        return "a line of the page template, not of the article"
    if _BYLINE.match(body) or _SLASH_BYLINE.match(body):
        return "a byline of the page template"
    if 0 <= index < BYLINE_LINES and _CAPS_BYLINE.match(body):
        return "a byline of the page template"
    if _CREDIT.match(body) or _PHOTO_CREDIT.match(body):
        return "a credit line of the page template"
    share = all(w.strip(".,:;|·•-").lower() in _SHARE_WORDS for w in words)
    if share and (len(words) >= 2 or lowered.strip(".:") in {"compartir", "imprimir"}):
        return "a row of share buttons"
    if _ADDRESS.match(body) or _TIMESTAMP.match(body):
        return "a bare address or time stamp of the page template"
    return None
