"""Median of 5 of ``/api/feed.atom`` (reply cache off) over a store, and with a second
argument the CSV and Parquet exports' time and size.

    PYTHONPATH=src .venv/bin/python benchmarks/feed_exports.py sqlite:////tmp/ex.db [exports]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from tregua.interfaces.exports import export_csv, export_parquet
from tregua.interfaces.web.app import create_app
from tregua.settings import Settings
from tregua.store import open_store

url = sys.argv[1]
store = open_store(url)
print(store.table_counts())
client = TestClient(create_app(Settings(db=url, cache_bytes=0)))
for params in ({}, {"side": "UKR"}, {"type": "ASSAULT"}, {"limit": "500"}):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        r = client.get("/api/feed.atom", params=params)
        runs.append(time.perf_counter() - t)
        assert r.status_code == 200
    median = statistics.median(runs) * 1000
    print(f"feed {params}: {median:.0f} ms, {r.text.count('<entry>')} entries, {len(r.content)} B")
exports = (("csv", export_csv), ("parquet", export_parquet)) if len(sys.argv) > 2 else ()
for name, export in exports:
    with tempfile.TemporaryDirectory() as folder:
        t = time.perf_counter()
        rows = export(store, Path(folder) / "t")
        took = time.perf_counter() - t
        size = sum(p.stat().st_size for p in (Path(folder) / "t").iterdir())
        print(f"{name}: {rows} rows, {took:.1f} s, {size / 1e6:.1f} MB")
