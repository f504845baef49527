"""Hygiene: clean the text, cut it into paragraphs and flag what is wrong with the source."""

from tregua.hygiene.captions import mark_verbless_captions
from tregua.hygiene.duplicates import DocumentClusters
from tregua.hygiene.glued import spanish_words
from tregua.hygiene.lines import shared_lines
from tregua.hygiene.normalize import normalize_text
from tregua.hygiene.paragraphs import clean_document

__all__ = [
    "DocumentClusters",
    "clean_document",
    "mark_verbless_captions",
    "normalize_text",
    "shared_lines",
    "spanish_words",
]
