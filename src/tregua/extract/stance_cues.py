"""Where a sentence raises an issue: each cue of the issue as written, or a cue opening
with a verb in any of its forms ("renuncie a la OTAN" for "renunciar a la OTAN")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tregua.pack import Issue, context_pattern, issue_pattern

_INFINITIVE = re.compile(r"^[a-záéíóúñ]+(?:ar|er|ir)(?:se)?$")
_WORD = re.compile(r"\w+")


@functools.cache
def _verb_cues(issue: Issue) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """(lemma, the cue's words, contrary) of each cue of ``issue`` that opens with a verb in
    the infinitive ("renunciar a la OTAN"), in the order of the issue's cues."""
    found = []
    for cue in (*issue.cues, *issue.contrary_cues):
        words = tuple(cue.lower().split())
        if len(words) < 2 or not _INFINITIVE.match(words[0]):
            continue
        found.append((words[0].removesuffix("se"), words, cue in issue.contrary_cues))
    return tuple(found)


@functools.cache
def _lowered_cues(issue: Issue) -> tuple[frozenset[str], frozenset[str]]:
    """The issue's contrary and broad cues, lowered: once per issue, not per sentence."""
    return (
        frozenset(c.lower() for c in issue.contrary_cues),
        frozenset(c.lower() for c in issue.broad_cues),
    )


@functools.cache
def _openers(issue: Issue) -> frozenset[str] | None:
    """The lowered first word of each cue the issue's pattern holds, or None when a cue opens
    with no word at all (then every sentence is searched).

    A match of the pattern (whole words) opens with one of these as a word of its own, so a
    sentence without any of them holds no cue and is not searched: most sentences raise no
    issue, and a scan of each sentence for each issue was the stance finder's largest cost.
    """
    found = set()
    for cue in (*issue.cues, *issue.contrary_cues, *issue.broad_cues):
        first = _WORD.match(cue.lower())
        if first is None:
            return None
        found.add(first.group())
    return frozenset(found)


def sentence_words(sent: SpacySpan) -> frozenset[str]:
    """The lowered words of the sentence's text, for ``issue_cues`` to tell at once which
    issues it cannot raise."""
    return frozenset(_WORD.findall(sent.text.lower()))


@functools.cache
def _cue_verbs(issues: tuple[Issue, ...]) -> frozenset[str]:
    """The verbs that open a cue of any of ``issues``."""
    return frozenset(base for issue in issues for base, _, _ in _verb_cues(issue))


def cue_verb_lemmas(doc: Doc, issues: tuple[Issue, ...]) -> dict[int, str]:
    """Token index -> lowered lemma of the document's tokens whose lemma is a verb opening a
    cue of ``issues``, read from the document's arrays once (the only lemmas ``issue_cues``
    looks up)."""
    verbs = _cue_verbs(issues)
    strings = doc.vocab.strings
    table = doc.to_array(LEMMA)
    wanted = {int(h): low for h in numpy.unique(table) if (low := strings[int(h)].lower()) in verbs}
    if not wanted:
        return {}
    at = numpy.flatnonzero(numpy.isin(table, list(wanted))).tolist()
    return {i: wanted[int(table[i])] for i in at}


def by_lemma(sent: SpacySpan, verbs: dict[int, str]) -> dict[str, list[Token]]:
    """The sentence's tokens among ``verbs`` (``cue_verb_lemmas`` of its document) by
    lowered lemma, each list in the sentence's order."""
    index: dict[str, list[Token]] = {}
    doc = sent.doc
    for i in range(sent.start, sent.end):
        if (lemma := verbs.get(i)) is not None:
            index.setdefault(lemma, []).append(doc[i])
    return index


def issue_cues(
    sent: SpacySpan,
    issue: Issue,
    text: str,
    lemmas: dict[str, list[Token]],
    words: frozenset[str],
) -> Iterable[tuple[int, int, bool]]:
    """(start, end, contrary) of each cue of ``issue`` in the sentence: the cue words as
    written, or with a verb in any form ("renuncie a la OTAN" for "renunciar a la OTAN").
    ``lemmas`` is ``by_lemma(sent, ...)`` and ``words`` is ``sentence_words(sent)``, built once
    for all the issues."""
    contrary, broad = _lowered_cues(issue)
    in_context: bool | None = None  # searched for only when a broad cue is met
    openers = _openers(issue)
    searched = openers is None or not openers.isdisjoint(words)
    matches = issue_pattern(issue).finditer(text, sent.start_char, sent.end_char)
    for m in matches if searched else ():
        if m.group().lower() in broad:
            if in_context is None:
                found = context_pattern(issue).search(text, sent.start_char, sent.end_char)
                in_context = found is not None
            if not in_context:
                continue  # "la cumbre de Alaska" between Trump and Putin
        yield m.start(), m.end(), m.group().lower() in contrary
    for base, cue, is_contrary in _verb_cues(issue):
        for token in lemmas.get(base, ()):
            if token.lower_ == cue[0]:
                continue
            rest = [t.lower_ for t in sent.doc[token.i + 1 : token.i + len(cue)]]
            if rest == list(cue[1:]):
                last = sent.doc[token.i + len(cue) - 1]
                yield token.idx, last.idx + len(last.text), is_contrary
