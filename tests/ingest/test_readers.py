"""One test per reader on a tiny hand-written input: HTML, RSS, Atom, WARC, JSON, stdin."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tregua.errors import QuarantineReason
from tregua.ingest import read_bytes, read_inputs, sniff
from tregua.ingest.html import html_to_text
from tregua.model import Quarantined, RawDoc

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = "Peskov afirmó que «no hay plazos» para la reunión en Abu Dabi."
PAGE = (
    "<html><head><title>Ronda en Ginebra</title></head><body><article>"
    "<p>Las delegaciones de Rusia y Ucrania se reunieron el martes en Ginebra con la mediación "
    "de Estados Unidos, sin alcanzar un acuerdo sobre los territorios ocupados.</p>"
    "<p>La próxima ronda está prevista para el 4 de febrero, según la Casa Blanca, que calificó "
    "de constructivas las conversaciones.</p></article></body></html>"
)


def items_of(path: Path) -> list[RawDoc | Quarantined]:
    return list(read_inputs([str(path)]))


def test_html_page_gives_main_text_and_metadata() -> None:
    (doc,) = items_of(FIXTURES / "pagina.html")
    assert isinstance(doc, RawDoc)
    assert doc.title == "Peskov: «no hay plazos» para la cumbre"
    assert doc.outlet == "Diario de Prueba"
    assert doc.url == "https://diario.example/mundo/peskov-plazos"
    assert doc.published == dt.date(2026, 1, 30)
    assert doc.source == str(FIXTURES / "pagina.html")
    assert doc.text.startswith("El portavoz del Kremlin")  # the <h1> is the title already
    for template in ("Portada", "Lo más leído", "Todos los derechos reservados"):
        assert template not in doc.text
    assert len(doc.text.splitlines()) == 3


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<html><body><nav>Portada</nav></body></html>", QuarantineReason.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", QuarantineReason.NOT_TEXT),
        # over the markup_depth budget: refused before a parser sees it
        (b"<div>" * 50_000 + b"Texto" + b"</div>" * 50_000, QuarantineReason.TOO_LARGE),
    ],
    ids=["no-article", "binary-named-html", "100k-deep"],
)
def test_unreadable_pages_are_quarantined(
    tmp_path: Path, content: bytes, reason: QuarantineReason
) -> None:
    path = tmp_path / "pagina.html"
    path.write_bytes(content)
    (item,) = items_of(path)
    assert isinstance(item, Quarantined)
    assert item.reason in (reason, QuarantineReason.BAD_FORMAT)
    assert str(path) in item.detail


def test_rss_entries_use_full_content_else_summary() -> None:
    first, second, empty = items_of(FIXTURES / "canal.rss")
    assert isinstance(first, RawDoc) and isinstance(second, RawDoc)
    assert first.source == first.url == "https://diario.example/mundo/tregua-energetica"
    assert first.text == (
        "El presidente ucraniano propuso el miércoles una tregua sobre las infraestructuras "
        "energéticas.\nEl Kremlin respondió que estudiará la propuesta & sus condiciones."
    )
    assert (first.title, first.outlet) == (
        "Zelenski ofrece una tregua energética",
        "Diario de Prueba - Mundo",
    )
    assert first.published == dt.date(2026, 1, 29)
    assert second.text == "Las delegaciones se reunirán en Ginebra el 4 de febrero."
    assert isinstance(empty, Quarantined)
    assert empty.reason == QuarantineReason.EMPTY
    assert empty.source == "https://diario.example/mundo/vacia"


def test_atom_entry() -> None:
    (entry,) = items_of(FIXTURES / "canal.atom")
    assert isinstance(entry, RawDoc)
    assert entry.source == "https://agencia.example/2026/02/witkoff-moscu"
    assert entry.text.startswith("Los enviados estadounidenses llegaron a Moscú")
    assert entry.outlet == "Agencia de Prueba"
    assert entry.published == dt.date(2026, 2, 2)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"esto no es XML < ni un canal >", QuarantineReason.BAD_FORMAT),
        (
            b"<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>",
            QuarantineReason.EMPTY,
        ),
        (b"/etc/passwd", QuarantineReason.BAD_FORMAT),
    ],
    ids=["not-xml", "no-entries", "a-path-is-not-opened"],
)
def test_bad_feeds_are_quarantined(
    tmp_path: Path, content: bytes, reason: QuarantineReason
) -> None:
    path = tmp_path / "canal.xml"
    path.write_bytes(content)
    (item,) = items_of(path)
    assert isinstance(item, Quarantined)
    assert item.reason == reason
    assert "root:" not in item.detail


def _warc(records: list[tuple[str, str, bytes, str]], *, compress: bool = True) -> bytes:
    """(record type, url, payload, content type) -> the bytes of a WARC file."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for rec_type, url, payload, content_type in records:
        headers = None
        if rec_type == "response":
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
        writer.write_record(
            writer.create_warc_record(
                url, rec_type, payload=io.BytesIO(payload), http_headers=headers
            )
        )
    return buffer.getvalue()


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_articles(tmp_path: Path, compress: bool) -> None:
    data = _warc(
        [
            ("warcinfo", "", b"software: test", ""),
            (
                "response",
                "https://diario.example/ginebra",
                PAGE.encode(),
                "text/html; charset=utf-8",
            ),
            ("response", "https://diario.example/logo.png", b"\x89PNG\r\n", "image/png"),
            ("response", "https://diario.example/robots.txt", b"User-agent: *", "text/plain"),
        ],
        compress=compress,
    )
    path = tmp_path / ("a.warc.gz" if compress else "a.warc")
    path.write_bytes(data)
    (doc,) = items_of(path)
    assert isinstance(doc, RawDoc)
    assert doc.source == doc.url == "https://diario.example/ginebra"
    assert doc.outlet == "diario.example"
    assert doc.text.startswith("Las delegaciones de Rusia y Ucrania")


def test_warc_with_a_broken_record_keeps_what_came_before(tmp_path: Path) -> None:
    good = _warc([("response", "https://d.example/a", PAGE.encode(), "text/html")])
    path = tmp_path / "roto.warc.gz"
    path.write_bytes(
        good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\ncorto"
    )
    items = items_of(path)
    assert isinstance(items[0], RawDoc)
    assert isinstance(items[-1], Quarantined)
    assert items[-1].reason == QuarantineReason.BAD_FORMAT
    assert "byte" in items[-1].detail


def test_warc_gzip_bomb_is_refused_by_size(tmp_path: Path) -> None:
    bomb = b"<html><body><p>" + b"a" * 3_000_000 + b"</p></body></html>"
    payload = gzip.compress(bomb)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(
            "https://d.example/bomba", "response", payload=io.BytesIO(payload), http_headers=headers
        )
    )
    path = tmp_path / "bomba.warc.gz"
    path.write_bytes(buffer.getvalue())
    (item,) = list(read_inputs([str(path)], max_bytes=1_000_000))
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.TOO_LARGE
    assert "1,000,000" in item.detail


def test_warc_without_html_is_quarantined_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "vacio.warc"
    path.write_bytes(
        _warc([("response", "https://d.example/x.png", b"PNG", "image/png")], compress=False)
    )
    (item,) = items_of(path)
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.EMPTY


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "lote.json"
    array.write_text(
        json.dumps(
            [
                {"title": "Uno", "text": ARTICLE, "url": "https://e.example/1"},
                {"title": "Dos", "maintext": ARTICLE, "id": 7, "published": "2026-01-30"},
                {"title": "Tres"},
                ["no", "es", "un", "objeto"],
            ]
        ),
        encoding="utf-8",
    )
    one, two, three, four = items_of(array)
    assert isinstance(one, RawDoc) and one.source == "https://e.example/1"
    assert isinstance(two, RawDoc) and two.source == "7" and str(two.published) == "2026-01-30"
    assert isinstance(three, Quarantined) and three.source == f"{array}#3"
    assert three.reason == QuarantineReason.EMPTY
    assert isinstance(four, Quarantined) and "item 4" in four.detail
    single = tmp_path / "uno.json"
    single.write_text(json.dumps({"text": ARTICLE, "outlet": "EFE"}), encoding="utf-8")
    (doc,) = items_of(single)
    assert isinstance(doc, RawDoc)
    assert (doc.source, doc.outlet) == (str(single), "EFE")


def test_json_wrapping_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{"text": ARTICLE}]}), "utf-8")
    (doc,) = items_of(path)
    assert isinstance(doc, RawDoc) and doc.source == f"{path}#1"


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "roto.json"
    path.write_text('{\n  "text": "hola",\n  "title": \n}', encoding="utf-8")
    (item,) = items_of(path)
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.BAD_FORMAT
    assert "line 4 column 1" in item.detail


def test_too_large_file_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "grande.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    (item,) = list(read_inputs([str(path)], max_bytes=1000))
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.TOO_LARGE
    assert "over the limit of 1,000" in item.detail


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", "html"),
        (b"<p>Hola</p>", "html"),
        (b'{"text": "hola"}', "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"[1, 2]", "json"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "warc"),
        (gzip.compress(b"WARC/1.1\r\n"), "warc"),
        (gzip.compress(b"no soy un archivo"), "text"),
        (ARTICLE.encode(), "text"),
    ],
)
def test_sniff(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    rss = (FIXTURES / "canal.rss").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(rss)))
    items = list(read_inputs(["-"]))
    assert [type(i).__name__ for i in items] == ["RawDoc", "RawDoc", "Quarantined"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    (doc,) = list(read_inputs(["-"]))
    assert isinstance(doc, RawDoc) and (doc.source, doc.text) == ("-", ARTICLE)


def test_stdin_json_lines_are_numbered() -> None:
    data = b'{"text": "uno dos tres"}\n\n{broken\n'
    one, two = list(read_bytes("-", data))
    assert isinstance(one, RawDoc) and one.source == "-#1"
    assert isinstance(two, Quarantined) and two.source == "-#3"
    assert "line 3" in two.detail


def test_folder_reads_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.rss").write_bytes((FIXTURES / "canal.rss").read_bytes())
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    (tmp_path / "e.png").write_bytes(b"\x89PNG")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [i.source for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.html"),
        "https://diario.example/mundo/tregua-energetica",
        "https://diario.example/mundo/ginebra",
        "https://diario.example/mundo/vacia",
        f"{tmp_path / 'd.jsonl'}#1",
        str(tmp_path / "e.png"),  # not read, but named: nothing is skipped without a word
    ]
    png = items[-1]
    assert isinstance(png, Quarantined) and png.reason == QuarantineReason.UNSUPPORTED


def test_html_fragment_to_text() -> None:
    fragment = "<p>Uno &amp; dos</p><script>alert(1)</script><ul><li>tres</li><li>cuatro</li></ul>"
    assert html_to_text(fragment) == "Uno & dos\ntres\ncuatro"
