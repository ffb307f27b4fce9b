"""Load on the HTTP service: concurrent clients against `caiwen serve` on 127.0.0.1.

Starts the service on the sample corpus (rendered and ingested into a temp dir), then runs
CLIENTS concurrent clients for SECONDS each against GET /healthz (the baseline: the server and
the HTTP stack with no work) and POST /api/chat (table questions: the whole answer path).
Reports errors, requests/s and latency p50/p95 of both, and the ratio.

Usage: python benchmarks/load.py [--clients 50] [--seconds 30]
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from caiwen.ingest.samples import render_samples

QUESTIONS = [
    "三公经费比上年变化多少",
    "招待费花了多少",
    "基本支出占本年支出的比例是多少",
    "三公经费由哪些构成",
    "机关运行经费是多少",
]
SCOPE = {"department": "示例市示范区政务服务中心", "year": 2018}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(data: Path, port: int) -> subprocess.Popen:
    caiwen = Path(sys.executable).with_name("caiwen")
    samples = data / "samples"
    render_samples(samples)
    subprocess.run(
        [caiwen, "ingest", samples, "--data", data / "store"], check=True, capture_output=True
    )
    env = os.environ | {"CAIWEN_CHAT_RATE": "1000000", "CAIWEN_CHAT_BURST": "1000000"}
    command = [caiwen, "serve", "--port", str(port), "--data", data / "store"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the service did not start")


async def client(base: str, chat: bool, until: float, seen: list[float], errors: list[str]):
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        i = 0
        while time.perf_counter() < until:
            start = time.perf_counter()
            try:
                if chat:
                    body = {"message": QUESTIONS[i % len(QUESTIONS)], "scope": SCOPE}
                    response = await http.post("/api/chat", json=body)
                else:
                    response = await http.get("/healthz")
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {response.text[:80]}")
            except httpx.HTTPError as error:
                errors.append(type(error).__name__)
            seen.append(time.perf_counter() - start)
            i += 1


async def load(base: str, chat: bool, clients: int, seconds: float) -> dict[str, Any]:
    seen: list[float] = []
    errors: list[str] = []
    until = time.perf_counter() + seconds
    await asyncio.gather(*(client(base, chat, until, seen, errors) for _ in range(clients)))
    ordered = sorted(seen)
    return {
        "requests": len(seen),
        "errors": len(errors),
        "seen": errors,
        "per_second": len(seen) / seconds,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        server = start_service(Path(tmp), port)
        try:
            base = f"http://127.0.0.1:{port}"
            health = asyncio.run(load(base, False, args.clients, args.seconds))
            chat = asyncio.run(load(base, True, args.clients, args.seconds))
        finally:
            server.terminate()
            server.wait(10)
    print(f"{args.clients} concurrent clients, {args.seconds:g} s each, 127.0.0.1\n")
    print("| endpoint | requests | errors | req/s | p50 ms | p95 ms |\n|---|---|---|---|---|---|")
    for name, r in (("GET /healthz (baseline)", health), ("POST /api/chat", chat)):
        print(
            f"| {name} | {r['requests']} | {r['errors']} | {r['per_second']:.1f} "
            f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} |"
        )
    ratio = chat["p50_ms"] / health["p50_ms"]
    print(f"\nchat p50 = {ratio:.1f}× the /healthz p50 under the same load")
    if health["errors"] or chat["errors"]:
        raise SystemExit(f"errors under load: {health['seen'][:3]} {chat['seen'][:3]}")


if __name__ == "__main__":
    main()
