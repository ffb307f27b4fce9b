"""The store at scale: generated disclosures (`caiwen samples OUTDIR --count N`) on SQLite and
on PostgreSQL, side by side in one run, at each size asked for.

For each size and engine: ingest pages/s with 1 and with 2 parser workers (each into a fresh
store), the store's size, department resolution (a generated department named the short way
people write it) and `ask` p50/p95 in-process over table questions scoped to one generated
department, warm. PostgreSQL is a throwaway cluster started as the tests start theirs
(tests/postgres.py: Debian's postgresql must be installed). HTTP throughput is
benchmarks/load.py's (`--workers N`).

Usage: python benchmarks/scale.py [--sizes 10 100 1000]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus_store import percentiles

from caiwen.config import DEFAULT_EMBED_MODEL, Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.samples import render_variants
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.engine import Engine
from caiwen.service.planner import Scope

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.postgres import Cluster, server_binaries

DEPARTMENT = "样本市东城区政务服务中心"
"""The first generated department (its 2017 and 2018 决算 and its 2024 预算)."""
SHORT_NAME = "东城区政务中心"
QUESTIONS = ["三公经费比上年变化多少", "招待费花了多少", "基本支出占比多少", "三公经费由哪些构成"]
ROUNDS = 10


def measure(files: list[Path], data: Path, url: str | None, workers: int) -> dict[str, Any]:
    store = Store.in_dir(data, url)
    index = VectorIndex(chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL))
    start = time.perf_counter()
    results = Ingestor(store, index, workers).ingest(files)
    seconds = time.perf_counter() - start
    pages = sum(r.pages or 0 for r in results if r.document_id)
    return {"store": store, "index": index, "pages_per_s": pages / seconds, "pages": pages}


def size_of(store: Store, url: str | None) -> float:
    """MB on disk: the SQLite file and its WAL, or the PostgreSQL database."""
    if url:
        return store.db.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def latencies(store: Store, index: VectorIndex, data: Path, url: str | None) -> dict[str, Any]:
    engine = Engine(store, index, Settings(data=data, database_url=url))
    scope = Scope(DEPARTMENT, 2018)
    for question in QUESTIONS:
        engine.ask(question, scope)
    asks, resolutions = [], []
    for _ in range(ROUNDS):
        for question in QUESTIONS:
            start = time.perf_counter()
            engine.ask(question, scope)
            asks.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        engine.tools.box.departments(SHORT_NAME)
        resolutions.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(asks)
    return {"ask_p50": p50, "ask_p95": p95, "resolve_ms": percentiles(resolutions)[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    bindir = server_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL's initdb/pg_ctl are missing (apt-get install postgresql)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Cluster.running(bindir) as cluster:
        files = render_variants(Path(tmp) / "docs", max(args.sizes))
        for size in args.sizes:
            for engine in ("sqlite", "postgresql"):
                row: dict[str, Any] = {"documents": size, "engine": engine}
                for workers in (1, 2):
                    data = Path(tmp) / f"{engine}-{size}-{workers}"
                    url = cluster.database() if engine == "postgresql" else None
                    run = measure(files[:size], data, url, workers)
                    row[f"ingest_{workers}"] = run["pages_per_s"]
                    if workers == 1:
                        row["size_mb"] = size_of(run["store"], url)
                        row |= latencies(run["store"], run["index"], data, url)
                rows.append(row)
                print(row, file=sys.stderr)
    print(
        "| documents | engine | ingest pages/s, 1 worker | 2 workers | store MB | "
        "resolve ms | ask p50 ms | ask p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['documents']} | {r['engine']} | {r['ingest_1']:.1f} | {r['ingest_2']:.1f} "
            f"| {r['size_mb']:.1f} | {r['resolve_ms']:.2f} | {r['ask_p50']:.1f} "
            f"| {r['ask_p95']:.1f} |"
        )
    first = {r["engine"]: r["ask_p50"] for r in rows if r["documents"] == min(args.sizes)}
    for r in rows:
        if r["documents"] == max(args.sizes):
            ratio = r["ask_p50"] / first[r["engine"]]
            print(f"{r['engine']}: ask p50 at {r['documents']} = {ratio:.2f}× at {min(args.sizes)}")


if __name__ == "__main__":
    main()
