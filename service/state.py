"""What the HTTP service holds for its lifetime: the engine, the rate limiter, the
upload jobs, and where rendered pages are cached."""

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import HTTPException, Request

from caiwen.config import Settings
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import file_identity
from caiwen.service.engine import Engine
from caiwen.service.feedback import Feedback
from caiwen.service.jobs import Jobs, UploadError
from caiwen.service.limits import RateLimiter
from caiwen.service.planner import Scope
from caiwen.service.statedb import open_state
from caiwen.service.views import with_views
from caiwen.service.worker import Worker

log = logging.getLogger("caiwen.api")
T = TypeVar("T")


@dataclass
class Service:
    settings: Settings
    engine: Engine
    limiter: RateLimiter
    jobs: Jobs
    feedback: Feedback
    store_identity: tuple[int, int] | None = None
    """The database file the service opened (to notice it moved away)."""
    uploads: Worker | None = None
    """The API's own upload worker (none: separate workers take the jobs)."""
    answer_slots: CapacityLimiter = field(default_factory=lambda: CapacityLimiter(1))
    """The threads chat answers are computed on (CAIWEN_ANSWER_THREADS); requests wait for
    one in the event loop, not in a thread of their own."""

    @classmethod
    def start(cls, settings: Settings, engine: Engine) -> "Service":
        @cache
        def store() -> Store:
            """The upload worker's own connection, opened once."""
            return Store.in_dir(settings.data, settings.database_url)

        def ingestor() -> Ingestor:
            index = engine.tools.box.index
            problem = "没有向量索引" if index is None else index.problem()
            if index is None or problem:
                raise UploadError(f"向量索引不可用，暂不能导入文件（{problem}）")
            return Ingestor(store(), index, workers=1, limits=settings.file_limits())

        def queue() -> Jobs:
            """The upload queue, on a connection of its own."""
            return Jobs(*open_state(settings.data, settings.database_url), settings.job_lease)

        state, _ = open_state(settings.data, settings.database_url)
        limiter = RateLimiter(settings.chat_rate, state, settings.chat_burst)
        _drop_orphan_vectors(engine)
        feedback = Feedback.in_dir(settings.data)
        identity = file_identity(engine.store.path)
        uploads = Worker(queue(), ingestor, settings.data / "uploads")
        return cls(
            settings,
            engine,
            limiter,
            queue(),
            feedback,
            identity,
            uploads=uploads if settings.api_ingests else None,
            answer_slots=CapacityLimiter(settings.answer_threads),
        )

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """While the app runs, its own upload worker takes jobs in a thread (unless
        CAIWEN_API_INGESTS is false: ``caiwen worker`` processes take them)."""
        stop = threading.Event()
        if self.uploads is not None:
            name = "caiwen-uploads"
            threading.Thread(target=self.uploads.run, args=(stop,), name=name, daemon=True).start()
        try:
            yield
        finally:
            stop.set()  # after the job in hand

    async def answering(self, work: Callable[[], T]) -> T:
        """``work`` (a chat request's rate check, answer and record) on an answer thread.

        An answer is Python under one interpreter lock, with a dozen short database calls
        that each let another thread in: forty threads answering at once in one process
        spent 6.2 ms of CPU a request where one spent 3.6 (the lock handed back and forth at
        every call), and answered half as many. So a process answers on few threads, and
        more answers at once come from more processes (`caiwen serve --workers`), which
        share nothing but the databases."""
        return await to_thread.run_sync(work, limiter=self.answer_slots)

    @staticmethod
    def of(request: Request) -> "Service":
        return request.app.state.service

    @property
    def page_cache(self) -> Path:
        return self.settings.data / "cache" / "pages"

    def ask(
        self, question: str, scope: Scope, key: str, shown_session: str, on_tool: Any = None
    ) -> dict[str, Any]:
        """The engine's answer in the session ``key``, kept with the question and the plan in
        the feedback store: the answer object with its citations' views, ``session_id``
        (``shown_session``, the id the asker knows) and ``answer_id`` (what 👍 / 👎 refer to).
        The widget and the bots ask through here alike."""
        answer = self.engine.ask(question, scope, key, on_tool=on_tool)
        plan = self.engine.sessions.turns(key)[-1]["plan"]
        given = answer.model_copy(update={"session_id": shown_session})
        answer_id = self.feedback.record(question, scope, plan, given)
        views = with_views(answer, self.engine.store)
        return views | {"session_id": shown_session, "answer_id": answer_id}

    def check_rate(self, request: Request) -> None:
        """429 with Retry-After when the client asks faster than the configured rate."""
        client = request.client.host if request.client else "unknown"
        wait = self.limiter.retry_after(client)
        if wait is not None:
            raise HTTPException(
                429, f"提问太频繁，请{wait}秒后再试。", headers={"Retry-After": str(wait)}
            )


def _drop_orphan_vectors(engine: Engine) -> None:
    """Delete the vectors of chunks that were never committed (an ingest killed between adding
    its vectors and committing its transaction); readers never return them meanwhile."""
    index = engine.tools.box.index
    if index is None:
        return
    try:
        dropped = index.drop_orphans(engine.store.chunk_ids())
    except Exception as error:  # the index is optional: /readyz reports it
        log.warning("could not check the vector index for orphans: %s", error)
        return
    if dropped:
        log.warning("dropped %d vectors of chunks never committed", dropped)
