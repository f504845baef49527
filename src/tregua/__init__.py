"""tregua: a structured, source-linked record of a peace process from Spanish-language news.

The flow (``../shared/DESIGN.md``): ingest -> hygiene -> language -> resolve -> extract ->
record -> store -> fuse -> interfaces. ``tregua.pipeline`` orders the per-document stages.
"""

__version__ = "0.1.0"
