"""Must-show: near-duplicate clusters are a function of the stored corpus. An ingest killed
ten times (SIGKILL) and then run to the end gives the same clusters as one uninterrupted
run, and as the same documents stored in the opposite order.

The ingests are forks of this process (the session's pipeline is loaded once), running the
real ``tregua ingest`` command with three documents a chunk; each is killed as soon as the
store holds more documents than before it started.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tregua.interfaces import cli
from tregua.pipeline import Pipeline
from tregua.store import open_store

KILLS = 10
STORIES = 18
SINGLES = 12
_VOCABULARY = (
    "acuerdo alto fuego frontera delegación ministro portavoz reunión cumbre propuesta "
    "garantías seguridad territorio sanciones negociación tregua ataque drones misiles "
    "energía central nuclear puerto grano corredor prisioneros canje mediación enviado "
    "presidente gobierno parlamento embajada consejo europeo aliados ayuda militar tanques "
    "defensa aérea ciudad región frente ofensiva retirada tropas observadores misión plan "
    "calendario condiciones respuesta rechazo apoyo reservas dudas avances bloqueo diálogo"
)
WORDS = tuple(_VOCABULARY.split(" "))


def _story(rng: random.Random, words: int = 90) -> str:
    sentences = []
    while sum(len(s.split()) for s in sentences) < words:
        chosen = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
        sentences.append("El " + " ".join(chosen) + ".")
    return " ".join(sentences)


def write_corpus(folder: Path) -> int:
    """STORIES stories each printed twice (the copy far later in the walk, with a line
    more) and SINGLES stories printed once; the number of files."""
    folder.mkdir()
    rng = random.Random(7)
    for n in range(STORIES):
        story = _story(rng)
        (folder / f"a-{n:02d}.txt").write_text(story, encoding="utf-8")
        extra = f"Lo publicó también otro diario el día {n + 1}."
        (folder / f"c-{n:02d}.txt").write_text(f"{story}\n\n{extra}", encoding="utf-8")
    for n in range(SINGLES):
        (folder / f"b-{n:02d}.txt").write_text(_story(rng), encoding="utf-8")
    return 2 * STORIES + SINGLES


def _documents(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=30) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _forked_ingest(folder: Path, url: str) -> int:
    pid = os.fork()
    if pid == 0:  # the child: the real command, then out without any of pytest's clean-up
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            cli.app(["ingest", str(folder), "--db", url], standalone_mode=False)
        except BaseException:  # noqa: BLE001 - the child reports by its exit code only
            code = 1
        os._exit(code)
    return pid


def test_clusters_survive_ten_kills(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    total = write_corpus(folder)
    monkeypatch.setattr(cli, "build_pipeline", lambda pack: pipeline)
    monkeypatch.setenv("TREGUA_BATCH_SIZE", "3")

    whole = f"sqlite:///{tmp_path / 'whole.db'}"
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--db", whole])
    assert result.exit_code == 0, result.output
    expected = open_store(whole).clusters()
    assert len(expected) == total
    sizes = Counter(expected.values())
    assert sorted(sizes.values(), reverse=True)[:STORIES] == [2] * STORIES  # copies found

    killed_path = tmp_path / "killed.db"
    killed = f"sqlite:///{killed_path}"
    open_store(killed)  # made (and migrated) before the first fork
    kills = 0
    while kills < KILLS and _documents(killed_path) < total:
        before = _documents(killed_path)
        pid = _forked_ingest(folder, killed)
        deadline = time.monotonic() + 120
        while _documents(killed_path) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
    assert kills == KILLS, "the corpus was stored before ten kills: make it longer"
    assert _documents(killed_path) < total
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--db", killed])
    assert result.exit_code == 0, result.output
    assert open_store(killed).clusters() == expected

    # the same files, walked in the opposite order, in three runs: the same clusters again
    backwards = tmp_path / "backwards"
    backwards.mkdir()
    for path in sorted(folder.iterdir()):
        (backwards / ("z" + path.name.translate(str.maketrans("abc", "cba")))).write_bytes(
            path.read_bytes()
        )
    reversed_store = f"sqlite:///{tmp_path / 'reversed.db'}"
    for part in ("zc", "zb", "za"):
        names = [str(p) for p in sorted(backwards.glob(f"{part}-*.txt"))]
        CliRunner().invoke(cli.app, ["ingest", *names, "--db", reversed_store])
    clusters = open_store(reversed_store).clusters()
    assert sorted(Counter(clusters.values()).values()) == sorted(sizes.values())
    assert clusters == expected  # ids are sha1 of the text: the same documents, same names
