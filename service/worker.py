"""The upload worker: claims jobs from the queue (service/jobs.py) and ingests each file, renewing
its lease while it works. ``caiwen worker`` runs one in a process of its own (as many as wanted,
on any machine that reaches the database, the kept originals and the vector index); the API runs
one in a thread when it ingests uploads itself (one machine, ``CAIWEN_API_INGESTS``)."""

import logging
import os
import shutil
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from caiwen.config import Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.jobs import Claim, Jobs, UploadError
from caiwen.service.statedb import open_state

log = logging.getLogger("caiwen.uploads")
IDLE_SECONDS = 1.0
"""How long a worker waits before looking at an empty queue again."""


def open_worker(settings: Settings) -> "Worker":
    """A worker with connections of its own to the store, the vector index and the queue (what
    ``caiwen worker`` runs)."""
    store = Store.in_dir(settings.data, settings.database_url)
    embedder = load_embedder(settings.embed_model)
    index = VectorIndex(chroma_client(settings.data, settings.chroma_url), embedder)
    ingestor = Ingestor(store, index, workers=1, limits=settings.file_limits())
    jobs = Jobs(*open_state(settings.data, settings.database_url), settings.job_lease)
    return Worker(jobs, lambda: ingestor, settings.data / "uploads")


class Worker:
    def __init__(self, jobs: Jobs, ingestor: Callable[[], Ingestor], workdir: Path):
        self.jobs, self.ingestor, self.workdir = jobs, ingestor, workdir
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def run(self, stop: threading.Event) -> None:
        """Work until ``stop`` is set (after the job in hand), looking at the queue again a
        moment after it was found empty."""
        while not stop.is_set():
            try:
                worked = self.run_once()
            except Exception:  # the database away for a moment must not end the worker
                log.exception("the upload worker could not reach the queue")
                worked = False
            if not worked:
                stop.wait(IDLE_SECONDS)

    def run_once(self) -> bool:
        """Claim one job and run it; whether there was one."""
        claim = self.jobs.claim(self.name)
        if claim is None:
            return False
        folder = self.workdir / claim.job
        shutil.rmtree(folder, ignore_errors=True)  # left by a worker that died on this job
        folder.mkdir(parents=True)
        path = folder / claim.file
        path.write_bytes(claim.content)
        try:
            with self._leased(claim) as pages:
                self._ingest(claim, path, pages)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return True

    def _ingest(self, claim: Claim, path: Path, pages: list[tuple[int, int]]) -> None:
        try:
            result = self.ingestor().ingest_file(
                path, lambda done, total: pages.append((done, total))
            )
        except UploadError as error:
            self.jobs.fail(claim, self.name, str(error))
            return
        except Exception as error:  # a bug on one upload must not stop the worker
            log.exception("upload %s (%s) failed", claim.job, claim.file)
            self.jobs.fail(claim, self.name, f"导入失败（{type(error).__name__}）")
            return
        if not self.jobs.finish(claim, self.name, result):
            log.warning("upload %s finished after its lease passed to another worker", claim.job)

    @contextmanager
    def _leased(self, claim: Claim) -> Iterator[list[tuple[int, int]]]:
        """Renew the lease (with the pages read so far) every quarter lease, at most every
        second, until the job is over; yields the list the pages read are appended to."""
        pages: list[tuple[int, int]] = []
        over = threading.Event()

        def renew() -> None:
            while not over.wait(min(self.jobs.lease / 4, 1.0)):
                if not self.jobs.renew(claim, self.name, pages[-1] if pages else None):
                    log.warning("upload %s: the lease passed to another worker", claim.job)
                    return

        beat = threading.Thread(target=renew, name=f"caiwen-lease-{claim.job}", daemon=True)
        beat.start()
        try:
            yield pages
        finally:
            over.set()
            beat.join()
