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
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from caiwen.ingest.audit import audit_rows
from caiwen.ingest.document import SUPPORTED, ParsedDocument, content_hash, parse_file
from caiwen.ingest.errors import IngestError, Rejected
from caiwen.ingest.pdf import PageProgress
from caiwen.ingest.rules import rules_hash
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument, chunk_ids, document_id
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


def parse_or_error(path: Path, pages: PageProgress | None = None) -> ParsedDocument | IngestError:
    """parse_file for a worker process: the failure comes back as a value, not a traceback."""
    try:
        return parse_file(path, pages)
    except IngestError as error:
        return error
    except Exception as error:  # a parser bug on one file must not stop the run
        return IngestError(f"解析失败（{type(error).__name__}: {error}）")


class Ingestor:
    """Writes parsed documents into the SQLite store and the vector index, each with the
    audit's findings and the hash of the rules it was derived with."""

    def __init__(self, store: Store, index: VectorIndex, workers: int = 0):
        self.store = store
        self.index = index
        self.workers = workers or min(os.cpu_count() or 1, 4)

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> list[FileResult]:
        files = expand(paths)
        results: dict[Path, FileResult] = {}
        first_with: dict[str, Path] = {}
        copies: dict[Path, Path] = {}
        for path in files:
            if path in results or path in copies or path in first_with.values():
                continue
            early = self._check(path)
            if early is not None:
                results[path] = self._report(early, progress)
            elif (digest := content_hash(path)) in first_with:
                copies[path] = first_with[digest]
            else:
                first_with[digest] = path
        for path, parsed in self._parse_all(list(first_with.values())):
            results[path] = self._report(self._write(path, parsed), progress)
        for path, first in copies.items():
            results[path] = self._report(_copy_of(path, first, results[first]), progress)
        self.sync()
        return [results[path] for path in files]

    def ingest_file(self, path: Path, pages: PageProgress | None = None) -> FileResult:
        """One file, parsed in this process (``pages`` hears of every PDF page read)."""
        early = self._check(path)
        if early is not None:
            return early
        result = self._write(path, parse_or_error(path, pages))
        self.sync()
        return result

    def sync(self) -> None:
        """Bring the vector index and the kept originals in line with the store: embed
        missing chunks, drop orphans."""
        self.store.drop_unused_originals()
        stored, indexed = self.store.chunk_ids(), self.index.ids()
        self.index.delete(sorted(indexed - stored))
        missing = stored - indexed
        if missing:
            rows = self.store.passage_rows(missing)
            self.index.add([passage(row["id"], row) for row in rows])

    def _check(self, path: Path) -> FileResult | None:
        """Answer without parsing: a missing file, or bytes already in the store."""
        if not path.is_file():
            return FileResult(str(path), "failed", error="文件不存在")
        try:
            digest = content_hash(path)
        except OSError as error:
            return FileResult(str(path), "failed", error=f"无法读取文件（{error.strerror}）")
        stored = self.store.document_with_hash(digest, rules_hash())
        if stored is None:
            return None
        self.store.keep_original(path, digest, stored.format)
        return self._stored(path, stored)

    def _parse_all(self, paths: list[Path]) -> Iterable[tuple[Path, ParsedDocument | IngestError]]:
        if len(paths) <= 1 or self.workers <= 1:
            yield from ((path, parse_or_error(path)) for path in paths)
            return
        context = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(min(self.workers, len(paths)), mp_context=context) as pool:
            futures: list[tuple[Path, Future]] = [
                (p, pool.submit(parse_or_error, p)) for p in paths
            ]
            for path, future in futures:
                yield path, future.result()

    def _write(self, path: Path, parsed: ParsedDocument | IngestError) -> FileResult:
        if isinstance(parsed, IngestError):
            status = "rejected" if isinstance(parsed, Rejected) else "failed"
            return FileResult(str(path), status, error=str(parsed))
        stored = self.store.document_with_hash(parsed.content_hash, rules_hash())
        if stored:
            return self._stored(path, stored)
        doc_id = document_id(parsed.identity)
        ids = chunk_ids(doc_id, parsed)
        try:
            self.index.add(_passages(doc_id, parsed, ids))
        except Exception as error:
            self.index.delete(ids)
            return FileResult(str(path), "failed", error=f"向量索引写入失败（{error}）")
        try:
            replaced = self.store.replace_document(doc_id, parsed, ids, rules_hash(), audit_rows)
        except Exception as error:
            self.index.delete(ids)
            return FileResult(str(path), "failed", error=f"写入数据库失败（{error}）")
        self.index.delete(replaced)
        self.store.keep_original(path, parsed.content_hash, parsed.format)
        return self._summary(path, "ingested", self.store.document(doc_id))

    def _stored(self, path: Path, stored: StoredDocument) -> FileResult:
        """A file whose bytes are stored: unchanged, or a duplicate of another file."""
        if stored.file_name == path.name:
            return self._summary(path, "unchanged", stored)
        result = self._summary(path, "duplicate", stored)
        result.error = f"重复文件：与已入库的“{stored.file_name}”字节相同"
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


def _copy_of(path: Path, first: Path, outcome: FileResult) -> FileResult:
    """A file with the same bytes as an earlier file of the run gets that file's outcome."""
    copy = FileResult(**{**outcome.record(), "file": str(path)})
    if outcome.status in NOT_STORED:
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
