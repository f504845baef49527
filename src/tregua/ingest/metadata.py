"""What an article's metadata may say, as found beside it or inside a JSON object.

One date policy for every reader (``calendar_date``): a publication date is a calendar date
written as one, ``YYYY-MM-DD`` alone or at the start of an ISO timestamp, between the years
``MIN_YEAR`` and ``MAX_YEAR``; anything else is refused, and the document is quarantined as
``bad_metadata`` naming the field and the value. A number is not a date (``0`` is not
1970-01-01); "2026-01-01garbage" is not 2026-01-01; "2026-02-30" is not 2026-03-02.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MIN_YEAR = 1900
MAX_YEAR = 2100
# a date, then optionally a time (after "T" or a space) with seconds, fractions and a zone
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def calendar_date(value: object) -> dt.date:
    """The calendar date ``value`` writes; ``ValueError`` saying why it is not one.

    >>> calendar_date("2026-01-30 10:12:00")
    datetime.date(2026, 1, 30)
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        match = _ISO.fullmatch(value.strip())
        if match is None:
            raise ValueError("not a date written YYYY-MM-DD (an ISO timestamp may follow)")
        year, month, number, hour, minute, second = match.groups()
        try:
            day = dt.date(int(year), int(month), int(number))
            if hour is not None:
                dt.time(int(hour), int(minute), int(second or 0))
        except ValueError as exc:
            raise ValueError(f"not a calendar date ({exc})") from None
    else:
        raise ValueError(f"a {type(value).__name__} is not a date; write it as YYYY-MM-DD")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"the year {day.year} is outside {MIN_YEAR}-{MAX_YEAR}")
    return day


class Metadata(BaseModel):
    """What a ``NAME.meta.json`` beside ``NAME.txt`` or a JSON Lines object may say."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    title: str | None = None
    published: dt.date | None = Field(default=None, alias="published")
    outlet: str | None = None
    url: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        return None if value is None else calendar_date(value)


class Article(Metadata):
    """One JSON object holding an article (news-please / CC-NEWS keys accepted)."""

    text: str | None = None
    maintext: str | None = None
    date_publish: str | None = None
    source_domain: str | None = None
    id: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        # ids are often numbers in dumps: 12 and "12" name the same article
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def first_problem(exc: ValidationError) -> str:
    """The first validation problem as ``"field" is VALUE: why; what is expected``."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "object"
    shown = repr(first.get("input"))
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return f'"{field}" is {shown}: {first["msg"]}; expected strings, and YYYY-MM-DD for dates'
