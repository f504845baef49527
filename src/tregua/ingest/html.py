"""HTML to article text: a whole page with trafilatura, a feed entry's fragment with the
standard library.

A page gives its main text (navigation, footers, comments and related links left out) and
its metadata: title, publication date, site name and canonical URL. A page without article
text (an index, a login wall, broken markup) is quarantined as EMPTY, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import trafilatura

from tregua.errors import InputError, QuarantineReason
from tregua.ingest.budgets import DEFAULT_BUDGETS, Budgets, check_markup
from tregua.ingest.decode import decode_bytes
from tregua.ingest.metadata import calendar_date
from tregua.model import Quarantined, RawDoc

# block elements whose end is a paragraph break in the text of a fragment
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "table",
        "section",
        "article",
        "figcaption",
        "figure",
        "hr",
        "pre",
        "dd",
        "dt",
    }
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "head"})
_BREAKS = re.compile(r"[ \t]*\n[\s]*")
# fewer words than this is a menu or a wall that trafilatura fell back on, not an article
MIN_ARTICLE_WORDS = 8


def read_html(
    source: str, data: bytes, url: str | None = None, budgets: Budgets = DEFAULT_BUDGETS
) -> RawDoc | Quarantined:
    """One article from a page's bytes; ``source`` is what the record will name.

    ``url`` is where the page was fetched from (a WARC record's target) when known; the
    page's own canonical link is used otherwise. A page over the markup budgets (depth,
    attributes) is refused before any parser reads it.
    """
    try:
        check_markup(source, data, budgets)
        page = decode_bytes(source, data)
    except InputError as exc:
        return Quarantined(source, "ingest", exc.reason, str(exc), data[:65536])
    try:
        found = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    # lxml and trafilatura raise many kinds of errors on hostile markup (too deep, bad
    # encodings, broken entities); each one means this page cannot be read
    except Exception as exc:  # noqa: BLE001
        return Quarantined(
            source,
            "ingest",
            QuarantineReason.BAD_FORMAT,
            f"{source}: the HTML cannot be parsed ({type(exc).__name__}: {exc})",
            data[:65536],
        )
    text = getattr(found, "text", None) if found is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        return Quarantined(
            source,
            "ingest",
            QuarantineReason.EMPTY,
            f"{source}: no article text found in the page (an index, a wall or broken markup)",
            data[:65536],
        )
    try:
        published = parse_day(getattr(found, "date", None))
    except ValueError as exc:
        return Quarantined(source, "ingest", QuarantineReason.BAD_METADATA, f"{source}: {exc}")
    title = _clean(getattr(found, "title", None))
    page_url = url or _clean(getattr(found, "url", None))
    return RawDoc(
        source=source,
        text=_drop_headline(text, title),
        title=title,
        outlet=_clean(getattr(found, "sitename", None)) or host_of(page_url),
        url=page_url,
        published=published,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry), one line per block element.

    ``"<p>Peskov afirmó.</p><p>Zelenski &amp; Putin</p>"`` gives
    ``"Peskov afirmó.\\nZelenski & Putin"``.
    """
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return _BREAKS.sub("\n", "".join(parser.parts)).strip()


def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``: the outlet when no metadata names it."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def parse_day(value: object) -> dt.date | None:
    """The page's date ("2026-01-30", "2026-01-30T10:00:00Z") under the one date policy
    (``metadata.calendar_date``); None when the page has none, ``ValueError`` naming the
    value when it is not a calendar date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return calendar_date(value)
    except ValueError as exc:
        raise ValueError(f'"date" is {str(value)[:60]!r}: {exc}') from None


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _drop_headline(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is metadata already."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip().lower() == title.lower():
        return rest
    return text


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
