"""A folder of hostile inputs, one input of each kind, each small (under 1.2 MB).

``write_hostile(folder)`` writes every kind of ``KINDS`` (and the links, FIFO and
unreadable folder of ``_special``) and returns the names of the inputs: each must come out
of an ingest stored, unchanged or quarantined, under a source that starts with its name.
The test suite runs them as one batch on both stores (``test_hostile_batch.py``), the
benchmark ``benchmarks/hostile_batch.py`` times the same batch.

Every text here is written for this file.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SENTENCE = (
    "El ministro de Exteriores ucraniano afirmó en Kiev que la delegación viajará a "
    "Ginebra la próxima semana para una nueva ronda de negociaciones con Rusia, nota {n}."
)


def article(n: int) -> str:
    """A short Spanish article of three paragraphs, different for each ``n``."""
    line = SENTENCE.format(n=n)
    return f"{line}\n\nEl portavoz del Kremlin dijo que Moscú espera la propuesta {n}.\n\n{line}"


def _page(body: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>Prueba</title>{head}</head><body><article>"
        f"<p>{body}</p></article></body></html>"
    ).encode()


def _warc_record(uri: str, payload: bytes, content_type: str = "text/html") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(
        writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            ),
        )
    )
    return buffer.getvalue()


def _inflating(size: int) -> bytes:
    """A gzip member whose WARC header line inflates to ``size`` bytes (about size/1000
    compressed), made a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ")]
    block = b"a" * (1 << 20)
    parts += [packer.compress(block) for _ in range(size >> 20)]
    parts.append(packer.flush())
    return b"".join(parts)


def _rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Diario</title>'
        f"<link>https://diario.example/</link>{items}</channel></rss>"
    ).encode()


URL = "https://diario.example/"
# kinds whose article is named by the URL it carries, not by the file's path
NAMED_BY_URL = {
    "atom-feb-30": URL + "atom-feb-30",
    "atom-year-9999": URL + "atom-year-9999",
    "rss-good": URL + "rss-good",
    "rss-impossible-date": URL + "rss-impossible-date",
    "no-suffix-feed": URL + "no-suffix-feed",
    "warc-good": URL + "warc-good",
    "warc-truncated": URL + "warc-truncated",
    "json-markup-url": "https://d.example/[/x][bold]",
    "json-surrogate-in-url": "https://d.example/\\x80",  # the undecodable byte, shown
}


def _atom_entry(date: str, n: int, kind: str) -> bytes:
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Diario</title>'
        f"<entry><title>Nota</title><link href='{URL}{kind}'/>"
        f"<id>{URL}{kind}</id><updated>{date}</updated>"
        f"<content type='html'>{article(n)}</content></entry></feed>"
    ).encode()


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def _quoted(n: int) -> bytes:
    """The article as the inside of a JSON string."""
    return json.dumps(article(n), ensure_ascii=False)[1:-1].encode()


Maker = Callable[[int], tuple[str, bytes]]

KINDS: dict[str, Maker] = {
    # -- bytes that are not a good text ---------------------------------------------------
    "empty": lambda n: (".txt", b""),
    "blank": lambda n: (".txt", b" \n\t\r\n" * 20),
    "bom-only": lambda n: (".txt", b"\xef\xbb\xbf"),
    "binary-png-named-txt": lambda n: (".txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4),
    "control-characters": lambda n: (".txt", bytes(range(1, 9)) * 60),
    "nul-early": lambda n: (".txt", article(n).encode() + b"\x00" * 30),
    "nul-after-8k": lambda n: (
        ".txt",
        (article(n) + " ").encode() * 40 + b"\x00\x00" + article(n + 1).encode(),
    ),
    "escape-sequences-in-text": lambda n: (".txt", f"{article(n)}\x1b[2J\x1b]0;hola\x07".encode()),
    "bidi-overrides": lambda n: (".txt", f"\u202e{article(n)}\u2066x\u2069".encode()),
    "zero-width": lambda n: (".txt", article(n).replace(" ", " \u200b").encode()),
    "stray-byte-in-utf8": lambda n: (".txt", article(n).encode() + b" \xff " + "Moscú".encode()),
    "cp1252": lambda n: (".txt", article(n).encode("cp1252")),
    "latin-1": lambda n: (".txt", article(n).encode("latin-1")),
    "utf-16-bom": lambda n: (".txt", article(n).encode("utf-16")),
    "utf-16-no-bom": lambda n: (".txt", article(n).encode("utf-16-le")),
    "utf-32": lambda n: (".txt", article(n).encode("utf-32")),
    "invalid-utf8-noise": lambda n: (".txt", bytes((7 * i + n) % 256 for i in range(400))),
    "carriage-returns-only": lambda n: (".txt", article(n).replace("\n", "\r").encode()),
    "zalgo": lambda n: (".txt", (article(n) + " " + "a\u0301\u0302\u0303" * 3000).encode()),
    "astral-emoji": lambda n: (".txt", (article(n) + " \U0001f54a" * 500).encode()),
    "russian": lambda n: (
        ".txt",
        ("Министр заявил, что переговоры продолжатся в Женеве. " * 6).encode(),
    ),
    "punctuation-only": lambda n: (".txt", b"... ;;; !!! ??? --- " * 40),
    # -- sizes over a budget -------------------------------------------------------------
    "ampersand-run": lambda n: (".txt", b"&" * 20_000),
    "spaced-ampersands": lambda n: (".txt", (article(n) + " " + "& " * 20_000).encode()),
    "long-token": lambda n: (".txt", (article(n) + " " + "x" * 200_000).encode()),
    "long-line-with-spaces": lambda n: (".txt", ("palabra " * 9_000).encode()),
    "many-lines": lambda n: (".txt", ("línea corta\n" * 20_000).encode()),
    "many-paragraphs": lambda n: (".txt", ("Una frase repetida de la nota.\n\n" * 6_000).encode()),
    "over-characters": lambda n: (".txt", ("Una palabra más en la nota. " * 16_000).encode()),
    # -- web pages -----------------------------------------------------------------------
    "html-good": lambda n: (".html", _page(article(n))),
    "html-truncated": lambda n: (".html", _page(article(n))[:40]),
    "html-script-only": lambda n: (".html", b"<html><script>var a = 1;</script></html>"),
    "html-deep": lambda n: (".html", b"<div>" * 2_000 + b"hola" + b"</div>" * 2_000),
    "html-attributes": lambda n: (
        ".html",
        b"<div " + b" ".join(b"a%d=1" % i for i in range(5_000)) + b">x</div>",
    ),
    "html-ampersand-entities": lambda n: (".html", _page("&amp;" * 50_000)),
    "html-lying-charset": lambda n: (".html", _page(article(n), '<meta charset="utf-16">')),
    "html-bad-date": lambda n: (
        ".html",
        _page(article(n), '<meta property="article:published_time" content="2026-02-30">'),
    ),
    "html-unclosed-comment": lambda n: (".html", b"<html><body><!-- " + article(n).encode()),
    "xhtml-entity-expansion": lambda n: (
        ".xhtml",
        b'<?xml version="1.0"?><!DOCTYPE h [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&'
        b'a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><html><body>'
        b"<p>&c;&c;&c;</p></body></html>",
    ),
    # -- JSON and JSON Lines -------------------------------------------------------------
    "json-good": lambda n: (".json", _json({"text": article(n), "published": "2026-01-30"})),
    "json-5000-digit-integer": lambda n: (".json", b'{"text": "hola", "n": ' + b"9" * 5_000 + b"}"),
    "json-lone-surrogate": lambda n: (".json", b'{"text": "' + _quoted(n) + b' \\ud800 fin"}'),
    "json-surrogate-in-url": lambda n: (
        ".json",
        b'{"url": "https://d.example/\\udc80", "text": "' + _quoted(n) + b'"}',
    ),
    "json-markup-url": lambda n: (
        ".json",
        _json({"url": "https://d.example/[/x][bold]", "text": article(n)}),
    ),
    "json-published-zero": lambda n: (".json", _json({"text": article(n), "published": 0})),
    "json-published-86400": lambda n: (".json", _json({"text": article(n), "published": 86400})),
    "json-published-epoch": lambda n: (
        ".json",
        _json({"text": article(n), "published": 1767225600}),
    ),
    "json-published-garbage-tail": lambda n: (
        ".json",
        _json({"text": article(n), "published": "2026-01-01garbage"}),
    ),
    "json-published-year-9999": lambda n: (
        ".json",
        _json({"text": article(n), "published": "9999-12-31"}),
    ),
    "json-published-feb-30": lambda n: (
        ".json",
        _json({"text": article(n), "published": "2026-02-30"}),
    ),
    "json-date-publish-number": lambda n: (
        ".json",
        _json({"maintext": article(n), "date_publish": 1767225600}),
    ),
    "json-deep-nesting": lambda n: (".json", b"[" * 100_000 + b"]" * 100_000),
    "json-not-an-object": lambda n: (".json", b"42"),
    "json-empty-list": lambda n: (".json", b'{"articles": []}'),
    "json-text-null": lambda n: (".json", b'{"text": null, "title": "Nada"}'),
    "json-title-control-chars": lambda n: (
        ".json",
        _json({"title": "T\x1b[31mrojo\x07", "text": article(n)}),
    ),
    "jsonl-broken-line": lambda n: (".jsonl", _json({"text": article(n)}) + b'\n{"text": \n'),
    "jsonl-digits-line": lambda n: (".jsonl", b'{"text": "hola", "n": ' + b"1" * 5_000 + b"}\n"),
    "json-nul-escape": lambda n: (".json", _json({"text": article(n) + "\u0000 fin\u0000"})),
    # -- feeds ---------------------------------------------------------------------------
    "rss-good": lambda n: (
        ".rss",
        _rss(
            f"<item><title>Nota</title><link>{URL}rss-good</link><pubDate>Fri, 3"
            f"0 Jan 2026 10:00:00 GMT</pubDate><description>{article(n)}</description></item>"
        ),
    ),
    "rss-impossible-date": lambda n: (
        ".rss",
        _rss(
            f"<item><link>{URL}rss-impossible-date</link><pubDate>Mon, 30 Feb 2026 10:00:00"
            f" GMT</pubDate><description>{article(n)}</description></item>"
        ),
    ),
    "rss-no-entries": lambda n: (".rss", _rss("")),
    "rss-not-xml": lambda n: (".rss", b"esto no es un feed <<<"),
    "rss-billion-laughs": lambda n: (
        ".xml",
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a'
        b';&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "'
        b'&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><r'
        b"ss><channel><item><description>&e;&e;&e;</description></item></channel></rss>",
    ),
    "atom-feb-30": lambda n: (".atom", _atom_entry("2026-02-30T10:00:00Z", n, "atom-feb-30")),
    "atom-year-9999": lambda n: (".atom", _atom_entry("9999-01-01T10:00:00Z", n, "atom-year-9999")),
    # -- web archives --------------------------------------------------------------------
    "warc-good": lambda n: (
        ".warc.gz",
        _warc_record(URL + "warc-good", _page(article(n))),
    ),
    "warc-truncated": lambda n: (
        ".warc.gz",
        _warc_record(URL + "warc-truncated", _page(article(n)))[:-60],
    ),
    "warc-not-warc": lambda n: (
        ".warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncorto",
    ),
    "warc-only-images": lambda n: (
        ".warc.gz",
        _warc_record("https://diario.example/f.png", b"\x89PNG", "image/png"),
    ),
    "warc-inflating-header": lambda n: (".warc.gz", _inflating(100 << 20)),
    "warc-gzip-not-warc": lambda n: (".warc.gz", gzip.compress(article(n).encode())),
    "gzip-named-txt": lambda n: (".txt", gzip.compress(article(n).encode())),
    # -- sniffed by content --------------------------------------------------------------
    "no-suffix-json": lambda n: ("", _json({"text": article(n)})),
    "no-suffix-feed": lambda n: (
        "",
        _rss(
            f"<item><link>{URL}no-suffix-feed</link><description>{article(n)}</description></item>"
        ),
    ),
    "no-suffix-text": lambda n: ("", article(n).encode()),
}


def _special(folder: Path, names: list[str]) -> None:
    """Inputs that are not plain files: links, a FIFO, a device, sidecars that fail."""
    special = folder / "special"
    special.mkdir()

    def named(path: Path) -> None:
        names.append(str(path))

    (special / "dangling.txt").symlink_to(special / "nowhere.txt")
    named(special / "dangling.txt")
    (special / "loop-a.txt").symlink_to(special / "loop-b.txt")
    (special / "loop-b.txt").symlink_to(special / "loop-a.txt")
    named(special / "loop-a.txt")
    named(special / "loop-b.txt")
    (special / "zero.txt").symlink_to("/dev/zero")
    named(special / "zero.txt")
    os.mkfifo(special / "pipe.txt")
    named(special / "pipe.txt")
    (special / "parent").symlink_to(folder)  # a folder link back up: not walked twice
    named(special / "parent")
    # a sidecar that is a folder (cannot be read), and one whose name would be too long
    (special / "sidecar-folder.txt").write_text(article(900), encoding="utf-8")
    (special / "sidecar-folder.meta.json").mkdir()
    named(special / "sidecar-folder.txt")
    long = "n" * 250 + ".txt"
    (special / long).write_text(article(901), encoding="utf-8")
    named(special / long)
    (special / "sidecar-bad-date.txt").write_text(article(902), encoding="utf-8")
    (special / "sidecar-bad-date.meta.json").write_text('{"published": 86400}', encoding="utf-8")
    named(special / "sidecar-bad-date.txt")
    # a file name that is not UTF-8, one with an escape sequence, one that reads as markup
    raw_name = os.fsencode(special) + b"/latin-\xf1and\xfa.txt"
    Path(os.fsdecode(raw_name)).write_bytes(article(903).encode())
    names.append(str(special / "latin-\\xf1and\\xfa.txt"))
    escape = special / "esc-\x1b[2J-\x07.txt"
    escape.write_text(article(904), encoding="utf-8")
    named(escape)
    markup = special / "[bold]markup[red].txt"
    markup.write_text(article(905), encoding="utf-8")
    named(markup)
    # a folder this process may not list (root lists it anyway: then its article is read)
    closed = special / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(article(906), encoding="utf-8")
    closed.chmod(0)
    named(closed)
    # the same article twice: the second copy is a duplicate, stored as a second source
    (special / "copy-1.txt").write_text(article(907), encoding="utf-8")
    (special / "copy-2.txt").write_text(article(907), encoding="utf-8")
    named(special / "copy-1.txt")
    named(special / "copy-2.txt")


VANISHING = 6


def write_vanishing(folder: Path, names: list[str]) -> Path:
    """A folder of articles that a hook deletes while the walk is in it (``vanish``)."""
    going = folder / "vanishing"
    going.mkdir()
    for n in range(VANISHING):
        (going / f"{n}.txt").write_text(article(950 + n), encoding="utf-8")
        names.append(str(going / f"{n}.txt"))
    return going


def vanish(going: Path) -> None:
    """Delete all but the first article of ``going`` (the walk has listed them already)."""
    for n in range(1, VANISHING):
        (going / f"{n}.txt").unlink(missing_ok=True)


def write_hostile(folder: Path) -> tuple[list[str], Path]:
    """Write every kind under ``folder``; the input names, and the vanishing folder."""
    folder.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for n, (kind, make) in enumerate(KINDS.items()):
        suffix, content = make(n)
        path = folder / f"{kind}{suffix}"
        path.write_bytes(content)
        names.append(NAMED_BY_URL.get(kind, str(path)))
    _special(folder, names)
    going = write_vanishing(folder, names)
    return names, going


def reopen(folder: Path) -> None:
    """Give the closed folder its permissions back, so that it can be deleted."""
    closed = folder / "special" / "closed"
    if closed.exists():
        closed.chmod(0o755)
