"""The one place that orders the stages: raw document -> record.

    ingest -> hygiene -> language -> resolve -> extract -> record

``run_batch`` is the one place that catches broadly: any failure of one document becomes a
``Quarantined`` with its stage and reason, and the batch carries on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version

from spacy.lang.es.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from tregua.errors import QuarantineReason
from tregua.extract.events import find_events
from tregua.extract.quotes import find_quotes
from tregua.extract.stances import find_stances
from tregua.hygiene import clean_document
from tregua.language import build_nlp
from tregua.model import CleanDoc, Quarantined, RawDoc, Record
from tregua.pack import DomainPack
from tregua.resolve.entities import resolve_entities
from tregua.resolve.time import find_time_expressions, infer_published

# below this share of Spanish function words a text is not treated as Spanish
MIN_SPANISH_STOPWORD_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded pieces every document goes through; built once per process."""

    pack: DomainPack
    nlp: Language
    version: str


def build_pipeline(pack: DomainPack) -> Pipeline:
    return Pipeline(
        pack=pack,
        nlp=build_nlp(pack),
        version=f"tregua {version('tregua')} / pack {pack.name} {pack.version}",
    )


def record_id(text: str) -> str:
    """sha1 of the cleaned text: the same article gives the same id on every run."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def looks_spanish(text: str) -> bool:
    words = [w.strip('.,;:«»"“”()¿?¡!').lower() for w in text.split()[:400]]
    words = [w for w in words if w]
    return bool(words) and sum(w in STOP_WORDS for w in words) / len(words) >= (
        MIN_SPANISH_STOPWORD_SHARE
    )


def _published(clean: CleanDoc, pack: DomainPack) -> tuple[dt.date | None, bool]:
    if clean.raw.published is not None:
        return clean.raw.published, False
    inferred = infer_published(clean.text, pack.default_year)
    return inferred, inferred is not None


def build_record(clean: CleanDoc, doc: Doc | None, pipeline: Pipeline) -> Record:
    """Resolve and extract over a parsed document; ``doc`` is None for non-Spanish text."""
    pack = pipeline.pack
    published, inferred = _published(clean, pack)
    errors: list[str] = []
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
    }
    if doc is None:
        errors.append(
            "the text is not Spanish: Spanish-only stages (entities, events, "
            "quotes, stances) were skipped"
        )
        return Record(language="und", errors=tuple(errors), **base)  # type: ignore[arg-type]
    if published is None:
        errors.append("no publication date in metadata or text: relative dates are unresolved")
    times = find_time_expressions(clean.text, published)
    quotes = find_quotes(doc, clean, pack, published)
    return Record(
        language="es",
        **base,  # type: ignore[arg-type]
        entities=resolve_entities(doc, clean, pack),
        events=find_events(doc, clean, pack, times, published),
        quotes=quotes,
        stances=find_stances(doc, clean, quotes, pack),
        errors=tuple(errors),
    )


def run_batch(
    items: Iterable[RawDoc | Quarantined], pipeline: Pipeline, batch_size: int = 32
) -> Iterator[Record | Quarantined]:
    """Records for every readable document, in input order; failures come out quarantined."""
    chunk: list[RawDoc | Quarantined] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from _run_chunk(chunk, pipeline)
            chunk = []
    if chunk:
        yield from _run_chunk(chunk, pipeline)


def _quarantine(raw: RawDoc, stage: str, exc: Exception) -> Quarantined:
    return Quarantined(
        raw.source,
        stage,
        QuarantineReason.STAGE_FAILED,
        f"{raw.source}: the {stage} stage failed ({type(exc).__name__}: {exc})",
        raw.text.encode("utf-8"),
    )


def _run_chunk(
    chunk: list[RawDoc | Quarantined], pipeline: Pipeline
) -> Iterator[Record | Quarantined]:
    cleaned: list[CleanDoc | Quarantined] = []
    for raw in chunk:
        if isinstance(raw, Quarantined):
            cleaned.append(raw)
            continue
        try:
            cleaned.append(clean_document(raw, pipeline.pack.lexicon))
        except Exception as exc:  # noqa: BLE001 - the batch runner turns any failure into quarantine
            cleaned.append(_quarantine(raw, "hygiene", exc))
    spanish = [c for c in cleaned if isinstance(c, CleanDoc) and looks_spanish(c.text)]
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
            yield build_record(item, doc, pipeline)
        except Exception as exc:  # noqa: BLE001
            yield _quarantine(item.raw, "extract", exc)
