"""The entities list in SQL (issue #17): filters, the alias search, order and paging, on
both dialects, against the same list worked out in Python from the entities' rows."""

from __future__ import annotations

import pytest

from tregua.fuse.refresh import refresh
from tregua.store import Store, open_store
from tregua.store import queries as q

from . import corpus
from .conftest import DIALECTS, empty_store_url


@pytest.fixture(scope="module", params=DIALECTS)
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = empty_store_url(request.param, request, tmp_path_factory.mktemp("entities"))
    store = open_store(url)
    for record in corpus.corpus():
        store.put_record(record)
    refresh(store)
    return store


def test_every_entity_most_mentioned_first(filled: Store) -> None:
    every, total = q.entities_page(filled)
    assert total == len(every) >= 3
    keys = [(-e["mentions"], e["name"], e["id"]) for e in every]
    assert keys == sorted(keys)
    page, same = q.entities_page(filled, limit=2, offset=1)
    assert (page, same) == (every[1:3], total)
    assert q.entities_page(filled, offset=10_000) == ([], total)


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        ("zelenski", {"Q3874799"}),  # an alias, another case
        ("ZELENSKY", {"Q3874799"}),  # the name
        ("volodymyr zel", {"Q3874799"}),
        ("%", set()),  # a LIKE wildcard is a character here
        ("_", set()),
        ("nadie", set()),
    ],
)
def test_words_find_a_name_or_an_alias(filled: Store, words: str, ids: set[str]) -> None:
    found, total = q.entities_page(filled, words=words)
    assert {e["id"] for e in found} == ids
    assert total == len(found)


def test_types_and_country(filled: Store) -> None:
    every, _ = q.entities_page(filled)
    people, _ = q.entities_page(filled, types=["person"])
    assert people == [e for e in every if e["type"] == "PERSON"] != []
    ukr, _ = q.entities_page(filled, country="ukr")
    assert ukr == [e for e in every if e["country"] == "UKR"] != []
    both, _ = q.entities_page(filled, types=["PERSON", "GPE"], country="UKR")
    assert both == [e for e in ukr if e["type"] in {"PERSON", "GPE"}]
