"""Two API replicas, as a deployment runs them: real `caiwen serve` processes (one of them with
two uvicorn workers), each with its own data directory, on one PostgreSQL server and one
Chroma server. They agree on what outlives a request: a conversation started on one continues
on the other, a Slack event redelivered to the other is answered once, and one client's rate
limit holds across both."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.postgres import Cluster
from tests.slack_mock import SECRET, MockSlack, mention, mock_slack
from tests.support import Ingested
from tests.wire import wait_until_answering

SFZ = "示例市示范区政务服务中心"


@dataclass(frozen=True)
class Replica:
    url: str
    pid: int
    log: Path


START_SECONDS = 240
WORKERS_SECONDS = 60
"""How long a worker the supervisor restarts may take to be back."""


@pytest.fixture(scope="module")
def deployed(
    samples: Path, postgres: Cluster, chroma: str, tmp_path_factory: pytest.TempPathFactory
) -> Ingested:
    """The samples ingested into a PostgreSQL database and the Chroma server."""
    data = tmp_path_factory.mktemp("ingested")
    return Ingested.run(data, samples, url=postgres.database(), chroma_url=chroma)


@pytest.fixture(scope="module")
def slack() -> Iterator[MockSlack]:
    with mock_slack() as server:
        yield server


@pytest.fixture(scope="module")
def replicas(
    deployed: Ingested, slack: MockSlack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Replica]]:
    """Two replicas (the first with 2 workers), started and stopped here."""
    env = os.environ | {
        "CAIWEN_DATABASE_URL": str(deployed.url),
        "CAIWEN_CHROMA_URL": str(deployed.chroma_url),
        "CAIWEN_CHAT_RATE": "1",
        "CAIWEN_TRUSTED_PROXIES": "127.0.0.1",
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "CAIWEN_SLACK_API_URL": f"{slack.url}/api/",
    }
    started = []
    for name, workers in (("one", 2), ("two", 1)):
        port = _free_port()
        data = tmp_path_factory.mktemp(f"replica-{name}")
        command = [sys.executable, "-m", "caiwen", "serve", "--port", str(port)]
        command += ["--workers", str(workers), "--data", str(data)]
        process = subprocess.Popen(command, env=env, stderr=(data / "log").open("wb"))
        started.append((process, f"http://127.0.0.1:{port}", data / "log"))
    try:
        for process, url, log in started:
            wait_until_answering(process, f"{url}/healthz", log, START_SECONDS)
        yield [Replica(url, process.pid, log) for process, url, log in started]
    finally:
        for process, _, _ in started:
            process.send_signal(signal.SIGINT)
        for process, _, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def client(replica: "Replica", address: str) -> httpx.Client:
    """A client of one replica, seen (through the trusted proxy header) from ``address``."""
    return httpx.Client(base_url=replica.url, headers={"X-Forwarded-For": address}, timeout=60)


def test_the_first_replica_runs_two_worker_processes(replicas: list[Replica]) -> None:
    with client(replicas[0], "192.0.2.40") as one:
        assert one.get("/readyz").json()["status"] == "ok"
    deadline = time.monotonic() + WORKERS_SECONDS
    while len(_workers(replicas[0].pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
    log = replicas[0].log.read_text(errors="replace")[-4000:]
    assert len(_workers(replicas[0].pid)) == 2, log


def test_a_conversation_started_on_one_replica_continues_on_the_other(
    replicas: list[Replica],
) -> None:
    with client(replicas[0], "192.0.2.41") as one, client(replicas[1], "192.0.2.41") as two:
        first = one.post("/api/chat", json={"message": f"{SFZ}2018年三公经费是多少"}).json()
        follow = {"message": "那公务接待费呢？", "session_id": first["session_id"]}
        second = two.post("/api/chat", json=follow).json()
        third = one.post("/api/chat", json=follow | {"message": "2017年呢？"}).json()
    assert second["session_id"] == third["session_id"] == first["session_id"]
    assert "公务接待费" in second["answer"] and "0.93" in second["answer"]
    assert "2017" in third["answer"] and "公务接待费" in third["answer"]


def test_a_slack_event_redelivered_to_the_other_replica_is_answered_once(
    replicas: list[Replica], slack: MockSlack
) -> None:
    before = len(slack.called("chat.postMessage"))
    with client(replicas[0], "192.0.2.42") as one, client(replicas[1], "192.0.2.42") as two:
        assert mention(one, "招待费花了多少", "Ev-replicas").status_code == 200
        slack.wait_for("chat.postMessage", before + 1)
        assert mention(two, "招待费花了多少", "Ev-replicas").status_code == 200
        time.sleep(2)
    assert len(slack.called("chat.postMessage")) == before + 1


def test_the_rate_limit_holds_across_replicas(replicas: list[Replica]) -> None:
    """A burst of 10 at 1 a minute: the 11th and 12th are refused, whichever replica."""
    with client(replicas[0], "192.0.2.43") as one, client(replicas[1], "192.0.2.43") as two:
        answers = [c.post("/api/chat", json={"message": "三公经费是多少"}) for c in [one, two] * 6]
    assert [a.status_code for a in answers] == [200] * 10 + [429] * 2


def _workers(supervisor: int) -> list[Path]:
    """The live worker processes uvicorn's supervisor ``supervisor`` has spawned (a worker it
    is restarting is, for a moment, a zombie with no command line)."""
    children = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == supervisor]
    return [c for c in children if b"spawn_main" in _command_line(c)]


def _command_line(process: Path) -> bytes:
    try:
        return (process / "cmdline").read_bytes()
    except OSError:
        return b""


def _parent(process: Path) -> int | None:
    try:
        return int((process / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
