"""The Spanish spaCy pipeline: tokens, sentences and entities from the domain pack."""

from tregua.language.pipeline import build_nlp, sentences_in

__all__ = ["build_nlp", "sentences_in"]
