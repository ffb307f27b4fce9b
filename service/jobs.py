"""Documents uploaded over HTTP, ingested one at a time in the background.

A job parses and stores one file; its document appears in the store only when the job is done
(the store writes a document in one transaction), and a file that fails leaves the store as it
was. Jobs are kept in memory: a restart forgets them, not the documents they stored.
"""

import logging
import queue
import re
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from caiwen.ingest.document import SUPPORTED
from caiwen.ingest.pipeline import NOT_STORED, FileResult, Ingestor

log = logging.getLogger("caiwen.uploads")
MAX_JOBS = 500
"""Finished jobs kept for status queries; the oldest are forgotten first."""


class UploadError(ValueError):
    """An upload refused before it becomes a job; the message says why, in Chinese."""


@dataclass
class Job:
    id: str
    file: str
    status: Literal["queued", "running", "done", "failed"] = "queued"
    pages_done: int = 0
    pages_total: int | None = None
    document_id: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None

    def record(self) -> dict[str, Any]:
        return asdict(self)


class Jobs:
    def __init__(self, ingestor: Callable[[], Ingestor], workdir: Path):
        self.ingestor = ingestor
        self.workdir = workdir
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[tuple[Job, Path]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._work, name="caiwen-uploads", daemon=True).start()

    def submit(self, file_name: str, data: bytes) -> Job:
        """Queue a file for ingest; UploadError for a name or type it will not take."""
        name = safe_name(file_name)
        job = Job(id=uuid.uuid4().hex, file=name)
        folder = self.workdir / job.id
        folder.mkdir(parents=True)
        path = folder / name
        path.write_bytes(data)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_finished()
        self._queue.put((job, path))
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _work(self) -> None:
        while True:
            job, path = self._queue.get()
            try:
                self._run(job, path)
            finally:
                shutil.rmtree(path.parent, ignore_errors=True)

    def _run(self, job: Job, path: Path) -> None:
        job.status = "running"
        try:
            result = self.ingestor().ingest_file(path, lambda done, total: _pages(job, done, total))
        except UploadError as error:
            job.status, job.error = "failed", str(error)
            return
        except Exception as error:  # a bug on one upload must not stop the worker
            log.exception("upload %s (%s) failed", job.id, job.file)
            job.status, job.error = "failed", f"导入失败（{type(error).__name__}）"
            return
        self._finish(job, result)

    @staticmethod
    def _finish(job: Job, result: FileResult) -> None:
        job.result = result.record()
        job.document_id = result.document_id
        if result.status in NOT_STORED:
            job.status, job.error = "failed", result.error
        else:
            job.status = "done"
            job.pages_done = job.pages_total or job.pages_done

    def _forget_finished(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - MAX_JOBS)]:
            del self._jobs[key]


def _pages(job: Job, done: int, total: int) -> None:
    job.pages_done, job.pages_total = done, total


def safe_name(file_name: str) -> str:
    """The file's own name, without any folder, in characters safe on disk."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", Path(file_name.replace("\\", "/")).name)
    name = name.strip(". ") or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise UploadError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF、HTML 和 TXT）")
    stem = Path(name).stem[:100]
    return f"{stem}{suffix}"
