"""What the fitted confidence of a quote reads (``extract/confidence.py``): the features of
``QUOTE_FEATURES``, each computed from the record alone, and the two marks of the quote
extractor they look at (the omission that joins a broken quote, the length of a fragment).
"""

from __future__ import annotations

import math

from tregua.model import Quote

# joins the pieces of a quote broken by its attribution: the editorial mark of an omission,
# so text[start:end] holds every piece, in order, with the attribution between them
OMISSION = " […] "
# quoted words up to this many, inside a longer sentence, are a fragment, not a quote
MAX_FRAGMENT_WORDS = 5


QUOTE_FEATURES: dict[str, str] = {
    "direct": "1 for words in quote marks, 0 for reported speech",
    "has_cue": "1 when a speech verb introduces it",
    "speaker_named": "1 when the speaker is a named person or body",
    "speaker_described": "1 when the speaker is a described source (un funcionario)",
    "speaker_side": "1 when the speaker has a side",
    "via_outlet": "1 when it was told to a named outlet",
    "log_words": "log of 1 + the number of its words",
    "short": f"1 when it has {MAX_FRAGMENT_WORDS} words or fewer",
    "broken": "1 when it joins pieces split by their attribution",
    "attribution_after": "1 when its speech verb follows it (within 40 characters)",
    "speaker_nearby": "1 when the speaker's name or description is written within 150 "
    "characters of it (not carried over from an earlier sentence)",
    "paragraph_start": "1 when it opens its paragraph",
}


def quote_features(quote: Quote, text: str) -> dict[str, float]:
    """The values of ``QUOTE_FEATURES`` for one quote of ``text``: what a fitted
    calibrator (extract/confidence.py) reads, each computed from the record alone.

    "«No hay plazos», dijo Peskov" gives direct 1, speaker_named 1, attribution_after 1.
    """
    after = text[quote.end : quote.end + 40].lower()
    around = text[max(0, quote.start - 150) : quote.start] + text[quote.end : quote.end + 150]
    said_by = quote.speaker_name or quote.speaker_description
    words = len(quote.text.split())
    line_start = text.rfind("\n", 0, quote.start) + 1
    return {
        "direct": float(quote.direct),
        "has_cue": float(quote.cue is not None),
        "speaker_named": float(quote.speaker_name is not None),
        "speaker_described": float(quote.speaker_description is not None),
        "speaker_side": float(quote.speaker_country is not None),
        "via_outlet": float(quote.via is not None),
        "log_words": math.log1p(words),
        "short": float(words <= MAX_FRAGMENT_WORDS),
        "broken": float(OMISSION in quote.text),
        "attribution_after": float(quote.cue is not None and quote.cue.lower() in after),
        "speaker_nearby": float(
            said_by is not None and said_by.split()[-1].lower() in around.lower()
        ),
        "paragraph_start": float(len(text[line_start : quote.start].strip(' «“"‘')) == 0),
    }
