"""file → parsed document: the whole pipeline from bytes to identity, tables and outline.

Pure: reads the file, touches no store, so it can run in a worker process and a failure
leaves nothing behind.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from caiwen.ingest.chunks import Chunk, outline_to_chunks
from caiwen.ingest.context import attach_context
from caiwen.ingest.continuation import merge_continuations
from caiwen.ingest.errors import IngestError
from caiwen.ingest.facts import Fact, outline_to_facts
from caiwen.ingest.grid import RawTable
from caiwen.ingest.identity import Identity, find_identity
from caiwen.ingest.layout import Line
from caiwen.ingest.pdf import PageProgress, read_pdf
from caiwen.ingest.plaintext import read_text
from caiwen.ingest.sections import Outline, items_to_outline
from caiwen.ingest.tables import Table, raw_to_table

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED = PDF_SUFFIXES | TEXT_SUFFIXES
COVER_LINES = 3
PARSER_VERSION = 11
"""Raise when parsing changes what is stored: documents parsed by an older version are parsed
again on the next ingest even if their file is unchanged."""


@dataclass(frozen=True)
class SourceFile:
    """One file a document is read from: the whole disclosure, or its text or its tables part.
    Its page n is the document's page ``first_page + n - 1``."""

    name: str
    content_hash: str
    format: str
    part: str
    pages: int | None
    first_page: int = 1


@dataclass
class ParsedDocument:
    file_name: str
    content_hash: str
    format: str
    pages: int | None
    page_sizes: dict[int, tuple[float, float]]
    identity: Identity
    tables: list[Table]
    outline: Outline
    chunks: list[Chunk]
    facts: list[Fact]
    files: list[SourceFile]


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_file(path: Path, progress: PageProgress | None = None) -> ParsedDocument:
    """Read, structure and identify one disclosure file; IngestError says why it can't be.
    ``progress`` hears of every PDF page read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF 和 TXT）")
    if suffix in PDF_SUFFIXES:
        pages = read_pdf(path, progress=progress)
        items = [item for page in pages for item in page.items]
        sizes = {p.number: (p.width, p.height) for p in pages}
        cover = [it.text for it in pages[0].items if isinstance(it, Line)]
    else:
        items, sizes = read_text(path), {}
        cover = [it.text for it in items if isinstance(it, Line)][:COVER_LINES]
    items = attach_context(items)
    identity = find_identity(cover, _label_texts(items), path.name)
    return _structure(path, items, sizes, identity, "pdf" if sizes else "txt")


def _label_texts(items: list[Line | RawTable]) -> list[str]:
    texts: list[str] = []
    for item in items:
        texts.extend(item.labels if isinstance(item, RawTable) else [item.text])
    return texts


def _structure(
    path: Path,
    items: list[Line | RawTable],
    sizes: dict[int, tuple[float, float]],
    identity: Identity,
    fmt: str,
) -> ParsedDocument:
    merged = merge_continuations(items)
    structured = [raw_to_table(it) if isinstance(it, RawTable) else it for it in merged]
    tables = [it for it in structured if isinstance(it, Table)]
    outline = items_to_outline(structured, {page: size[1] for page, size in sizes.items()})
    if not tables and not outline.paragraphs:
        raise IngestError("文件中既没有表格也没有正文：不像是部门预算或决算公开文件")
    digest, pages = content_hash(path), len(sizes) or None
    return ParsedDocument(
        file_name=path.name,
        content_hash=digest,
        format=fmt,
        pages=pages,
        page_sizes=sizes,
        identity=identity,
        tables=tables,
        outline=outline,
        chunks=outline_to_chunks(outline),
        facts=outline_to_facts(outline, tables),
        files=[SourceFile(path.name, digest, fmt, "whole", pages)],
    )
