"""Ingest speed against a bare pdfplumber pass over the same pages, in the same run.

  baseline   pdfplumber extract_text() + extract_tables() on every page, one process
  parse      caiwen's parse_file (lines, tables, sections, chunks), one process
  ingest     `Ingestor.ingest` of the whole directory into a fresh store: parsing in worker
             processes, SQLite writes, lexical index; embedding time measured and excluded
Reports pages/s and the ratio of each to the baseline (target: parse ≤ 1.5× baseline time).

Usage: python benchmarks/ingest_speed.py [CORPUS]   (default: $CAIWEN_REAL_CORPUS)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.document import parse_file
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client

REPEAT = 2


class TimedEmbedder:
    """Wraps an embedder to add up the time spent embedding."""

    def __init__(self, spec: str):
        self.inner = load_embedder(spec)
        self.name, self.dimension = self.inner.name, self.inner.dimension
        self.seconds = 0.0

    def embed(self, texts, kind):
        start = time.perf_counter()
        try:
            return self.inner.embed(texts, kind)
        finally:
            self.seconds += time.perf_counter() - start


def baseline(pdfs: list[Path]) -> float:
    start = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
    return time.perf_counter() - start


def parse(pdfs: list[Path]) -> float:
    start = time.perf_counter()
    for path in pdfs:
        parse_file(path)
    return time.perf_counter() - start


def ingest(pdfs: list[Path]) -> tuple[float, float]:
    """(wall seconds excluding embedding, embedding seconds) of a fresh multi-process ingest."""
    with tempfile.TemporaryDirectory() as tmp:
        embedder = TimedEmbedder(DEFAULT_EMBED_MODEL)
        ingestor = Ingestor(
            Store.in_dir(Path(tmp)), VectorIndex(chroma_client(Path(tmp)), embedder)
        )
        start = time.perf_counter()
        results = ingestor.ingest(pdfs)
        wall = time.perf_counter() - start
        assert all(r.status == "ingested" for r in results), results
        return wall - embedder.seconds, embedder.seconds


def best(run, pdfs: list[Path]):
    return min(
        (run(pdfs) for _ in range(REPEAT)), key=lambda t: t if isinstance(t, float) else t[0]
    )


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CAIWEN_REAL_CORPUS", ""))
    pdfs = sorted(corpus.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"no PDFs in {corpus!s}; pass a corpus directory or set CAIWEN_REAL_CORPUS")
    pages = sum(len(pdfplumber.open(p).pages) for p in pdfs)
    base = best(baseline, pdfs)
    ours = best(parse, pdfs)
    wall, embedding = best(ingest, pdfs)
    print(f"{len(pdfs)} PDFs, {pages} pages, {os.cpu_count()} cores, best of {REPEAT}\n")
    print("| pass | seconds | pages/s | × baseline time |\n|---|---|---|---|")
    for name, seconds in [
        ("bare pdfplumber (extract_text + extract_tables), 1 process", base),
        ("caiwen parse_file, 1 process", ours),
        ("caiwen ingest into a fresh store, worker processes, embedding excluded", wall),
    ]:
        print(f"| {name} | {seconds:.2f} | {pages / seconds:.1f} | {seconds / base:.2f} |")
    print(f"\nembedding ({DEFAULT_EMBED_MODEL}) during that ingest: {embedding:.2f} s")


if __name__ == "__main__":
    main()
