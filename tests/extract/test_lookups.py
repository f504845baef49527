"""The one-scan look-ups the extractors use give what a search of each word would."""

from __future__ import annotations

import random

from tregua.extract.speakers import _roles_named
from tregua.pack import DomainPack


def _naive(lowered: str, pack: DomainPack) -> list[str]:
    return [r.key for r in pack.roles if any(t in lowered for t in r.lowered_titles)]


def test_every_role_a_text_names_is_found_by_one_scan(pack: DomainPack) -> None:
    titles = [t for role in pack.roles for t in role.lowered_titles]
    # titles that begin another one ("presidente" in "presidente ruso") are where a single
    # leftmost-longest scan would lose the shorter: they must be among the cases
    nested = [(a, b) for a in titles for b in titles if a != b and b.startswith(a)]
    assert nested, "the pack has no nested titles: this test would not test the hard case"
    rng = random.Random(7)
    texts = [f"dijo {b} ayer" for _, b in nested]
    texts += [" ".join(rng.sample(titles, k=3)) for _ in range(200)]
    texts += ["", "nada que ver", "el portavoz"]
    for text in texts:
        assert [r.key for r in _roles_named(text, pack)] == _naive(text, pack), text
