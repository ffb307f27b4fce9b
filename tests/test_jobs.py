"""Upload jobs queued in the service's state database and run by `caiwen worker` processes, on
SQLite and on a real PostgreSQL server: a worker killed in the middle of a job leaves the store
as it was and the job to the next worker, which stores the document once."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import FileResult
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.jobs import MAX_ATTEMPTS, Job, Jobs
from caiwen.service.statedb import open_state
from tests.postgres import Cluster
from tests.support import Ingested

LEASE = 3.0


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str | None:
    """None for SQLite files in the data dir, else a new database on the test server."""
    if request.param == "sqlite":
        return None
    cluster: Cluster = request.getfixturevalue("postgres")
    return cluster.database()


def queue(data: Path, url: str | None, lease: float = LEASE) -> Jobs:
    return Jobs(*open_state(data, url), lease=lease)


def start_worker(data: Path, url: str | None) -> subprocess.Popen[bytes]:
    env = os.environ | {"CAIWEN_DATA": str(data), "CAIWEN_JOB_LEASE": str(LEASE)}
    if url:
        env["CAIWEN_DATABASE_URL"] = url
    command = [sys.executable, "-m", "caiwen", "worker"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for(
    jobs: Jobs, job_id: str, worker: subprocess.Popen[bytes], *statuses: str, timeout: float = 180
) -> Job:
    """The job once in one of ``statuses``, while its worker runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            error = worker.stderr.read().decode()  # type: ignore[union-attr]
            raise AssertionError(f"the worker stopped: {error}")
        job = jobs.get(job_id)
        assert job is not None
        if job.status in statuses:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} not {statuses} in {timeout} s: {jobs.get(job_id)}")


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    """The worker processes a test starts, killed at its end whatever happened."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()


def test_a_worker_killed_mid_job_leaves_the_store_whole_and_another_finishes_it(
    samples: Path,
    tmp_path: Path,
    database_url: str | None,
    workers: list[subprocess.Popen[bytes]],
) -> None:
    """The 2024 预算 (23 pages) uploaded beside the 2017 决算."""
    budget = next(p for p in samples.iterdir() if "预算" in p.name)
    accounts = next(p for p in samples.iterdir() if "2017" in p.name)
    Ingested.run(tmp_path, accounts, url=database_url)
    before = Store.in_dir(tmp_path, database_url).counts()
    jobs = queue(tmp_path, database_url)
    job = jobs.submit(budget.name, budget.read_bytes())

    first = start_worker(tmp_path, database_url)
    workers.append(first)
    wait_for(jobs, job.id, first, "running")
    first.kill()
    first.wait()
    assert Store.in_dir(tmp_path, database_url).counts() == before
    assert jobs.get(job.id).status == "running"  # type: ignore[union-attr]

    workers.append(start_worker(tmp_path, database_url))
    done = wait_for(jobs, job.id, workers[-1], "done", "failed")
    assert done.status == "done", done.error
    assert jobs.attempts(job.id) == 2
    workers[-1].send_signal(signal.SIGTERM)
    assert workers[-1].wait(timeout=30) == 0

    reopened = Store.in_dir(tmp_path, database_url)
    stored = reopened.documents(year=2024, kind="预算")
    assert [d.id for d in stored] == [done.document_id]
    assert reopened.counts()["documents"] == before["documents"] + 1
    index = VectorIndex(chroma_client(tmp_path), load_embedder(DEFAULT_EMBED_MODEL))
    assert index.ids() == reopened.chunk_ids()  # the killed worker's vectors dropped


def test_each_job_is_claimed_by_one_worker(tmp_path: Path, database_url: str | None) -> None:
    first, second = queue(tmp_path, database_url), queue(tmp_path, database_url)
    submitted = [first.submit(f"第{n}份.pdf", b"%PDF-1.4").id for n in range(4)]
    claims = [first.claim("a"), second.claim("b"), second.claim("b"), first.claim("a")]
    assert [c.job for c in claims if c] == submitted
    assert first.claim("a") is None and second.claim("b") is None


def test_on_postgresql_a_worker_skips_a_job_locked_by_another(postgres: Cluster) -> None:
    url = postgres.database()
    jobs = queue(Path("/nonexistent"), url)
    older, newer = (jobs.submit(f"{n}.pdf", b"%PDF-1.4").id for n in ("old", "new"))
    holder, _ = open_state(Path("/nonexistent"), url)
    with holder.pg.transaction():
        holder.execute("SELECT id FROM jobs WHERE id = ? FOR UPDATE", [older])
        taken = jobs.claim("b")  # does not wait for the holder's transaction
    assert taken is not None and taken.job == newer


def test_a_job_whose_workers_keep_dying_fails_in_chinese(
    tmp_path: Path, database_url: str | None
) -> None:
    jobs = queue(tmp_path, database_url, lease=0.001)
    job = jobs.submit("杀手.pdf", b"%PDF-1.4")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        time.sleep(0.01)
        claim = jobs.claim(f"worker-{attempt}")
        assert claim is not None and claim.attempt == attempt
    time.sleep(0.01)
    assert jobs.claim("worker-last") is None
    failed = jobs.get(job.id)
    assert failed is not None and failed.status == "failed"
    assert f"中断了{MAX_ATTEMPTS}次" in (failed.error or "")


def test_a_worker_that_lost_its_lease_cannot_finish_the_job(
    tmp_path: Path, database_url: str | None
) -> None:
    jobs = queue(tmp_path, database_url, lease=0.001)
    jobs.submit("慢.pdf", b"%PDF-1.4")
    slow = jobs.claim("slow")
    time.sleep(0.01)
    fast = jobs.claim("fast")
    assert slow is not None and fast is not None and slow.job == fast.job
    assert not jobs.fail(slow, "slow", "太慢")
    assert jobs.renew(fast, "fast", (1, 2))
    assert jobs.get(fast.job).pages_done == 1  # type: ignore[union-attr]


def test_a_job_read_before_its_first_renewal_records_its_pages(
    tmp_path: Path, database_url: str | None
) -> None:
    """A file read within the first second (no progress renewed yet) is done with all its pages
    read, not with 0 of none (the upload test on PostgreSQL once saw that)."""
    jobs = queue(tmp_path, database_url)
    jobs.submit("快.pdf", b"%PDF-1.4")
    claim = jobs.claim("fast")
    assert claim is not None
    assert jobs.finish(claim, "fast", FileResult("快.pdf", "stored", "d1", pages=23))
    job = jobs.get(claim.job)
    assert job is not None and job.status == "done"
    assert (job.pages_done, job.pages_total) == (23, 23)
