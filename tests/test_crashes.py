"""Ingests killed and raced: real `caiwen ingest` processes, killed with SIGKILL at the worst
moment or started at the same time into one new data directory."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from caiwen.config import DEFAULT_EMBED_MODEL, Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.api import create_app
from caiwen.service.engine import Engine
from caiwen.service.search import search_passages
from caiwen.service.toolbox import Toolbox
from tests import badfiles

CAIWEN = [sys.executable, "-m", "caiwen"]
LONG = "示例区长文中心2018年度部门决算.txt"


def start_ingest(data: Path, *paths: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    """`caiwen ingest` in a session of its own (so everything it starts can be found)."""
    env = os.environ | {"CAIWEN_WORKERS": str(workers)}
    command = [*CAIWEN, "ingest", *map(str, paths), "--data", str(data)]
    return subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(0.05)


def session(sid: int) -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of every live process in the session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        state, ppid, _, process_session = stat.rsplit(")", 1)[1].split()[:4]
        if int(process_session) == sid and state != "Z":
            found.append((int(entry.name), int(ppid), command))
    return found


def test_a_killed_multi_file_ingest_leaves_no_process_behind(samples: Path, tmp_path: Path):
    ingest = start_ingest(tmp_path / "data", samples, workers=2)
    try:
        workers = lambda: [p for p in session(ingest.pid) if "forkserver" in p[2]]  # noqa: E731
        wait_until(lambda: len(workers()) >= 3, 300, "the forkserver and two workers")
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        wait_until(lambda: not session(ingest.pid), 20, "every process of the ingest to end")
    finally:
        for pid, _, _ in session(ingest.pid):
            os.kill(pid, signal.SIGKILL)


OPEN_STORE = """
import sys, time
from pathlib import Path
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import chroma_client
data, gate, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
(gate / sys.argv[4]).touch()
while len(list(gate.iterdir())) < count:
    time.sleep(0.001)
Store.in_dir(data)
chroma_client(data).get_or_create_collection("chunks-test")
"""


def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Six processes held at a gate, then all creating the schema of one new data directory
    (SQLite and Chroma) at once, three times over."""
    for attempt in range(3):
        data, gate = tmp_path / f"data{attempt}", tmp_path / f"gate{attempt}"
        gate.mkdir()
        command = [sys.executable, "-c", OPEN_STORE, str(data), str(gate), "6"]
        racers = [
            subprocess.Popen([*command, str(i)], stderr=subprocess.PIPE, text=True)
            for i in range(6)
        ]
        failures = [r.communicate(timeout=300)[1] for r in racers if r.wait(300) != 0]
        assert failures == [], failures[0]


def test_two_ingests_into_one_new_data_directory_both_store_their_files(
    samples: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    files = sorted(p for p in samples.iterdir() if "决算" in p.name)
    ingests = [start_ingest(data, path) for path in files]
    errors = [i.communicate(timeout=900)[1].decode() for i in ingests]
    assert [i.returncode for i in ingests] == [0, 0], errors
    assert {d.file_name for d in Store.in_dir(data).documents()} == {p.name for p in files}


def test_vectors_of_a_killed_ingest_are_never_read_and_are_cleared_at_startup(
    tmp_path: Path,
) -> None:
    """Kill -9 while a new version of a document is being embedded: its vectors are in the
    index, its chunks were never committed. Readers see only committed chunks; starting the
    service deletes the rest."""
    data = tmp_path / "data"
    first = badfiles.long_disclosure(tmp_path / "v1" / LONG, edition=1, paragraphs=1200)
    second = badfiles.long_disclosure(tmp_path / "v2" / LONG, edition=2, paragraphs=1200)
    done = start_ingest(data, first)
    assert done.wait(900) == 0, done.communicate()[1]
    indexed = sqlite3.connect(f"file:{data / 'chroma' / 'chroma.sqlite3'}?mode=ro", uri=True)
    before = vectors(indexed)
    ingest = start_ingest(data, second)
    wait_until(lambda: vectors(indexed) > before, 900, "the new version's first vectors")
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()

    store = Store.in_dir(data)
    index = VectorIndex(chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL))
    committed = store.chunk_ids()
    assert index.ids() - committed, "the kill left vectors whose chunks were never committed"
    [doc] = store.documents()
    question = "窗口服务和信息系统运行维护的经费"
    nearest = index.query(question, 50, sorted(committed))
    assert len(nearest) == 50 and {chunk for chunk, _ in nearest} <= committed
    passages = search_passages(Toolbox(store, index), question, [doc.id], 5)
    assert len(passages) == 5 and {p.chunk_id for p in passages} <= committed

    settings = Settings(data=data)
    create_app(settings, Engine(store, index, settings))
    assert index.ids() == committed


def vectors(indexed: sqlite3.Connection) -> int:
    """Vectors in the embedded index (read from Chroma's own database, as it grows)."""
    return indexed.execute("SELECT count(*) FROM embeddings").fetchone()[0]
