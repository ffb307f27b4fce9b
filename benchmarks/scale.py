"""The store at scale: generated disclosures (`caiwen samples OUTDIR --count N`) on SQLite and
on PostgreSQL, side by side in one run, at each size asked for.

An ingest costs about 0.35 CPU-seconds a page (pdfminer reading each page's content stream
in Python, then the embedding and the store's writes), so 1,000 generated documents (19,000
pages) take hours on a shared machine, and the stores are built so that each page is parsed
once:

- One store per engine grows through the sizes: the documents from one size to the next are
  ingested with 2 parser workers into the store holding the smaller size (in batches of
  BATCH files, each an `Ingestor.ingest` run as `caiwen ingest` makes), and their pages/s is
  the "2 workers" figure of the larger size. The "1 worker" figure is a fresh store of the
  size's documents, measured up to ``--fresh-up-to`` documents.
- Past ``--ingest-up-to`` documents, the SQLite store is filled to the size without parsing:
  a generated disclosure is a bundled spec under other names (`variant_names`), so each
  further document is the parse of the first document of its spec with the names replaced
  (`renamed`), written by `Ingestor.replace` (the store's transaction, the audit, the lexical
  index and the vector index, as an ingest writes) with the vectors of the passages it was
  renamed from (`Renamed`). The run checks the claim on the last ingested document (its
  parse against the renamed parse of its spec's first document) and prints the result. Its
  ingest figures are left blank.
- The PostgreSQL store past ``--ingest-up-to`` is the SQLite store of that size copied by
  `copy_store` (what `caiwen migrate-store` runs), beside the same vector index.

At each size and engine: the store's size, department resolution (the directory reading a
generated department named the short way people write it; a name resolved before is
remembered) and `ask` p50/p95 in-process over table questions
scoped to one generated department, warm; then HTTP: `caiwen serve` on the store with 1 and
with 2 workers (``--http-workers``), each under CLIENTS concurrent clients asking the same
questions for SECONDS (benchmarks/load.py's clients), every answer computed (no answer cache),
its requests/s, p50, p95 and errors. The load average is printed beside each row (the
machine is shared). PostgreSQL is a throwaway cluster started as the tests start theirs
(tests/postgres.py: Debian's postgresql must be installed). The single-lock baseline of the
HTTP acceptance is benchmarks/load.py's (`--baseline`).

Usage: python benchmarks/scale.py [--sizes 10 100 1000] [--fresh-up-to 10] [--ingest-up-to 100]
                                  [--documents DIR] [--clients 50] [--seconds 30]
                                  [--http-workers 1 2]
"""

import argparse
import asyncio
import dataclasses
import hashlib
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from corpus_store import percentiles
from load import chat_requests, free_port, load, started

from caiwen.config import DEFAULT_EMBED_MODEL, Settings
from caiwen.ingest.document import ParsedDocument, parse_file
from caiwen.ingest.embedding import Embedder, Kind, load_embedder
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.samples import render_variants, sample_specs, variant_names
from caiwen.ingest.store import Store
from caiwen.ingest.stored import document_id
from caiwen.ingest.transfer import copy_store
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
BATCH = 100


@dataclass
class Grown:
    """One engine's store, grown through the sizes."""

    data: Path
    url: str | None
    store: Store
    index: VectorIndex
    documents: int = 0
    rates: dict[int, float] = field(default_factory=dict)


def open_store(data: Path, url: str | None) -> tuple[Store, VectorIndex]:
    return Store.in_dir(data, url), VectorIndex(
        chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL)
    )


def ingest(store: Store, index: VectorIndex, files: list[Path], workers: int) -> float:
    """Pages/s of ingesting ``files`` (BATCH at a time) into the store."""
    pages, seconds = 0, 0.0
    for first in range(0, len(files), BATCH):
        start = time.perf_counter()
        results = Ingestor(store, index, workers).ingest(files[first : first + BATCH])
        seconds += time.perf_counter() - start
        pages += sum(r.pages or 0 for r in results if r.document_id)
        print(f"  {first + BATCH} of {len(files)}: {pages / seconds:.2f} pages/s", file=sys.stderr)
    return pages / seconds


def fresh_rate(files: list[Path], data: Path, url: str | None) -> float:
    """Pages/s of ingesting ``files`` with 1 worker into a fresh store."""
    store, index = open_store(data, url)
    rate = ingest(store, index, files, 1)
    store.close()
    return rate


class Names:
    """One generated document's names in place of its spec's first document's (and a content
    hash of its own), in one pass over a string."""

    def __init__(self, number: int, base: ParsedDocument):
        names = variant_names(number + 1)
        (city, district, department), (c0, d0, dep0) = names[number], names[0]
        digest = hashlib.sha256(f"{base.content_hash}-{number}".encode()).hexdigest()
        self.to = {c0 + d0 + dep0: city + district + department, c0: city, d0: district}
        self.to |= {dep0: department, base.content_hash: digest}
        self.back = {new: old for old, new in self.to.items()}

    def forward(self, text: str) -> str:
        return _replace_all(text, self.to)

    def backward(self, text: str) -> str:
        return _replace_all(text, self.back)


def _replace_all(text: str, names: dict[str, str]) -> str:
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.sub(pattern, lambda m: names[m.group()], text)


def renamed(node: Any, names: Names) -> Any:
    """``node`` (a parsed document, or any part of one) with every string's names replaced."""
    if isinstance(node, str):
        return names.forward(node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        fields = {f.name: renamed(getattr(node, f.name), names) for f in dataclasses.fields(node)}
        return dataclasses.replace(node, **fields)
    if isinstance(node, list | tuple):
        return type(node)(renamed(item, names) for item in node)
    if isinstance(node, dict):
        return {renamed(key, names): renamed(value, names) for key, value in node.items()}
    return node


class Renamed:
    """An embedder of renamed passages: each gets the vector of the passage it was renamed from,
    embedded once."""

    def __init__(self, embedder: Embedder):
        self.embedder, self.name, self.dimension = embedder, embedder.name, embedder.dimension
        self.names: Names | None = None
        self.vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str], kind: Kind) -> np.ndarray:
        assert self.names is not None
        originals = [self.names.backward(text) for text in texts]
        missing = sorted({text for text in originals if text not in self.vectors})
        if missing:
            self.vectors |= dict(zip(missing, self.embedder.embed(missing, kind), strict=True))
        return np.stack([self.vectors[text] for text in originals])


def leaves(node: Any) -> list[Any]:
    """The strings and figures of a parsed document in order (not its positions)."""
    if isinstance(node, str | Decimal):
        return [node]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [x for f in dataclasses.fields(node) for x in leaves(getattr(node, f.name))]
    if isinstance(node, list | tuple):
        return [x for item in node for x in leaves(item)]
    if isinstance(node, dict):
        return [x for key, value in node.items() for x in leaves(key) + leaves(value)]
    return []


def fill(grown: Grown, files: list[Path], size: int) -> None:
    """Documents ``grown.documents`` … ``size`` written from renamed parses (see above)."""
    specs = len(sample_specs())
    bases = [parse_file(path) for path in files[:specs]]
    last = grown.documents - 1
    check = renamed(bases[last % specs], Names(last, bases[last % specs]))
    parsed = parse_file(files[last])
    own, theirs = leaves(parsed), leaves(check)
    differ = [
        (a, b) for a, b in zip(own, theirs, strict=False) if a not in (b, parsed.content_hash)
    ]
    print(
        f"document {last + 1}: its parse ({len(own)} strings and figures) and the renamed "
        f"parse ({len(theirs)}) differ in {len(differ)} besides the content hash: {differ[:3]}",
        file=sys.stderr,
    )
    embedder = Renamed(grown.index.embedder)
    ingestor = Ingestor(grown.store, VectorIndex(chroma_client(grown.data), embedder), 1)
    for number in range(grown.documents, size):
        base = bases[number % specs]
        embedder.names = Names(number, base)
        doc = renamed(base, embedder.names)
        failure = ingestor.replace(document_id(doc.identity), doc)
        if failure:
            raise SystemExit(f"document {number + 1}: {failure}")
    grown.documents = size


def size_of(store: Store, url: str | None) -> float:
    """MB on disk: the SQLite file (its write-ahead log checkpointed), or the PostgreSQL
    database."""
    if url:
        return store.db.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 1e6
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store.path.stat().st_size / 1e6


def latencies(store: Store, index: VectorIndex, data: Path, url: str | None) -> dict[str, Any]:
    engine = Engine(store, index, Settings(data=data, database_url=url, answer_cache=0))
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
        engine.tools.box.directory().find(SHORT_NAME)  # what resolving a name not seen reads
        resolutions.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(asks)
    return {"ask_p50": p50, "ask_p95": p95, "resolve_ms": percentiles(resolutions)[0]}


@dataclass(frozen=True)
class Http:
    """The HTTP phases: ``clients`` clients for ``seconds`` against each of ``workers``."""

    clients: int
    seconds: float
    workers: tuple[int, ...]


def served(grown: Grown, http: Http) -> dict[str, Any]:
    """Requests/s, p50, p95 and errors of `caiwen serve` on the store, for each worker count."""
    env = {"CAIWEN_ANSWER_CACHE": "0"} | ({"CAIWEN_DATABASE_URL": grown.url} if grown.url else {})
    chat = chat_requests(QUESTIONS, {"department": DEPARTMENT, "year": 2018})
    row = {}
    for workers in http.workers:
        port = free_port()
        server = started(grown.data, port, ["--workers", str(workers)], env)
        try:
            result = asyncio.run(load(f"http://127.0.0.1:{port}", chat, http.clients, http.seconds))
        finally:
            server.terminate()
            server.wait(30)
        row[workers] = {k: result[k] for k in ("per_second", "p50_ms", "p95_ms", "errors")}
    return row


def copied(source: Grown, url: str) -> Grown:
    """The SQLite store copied into PostgreSQL, beside the same vector index."""
    store = Store.in_dir(source.data, url)
    copy_store(source.store, store)
    return Grown(source.data, url, store, source.index, source.documents)


def measure(grown: Grown, size: int, fresh: float | None, http: Http) -> dict[str, Any]:
    row = {"documents": size, "engine": "postgresql" if grown.url else "sqlite"}
    row |= {"ingest_1": fresh, "ingest_2": grown.rates.get(size)}
    row["size_mb"] = size_of(grown.store, grown.url)
    row |= latencies(grown.store, grown.index, grown.data, grown.url)
    row["http"] = served(grown, http)
    row["load"] = os.getloadavg()[0]
    print(row, file=sys.stderr)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--fresh-up-to", type=int, default=10)
    parser.add_argument("--ingest-up-to", type=int, default=100)
    parser.add_argument(
        "--documents", type=Path, help="render the documents here, keeping those already there"
    )
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--http-workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    http = Http(args.clients, args.seconds, tuple(args.http_workers))
    bindir = server_binaries()
    if bindir is None:
        raise SystemExit("PostgreSQL's initdb/pg_ctl are missing (apt-get install postgresql)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Cluster.running(bindir) as cluster:
        rendered = args.documents or Path(tmp) / "docs"
        files = render_variants(rendered, max(args.sizes), reuse=bool(args.documents))
        stores: dict[str, Grown] = {}
        for engine in ("sqlite", "postgresql"):
            url = cluster.database() if engine == "postgresql" else None
            stores[engine] = Grown(Path(tmp) / engine, url, *open_store(Path(tmp) / engine, url))
        for size in sorted(args.sizes):
            for engine, grown in stores.items():
                url = grown.url
                if url and size > args.ingest_up_to:
                    grown = stores[engine] = copied(stores["sqlite"], cluster.database())
                elif size > args.ingest_up_to:
                    fill(grown, files, size)
                else:
                    more = files[grown.documents : size]
                    grown.rates[size] = ingest(grown.store, grown.index, more, 2)
                    grown.documents = size
                fresh = None
                if size <= args.fresh_up_to:
                    data = Path(tmp) / f"{engine}-fresh-{size}"
                    fresh = fresh_rate(files[:size], data, url and cluster.database())
                rows.append(measure(grown, size, fresh, http))
    print(
        "| documents | engine | ingest pages/s, 1 worker | 2 workers | store MB | "
        "resolve ms | ask p50 ms | ask p95 ms | load average |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        rates = [f"{r[k]:.2f}" if r[k] else "—" for k in ("ingest_1", "ingest_2")]
        print(
            f"| {r['documents']} | {r['engine']} | {rates[0]} | {rates[1]} "
            f"| {r['size_mb']:.1f} | {r['resolve_ms']:.2f} | {r['ask_p50']:.1f} "
            f"| {r['ask_p95']:.1f} | {r['load']:.1f} |"
        )
    print(f"\nHTTP, {http.clients} concurrent clients, {http.seconds:g} s each, no answer cache:\n")
    print("| documents | engine | workers | req/s | p50 ms | p95 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        for workers, h in r["http"].items():
            print(
                f"| {r['documents']} | {r['engine']} | {workers} | {h['per_second']:.1f} "
                f"| {h['p50_ms']:.1f} | {h['p95_ms']:.1f} | {h['errors']} |"
            )
    first = {r["engine"]: r["ask_p50"] for r in rows if r["documents"] == min(args.sizes)}
    for r in rows:
        if r["documents"] == max(args.sizes):
            ratio = r["ask_p50"] / first[r["engine"]]
            print(f"{r['engine']}: ask p50 at {r['documents']} = {ratio:.2f}× at {min(args.sizes)}")


if __name__ == "__main__":
    main()
