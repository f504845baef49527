"""Must-show of issue #19: a folder of mixed files through the real ``tregua ingest -v``:
every file is named in the output with its outcome, and stored + unchanged + quarantined
is the number of inputs. Every text is written for the test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ..hygiene.test_newslike import CODE, CSV, LICENCE

EXAMPLE = Path(__file__).parents[2] / "examples" / "01_ronda_ginebra_sin_acuerdo.txt"
TALLY = re.compile(
    r"(\d+) stored, (\d+) replaced, (\d+) unchanged \(duplicate\), (\d+) outdated .*?"
    r"(\d+) quarantined"
)
# file -> the outcome its line must give: "stored" or the quarantine reason
EXPECTED = {
    "noticia.txt": "stored",
    "LICENSE": "not_news",
    "script": "not_news",
    "tabla.txt": "not_news",
    "datos.csv": "unsupported",
    "foto.png": "unsupported",
    "volcado.bin": "unsupported",
    "roto.txt": "unreadable",
    "huerfano.meta.json": "bad_metadata",
    "roto.json": "bad_format",
    "roto.jsonl": "bad_format",
}


def _folder(root: Path) -> Path:
    folder = root / "mezcla"
    folder.mkdir()
    (folder / "noticia.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "LICENSE").write_text(LICENCE, encoding="utf-8")
    (folder / "script").write_text(CODE, encoding="utf-8")
    (folder / "tabla.txt").write_text(CSV, encoding="utf-8")
    (folder / "datos.csv").write_text(CSV, encoding="utf-8")
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "volcado.bin").write_bytes(os.urandom(512))
    (folder / "roto.txt").symlink_to(root / "no-existe.txt")
    (folder / "huerfano.meta.json").write_text('{"title": "sin artículo"}', encoding="utf-8")
    (folder / "roto.json").write_text('{"text": "sin cerrar', encoding="utf-8")
    (folder / "roto.jsonl").write_text('{"text": "sin cerrar\n', encoding="utf-8")
    (folder / ".oculto").write_text("un fichero oculto no es una entrada", encoding="utf-8")
    return folder


def _ingest(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "tregua"),
            "ingest",
            str(folder),
            "--db",
            f"sqlite:///{db}",
            "-v",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


def _outcomes(output: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in output.splitlines():
        stored = re.match(r"(stored) \S+ (\S+)$", line) or re.match(r"(unchanged) (\S+)$", line)
        if stored:
            found[Path(stored[2]).name] = stored[1]
            continue
        held = re.match(r"quarantined (\S+?)(?::| line )(.*)\(reason: (\w+), stage", line)
        if held:
            found[Path(held[1]).name] = held[3]
    return found


def test_every_file_of_a_mixed_folder_is_named_with_its_outcome(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "mezcla.db"
    first = _ingest(folder, db)
    assert first.returncode == 1, first.stderr  # some quarantined, none aborted
    output = first.stdout + first.stderr
    assert _outcomes(output) == EXPECTED, output
    tally = TALLY.search(output)
    assert tally, output
    stored, replaced, unchanged, outdated, quarantined = map(int, tally.groups())
    assert stored + replaced + unchanged + outdated + quarantined == len(EXPECTED)
    assert (stored, quarantined) == (1, len(EXPECTED) - 1)

    again = _ingest(folder, db)  # the article is now unchanged; the rest held again
    outcomes = _outcomes(again.stdout + again.stderr)
    assert outcomes == {**EXPECTED, "noticia.txt": "unchanged"}, again.stdout + again.stderr
