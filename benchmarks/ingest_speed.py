"""Ingest speed against a bare pdfplumber pass over the same pages, in the same run.

  baseline   pdfplumber extract_text() + extract_tables() on every page of the PDFs with a
             text layer, one process
  ingest     `Ingestor.ingest` of the whole folder (every file under it: junk, web pages and
             copies included, the scans aside) into a fresh store, in one process and in
             worker processes: parsing, SQLite writes, lexical index; embedding time measured
             and excluded
Reports pages/s and the ratio of each to the baseline (target: ≤ 1.0× baseline time).
Pages read by OCR are reported apart, in seconds per page: the PDFs whose first page has no
text layer (parsed alone, the OCR step timed), and scanned copies of the first table page of
the first PDFs (``caiwen.ingest.scans``), whose figures are compared with what the text layer
of the same page gives. Peak memory (resident, in a fresh process) of parsing the longest
document is reported beside that of a bare pdfplumber pass over it.

Usage: python benchmarks/ingest_speed.py [CORPUS] [OCR_PAGES] [REPEAT]
       (default: $CAIWEN_REAL_CORPUS, 4 scanned pages, best of 2)
"""

import contextlib
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pdfplumber

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest import pdf as pdf_reader
from caiwen.ingest.document import parse_file
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.errors import IngestError
from caiwen.ingest.pdf import read_pdf
from caiwen.ingest.pipeline import Ingestor, expand
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
        bare_pass(path)
    return time.perf_counter() - start


def bare_pass(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def split(files: list[Path]) -> tuple[dict[Path, int], list[Path]]:
    """(the PDFs with a text layer and their pages, the PDFs whose first page has none); files
    that are not PDFs whatever their name (web pages, empty files) are in neither."""
    text, scans = {}, []
    for path in files:
        if not path.read_bytes()[:1024].lstrip().startswith(b"%PDF-"):
            continue
        with pdfplumber.open(path) as pdf:
            if pdf.pages and not pdf.pages[0].chars:
                scans.append(path)
            else:
                text[path] = len(pdf.pages)
    return text, scans


def ocr_scans(scans: list[Path]) -> OcrClock:
    """The OCR time of parsing the scanned PDFs (junk is turned away after its first page)."""
    with OcrClock() as ocr:
        for path in scans:
            try:
                parse_file(path)
            except IngestError:
                continue
    return ocr


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


def ingest(files: list[Path], workers: int) -> tuple[float, float, Counter[str]]:
    """(wall seconds excluding embedding, embedding seconds, statuses) of an ingest into a
    fresh store (``workers`` 1: in this process)."""
    with tempfile.TemporaryDirectory() as tmp:
        embedder = TimedEmbedder(DEFAULT_EMBED_MODEL)
        ingestor = Ingestor(
            Store.in_dir(Path(tmp)), VectorIndex(chroma_client(Path(tmp)), embedder), workers
        )
        start = time.perf_counter()
        results = ingestor.ingest(files)
        wall = time.perf_counter() - start
        return wall - embedder.seconds, embedder.seconds, Counter(r.status for r in results)


def peak_memory(path: Path, work: str) -> int:
    """Peak resident KiB of a fresh process that does ``work`` with the file: 'parse' it,
    pass pdfplumber over it ('bare'), or nothing but the imports ('none')."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_peak, (path, work))


def _peak(path: Path, work: str) -> int:
    if work == "parse":
        with contextlib.suppress(IngestError):
            parse_file(path)
    elif work == "bare":
        bare_pass(path)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CAIWEN_REAL_CORPUS", ""))
    ocr_pages = int(sys.argv[2]) if len(sys.argv) > 2 else OCR_PAGES
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else REPEAT
    files = expand([corpus])
    counts, scans = split(files)
    pdfs, pages = list(counts), sum(counts.values())
    if not pdfs:
        sys.exit(f"no PDFs in {corpus!s}; pass a corpus directory or set CAIWEN_REAL_CORPUS")
    rest = [f for f in files if f not in set(scans)]
    base = min(baseline(pdfs) for _ in range(repeat))
    runs = {w: min((ingest(rest, w) for _ in range(repeat)), key=lambda r: r[0]) for w in (1, 0)}
    print(f"{len(files)} files ({len(pdfs)} PDFs with a text layer, {pages} pages), ", end="")
    print(f"{os.cpu_count()} cores, best of {repeat}\n")
    print("| pass | seconds | pages/s | × baseline time |\n|---|---|---|---|")
    for name, seconds in [
        ("bare pdfplumber (extract_text + extract_tables), 1 process", base),
        ("caiwen ingest into a fresh store, 1 process, embedding excluded", runs[1][0]),
        ("caiwen ingest into a fresh store, worker processes, embedding excluded", runs[0][0]),
    ]:
        print(f"| {name} | {seconds:.2f} | {pages / seconds:.1f} | {seconds / base:.2f} |")
    print(f"\nembedding ({DEFAULT_EMBED_MODEL}) during the multi-process ingest: ", end="")
    print(f"{runs[0][1]:.2f} s; statuses: {dict(runs[0][2])}")
    longest = max(pdfs, key=counts.__getitem__)
    peaks = {work: peak_memory(longest, work) / 1024 for work in ("none", "bare", "parse")}
    print(f"\npeak memory, longest document ({longest.name}, ", end="")
    print(f"{counts[longest]} pages), resident MiB of a fresh process: ", end="")
    print(f"parse_file {peaks['parse']:.0f}, bare pdfplumber {peaks['bare']:.0f}, ", end="")
    print(f"imports only {peaks['none']:.0f}")
    copies, expected, found, extra = ocr_copies(pdfs, ocr_pages)
    print("\n| OCR | pages | s/page | CPU s/page | amounts given back |\n|---|---|---|---|---|")
    for name, clock, given in [
        ("first pages of the scanned PDFs of the corpus", ocr_scans(scans), ""),
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
