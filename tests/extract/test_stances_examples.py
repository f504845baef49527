"""The stance cells of the bundled sample (``examples/``) agree with their own evidence
(issue #15): read at the record level, whatever the store and API make of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tregua.ingest import read_inputs
from tregua.model import Record
from tregua.pipeline import Pipeline, run_batch

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def records(pipeline: Pipeline) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for item in run_batch(read_inputs([str(EXAMPLES)]), pipeline):
        assert isinstance(item, Record), item
        found[Path(item.source).stem] = item
    return found


def _cell(record: Record, side: str, issue: str) -> tuple[str, str] | None:
    stance = next((s for s in record.stances if (s.country, s.issue) == (side, issue)), None)
    return None if stance is None else (stance.polarity, stance.evidence.text)


@pytest.mark.parametrize(
    ("example", "side", "issue", "words"),
    [
        # Kiev's renouncing NATO as Russia's condition is Russia against Ukraine in NATO
        ("10_alemania_ayuda_militar", "RUS", "nato_membership", "renuncia de Kiev"),
        # a Western contingent as a "legitimate target" is Russia against foreign troops
        ("06_coalicion_voluntarios_fuerza_multinacional", "RUS", "foreign_troops", "objetivo"),
    ],
)
def test_russia_opposes_what_its_evidence_rejects(
    records: dict[str, Record], example: str, side: str, issue: str, words: str
) -> None:
    cell = _cell(records[example], side, issue)
    assert cell is not None
    polarity, evidence = cell
    assert polarity == "oppose"
    assert words in evidence


def test_no_military_aid_cell_from_a_report_of_strikes(records: dict[str, Record]) -> None:
    """The Russian ministry's account of its strikes on Ukraine's arms industry states no
    position on military aid to Ukraine."""
    record = records["02_ataque_jarkov_durante_negociaciones"]
    assert _cell(record, "RUS", "military_aid") is None


def test_every_cell_points_at_its_own_text(records: dict[str, Record]) -> None:
    for record in records.values():
        for stance in record.stances:
            evidence = stance.evidence
            assert record.text[evidence.start : evidence.end] == evidence.text
