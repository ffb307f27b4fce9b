"""What it costs to never read a vector whose chunk was not committed.

An ingest adds a document's vectors before it commits its transaction; a kill in between
leaves vectors without chunks (orphans). Readers therefore ask Chroma for the nearest
passages among the committed chunk ids of the documents asked about (``ids=``), and the
service deletes orphans when it starts (every indexed id against every committed one).

For indexes of N synthetic passages (512-dimensional, 50 per document, like the default
model's), this measures a query restricted to one document and to twenty by ``ids`` against
the same query restricted by ``where`` document_id (the baseline: what readers did before),
and the startup check against opening the index.

Usage: python benchmarks/orphans.py [--sizes 1000 10000 50000]
"""

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus_store import percentiles

from caiwen.ingest.vectors import chroma_client

DIMENSIONS = 512
PER_DOCUMENT = 50
RUNS = 50


def vector(rng: random.Random) -> list[float]:
    values = [rng.gauss(0, 1) for _ in range(DIMENSIONS)]
    norm = sum(v * v for v in values) ** 0.5
    return [v / norm for v in values]


def timed(call: Callable[[], object], runs: int = RUNS) -> float:
    """Median seconds of a call."""
    seen = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        seen.append(time.perf_counter() - start)
    return percentiles(seen)[0]


def measure(size: int, rng: random.Random) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        collection = chroma_client(data).create_collection(
            "bench", metadata={"hnsw:space": "cosine"}
        )
        ids = [f"d{i // PER_DOCUMENT}-{i % PER_DOCUMENT}" for i in range(size)]
        for start in range(0, size, 1000):
            batch = ids[start : start + 1000]
            collection.add(
                ids=batch,
                embeddings=[vector(rng) for _ in batch],
                metadatas=[{"document_id": i.split("-")[0]} for i in batch],
            )
        query = [vector(rng)]
        one = [i for i in ids if i.startswith("d0-")]
        twenty_docs = [f"d{n}" for n in range(20)]
        twenty = [i for i in ids if i.split("-")[0] in twenty_docs]
        committed = set(ids)

        def ask(**where: object) -> object:
            return collection.query(query_embeddings=query, n_results=50, **where)

        return {
            "where 1": timed(lambda: ask(where={"document_id": "d0"})),
            "ids 1": timed(lambda: ask(ids=one)),
            "where 20": timed(lambda: ask(where={"document_id": {"$in": twenty_docs}})),
            "ids 20": timed(lambda: ask(ids=twenty)),
            "open": timed(lambda: chroma_client(data).get_collection("bench").count(), 5),
            "startup check": timed(lambda: set(collection.get(include=[])["ids"]) - committed, 5),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    args = parser.parse_args()
    rng = random.Random(14)
    print(
        "| passages | query, 1 document: ids / where | query, 20 documents: ids / where "
        "| startup check | open the index |\n|---|---|---|---|---|"
    )
    for size in args.sizes:
        m = measure(size, rng)
        print(
            f"| {size} | {m['ids 1'] * 1000:.1f} / {m['where 1'] * 1000:.1f} ms "
            f"({m['ids 1'] / m['where 1']:.2f}×) | {m['ids 20'] * 1000:.1f} / "
            f"{m['where 20'] * 1000:.1f} ms ({m['ids 20'] / m['where 20']:.2f}×) "
            f"| {m['startup check'] * 1000:.0f} ms | {m['open'] * 1000:.0f} ms |"
        )


if __name__ == "__main__":
    main()
