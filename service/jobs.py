"""Documents uploaded over HTTP, queued in the service's state database (service/statedb.py)
and ingested by workers: ``caiwen worker`` processes, or the API's own thread on one machine
(service/worker.py).

A job holds its file until a worker has ingested it. A worker claims the oldest queued job, or
a running one whose worker's lease ran out (it died), in one statement; on PostgreSQL the row
is taken ``FOR UPDATE SKIP LOCKED``, so workers never wait for each other, and on SQLite the
statement holds the database's write lock. While it works a worker renews its lease. The
document appears in the store only when its transaction commits, so a worker killed mid-job
leaves the store as it was and the job to the next worker; a job whose workers die
``MAX_ATTEMPTS`` times fails, so a file that kills workers does not kill them all.
"""

import json
import re
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from caiwen.ingest.dialect import Dialect
from caiwen.ingest.document import SUPPORTED
from caiwen.ingest.pipeline import NOT_STORED, FileResult

MAX_JOBS = 500
"""Finished jobs kept for status queries; the oldest are forgotten first."""
MAX_ATTEMPTS = 3
"""Workers a job may outlive before it fails."""
ABANDONED = f"导入中断了{MAX_ATTEMPTS}次（处理进程退出），文件未入库"
COLUMNS = "id, file, status, pages_done, pages_total, document_id, result, error, attempts"


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


@dataclass(frozen=True)
class Claim:
    """A job taken by a worker: its file's name and bytes, and the how-many-th attempt."""

    job: str
    file: str
    content: bytes
    attempt: int


class Jobs:
    """The queue: what the API submits and shows, and what workers claim, renew and finish."""

    def __init__(self, db: Any, dialect: Dialect, lease: float = 60.0):
        self.db, self.dialect, self.lease = db, dialect, lease
        self._lock = threading.Lock()
        """One statement at a time on this connection (a worker renews its lease from a
        thread of its own)."""

    def _one(self, sql: str, params: list[Any]) -> Any:
        """The statement's first row (or None)."""
        with self._lock:
            return self.db.execute(sql, params).fetchone()

    def _run(self, sql: str, params: list[Any]) -> int:
        """The statement's count of rows changed."""
        with self._lock:
            return self.db.execute(sql, params).rowcount

    def submit(self, file_name: str, data: bytes) -> Job:
        """Queue a file for ingest; UploadError for a name or type it will not take."""
        job = Job(id=uuid.uuid4().hex, file=safe_name(file_name))
        now = time.time()
        self._run(
            "INSERT INTO jobs (id, file, content, status, created, updated) "
            "VALUES (?, ?, ?, 'queued', ?, ?)",
            [job.id, job.file, data, now, now],
        )
        self._forget_finished()
        return job

    def get(self, job_id: str) -> Job | None:
        row = self._one(f"SELECT {COLUMNS} FROM jobs WHERE id = ?", [job_id])
        if row is None:
            return None
        result = json.loads(row["result"]) if row["result"] else None
        fields = {k: row[k] for k in ("pages_done", "pages_total", "document_id", "error")}
        return Job(row["id"], row["file"], row["status"], result=result, **fields)

    def attempts(self, job_id: str) -> int:
        return self._one("SELECT attempts FROM jobs WHERE id = ?", [job_id])[0]

    def claim(self, worker: str) -> Claim | None:
        """Take the oldest job that is queued or whose worker's lease ran out, if any."""
        now = time.time()
        self._fail_abandoned(now)
        row = self._one(
            "UPDATE jobs SET status = 'running', worker = ?, lease_until = ?, updated = ?, "
            "attempts = attempts + 1 WHERE id = (SELECT id FROM jobs WHERE status = 'queued' "
            "OR (status = 'running' AND lease_until < ?) ORDER BY created, id LIMIT 1 "
            f"{self.dialect.skip_locked}) RETURNING id, file, content, attempts",
            [worker, now + self.lease, now, now],
        )
        return None if row is None else Claim(row[0], row[1], bytes(row[2]), row[3])

    def renew(self, claim: Claim, worker: str, pages: tuple[int, int] | None = None) -> bool:
        """Extend the worker's lease (and record its progress); whether it still holds it."""
        now = time.time()
        done, total = pages or (None, None)
        return self._mine(
            "UPDATE jobs SET lease_until = ?, updated = ?, pages_done = coalesce(?, pages_done), "
            "pages_total = coalesce(?, pages_total)",
            [now + self.lease, now, done, total],
            claim,
            worker,
        )

    def finish(self, claim: Claim, worker: str, result: FileResult) -> bool:
        """Record the file's outcome (the job done, or failed with the reason the file was not
        stored) and its page count, all read (a file read within the first renewal has no
        progress recorded yet), and drop its bytes; whether the worker still held the job."""
        failed = result.status in NOT_STORED
        record = json.dumps(result.record(), ensure_ascii=False, default=str)
        return self._mine(
            "UPDATE jobs SET status = ?, result = ?, document_id = ?, error = ?, "
            "pages_total = coalesce(?, pages_total), "
            "pages_done = coalesce(?, pages_total, pages_done), content = ?, updated = ?",
            [
                "failed" if failed else "done",
                record,
                result.document_id,
                result.error if failed else None,
                result.pages,
                result.pages,
                b"",
                time.time(),
            ],
            claim,
            worker,
        )

    def fail(self, claim: Claim, worker: str, error: str) -> bool:
        """The job failed with ``error`` (in Chinese), its bytes dropped."""
        return self._mine(
            "UPDATE jobs SET status = 'failed', error = ?, content = ?, updated = ?",
            [error, b"", time.time()],
            claim,
            worker,
        )

    def _mine(self, update: str, params: list[Any], claim: Claim, worker: str) -> bool:
        found = self._run(
            f"{update} WHERE id = ? AND worker = ? AND status = 'running'",
            [*params, claim.job, worker],
        )
        return found == 1

    def _fail_abandoned(self, now: float) -> None:
        self._run(
            "UPDATE jobs SET status = 'failed', error = ?, content = ?, updated = ? "
            "WHERE status = 'running' AND lease_until < ? AND attempts >= ?",
            [
                ABANDONED,
                b"",
                now,
                now,
                MAX_ATTEMPTS,
            ],
        )

    def _forget_finished(self) -> None:
        self._run(
            "DELETE FROM jobs WHERE status IN ('done', 'failed') AND id NOT IN (SELECT id FROM "
            "jobs WHERE status IN ('done', 'failed') ORDER BY updated DESC LIMIT ?)",
            [MAX_JOBS],
        )


def safe_name(file_name: str) -> str:
    """The file's own name, without any folder, in characters safe on disk."""
    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", Path(file_name.replace("\\", "/")).name)
    name = name.strip(". ") or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise UploadError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF、HTML 和 TXT）")
    stem = Path(name).stem[:100]
    return f"{stem}{suffix}"
