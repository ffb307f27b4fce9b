"""paths → store: parse files in worker processes, then write each one atomically.

Every file gets one status (``STATUSES``). A file whose bytes are already stored is
``unchanged`` (same name) or a ``duplicate`` (another name; also a second copy within one run)
and is not parsed again. A file that is not a disclosure is ``rejected`` and one that cannot be
read ``failed``, each with its reason, leaving the store — SQLite and Chroma — as it was; the
run goes on with the next file. A copy of every stored file is kept beside the database, for
showing the pages answers cite.
"""

import multiprocessing
import os
import select
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from caiwen.ingest.audit import audit_rows
from caiwen.ingest.document import (
    SUPPORTED,
    ParsedDocument,
    Part,
    content_hash,
    parse_file,
    parse_parts,
)
from caiwen.ingest.errors import IngestError, Rejected
from caiwen.ingest.limits import FileLimits
from caiwen.ingest.parts import pair_parts, stored_partner
from caiwen.ingest.pdf import PageProgress
from caiwen.ingest.rules import rules_hash
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument, StoredFile, chunk_ids, document_id
from caiwen.ingest.vectors import Passage, VectorIndex

STATUSES = {
    "ingested": "stored now",
    "unchanged": "already stored from this file",
    "duplicate": "the same bytes are stored from another file (重复文件)",
    "rejected": "not a disclosure: empty, another format, a notice or form, a scan of one",
    "failed": "a disclosure that cannot be read: damaged, encrypted, or a parser error",
}
NOT_STORED = {"rejected", "failed"}
"""The statuses that make ``caiwen ingest`` exit with 1: the file's content is not in the
store. A duplicate's content is."""


@dataclass
class FileResult:
    file: str
    status: str
    document_id: str | None = None
    department: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    level: str | None = None
    pages: int | None = None
    tables: int | None = None
    cells: int | None = None
    chunks: int | None = None
    error: str | None = None
    format: str | None = None
    ocr_pages: int | None = None

    def record(self) -> dict[str, object]:
        return asdict(self)


Progress = Callable[[FileResult], None]
NO_LIMITS = FileLimits()


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the supported files under named directories (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            )
        else:
            files.append(path)
    return files


Job = Path | tuple[Part, ...]
"""What a worker parses: a file, or the parts of one disclosure."""
J = TypeVar("J", Path, tuple[Part, ...])


def parse_or_error(
    job: Job, pages: PageProgress | None = None, limits: FileLimits = NO_LIMITS
) -> ParsedDocument | IngestError:
    """parse_file (or parse_parts) for a worker process: the failure comes back as a value,
    not a traceback. A file over the limits is not parsed (the parts of one disclosure were
    each checked as files before)."""
    try:
        if isinstance(job, Path):
            limits.check(job)
            return parse_file(job, pages)
        return parse_parts(list(job))
    except IngestError as error:
        return error
    except Exception as error:  # a parser bug on one file must not stop the run
        return IngestError(f"解析失败（{type(error).__name__}: {error}）")


def die_with(parent: int) -> None:
    """In a worker process: exit as soon as ``parent`` (the process running the ingest) is
    gone, killed or not, instead of waiting forever for work under PID 1."""

    def watch() -> None:
        try:
            handle = os.pidfd_open(parent)
        except ProcessLookupError:
            os._exit(1)
        select.select([handle], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="caiwen-die-with-parent", daemon=True).start()


class Ingestor:
    """Writes parsed documents into the SQLite store and the vector index, each with the
    audit's findings and the hash of the rules it was derived with."""

    def __init__(
        self, store: Store, index: VectorIndex, workers: int = 0, limits: FileLimits = NO_LIMITS
    ):
        self.store = store
        self.index = index
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.limits = limits

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> list[FileResult]:
        """One result per file named, in order. A file named twice, or with the same bytes as
        one before it, is parsed once; the repeat gets the first one's outcome (``_copy_of``)."""
        files = expand(paths)
        results: dict[int, FileResult] = {}
        first: dict[str, int] = {}
        copies: list[tuple[int, int]] = []
        for position, path in enumerate(files):
            early, digest = self._check(path)
            if early is not None:
                results[position] = self._report(early, progress)
            elif digest in first:
                copies.append((position, first[digest]))
            else:
                first[digest] = position
        to_parse = [files[position] for position in first.values()]
        parsed = dict(self._parse_all(to_parse))
        whole = self._join_parts(parsed)
        stored_now: set[str] = set()
        for position in first.values():
            path = files[position]
            doc = whole.get(path, parsed[path])
            results[position] = self._report(self._write(path, doc, stored_now), progress)
        for position, original in copies:
            copy = _copy_of(files[position], files[original], results[original])
            results[position] = self._report(copy, progress)
        self.sync()
        return [results[position] for position in range(len(files))]

    def ingest_file(self, path: Path, pages: PageProgress | None = None) -> FileResult:
        """One file, parsed in this process (``pages`` hears of every PDF page read)."""
        early, _ = self._check(path)
        if early is not None:
            return early
        parsed = parse_or_error(path, pages, self.limits)
        result = self._write(path, self._join_parts({path: parsed}).get(path, parsed), set())
        self.sync()
        return result

    def _join_parts(
        self, parsed: dict[Path, ParsedDocument | IngestError]
    ) -> dict[Path, ParsedDocument]:
        """The files that are the text or the tables of a disclosure whose other part came in
        this run or is stored, each → the document read from both (parts.py)."""
        good = {p: d for p, d in parsed.items() if isinstance(d, ParsedDocument)}
        jobs: list[tuple[Part, ...]] = [tuple(parts) for parts in pair_parts(good)]
        paired = {part.path for job in jobs for part in job}
        for path, doc in good.items():
            if path not in paired and (parts := stored_partner(self.store, path, doc)):
                jobs.append(tuple(parts))
        whole: dict[Path, ParsedDocument] = {}
        for job, doc in self._parse_all(jobs):
            if isinstance(doc, ParsedDocument):
                whole |= {part.path: doc for part in job if part.path in parsed}
        return whole

    def sync(self) -> None:
        """Bring the vector index and the kept originals in line with the store: embed
        missing chunks, drop orphans."""
        self.store.drop_unused_originals()
        stored = self.store.chunk_ids()
        self.index.drop_orphans(stored)
        missing = stored - self.index.ids()
        if missing:
            rows = self.store.passage_rows(missing)
            self.index.add([passage(row["id"], row) for row in rows])

    def _check(self, path: Path) -> tuple[FileResult | None, str]:
        """Answer without parsing — a missing file, or bytes already in the store — or None
        and the file's content hash."""
        if not path.is_file():
            return FileResult(str(path), "failed", error="文件不存在"), ""
        try:
            digest = content_hash(path)
        except OSError as error:
            return FileResult(str(path), "failed", error=f"无法读取文件（{error.strerror}）"), ""
        stored = self.store.document_with_hash(digest, rules_hash())
        if stored is None:
            return None, digest
        return self._stored(path, stored), digest

    def _parse_all(self, jobs: list[J]) -> Iterable[tuple[J, ParsedDocument | IngestError]]:
        if len(jobs) <= 1 or self.workers <= 1:
            yield from ((job, parse_or_error(job, None, self.limits)) for job in jobs)
            return
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(
            min(self.workers, len(jobs)),
            mp_context=context,
            initializer=die_with,
            initargs=(os.getpid(),),
        ) as pool:
            futures = [(job, pool.submit(parse_or_error, job, None, self.limits)) for job in jobs]
            for job, future in futures:
                yield job, future.result()

    def _write(
        self, path: Path, parsed: ParsedDocument | IngestError, stored_now: set[str]
    ) -> FileResult:
        """Store a parsed file (``stored_now``: the documents stored in this run, which the
        other part of a two-file disclosure is reported as ingested with)."""
        if isinstance(parsed, IngestError):
            status = "rejected" if isinstance(parsed, Rejected) else "failed"
            return FileResult(str(path), status, error=str(parsed))
        stored = self.store.document_with_hash(parsed.content_hash, rules_hash())
        if stored is None:
            doc_id = document_id(parsed.identity)
            failure = self.replace(doc_id, parsed)
            if failure:
                return FileResult(str(path), "failed", error=failure)
            stored_now.add(doc_id)
            stored = self.store.document(doc_id)
            if stored is None:
                return FileResult(str(path), "failed", error="写入后未找到文档")
        if stored.id in stored_now:
            self.store.keep_original(path, content_hash(path), _file_of(stored, path).format)
            return self._summary(path, "ingested", stored)
        return self._stored(path, stored)

    def replace(self, doc_id: str, parsed: ParsedDocument) -> str | None:
        """Write a parsed document into the index and the store (atomically), replacing the
        document ``doc_id``; the reason it failed, or None."""
        ids = chunk_ids(doc_id, parsed)
        try:
            self.index.add(_passages(doc_id, parsed, ids))
        except Exception as error:
            self.index.delete(ids)
            return f"向量索引写入失败（{error}）"
        try:
            replaced = self.store.replace_document(doc_id, parsed, ids, rules_hash(), audit_rows)
        except Exception as error:
            self.index.delete(ids)
            return f"写入数据库失败（{error}）"
        self.index.delete(replaced)
        return None

    def _stored(self, path: Path, stored: StoredDocument) -> FileResult:
        """A file whose bytes are stored: unchanged (it is one of the document's files), or a
        duplicate of another file."""
        file = _file_of(stored, path)
        if file.name == path.name:
            self.store.keep_original(path, file.content_hash, file.format)
            return self._summary(path, "unchanged", stored)
        result = self._summary(path, "duplicate", stored)
        result.error = f"重复文件：与已入库的“{file.name}”字节相同"
        return result

    def _summary(self, path: Path, status: str, doc: StoredDocument | None) -> FileResult:
        if doc is None:
            return FileResult(str(path), "failed", error="写入后未找到文档")
        counts = self.store.document_counts(doc.id)
        return FileResult(
            file=str(path),
            status=status,
            document_id=doc.id,
            department=doc.department,
            region=doc.region,
            year=doc.year,
            kind=doc.kind,
            level=doc.level,
            pages=doc.pages,
            format=doc.format,
            ocr_pages=len(self.store.ocr_pages(doc.id)),
            **counts,
        )

    @staticmethod
    def _report(result: FileResult, progress: Progress | None) -> FileResult:
        if progress:
            progress(result)
        return result


def _file_of(doc: StoredDocument, path: Path) -> StoredFile:
    """The file of a stored document that this path is, or the one with its bytes."""
    by_name = {f.name: f for f in doc.files}
    if path.name in by_name:
        return by_name[path.name]
    digest = content_hash(path)
    return next((f for f in doc.files if f.content_hash == digest), doc.files[0])


def _copy_of(path: Path, first: Path, outcome: FileResult) -> FileResult:
    """A file with the same bytes as an earlier file of the run gets that file's outcome: the
    same file named again is ``unchanged`` once stored, another file a ``duplicate``."""
    copy = FileResult(**{**outcome.record(), "file": str(path)})
    if path.resolve() == first.resolve():
        copy.status = outcome.status if outcome.status in NOT_STORED else "unchanged"
    elif outcome.status in NOT_STORED:
        copy.error = f"{outcome.error}（与“{first.name}”字节相同）"
    elif outcome.status != "unchanged" or first.name != path.name:
        copy.status = "duplicate"
        copy.error = f"重复文件：与“{first.name}”字节相同"
    return copy


def passage(chunk_id: str, fields: Mapping[str, Any]) -> Passage:
    """What is embedded: the section path, then the chunk, so the passage says where it is.

    ``fields``: document_id, department, year, kind, level, section_path, text, page.
    """
    path, text = fields["section_path"], fields["text"]
    metadata = {key: fields[key] for key in ("document_id", "department", "year", "kind", "level")}
    metadata |= {"section": path, "page": fields["page"] if fields["page"] is not None else -1}
    return Passage(chunk_id, f"{path}\n{text}" if path else text, metadata)


def _passages(doc_id: str, parsed: ParsedDocument, ids: list[str]) -> list[Passage]:
    ident = parsed.identity
    common = {
        "document_id": doc_id,
        "department": ident.department,
        "year": ident.year,
        "kind": ident.kind,
        "level": ident.level,
    }
    return [
        passage(
            chunk_id,
            common | {"section_path": " > ".join(c.section_path), "text": c.text, "page": c.page},
        )
        for chunk_id, c in zip(ids, parsed.chunks, strict=True)
    ]
