from __future__ import annotations

import json
from pathlib import Path

import pytest

from tregua.errors import QuarantineReason
from tregua.ingest import read_inputs
from tregua.model import Quarantined, RawDoc

ARTICLE = "Peskov afirmó que «no hay plazos» para la reunión en Abu Dabi."


def one(paths: list[Path]) -> RawDoc | Quarantined:
    (item,) = list(read_inputs([str(p) for p in paths]))
    return item


def test_text_file_with_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"title": "Peskov", "published": "2026-01-30", "outlet": "EFE"}),
        encoding="utf-8",
    )
    item = one([tmp_path / "a.txt"])
    assert isinstance(item, RawDoc)
    assert (item.title, str(item.published), item.outlet) == ("Peskov", "2026-01-30", "EFE")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", QuarantineReason.EMPTY),
        (b"   \n\n  ", QuarantineReason.EMPTY),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", QuarantineReason.NOT_TEXT),
        (bytes(range(1, 32)) * 20, QuarantineReason.NOT_TEXT),
    ],
)
def test_bad_input_is_quarantined_with_reason(
    tmp_path: Path, content: bytes, reason: QuarantineReason
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = one([path])
    assert isinstance(item, Quarantined)
    assert item.reason == reason
    assert str(path) in item.detail


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "El presidente ucraniano habló con la prensa en Járkov y en Jersón, "
        "según informó la agencia española de noticias.".encode("latin-1")
    )
    item = one([path])
    assert isinstance(item, RawDoc)
    assert "Járkov" in item.text


def test_bad_metadata_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "31/02/2026"}), encoding="utf-8")
    item = one([tmp_path / "a.txt"])
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.BAD_METADATA
    assert "\"published\" is '31/02/2026'" in item.detail


def test_folder_is_read_recursively_without_metadata_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "a.meta.json").write_text("{}", encoding="utf-8")
    sources = [i.source for i in read_inputs([str(tmp_path)])]
    assert sources == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_jsonl_objects_with_news_please_keys(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {
            "title": "Uno",
            "maintext": ARTICLE,
            "date_publish": "2026-01-30 10:00:00",
            "url": "https://example.org/1",
            "source_domain": "example.org",
        },
        {"title": "Dos", "text": ""},
        "not an object",
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], RawDoc)
    assert (items[0].source, str(items[0].published), items[0].outlet) == (
        "https://example.org/1",
        "2026-01-30",
        "example.org",
    )
    assert [type(i).__name__ for i in items[1:]] == ["Quarantined"] * 3
    assert items[1].source == f"{path}#2"


def test_missing_path_is_quarantined(tmp_path: Path) -> None:
    item = one([tmp_path / "nope.txt"])
    assert isinstance(item, Quarantined)
    assert item.reason == QuarantineReason.UNREADABLE
