"""Load on the HTTP service: concurrent clients against `caiwen serve` on 127.0.0.1.

Starts the service on the sample corpus (rendered and ingested into a temp dir), then runs
CLIENTS concurrent clients for SECONDS each against GET /healthz (the baseline: the server and
the HTTP stack with no work), POST /api/chat (table questions: the whole answer path), and
POST /api/chat again while an admin uploads new versions of the sample disclosures one after
another (each a real ingest in the server, replacing the documents the questions are about).
Reports errors, requests/s and latency p50/p95 of each, the ratios, and the uploads.

With ``--baseline REF`` (e.g. ``main``), the same /healthz and chat phases are run first
against the service of that commit (`git archive`, its folders laid out as the packages
pyproject maps them to and imported ahead of this checkout through PYTHONPATH), run as it
runs (`caiwen serve`, one process), and the chat throughput and p95 are compared with it: the
single-lock baseline measured in the same run.

The five questions repeat, so with the answer cache (CAIWEN_ANSWER_CACHE, on by default) most
answers are kept ones; ``--answer-cache 0`` measures every answer computed.

Usage: python benchmarks/load.py [--clients 50] [--seconds 30] [--workers 1] [--baseline main]
       [--answer-cache N]
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx
from corpus_store import percentiles

from caiwen.ingest.samples import render_samples

QUESTIONS = [
    "三公经费比上年变化多少",
    "招待费花了多少",
    "基本支出占本年支出的比例是多少",
    "三公经费由哪些构成",
    "机关运行经费是多少",
]
SCOPE = {"department": "示例市示范区政务服务中心", "year": 2018}
TOKEN = "load-benchmark-admin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(
    data: Path, port: int, serve: list[str], env: dict[str, str] | None = None
) -> subprocess.Popen:
    """The samples ingested into ``data``, then ``caiwen serve`` with the ``serve`` options,
    started (``env``: more of the environment)."""
    caiwen = [sys.executable, "-m", "caiwen"]
    samples = data / "samples"
    render_samples(samples)
    ingest = [*caiwen, "ingest", str(samples), "--data", str(data / "store")]
    subprocess.run(ingest, check=True, capture_output=True, env=os.environ | (env or {}), cwd=data)
    return started(data / "store", port, serve, env or {})


def started(store: Path, port: int, serve: list[str], env: dict[str, str]) -> subprocess.Popen:
    """``caiwen serve`` of the store in ``store`` with the ``serve`` options, answering /healthz
    (rate limits lifted, the admin token set; ``env``: more of the environment; run in the
    store's folder, so that ``python -m caiwen`` imports the installed package, not a checkout
    in the current directory)."""
    env = os.environ | env | {"CAIWEN_CHAT_RATE": "1000000", "CAIWEN_CHAT_BURST": "1000000"}
    env |= {"CAIWEN_ADMIN_TOKEN": TOKEN}
    command = [sys.executable, "-m", "caiwen", "serve", "--port", str(port), "--data", str(store)]
    server = subprocess.Popen(
        [*command, *serve], env=env, cwd=store, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the service did not start")


class Connection:
    """One keep-alive HTTP/1.1 connection that writes prepared requests and reads their
    responses with no more work than the protocol needs: the load's own CPU stays small, so
    that on 2 cores the figures measure the service, not an HTTP client library."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def to(cls, base: str) -> "Connection":
        host, port = base.removeprefix("http://").split(":")
        return cls(*await asyncio.open_connection(host, int(port)))

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head)
        body = await self.reader.readexactly(int(length[1])) if length else b""
        return status, body

    def close(self) -> None:
        self.writer.close()


HEALTH = [b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"]
"""The request of the baseline phase: the server and the HTTP stack with no work."""


def chat_requests(questions: list[str], scope: dict[str, Any]) -> list[bytes]:
    """The prepared POST /api/chat requests a client sends in turn, one a question."""
    prepared = []
    for question in questions:
        body = json.dumps({"message": question, "scope": scope}).encode()
        head = (
            "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        prepared.append(head.encode() + body)
    return prepared


CHAT = chat_requests(QUESTIONS, SCOPE)


async def client(
    base: str, prepared: list[bytes], until: float, seen: list[float], errors: list[str]
) -> None:
    connection = await Connection.to(base)
    try:
        i = 0
        while time.perf_counter() < until:
            start = time.perf_counter()
            try:
                status, body = await connection.send(prepared[i % len(prepared)])
                if status != 200:
                    errors.append(f"{status} {body[:80].decode(errors='replace')}")
            except (OSError, asyncio.IncompleteReadError) as error:
                errors.append(type(error).__name__)
                connection = await Connection.to(base)
            seen.append(time.perf_counter() - start)
            i += 1
    finally:
        connection.close()


async def load(base: str, prepared: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` clients sending the ``prepared`` requests in turn for ``seconds``."""
    seen: list[float] = []
    errors: list[str] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(client(base, prepared, until, seen, errors) for _ in range(clients)))
    return summary(seen, errors, seconds)


async def load_with_uploads(
    base: str, clients: int, seconds: float, sources: list[Path]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Chat load while new versions of the sources are uploaded one after another."""
    seen: list[float] = []
    errors: list[str] = []
    uploads: list[float] = []
    failed: list[str] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(
        uploader(base, sources, until, uploads, failed),
        *(client(base, CHAT, until, seen, errors) for _ in range(clients)),
    )
    return summary(seen, errors, seconds), summary(uploads, failed, seconds)


async def uploader(
    base: str, sources: list[Path], until: float, seen: list[float], errors: list[str]
) -> None:
    """Upload a new version of each source in turn (a comment after %%EOF changes the bytes,
    not the content) and wait for its ingest job, until the time is up."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        n = 0
        while time.perf_counter() < until:
            source = sources[n % len(sources)]
            data = source.read_bytes() + f"\n%caiwen-load-{n}\n".encode()
            start = time.perf_counter()
            files = {"file": (source.name, data, "application/pdf")}
            response = await http.post("/api/documents", files=files, headers=headers)
            if response.status_code != 202:
                errors.append(f"upload {response.status_code} {response.text[:80]}")
            else:
                job = await finished(http, response.json()["id"])
                if job["status"] != "done":
                    errors.append(f"upload failed: {job['error']}")
            seen.append(time.perf_counter() - start)
            n += 1


async def finished(http: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    while True:
        job = (await http.get(f"/api/jobs/{job_id}")).json()
        if job["status"] in ("done", "failed"):
            return job
        await asyncio.sleep(0.2)


def summary(seen: list[float], errors: list[str], seconds: float) -> dict[str, Any]:
    p50, p95 = percentiles(seen)
    return {
        "requests": len(seen),
        "times": seen,
        "errors": len(errors),
        "seen": errors,
        "per_second": len(seen) / seconds,
        "p50_ms": p50 * 1000,
        "p95_ms": p95 * 1000,
    }


def baseline(ref: str, clients: int, seconds: float) -> list[tuple[str, dict[str, Any]]]:
    """The /healthz and chat phases against the service of commit ``ref``."""
    with tempfile.TemporaryDirectory() as tmp:
        source, packages = Path(tmp) / "source", Path(tmp) / "packages"
        source.mkdir()
        archive = subprocess.run(["git", "archive", ref], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", source], input=archive.stdout, check=True)
        project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
        for package, folder in project["tool"]["setuptools"]["package-dir"].items():
            at = packages / package.replace(".", "/")
            shutil.copytree(source / folder, at, dirs_exist_ok=True)
        port = free_port()
        server = start_service(Path(tmp), port, [], {"PYTHONPATH": str(packages)})
        try:
            base = f"http://127.0.0.1:{port}"
            health = asyncio.run(load(base, HEALTH, clients, seconds))
            chat = asyncio.run(load(base, CHAT, clients, seconds))
        finally:
            server.terminate()
            server.wait(10)
    return [(f"GET /healthz, {ref}", health), (f"POST /api/chat, {ref}", chat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="caiwen serve --workers")
    parser.add_argument("--baseline", help="a commit whose service to measure first (main)")
    parser.add_argument(
        "--answer-cache",
        type=int,
        help="CAIWEN_ANSWER_CACHE of the measured service (0: every answer computed)",
    )
    args = parser.parse_args()
    cache = {} if args.answer_cache is None else {"CAIWEN_ANSWER_CACHE": str(args.answer_cache)}
    base_rows = baseline(args.baseline, args.clients, args.seconds) if args.baseline else []
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_service(Path(tmp), port, ["--workers", str(args.workers)], cache)
        sources = sorted((Path(tmp) / "samples").glob("*.pdf"))
        try:
            base = f"http://127.0.0.1:{port}"
            health = asyncio.run(load(base, HEALTH, args.clients, args.seconds))
            chat = asyncio.run(load(base, CHAT, args.clients, args.seconds))
            busy, uploads = asyncio.run(
                load_with_uploads(base, args.clients, args.seconds, sources)
            )
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.clients} concurrent clients, {args.seconds:g} s each, 127.0.0.1, ", end="")
    print(f"{args.workers} server worker(s)\n")
    print("| endpoint | requests | errors | req/s | p50 ms | p95 ms |\n|---|---|---|---|---|---|")
    rows = (
        *base_rows,
        ("GET /healthz (baseline)", health),
        ("POST /api/chat", chat),
        ("POST /api/chat, uploads running", busy),
    )
    for name, r in rows:
        print(
            f"| {name} | {r['requests']} | {r['errors']} | {r['per_second']:.1f} "
            f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} |"
        )
    each = ", ".join(f"{t:.1f}" for t in uploads["times"])
    print(f"\nuploads while chatting: {uploads['requests']}, {uploads['errors']} failed; ", end="")
    print(f"seconds from POST /api/documents to the job done: {each}")
    print(f"\nchat p50 = {chat['p50_ms'] / health['p50_ms']:.1f}× the /healthz p50")
    print(f"chat p50 with uploads running = {busy['p50_ms'] / chat['p50_ms']:.2f}× without")
    if base_rows:
        lock = base_rows[1][1]
        print(f"chat req/s = {chat['per_second'] / lock['per_second']:.2f}× {args.baseline}'s")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    failures = [r["seen"][:3] for r in (health, chat, busy, uploads) if r["errors"]]
    if failures:
        raise SystemExit(f"errors under load: {failures}")


if __name__ == "__main__":
    main()
