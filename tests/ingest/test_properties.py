"""Properties of the readers: any bytes in, only RawDocs and Quarantined entries out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tregua.hygiene import normalize_text
from tregua.ingest import read_bytes, read_inputs, sniff
from tregua.model import Quarantined, RawDoc

# pieces of every format the readers know, to build near-valid hostile inputs from
PIECES = [
    b"<?xml version='1.0'?>",
    b"<rss><channel>",
    b"<item><title>T</title><link>https://e.example/a</link><description>",
    b"</description></item>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>",
    b"<html><body><article><p>",
    b"Las delegaciones se reunieron en Ginebra sin alcanzar un acuerdo sobre el Donbas. ",
    b"</p></article></body></html>",
    b'{"text": "Peskov afirm\xc3\xb3 que no hay plazos.", "url": "https://e.example/b"}',
    b"\n",
    b"[",
    b"]",
    b"{",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\n",
    b"\x1f\x8b\x08\x00",
    b"\x00\xff\xfe",
    b"\xe9\xe1",
    b"&amp;&#0;&#x110000;",
]


def check(items: list[RawDoc | Quarantined], source: str) -> None:
    assert items, "every input yields at least one entry"
    for item in items:
        assert isinstance(item, RawDoc | Quarantined)
        if isinstance(item, Quarantined):
            assert item.reason.value and item.detail
        else:
            assert item.text.strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_quarantined(data: bytes) -> None:
    sniff(data)
    check(list(read_bytes("-", data)), "-")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(b"".join))
def test_near_valid_documents_are_read_or_quarantined(data: bytes) -> None:
    items = list(read_bytes("-", data))
    if data.strip():
        check(items, "-")


@pytest.mark.parametrize(
    "suffix", [".txt", ".html", ".json", ".jsonl", ".xml", ".warc", ".warc.gz"]
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map(b"".join))
def test_files_of_every_suffix_never_raise(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    check(list(read_inputs([str(path)])), str(path))


SPANISH = (
    "El portavoz del Kremlin afirmó que «no hay plazos» para la reunión en Abu Dabi.\r\n\r\n"
    "Zelenski respondió que Ucrania está dispuesta a negociar: “en cualquier formato”."
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le"])
def test_same_text_in_five_encodings_cleans_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    data = SPANISH.encode(encoding)
    if encoding == "utf-16-le":
        assert not data.startswith(codecs.BOM_UTF16_LE)  # no BOM: found by its zero bytes
    path.write_bytes(data)
    (doc,) = list(read_inputs([str(path)]))
    assert isinstance(doc, RawDoc), doc
    assert normalize_text(doc.text) == normalize_text(SPANISH)
