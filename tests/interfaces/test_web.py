from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tregua.ingest import read_inputs
from tregua.interfaces.web.app import create_app
from tregua.model import Record
from tregua.pipeline import Pipeline, run_batch
from tregua.settings import Settings
from tregua.store import open_store


def test_document_list_escapes_article_text(tmp_path: Path, pipeline: Pipeline) -> None:
    article = tmp_path / "xss.txt"
    article.write_text(
        "Peskov dijo que <script>alert(1)</script> no habrá tregua.", encoding="utf-8"
    )
    (tmp_path / "xss.meta.json").write_text(
        '{"title": "<img src=x onerror=alert(1)>"}', encoding="utf-8"
    )
    store = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    for item in run_batch(read_inputs([str(article)]), pipeline):
        assert isinstance(item, Record)
        store.put_record(item)
    client = TestClient(create_app(Settings(), store))

    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == "default-src 'self'"
    assert "<img src=x" not in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text

    (doc,) = client.get("/api/documents").json()["items"]
    detail = client.get(f"/documents/{doc['id']}")
    assert detail.status_code == 200
    assert "<script>" not in detail.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail.text
    assert client.get("/documents/nope").status_code == 404
