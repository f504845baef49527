"""TREGUA_NER picks the statistical NER under the pack's names (docs/decisions/0006)."""

from __future__ import annotations

import pytest

from tregua.language import build_nlp
from tregua.pack import DomainPack
from tregua.pipeline import pipeline_version
from tregua.settings import Settings

SENTENCE = "Peskov habló en Moscú con Aurelio Brañas Quintero, alcalde de Villabruma."


def test_pack_only_finds_the_pack_names_and_nothing_else(pack: DomainPack) -> None:
    nlp = build_nlp(pack, "pack")
    assert "ner" not in nlp.pipe_names and "tregua_ner" not in nlp.pipe_names
    ents = {(e.text, e.ent_id_ != "") for e in nlp(SENTENCE).ents}
    assert ("Peskov", True) in ents and ("Moscú", True) in ents
    assert all(known for _, known in ents)


@pytest.mark.parametrize(("choice", "pipe"), [("tregua", "tregua_ner"), ("peer", "ner")])
def test_a_statistical_ner_adds_names_the_pack_lacks(
    pack: DomainPack, choice: str, pipe: str
) -> None:
    nlp = build_nlp(pack, choice)  # type: ignore[arg-type]
    assert pipe in nlp.pipe_names
    texts = {e.text for e in nlp(SENTENCE).ents}
    assert "Peskov" in texts
    assert any("Brañas" in t for t in texts)


def test_the_setting_is_read_and_named_in_the_version(
    pack: DomainPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREGUA_NER", "pack")
    assert Settings().ner == "pack"
    assert pipeline_version(pack, "pack").endswith("/ ner pack")
    assert "/ ner" not in pipeline_version(pack, "tregua")
    monkeypatch.setenv("TREGUA_NER", "spacy")
    with pytest.raises(ValueError, match="tregua"):
        Settings()
