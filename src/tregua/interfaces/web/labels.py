"""The dashboard's words in Spanish and English (``?lang=en``); Spanish is the default.

One table, read by the templates and handed to the browser script as JSON, so a label
never lives in two places. Issue labels come from the domain pack instead.
"""

from __future__ import annotations

LANGUAGES = ("es", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # navigation
    "app_tagline": ("registro del proceso de paz", "a record of the peace process"),
    "documents": ("Documentos", "Documents"),
    "timeline": ("Cronología", "Timeline"),
    "map": ("Mapa", "Map"),
    "stances": ("Posturas", "Stances"),
    "quotes": ("Citas", "Quotes"),
    "actors": ("Actores", "Actors"),
    "api_docs": ("API", "API"),
    "other_language": ("English", "Español"),
    # filters and controls
    "side": ("Parte", "Side"),
    "type": ("Tipo", "Type"),
    "status": ("Estado", "Status"),
    "issue": ("Cuestión", "Issue"),
    "speaker": ("Hablante", "Speaker"),
    "text": ("Texto", "Text"),
    "since": ("Desde", "From"),
    "until": ("Hasta", "To"),
    "at": ("A fecha de", "As of"),
    "all": ("Todos", "All"),
    "apply": ("Aplicar", "Apply"),
    "zoom_in": ("Acercar", "Zoom in"),
    "zoom_out": ("Alejar", "Zoom out"),
    "reset": ("Restablecer", "Reset"),
    "search": ("Buscar", "Search"),
    "newer": ("Más recientes", "Newer"),
    "older": ("Anteriores", "Older"),
    "open_source": ("Ver en el documento", "Open in the document"),
    # nouns
    "date": ("Fecha", "Date"),
    "title": ("Título", "Title"),
    "outlet": ("Medio", "Outlet"),
    "source": ("Fuente", "Source"),
    "sources": ("Fuentes", "Sources"),
    "place": ("Lugar", "Place"),
    "sides": ("Partes", "Sides"),
    "evidence": ("Evidencia", "Evidence"),
    "events": ("Eventos", "Events"),
    "entities": ("Entidades", "Entities"),
    "flags": ("Avisos de calidad", "Source-quality flags"),
    "flags_short": ("Avisos", "Flags"),
    "paragraphs": ("Texto", "Text"),
    "partners": ("Actúa con", "Acts with"),
    "aliases": ("Nombres", "Names"),
    "mentions": ("Menciones", "Mentions"),
    "reason": ("Motivo", "Reason"),
    "kind": ("Clase", "Kind"),
    "changes": ("Cambios de postura", "Stance changes"),
    "from": ("de", "from"),
    "to": ("a", "to"),
    "quarantined": ("en cuarentena", "quarantined"),
    "no_date": ("sin fecha", "undated"),
    "inferred": ("inferida del texto", "inferred from the text"),
    "disputed": ("fuentes en desacuerdo", "sources disagree"),
    "legend": ("Leyenda", "Legend"),
    "highlighted": ("Fragmento citado", "Quoted span"),
    # empty states and hints
    "no_documents": (
        "Aún no hay documentos: ejecute tregua ingest examples/.",
        "No documents yet: run tregua ingest examples/.",
    ),
    "nothing_found": ("Nada coincide con estos filtros.", "Nothing matches these filters."),
    "click_cell": (
        "Pulse una casilla para ver las frases y citas en que se basa.",
        "Click a cell to see the sentences and quotes behind it.",
    ),
    "no_coordinates": ("sin coordenadas", "without coordinates"),
    "map_note": (
        "Proyección equirectangular, retícula cada 10°; fronteras: Natural Earth (world-atlas).",
        "Equirectangular projection, 10° graticule; borders: Natural Earth (world-atlas).",
    ),
    "map_hint": (
        "Rueda del ratón, botones o teclas + y − para acercar; arrastre o flechas para moverse; "
        "0 para verlo todo. Los nombres que no caben se agrupan con su número.",
        "Mouse wheel, buttons or the + and − keys zoom; drag or the arrow keys pan; 0 shows "
        "everything. Names that do not fit are grouped with their number.",
    ),
    "fit": ("Ver todo", "Show all"),
    "feed": ("Suscribirse a estos eventos (Atom)", "Subscribe to these events (Atom)"),
    "pan": ("Mover", "Pan"),
    "map_label": ("Mapa de eventos", "Map of events"),
    "places": ("lugares", "places"),
    "outside_view": ("fuera de esta vista", "outside this view"),
    "vague_date": ("fecha imprecisa", "vague date"),
    "stance_chart": ("Postura de cada parte en el tiempo", "Each side's stance over time"),
    "stance_chart_hint": (
        "Cada tramo va desde que una parte adopta una postura hasta que la cambia; pulse un "
        "punto para ver la frase en que se basa.",
        "Each bar runs from the day a side takes a stance until it changes; click a point to "
        "see the sentence behind it.",
    ),
    "unknown": ("desconocido", "unknown"),
    "loading": ("Cargando…", "Loading…"),
    "error": ("No se pudo cargar: ", "Could not load: "),
    # statuses and polarities
    "occurred": ("ocurrido", "occurred"),
    "planned": ("previsto", "planned"),
    "hypothetical": ("hipotético", "hypothetical"),
    "negated": ("negado", "negated"),
    "support": ("a favor", "supports"),
    "oppose": ("en contra", "opposes"),
    "conditional": ("condicional", "conditional"),
    "mixed": ("mixta", "mixed"),
    # record parts
    "reporting": ("información", "reporting"),
    "caption": ("pie de foto", "caption"),
    "commentary": ("comentario insertado", "inserted commentary"),
    "boilerplate": ("plantilla", "boilerplate"),
    "duplicate": ("duplicado", "duplicate"),
    "inserted_commentary": ("opinión insertada sin atribuir", "unattributed inserted opinion"),
    "duplicate_paragraph": ("párrafo repetido", "repeated paragraph"),
    "glued_words": ("palabras pegadas", "glued words"),
    "entity": ("Entidad", "Entity"),
    "event": ("Evento", "Event"),
    "quote": ("Cita", "Quote"),
    "stance": ("Postura", "Stance"),
    # confidence and independent sources
    "confidence": ("Confianza", "Confidence"),
    "min_confidence": ("Confianza mínima", "Minimum confidence"),
    "confidence_hint": (
        "De 0 a 1; vacío: todo, también lo que no tiene confianza",
        "0 to 1; empty: everything, also what has no confidence",
    ),
    "copies": ("copias", "copies"),
    "independent": ("independientes", "independent"),
    "one_wire": ("una sola agencia", "one wire"),
}


def labels(lang: str) -> dict[str, str]:
    """Every label in ``lang`` (``es`` or ``en``; anything else reads as ``es``)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _LABELS.items()}


#: the document view's words for reviewed items, kept out of ``_LABELS`` (which every
#: page sends to the browser script)
_REVIEW_LABELS = {
    "reviewed": ("Revisado por un editor", "Reviewed by an editor"),
    "machine": ("Lo que dijo la máquina", "What the machine said"),
}


def review_labels(lang: str) -> dict[str, str]:
    """The words for reviewed items in ``lang``, as ``labels``."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in _REVIEW_LABELS.items()}
