"""What the HTTP service holds for its lifetime: the engine, the locks, the rate limiter, the
upload jobs, and where rendered pages are cached."""

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fastapi import HTTPException, Request

from caiwen.config import Settings
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.store import Store
from caiwen.service.engine import Engine
from caiwen.service.jobs import Jobs
from caiwen.service.limits import RateLimiter
from caiwen.service.statedb import open_state


@dataclass
class Service:
    settings: Settings
    engine: Engine
    limiter: RateLimiter
    jobs: Jobs
    lock: threading.Lock = field(default_factory=threading.Lock)
    """One question or store read at a time on the engine's SQLite connection."""

    @classmethod
    def start(cls, settings: Settings, engine: Engine) -> "Service":
        @cache
        def store() -> Store:
            """The upload worker's own connection, opened once."""
            return Store.in_dir(settings.data, settings.database_url)

        def ingestor() -> Ingestor:
            if engine.tools.box.index is None:
                raise RuntimeError("向量索引不可用，暂不能导入文件")
            return Ingestor(store(), engine.tools.box.index, workers=1)

        jobs = Jobs(ingestor, settings.data / "uploads", settings.max_upload_pages)
        state = open_state(settings.data, settings.database_url)
        limiter = RateLimiter(settings.chat_rate, state, settings.chat_burst)
        return cls(settings, engine, limiter, jobs)

    @staticmethod
    def of(request: Request) -> "Service":
        return request.app.state.service

    @property
    def page_cache(self) -> Path:
        return self.settings.data / "cache" / "pages"

    def check_rate(self, request: Request) -> None:
        """429 with Retry-After when the client asks faster than the configured rate."""
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.retry_after(client)
        if wait is not None:
            raise HTTPException(
                429, f"提问太频繁，请{wait}秒后再试。", headers={"Retry-After": str(wait)}
            )
