"""CoNLL-2002 (``word POS TAG``, IOB2) → spaCy ``DocBin`` for training and scoring.

``python -m tregua.language.training.convert train.conll train.spacy --sentences-per-doc 10``

A file is a run of sentences separated by blank lines; each line holds a word, its POS tag
(ignored) and its IOB2 entity tag. Each file has one stray ``I-`` after ``O`` ("San I-LOC");
like conlleval and spaCy we read it as the start of an entity.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

Sentence = list[tuple[str, str]]  # (word, IOB2 tag)


def parse_conll(lines: Iterable[str], source: str = "<conll>") -> Iterator[Sentence]:
    """Sentences of (word, tag); ``"Madrid NC B-LOC"`` gives ``("Madrid", "B-LOC")``."""
    sentence: Sentence = []
    for number, line in enumerate(lines, start=1):
        fields = line.split()
        if not fields:
            if sentence:
                yield sentence
            sentence = []
            continue
        if len(fields) < 2:
            raise ValueError(f"{source} line {number}: {line.strip()!r}; expected 'word POS TAG'")
        word, tag = fields[0], fields[-1]
        if tag != "O" and tag[:2] not in ("B-", "I-"):
            raise ValueError(f"{source} line {number}: tag {tag!r}; expected O, B-X or I-X")
        sentence.append((word, tag))
    if sentence:
        yield sentence


def read_conll(path: Path) -> list[Sentence]:
    """All sentences of a CoNLL-2002 file."""
    with path.open(encoding="utf-8") as lines:
        return list(parse_conll(lines, source=str(path)))


def repair_iob(tags: Sequence[str]) -> list[str]:
    """IOB2 tags where an ``I-X`` that does not continue an ``X`` entity becomes ``B-X``.

    ``["O", "I-LOC", "I-LOC"]`` gives ``["O", "B-LOC", "I-LOC"]`` (conlleval's reading).
    """
    repaired: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        repaired.append(tag)
        previous = tag
    return repaired


def spans_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start token, end token, label) of a tag sequence, stray ``I-`` repaired."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(repair_iob(tags)):
        if tag.startswith("B-"):
            spans.append((i, i + 1, tag[2:]))
        elif tag.startswith("I-"):
            start, _, label = spans[-1]
            spans[-1] = (start, i + 1, label)
    return spans


def to_doc(vocab: Vocab, sentences: Sequence[Sentence]) -> Doc:
    """One ``Doc`` of several sentences with gold entities and sentence starts."""
    words = [word for sentence in sentences for word, _ in sentence]
    tags = [tag for sentence in sentences for tag in repair_iob([t for _, t in sentence])]
    starts: list[bool | int | None] = [
        i == 0 for sentence in sentences for i in range(len(sentence))
    ]
    return Doc(vocab, words=words, ents=tags, sent_starts=starts)


def to_docs(vocab: Vocab, sentences: Sequence[Sentence], sentences_per_doc: int) -> list[Doc]:
    """Consecutive sentences grouped ``sentences_per_doc`` at a time.

    The Spanish files mark no article boundaries; groups of about ten sentences give the
    model some context across sentences during training while scoring stays per sentence.
    """
    return [
        to_doc(vocab, sentences[i : i + sentences_per_doc])
        for i in range(0, len(sentences), sentences_per_doc)
    ]


def convert(source: Path, target: Path, sentences_per_doc: int = 1) -> int:
    """Write the sentences of ``source`` to the DocBin ``target``; returns the number of docs."""
    docs = to_docs(Vocab(), read_conll(source), sentences_per_doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SENT_START"], docs=docs).to_disk(target)
    return len(docs)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", type=Path, help="a CoNLL-2002 file")
    parser.add_argument("target", type=Path, help="the .spacy file to write")
    parser.add_argument("--sentences-per-doc", type=int, default=1)
    args = parser.parse_args(argv)
    count = convert(args.source, args.target, args.sentences_per_doc)
    print(f"{args.source} → {args.target}: {count} docs")


if __name__ == "__main__":
    main()
