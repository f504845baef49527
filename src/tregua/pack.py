"""The domain pack: what tregua knows about one conflict, kept as data files.

A pack is a folder of TOML files (see ``packs/ru_ua_2025/``):

    pack.toml      name, version, description
    actors.toml    [[actor]]  people, organisations, countries and blocs, with aliases and roles
    roles.toml     [[role]]   role phrases ("el portavoz del Kremlin") and who held them when
    places.toml    [[place]]  cities, regions and sites with coordinates and spellings
    issues.toml    [[issue]]  the negotiation agenda: issue keys and their cue words
    lexicon.toml   speech verbs, event triggers, status cues, boilerplate lines
    timeline.toml  [[event]]  events of known date and the phrases that name them (optional)

Files are validated with pydantic on load; a bad file raises ``PackError`` naming the file,
the entry and the field. Another conflict is another folder with the same files.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tregua import pack_checks
from tregua.errors import PackError

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

DEFAULT_PACK = Path(__file__).parent / "packs" / "ru_ua_2025"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleSpell(_Entry):
    """One actor holding one role over a date range (open ends allowed)."""

    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date | None) -> bool:
        """True when ``day`` falls in the range; an unknown day matches any range."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Seat(_Entry):
    """The building an institution is named after: "el Kremlin", "la Casa Blanca".

    "se reunieron en el Kremlin" puts the meeting there; "el Kremlin afirmó" is the actor.
    """

    name: str
    country: str = Field(pattern=r"^[A-Z]{3}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Actor(_Entry):
    """A person, organisation, country or bloc that can act, speak or take a stance."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    type: EntityType
    country: str | None = Field(default=None, pattern=r"^([A-Z]{3}|EU|NATO|UN)$")
    qid: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSpell, ...] = ()
    # a seat-of-government metonym is also a place: where "en el Kremlin" happens
    seat: Seat | None = None
    note: str = ""

    @property
    def id(self) -> str:
        """Wikidata QID when the pack is sure of it, else a stable local id."""
        return self.qid or f"tregua:{self.key}"


class Role(_Entry):
    """A role ("portavoz del Kremlin") and the phrases that name its holder."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    country: str | None = None
    titles: tuple[str, ...]
    note: str = ""

    @cached_property
    def lowered_titles(self) -> tuple[str, ...]:
        """The titles in lower case, for matching against lowered text."""
        return tuple(title.lower() for title in self.titles)


class Place(_Entry):
    """A place with coordinates; countries are actors, everything smaller is a place."""

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    type: Literal["GPE", "LOC", "FAC"] = "GPE"
    country: str = Field(pattern=r"^[A-Z]{3}$")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    qid: str | None = Field(default=None, pattern=r"^Q[0-9]+$")
    aliases: tuple[str, ...] = ()
    # the key of the place an event held here is reported in: a head of government's
    # office is its city ("en el Despacho Oval" is Washington, D.C.)
    held_in: str | None = None
    note: str = ""

    @property
    def id(self) -> str:
        return self.qid or f"tregua:{self.key}"


class Issue(_Entry):
    """One item of the negotiation agenda and the words that raise it."""

    key: str
    label_es: str
    label_en: str
    cues: tuple[str, ...]
    # cues that raise the issue's contrary ("levantar las sanciones", "neutralidad",
    # "integridad territorial"): a stance for one of them is a stance against the issue
    contrary_cues: tuple[str, ...] = ()
    # cues that raise the issue only in a sentence that also names one of ``context``:
    # "cumbre" is a Putin–Zelensky summit only where Ukraine's side is named
    broad_cues: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    note: str = ""


def context_pattern(issue: Issue) -> re.Pattern[str]:
    """Whole-word pattern of the words that let an issue's broad cues raise it."""
    return _cue_pattern(issue.context)


def issue_pattern(issue: Issue) -> re.Pattern[str]:
    """Whole-word pattern of an issue's cues ("alto el fuego", "tregua"), its contrary
    cues included."""
    return _cue_pattern((*issue.cues, *issue.contrary_cues, *issue.broad_cues))


class Trigger(_Entry):
    """Words that signal an event of one POLECAT type."""

    type: EventType
    mode: str | None = None
    lemmas: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    # background named for years after ("la invasión"): an event only where the text dates
    # it ("la invasión lanzada en febrero de 2022"), never dated by the article
    dated_only: bool = False
    note: str = ""


class Sense(_Entry):
    """What a trigger word means by its arguments (the lemmas of its subject, object and
    complements, and of their complements).

    With ``needs``, the words of ``lemmas`` make an event only when an argument is one of
    them ("cooperación militar", not "una cooperación estrecha"). With ``arguments``, an
    argument among them makes the event ``type`` instead, or none where ``type`` is not
    given: "la entrega de los cuerpos" is a RETREAT, "movilizar millones de dólares" no
    MOBILIZE. With ``heads``, a word of ``lemmas`` that is the complement of one of them
    names no event: "la línea de contacto" is the front, not talks. With ``objects``, a
    verb of ``lemmas`` makes an event only when its direct object is one of them, a lemma
    or an entity label: "recibió a Zelenski" (PERSON) is talks, "recibió críticas" is not.
    """

    lemmas: tuple[str, ...]
    needs: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    arguments: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    type: EventType | None = None
    note: str


class Lexicon(_Entry):
    """Word lists the extractors read; every list says in its note where it came from."""

    speech_verbs: tuple[str, ...]
    # verbs whose object is the reported words: "calificó de ridícula la idea"
    characterizing_verbs: tuple[str, ...] = ()
    # words that make a stance conditional ("si", "a condición de que") or opposed
    stance_condition_cues: tuple[str, ...] = ()
    stance_oppose_cues: tuple[str, ...] = ()
    # lemmas that settle a stance (extract/stances.py): words whose holder is for what
    # they govern ("apoyar", "pedir", "propuesta"), words that hold its negation
    # ("rechazar", "renunciar", "vetar", "inaceptable"), verbs of will and demand whose
    # subject holds the stance rather than the subject of the clause they govern ("exigir
    # que Kiev renuncie"), threats (a condition under one is wanted the other way), and
    # verbs of belief that report a position like a speech verb ("Washington cree que")
    stance_support_lemmas: tuple[str, ...] = ()
    stance_reverse_lemmas: tuple[str, ...] = ()
    stance_volition_lemmas: tuple[str, ...] = ()
    stance_threat_lemmas: tuple[str, ...] = ()
    stance_belief_verbs: tuple[str, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    planned_cues: tuple[str, ...] = ()
    hypothetical_cues: tuple[str, ...] = ()
    negation_cues: tuple[str, ...] = ()
    # phrases that name the parties of the article's talks without naming them: "ambas
    # delegaciones", "todas las partes", "ambos líderes"
    party_references: tuple[str, ...] = ()
    # verbs (lemmas) of a result that talks, when they fail it, did not reach: "Tres rondas
    # de conversaciones no lograron acercar ..." is also an agreement that was not reached
    failed_outcome_verbs: tuple[str, ...] = ()
    # trigger senses chosen by the trigger's arguments (``Sense``)
    senses: tuple[Sense, ...] = ()
    # verbs (lemmas) of ceasing: what they govern is stopped, not done ("dejará de
    # bombardear", "se abstuviera de atacar")
    cessation_verbs: tuple[str, ...] = ()
    # verbs (lemmas) of commitment: the infinitive they govern is still to come ("acordaron
    # reunirse", "decidió retirar")
    commitment_verbs: tuple[str, ...] = ()
    # words opening a clause that states a condition: an event told in it is not reported
    # ("si Rusia acepta un alto el fuego", "en caso de que se retiren")
    condition_markers: tuple[str, ...] = ()
    # words of time that, with a present subjunctive, put an event ahead as the condition
    # of another ("cuando esté preparada la cumbre", "en cuanto las tropas se retiren")
    pending_markers: tuple[str, ...] = ()
    # nouns whose complement names an event by reference, not as something that happened:
    # "los términos del acuerdo", "en el marco de las negociaciones", "opciones de apoyo"
    reference_heads: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    # a short line with one of each is a prompt of the page: "Sigue nuestro canal de WhatsApp"
    prompt_verbs: tuple[str, ...] = ()
    prompt_targets: tuple[str, ...] = ()
    # words that open or close a photo credit: "Foto: EFE", "Archivo - ..."
    credit_words: tuple[str, ...] = ()
    # news agency -> the spellings that name it: "Europa Press" -> ("EUROPA PRESS", "EP")
    news_agencies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    commentary_markers: tuple[str, ...] = (">>",)
    anonymous_sources: tuple[str, ...] = ()
    # head nouns of bodies that speak as themselves when the text names whose they are:
    # "el Ministerio de Exteriores de X informó", "la presidencia turca dijo"
    speaking_bodies: tuple[str, ...] = ()
    # words that open a sentence and give its speaker before a comma, without a speech
    # verb: "en palabras de X, ...", "de acuerdo con un comunicado de X, ..." (each
    # followed by "de" or "del" and the speaker)
    attribution_openers: tuple[str, ...] = ()
    demonyms: dict[str, str] = Field(default_factory=dict)
    note: str = ""

    @cached_property
    def trigger_by_lemma(self) -> dict[str, tuple[str, str | None]]:
        """Each trigger lemma's (event type, mode), built once per loaded pack; the first
        trigger naming a lemma wins."""
        table: dict[str, tuple[str, str | None]] = {}
        for trigger in self.triggers:
            for lemma in trigger.lemmas:
                table.setdefault(lemma.lower(), (trigger.type, trigger.mode))
        return table

    @cached_property
    def dated_only_lemmas(self) -> frozenset[str]:
        """Lemmas of the triggers that are events only where the text dates them."""
        return frozenset(lemma.lower() for t in self.triggers if t.dated_only for lemma in t.lemmas)

    @cached_property
    def source_heads(self) -> frozenset[str]:
        """Head nouns of described sources ("funcionario", "fuentes", "autoridades")."""
        return frozenset(entry.split()[-1].lower() for entry in self.anonymous_sources)

    def cues(self, name: str) -> re.Pattern[str]:
        """A whole-word, case-insensitive pattern for the cue list ``name`` ("planned_cues").

        Whole words matter: "posible" must not fire inside "imposible", "si" inside "misiles".
        """
        return _cue_pattern(getattr(self, name))

    @field_validator("speech_verbs")
    @classmethod
    def _lowercase(cls, verbs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.lower() for v in verbs)


class TimelineEvent(_Entry):
    """An event of known date ("la cumbre de Alaska": 2025-08-15) and the phrases naming it.

    A cue is a phrase whose words must appear in order in one sentence, a few words apart
    at most ("plazo de Trump" matches "el plazo dado por Donald Trump"); articles and
    prepositions of the cue may be missing from the text. ``kind`` "deadline" marks a date
    that articles name before it comes ("se acerca el plazo"); "background" an event
    named for years after ("la invasión rusa"), which dates nothing recent.
    """

    key: str = Field(pattern=r"^[a-z0-9_]+$")
    date: dt.date
    date_end: dt.date | None = None
    kind: Literal["event", "deadline", "background"] = "event"
    description: str
    cues: tuple[str, ...]
    # the key of the place it was held in, where its cues name a wider one: the Alaska
    # summit was held in Anchorage
    venue: str | None = None
    note: str = ""


class DomainPack(BaseModel):
    """Everything a pack folder holds, validated."""

    model_config = ConfigDict(frozen=True)

    name: str
    version: str
    description: str = ""
    # the year a day-and-month date ("el 30 de enero") falls in when nothing else says;
    # required: a default here would date every pack's articles in the default pack's years
    default_year: int
    # the warring sides: an attack by one of them without a named target strikes the other
    adversaries: tuple[tuple[str, str], ...] = ()
    actors: tuple[Actor, ...]
    roles: tuple[Role, ...] = ()
    places: tuple[Place, ...] = ()
    issues: tuple[Issue, ...] = ()
    lexicon: Lexicon
    timeline: tuple[TimelineEvent, ...] = ()

    @cached_property
    def actor_by_key(self) -> dict[str, Actor]:
        return {a.key: a for a in self.actors}

    @cached_property
    def role_by_key(self) -> dict[str, Role]:
        return {r.key: r for r in self.roles}

    @cached_property
    def held_in(self) -> dict[str, Place]:
        """Place name -> the place an event held there is reported in (``Place.held_in``)."""
        by_key = {p.key: p for p in self.places}
        return {p.name: by_key[p.held_in] for p in self.places if p.held_in in by_key}

    @cached_property
    def known_venues(self) -> tuple[tuple[TimelineEvent, Place, frozenset[str]], ...]:
        """Each timeline event held at a ``venue``, with the venue and the names of the
        wider places its cues name ("cumbre de Alaska": Alaska for Anchorage)."""
        by_key = {p.key: p for p in self.places}
        found = []
        for event in self.timeline:
            venue = by_key.get(event.venue or "")
            if venue is None:
                continue
            cues = " ".join(event.cues).lower()
            wider = frozenset(
                p.name
                for p in self.places
                if p.key != venue.key
                and any(re.search(rf"\b{re.escape(a.lower())}\b", cues) for a in p.aliases)
            )
            found.append((event, venue, wider))
        return tuple(found)

    @cached_property
    def by_id(self) -> dict[str, Actor | Place]:
        """Every actor and place by its entity id."""
        found: dict[str, Actor | Place] = {p.id: p for p in self.places}
        found.update({a.id: a for a in self.actors})
        return found

    def holders(self, role_key: str, day: dt.date | None) -> list[Actor]:
        """Actors holding ``role_key`` on ``day`` ("presidente de EE. UU." in 2026 is Trump)."""
        return [
            a for a in self.actors if any(s.role == role_key and s.covers(day) for s in a.roles)
        ]


@functools.lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    # keyed on the (immutable) cue tuple of a loaded pack: compiled once per list and process
    alternatives = sorted({re.escape(c.lower()) for c in cues}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _read_toml(path: Path) -> dict[str, object]:
    if not path.is_file():
        raise PackError(f"{path}: missing; every pack needs this file")
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: not valid TOML ({exc})") from exc


def load_pack(folder: Path = DEFAULT_PACK) -> DomainPack:
    """Read and validate a pack folder; raises ``PackError`` naming the bad file and entry."""
    meta = _read_toml(folder / "pack.toml")
    parts: dict[str, object] = dict(meta)
    for name, key in (
        ("actors", "actor"),
        ("roles", "role"),
        ("places", "place"),
        ("issues", "issue"),
    ):
        parts[name] = _read_toml(folder / f"{name}.toml").get(key, [])
    parts["lexicon"] = _read_toml(folder / "lexicon.toml")
    if (folder / "timeline.toml").is_file():  # optional: a pack may know no dates
        parts["timeline"] = _read_toml(folder / "timeline.toml").get("event", [])
    try:
        pack = DomainPack.model_validate(parts)
    except ValidationError as exc:
        problems = [pack_checks.problem(folder, parts, error) for error in exc.errors()]
        if len(problems) > pack_checks.SHOWN_PROBLEMS:  # one misspelt field can fail every entry
            more = len(problems) - pack_checks.SHOWN_PROBLEMS
            problems = [*problems[: pack_checks.SHOWN_PROBLEMS], f"... and {more} more problem(s)"]
        raise PackError("\n".join(problems)) from exc
    pack_checks.check_references(folder, pack)
    pack_checks.check_timeline(folder, pack)
    return pack
