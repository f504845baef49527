"""How often ``hygiene.newslike.not_news`` refuses real articles, and how often it catches
files that are not news (licences, modules, tables of the installed packages).

    PYTHONPATH=src .venv/bin/python benchmarks/newslike_scan.py --shared ../shared

Prints a Markdown table: the texts read, how many were refused, and by which test.
"""

from __future__ import annotations

import argparse
import json
import sys
import sysconfig
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from tregua.hygiene.newslike import not_news


def _articles(shared: Path) -> Iterator[str]:
    yield from (p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt")))
    yield from (p.read_text(encoding="utf-8") for p in sorted(Path("examples").glob("*.txt")))
    for name in ("news-dev", "news-es"):
        with (shared / "data" / name / "articles.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line).get("text") or ""


def _files(paths: Iterable[Path]) -> Iterator[str]:
    for path in paths:
        try:
            yield path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue


def _row(name: str, texts: Iterable[str]) -> str:
    kinds: Counter[str] = Counter()
    for text in texts:
        found = not_news(text)
        kinds[found.split(",")[0].split(":")[0].split(" (")[0] if found else "passed"] += 1
    total = sum(kinds.values())
    refused = total - kinds["passed"]
    detail = ", ".join(f"{k}: {n}" for k, n in kinds.most_common() if k != "passed")
    return f"| {name} | {total:,} | {refused:,} | {detail} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args(argv)
    site = Path(sysconfig.get_paths()["purelib"])
    licences = sorted({*site.glob("*.dist-info/licenses/*"), *site.glob("*.dist-info/LICEN[SC]E*")})
    print("| texts | count | refused | by test |")
    print("| --- | ---: | ---: | --- |")
    print(_row("seeds, examples, news-dev, news-es", _articles(args.shared)))
    print(_row("licence files of the installed packages", _files(licences)))
    print(_row("Python modules of `rich`", _files(sorted((site / "rich").glob("*.py")))))
    print(_row("`.csv` files of the installed packages", _files(sorted(site.rglob("*.csv")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
