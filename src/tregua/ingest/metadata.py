"""What an article's metadata may say, as found beside it or inside a JSON object."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


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
        # news-please style timestamps ("2026-01-30 10:12:00") carry a date we keep
        if isinstance(value, str) and len(value) > 10 and value[4] == "-":
            return value[:10]
        return value


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
    return (
        f'"{field}" is {first.get("input")!r}: {first["msg"]}; '
        "expected strings, and YYYY-MM-DD for dates"
    )
