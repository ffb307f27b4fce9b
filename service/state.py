"""What the HTTP service holds for its lifetime: the engine, the locks, the rate limiter, the
upload jobs, and where rendered pages are cached."""

import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from caiwen.config import Settings
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.store import Store
from caiwen.service.engine import Engine
from caiwen.service.feedback import Feedback
from caiwen.service.jobs import Jobs
from caiwen.service.limits import RateLimiter


@dataclass
class Service:
    settings: Settings
    engine: Engine
    limiter: RateLimiter
    jobs: Jobs
    feedback: Feedback
    lock: threading.Lock = field(default_factory=threading.Lock)
    """One question or store read at a time on the engine's SQLite connection."""

    @classmethod
    def start(cls, settings: Settings, engine: Engine) -> "Service":
        def ingestor() -> Ingestor:
            if engine.tools.box.index is None:
                raise RuntimeError("向量索引不可用，暂不能导入文件")
            return Ingestor(Store.in_dir(settings.data), engine.tools.box.index, workers=1)

        jobs = Jobs(ingestor, settings.data / "uploads", settings.max_upload_pages)
        limiter = RateLimiter(settings.chat_rate, settings.chat_burst)
        return cls(settings, engine, limiter, jobs, Feedback.in_dir(settings.data))

    @staticmethod
    def of(request: Request) -> "Service":
        return request.app.state.service

    @property
    def page_cache(self) -> Path:
        return self.settings.data / "cache" / "pages"

    def check_admin(self, authorization: str | None, closed: str) -> None:
        """403 (saying what ``closed``) without an admin token configured, 401 without it."""
        token = self.settings.admin_token
        if not token:
            raise HTTPException(403, f"未配置 CAIWEN_ADMIN_TOKEN，{closed}。")
        if authorization != f"Bearer {token}":
            raise HTTPException(401, "需要管理员令牌（Authorization: Bearer …）。")

    def check_rate(self, request: Request) -> None:
        """429 with Retry-After when the client asks faster than the configured rate."""
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.retry_after(client)
        if wait is not None:
            raise HTTPException(
                429, f"提问太频繁，请{wait}秒后再试。", headers={"Retry-After": str(wait)}
            )
