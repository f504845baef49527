"""Hygiene: clean the text, cut it into paragraphs and flag what is wrong with the source."""

from tregua.hygiene.normalize import normalize_text
from tregua.hygiene.paragraphs import clean_document

__all__ = ["clean_document", "normalize_text"]
