"""An event's date: the time expression of its own clause nearest the trigger.

"Las conversaciones comenzaron el 23 de enero" dates the talks; "hasta el 1 de febrero"
bounds what was asked, it does not date the asking; a date of a coordinated clause is that
clause's event's. An undated report of something done is dated by the article.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tregua.resolve.time import TimeExpression

_UNTIL = re.compile(r"\bhasta\s+$", re.IGNORECASE)


_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def _is_weekday(text: str) -> bool:
    return any(day in text.lower() for day in _WEEKDAYS)


def _word_at(sent: SpacySpan, offset: int) -> Token | None:
    """The word of ``sent`` that starts at character ``offset``, if one does."""
    return next((t for t in sent if t.idx == offset), None)


def _in_other_conjunct(time: TimeExpression, clause: set[int], sent: SpacySpan) -> bool:
    """Whether ``time`` lies in a clause coordinated with the trigger's (not in a nested one:
    "dijo que se reunirán el lunes" dates the meeting)."""
    if time.start in clause:
        return False
    token = _word_at(sent, time.start)
    if token is None:
        return False
    for ancestor in token.ancestors:
        if ancestor.idx in clause:
            return False
        if ancestor.dep_ == "conj" and ancestor.pos_ in {"VERB", "AUX"}:
            return True
    return any(c.dep_ == "conj" and c.idx in clause for c in sent.root.children)


def _in_other_relative(time: TimeExpression, trigger_at: int, sent: SpacySpan) -> bool:
    """Whether ``time`` lies in a relative or participial clause on a noun other than the
    trigger and its own subject or object: "confirmaron la etapa de un canje pactado en el
    acuerdo alcanzado en mayo" (May dates the agreement), while "firmaron el acuerdo
    alcanzado el lunes" and "la reunión, que se celebró el lunes" keep their date."""
    token = _word_at(sent, time.start)
    if token is None:
        return False
    for ancestor in token.ancestors:
        if ancestor.idx == trigger_at:
            return False
        if _a_clause_on_a_noun(ancestor):
            noun = ancestor.head
            own = (
                noun.idx == trigger_at
                or (noun.head.idx == trigger_at and noun.dep_ in {"obj", "nsubj", "nsubj:pass"})
                # the trigger told in that clause too: "la guerra iniciada en 2022 con la
                # invasión"
                or any(t.idx == trigger_at for t in ancestor.subtree)
            )
            return not own
    return False


def _since(time: TimeExpression, trigger_at: int, sent: SpacySpan) -> bool:
    """Whether ``time`` lies in a phrase opened by "desde" that does not hold the trigger:
    "el mayor canje desde la invasión de febrero de 2022" (the invasion's own date stays
    its own)."""
    token = _word_at(sent, time.start)
    if token is None:
        return False
    for word in (token, *token.ancestors):
        if word.idx == trigger_at or word.pos_ in {"VERB", "AUX"}:
            return False
        if any(c.dep_ == "case" and c.lower_ == "desde" for c in word.children):
            return not any(t.idx == trigger_at for t in word.subtree)
    return False


def _a_clause_on_a_noun(word: Token) -> bool:
    """Whether ``word`` heads a clause on a noun: a relative clause, or a participle with
    its own complements ("el acuerdo alcanzado en Estambul en mayo", which the tagger often
    reads as an adjective)."""
    if word.dep_ in {"acl", "acl:relcl"} and word.pos_ in {"VERB", "AUX"}:
        return True
    return (
        word.dep_ in {"amod", "acl"}
        and "Part" in word.morph.get("VerbForm", [])
        and any(c.dep_ == "obl" for c in word.children)
    )


def time_of(
    sent: SpacySpan,
    text: str,
    trigger_at: int,
    clause: set[int],
    times: list[TimeExpression],
    report: Token | None = None,
) -> TimeExpression | None:
    """The time expression of ``sent`` (in the document's ``text``) that dates the event
    whose trigger starts at offset ``trigger_at`` (``clause``: the offsets of its clause's
    words), or None. ``report`` is the "que" clause of a verb of saying the trigger is
    told in: a date outside it is the saying's ("Lavrov aseveró el viernes que la reunión
    no está programada" does not date the meeting)."""
    # "hasta el 1 de febrero" bounds what was asked or agreed, it does not date the act
    in_sentence = [
        t
        for t in times
        if sent.start_char <= t.start < sent.end_char
        and t.value
        and not _UNTIL.search(text[max(0, t.start - 8) : t.start])
    ]
    # a date of another coordinated clause ("Las expectativas de un acuerdo para el viernes
    # son bajas, y Rusia sigue con sus ataques") is not this event's
    in_sentence = [t for t in in_sentence if not _in_other_conjunct(t, clause, sent)]
    # nor is a date of a clause on another noun ("la etapa de un canje hecho bajo el acuerdo
    # alcanzado a mediados de mayo" dates the agreement)
    in_sentence = [t for t in in_sentence if not _in_other_relative(t, trigger_at, sent)]
    # "desde" bounds what follows as "hasta" does: "el mayor canje desde la invasión de
    # febrero de 2022" is not a swap of February 2022
    in_sentence = [t for t in in_sentence if not _since(t, trigger_at, sent)]
    if report is not None:
        said = {t.idx for t in report.subtree}
        in_sentence = [t for t in in_sentence if t.start in said]
    return min(in_sentence, key=lambda t: abs(t.start - trigger_at), default=None)


def settle_day(
    day: dt.date | None, when: TimeExpression | None, status: str, published: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """The event's day and where it came from ("text", "published" or None), once its
    status is known."""
    if day is not None:
        if (
            status == "planned"
            and published is not None
            and day < published
            and when is not None
            and _is_weekday(when.text)
        ):
            # "espera firmar el lunes": a weekday of a planned event is the coming one
            return day + dt.timedelta(days=7), "text"
        return day, "text"
    if status == "occurred" and published is not None:
        # an undated report of something done ("Peskov criticó ...") happened by the
        # publication day; the record says the date came from there
        return published, "published"
    return None, None
