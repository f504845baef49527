"""The analyst's review (issue #18): editors, the append-only corrections log, the
corrected record, the review queue and the corrections as gold.

    users.py     editors and their tokens (only a token's SHA-256 is stored)
    log.py       the corrections log: append, read; what each correction names (``keys``)
    apply.py     corrections over records, the stance matrix and the timeline; orphans
    items.py     one event, quote or stance as the editors left it (every view of items)
    split.py     a fused event split: the reports named become an event of their own
    tables.py    the corrections over the table and record exports
    queue.py     what to review first, with counts reviewed / left
    gold.py      every reviewed document in the ANNOTATION.md gold format

The machine's output is never changed in the store: corrections are applied when a view,
an API reply or an export is made, so a re-ingest, a new pipeline version or a re-fusion
meets the same corrections again (``log.Key``).
"""
