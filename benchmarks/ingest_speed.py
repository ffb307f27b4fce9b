"""Ingest speed against a bare pdfplumber pass over the same pages, in the same run.

  baseline   pdfplumber extract_text() + extract_tables() on every page, one process
  parse      caiwen's parse_file (lines, tables, sections, chunks), one process
  ingest     `Ingestor.ingest` of the whole directory into a fresh store: parsing in worker
             processes, SQLite writes, lexical index; embedding time measured and excluded
Reports pages/s and the ratio of each to the baseline (target: parse ≤ 1.5× baseline time).
Pages read by OCR are reported apart, in seconds per page: those of the corpus (pages without a
text layer, timed inside the parse pass and left out of its pages/s), and scanned copies of the
first table page of the first PDFs (``caiwen.ingest.scans``), whose figures are compared with
what the text layer of the same page gives.

Usage: python benchmarks/ingest_speed.py [CORPUS] [OCR_PAGES]
       (default: $CAIWEN_REAL_CORPUS, 4 scanned pages)
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest import pdf as pdf_reader
from caiwen.ingest.document import parse_file
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.errors import IngestError
from caiwen.ingest.pdf import read_pdf
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.scans import page_amounts, scan
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client

REPEAT = 2
OCR_PAGES = 4
TABLE_ROWS = 5


class OcrClock:
    """Times every page the PDF reader sends to OCR (the reader's own step, wrapped): wall
    seconds, and CPU seconds of all the process's threads (what a shared machine's load does
    not change)."""

    def __init__(self) -> None:
        self.pages, self.seconds, self.cpu = 0, 0.0, 0.0
        self.inner = pdf_reader._ocr_page

    def __enter__(self) -> "OcrClock":
        def timed(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return self.inner(*args, **kwargs)
            finally:
                self.pages += 1
                self.seconds += time.perf_counter() - start
                self.cpu += time.process_time() - cpu

        pdf_reader._ocr_page = timed
        return self

    def __exit__(self, *exc: object) -> None:
        pdf_reader._ocr_page = self.inner


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
    """Seconds of parse_file over the corpus, OCR excluded (reported by ``ocr_in_corpus``)."""
    with OcrClock() as ocr:
        start = time.perf_counter()
        for path in pdfs:
            try:
                parse_file(path)
            except IngestError:
                continue  # a crawled folder holds junk: it is turned away, not parsed
        parse.ocr = ocr  # type: ignore[attr-defined]
        return time.perf_counter() - start - ocr.seconds


def scanned_copies(pdfs: list[Path], count: int, folder: Path) -> list[tuple[Path, Path]]:
    """(text copy, scanned copy) of the first table page of the first PDFs that have one."""
    pairs: list[tuple[Path, Path]] = []
    for path in pdfs:
        if len(pairs) == count:
            break
        page = first_table_page(path)
        if page is None:
            continue
        stem = folder / f"{len(pairs)}"
        text = scan(path, stem.with_suffix(".text.pdf"), [page], keep_text=[page])
        pairs.append((text, scan(path, stem.with_suffix(".scan.pdf"), [page])))
    return pairs


def first_table_page(path: Path) -> int | None:
    """The first page after the cover with a ruled table of a few rows."""
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[1:]:
                if any(len(t.rows) >= TABLE_ROWS for t in page.find_tables()):
                    return page.page_number
    except Exception:
        return None
    return None


def ocr_copies(pdfs: list[Path], count: int) -> tuple[OcrClock, int, int, int]:
    """(the OCR time, amounts printed on the pages, amounts OCR gave back, amounts OCR read
    that the page does not print): each scanned page against its own text layer."""
    expected, found, extra = 0, 0, 0
    with tempfile.TemporaryDirectory() as tmp, OcrClock() as ocr:
        for text, scanned in scanned_copies(pdfs, count, Path(tmp)):
            [printed], [read] = read_pdf(text), read_pdf(scanned)
            want, got = page_amounts(printed), page_amounts(read)
            expected += sum(want.values())
            found += sum((want & got).values())
            extra += sum((got - want).values())
    return ocr, expected, found, extra


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
    ocr_pages = int(sys.argv[2]) if len(sys.argv) > 2 else OCR_PAGES
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
    in_corpus: OcrClock = parse.ocr  # type: ignore[attr-defined]
    copies, expected, found, extra = ocr_copies(pdfs, ocr_pages)
    print("\n| OCR | pages | s/page | CPU s/page | amounts given back |\n|---|---|---|---|---|")
    for name, clock, given in [
        ("pages without a text layer in the corpus", in_corpus, ""),
        (
            "scanned copies of table pages",
            copies,
            f"{found}/{expected} ({found / max(expected, 1):.1%}), {extra} wrong",
        ),
    ]:
        if clock.pages:
            per_page = f"{clock.seconds / clock.pages:.2f} | {clock.cpu / clock.pages:.2f}"
            print(f"| {name} | {clock.pages} | {per_page} | {given} |")


if __name__ == "__main__":
    main()
