"""Hand-written records (OUTPUT.md mappings) for store tests that need no parser.

Three short articles on the Abu Dhabi talks and an attack on Kharkiv: the talks are
reported by A (23 January) and B (24 January); the attack by B (3 dead) and C (4 dead).
"""

from __future__ import annotations

import hashlib
from typing import Any

VERSION = "tregua 0.1.0 / pack ru_ua_2025 0.2.0"
NEWER = "tregua 0.2.0 / pack ru_ua_2025 0.2.0"

ABU_DHABI = {"name": "Abu Dhabi", "country": "ARE", "lat": 24.45, "lon": 54.38}
KHARKIV = {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23}

ENTITIES = {
    "Q159": ("Russia", "GPE", "RUS"),
    "Q212": ("Ukraine", "GPE", "UKR"),
    "Q2632813": ("Dmitry Peskov", "PERSON", "RUS"),
    "Q3874799": ("Volodymyr Zelensky", "PERSON", "UKR"),
}


def span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def entity(text: str, entity_id: str, *forms: str) -> dict[str, Any]:
    name, kind, country = ENTITIES[entity_id]
    return {
        "id": entity_id,
        "name": name,
        "type": kind,
        "country": country,
        "aliases": list(forms),
        "mentions": [span(text, f) for f in forms],
    }


def event(text: str, part: str, type_: str, date: str | None, **fields: Any) -> dict[str, Any]:
    return {
        "type": type_,
        "mode": None,
        "status": fields.get("status", "occurred"),
        "date": date,
        "date_end": None,
        "date_text": None,
        "date_source": fields.get("date_source", "text" if date else None),
        "location": fields.get("location"),
        "actors": fields.get("actors", []),
        "targets": fields.get("targets", []),
        "countries": fields.get("countries", []),
        "dead": fields.get("dead"),
        "injured": None,
        "evidence": span(text, part),
        "confidence": 0.5,
    }


def quote(
    text: str,
    part: str,
    speaker: str | None,
    name: str | None,
    country: str | None,
    direct: bool = True,
) -> dict[str, Any]:
    return {
        **span(text, part),
        "direct": direct,
        "speaker": speaker,
        "speaker_name": name,
        "speaker_description": None if speaker else "un funcionario",
        "speaker_country": country,
        "cue": "dijo",
        "via": None,
    }


def stance(
    text: str, part: str, actor: str | None, country: str, issue: str, polarity: str
) -> dict[str, Any]:
    return {
        "actor": actor,
        "country": country,
        "issue": issue,
        "polarity": polarity,
        "evidence": span(text, part),
    }


def record(
    source: str,
    text: str,
    published: str | None,
    version: str = VERSION,
    **parts: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "source": source,
        "title": None,
        "outlet": "prueba",
        "language": "es",
        "published": published,
        "published_inferred": False,
        "text": text,
        "paragraphs": [{"index": 0, "start": 0, "end": len(text), "kind": "reporting"}],
        "flags": parts.get("flags", []),
        "entities": parts.get("entities", []),
        "events": parts.get("events", []),
        "quotes": parts.get("quotes", []),
        "stances": parts.get("stances", []),
        "errors": [],
        "pipeline_version": version,
    }


def article_a(version: str = VERSION) -> dict[str, Any]:
    text = (
        "Rusia y Ucrania se reunieron en Abu Dabi el 23 de enero. "
        "Peskov dijo que «no hay plazos» para un alto el fuego. "
        "Zelenski rechazó ceder territorio."
    )
    return record(
        "a.txt",
        text,
        "2026-01-24",
        version,
        entities=[
            entity(text, "Q159", "Rusia"),
            entity(text, "Q212", "Ucrania"),
            entity(text, "Q2632813", "Peskov"),
            entity(text, "Q3874799", "Zelenski"),
        ],
        events=[
            event(
                text,
                "Rusia y Ucrania se reunieron en Abu Dabi el 23 de enero.",
                "CONSULT",
                "2026-01-23",
                location=ABU_DHABI,
                actors=["Q159", "Q212"],
                countries=["RUS", "UKR"],
            )
        ],
        quotes=[quote(text, "no hay plazos", "Q2632813", "Dmitry Peskov", "RUS")],
        stances=[
            stance(
                text,
                "Peskov dijo que «no hay plazos» para un alto el fuego.",
                "Q2632813",
                "RUS",
                "ceasefire",
                "oppose",
            ),
            stance(
                text, "Zelenski rechazó ceder territorio.", "Q3874799", "UKR", "territory", "oppose"
            ),
        ],
        flags=[
            {
                "kind": "glued_words",
                "start": 0,
                "end": 5,
                "text": "Rusia",
                "reason": "a test flag",
            }
        ],
    )


def article_b() -> dict[str, Any]:
    text = (
        "Las delegaciones de Rusia y Ucrania terminaron el 24 de enero en Abu Dabi. "
        "Un ataque ruso en Járkov mató a 3 personas."
    )
    return record(
        "b.txt",
        text,
        "2026-01-25",
        entities=[entity(text, "Q159", "Rusia"), entity(text, "Q212", "Ucrania")],
        events=[
            event(
                text,
                "Las delegaciones de Rusia y Ucrania terminaron el 24 de enero en Abu Dabi.",
                "CONSULT",
                "2026-01-24",
                location=ABU_DHABI,
                actors=["Q159", "Q212"],
                countries=["RUS", "UKR"],
            ),
            event(
                text,
                "Un ataque ruso en Járkov mató a 3 personas.",
                "ASSAULT",
                "2026-01-25",
                date_source="published",
                location=KHARKIV,
                actors=["Q159"],
                targets=["Q212"],
                countries=["RUS", "UKR"],
                dead=3,
            ),
        ],
    )


def article_c() -> dict[str, Any]:
    text = (
        "Un ataque ruso en Járkov el 24 de enero mató a 4 personas. "
        "Zelenski dijo que aceptaría ceder territorio si hay garantías."
    )
    return record(
        "c.txt",
        text,
        "2026-02-02",
        entities=[entity(text, "Q3874799", "Zelenski")],
        events=[
            event(
                text,
                "Un ataque ruso en Járkov el 24 de enero mató a 4 personas.",
                "ASSAULT",
                "2026-01-24",
                location=KHARKIV,
                actors=["Q159"],
                targets=["Q212"],
                countries=["RUS", "UKR"],
                dead=4,
            )
        ],
        quotes=[
            quote(
                text,
                "aceptaría ceder territorio si hay garantías",
                "Q3874799",
                "Volodymyr Zelensky",
                "UKR",
                direct=False,
            )
        ],
        stances=[
            stance(
                text,
                "Zelenski dijo que aceptaría ceder territorio si hay garantías.",
                "Q3874799",
                "UKR",
                "territory",
                "conditional",
            )
        ],
    )


def corpus() -> list[dict[str, Any]]:
    return [article_a(), article_b(), article_c()]
