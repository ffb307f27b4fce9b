"""file → parsed document: the whole pipeline from bytes to identity, tables and outline.

Pure: reads the file, touches no store, so it can run in a worker process and a failure
leaves nothing behind.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from caiwen.domain.catalogue import catalogue
from caiwen.ingest.chunks import Chunk, outline_to_chunks
from caiwen.ingest.context import attach_context
from caiwen.ingest.continuation import merge_continuations
from caiwen.ingest.errors import IngestError
from caiwen.ingest.facts import Fact, outline_to_facts
from caiwen.ingest.grid import RawTable
from caiwen.ingest.identity import Identity, find_identity
from caiwen.ingest.layout import Line
from caiwen.ingest.pdf import Page, PageProgress, read_pdf
from caiwen.ingest.plaintext import read_text
from caiwen.ingest.sections import Outline, items_to_outline
from caiwen.ingest.tables import Table, raw_to_table

Item = Line | RawTable
PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".text"}
SUPPORTED = PDF_SUFFIXES | TEXT_SUFFIXES
COVER_LINES = 3
COVER_PAGES = 2
"""A PDF's title is on its first pages (the first may be an image, or carry only a number)."""
MIN_TEXT_CHARS = 400
"""A file with less narrative than this is the tables part of a disclosure (if it has them)."""
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


@dataclass(frozen=True)
class Part:
    """A file to read as one part of a disclosure published in several files: where its bytes
    are, the name it was published under, and which part it is (text or tables)."""

    path: Path
    name: str
    part: str


@dataclass
class _Read:
    """One file read: its items (pages numbered from ``first_page``) and its cover lines."""

    name: str
    content_hash: str
    format: str
    items: list[Item]
    sizes: dict[int, tuple[float, float]]
    cover: list[str]
    first_page: int


def parse_file(path: Path, progress: PageProgress | None = None) -> ParsedDocument:
    """Read, structure and identify one disclosure file; IngestError says why it can't be.
    ``progress`` hears of every PDF page read."""
    read = _read(path, path.name, 1, progress)
    return _structure([read], [None])


def parse_parts(parts: list[Part]) -> ParsedDocument:
    """One disclosure published in several files (its text, then its tables): read in order,
    pages numbered through the whole, each page's file remembered for citations."""
    reads: list[_Read] = []
    for part in parts:
        first_page = 1 + sum(len(r.sizes) for r in reads)
        reads.append(_read(part.path, part.name, first_page))
    return _structure(reads, [p.part for p in parts])


def _read(path: Path, name: str, first_page: int, progress: PageProgress | None = None) -> _Read:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF 和 TXT）")
    if suffix in PDF_SUFFIXES:
        pages = read_pdf(path, progress=progress)
        _number_from(pages, first_page)
        items: list[Item] = [item for page in pages for item in page.items]
        sizes = {p.number: (p.width, p.height) for p in pages}
        cover = [
            it.text for page in pages[:COVER_PAGES] for it in page.items if isinstance(it, Line)
        ]
    else:
        items, sizes = read_text(path), {}
        cover = [it.text for it in items if isinstance(it, Line)][:COVER_LINES]
    fmt = "pdf" if suffix in PDF_SUFFIXES else "txt"
    return _Read(name, content_hash(path), fmt, attach_context(items), sizes, cover, first_page)


def _number_from(pages: list[Page], first_page: int) -> None:
    """Number a file's pages as pages of the document it is a part of."""
    shift = first_page - 1
    if not shift:
        return
    for page in pages:
        page.number += shift
        for item in page.items:
            item.page = page.number
            if isinstance(item, RawTable):
                for cell in item.cells:
                    cell.page = page.number


def _label_texts(items: list[Item]) -> list[str]:
    texts: list[str] = []
    for item in items:
        texts.extend(item.labels if isinstance(item, RawTable) else [item.text])
    return texts


def _structure(reads: list[_Read], parts: list[str | None]) -> ParsedDocument:
    """Identity, tables, outline, chunks and facts of the files read, as one document."""
    items = [item for read in reads for item in read.items]
    cells = [c.text for it in items if isinstance(it, RawTable) for c in it.cells if c.text]
    identity = find_identity(reads[0].cover, _label_texts(items), reads[0].name, cells)
    sizes = {page: size for read in reads for page, size in read.sizes.items()}
    merged = merge_continuations(items)
    structured = [raw_to_table(it) if isinstance(it, RawTable) else it for it in merged]
    tables = [it for it in structured if isinstance(it, Table)]
    outline = items_to_outline(structured, {page: size[1] for page, size in sizes.items()})
    if not tables and not outline.paragraphs:
        raise IngestError("文件中既没有表格也没有正文：不像是部门预算或决算公开文件")
    files = [
        SourceFile(
            r.name,
            r.content_hash,
            r.format,
            part or _part(tables, outline),
            len(r.sizes) or None,
            r.first_page,
        )
        for r, part in zip(reads, parts, strict=True)
    ]
    digest = files[0].content_hash if len(files) == 1 else _joint_hash(files)
    return ParsedDocument(
        file_name=files[0].name,
        content_hash=digest,
        format=files[0].format,
        pages=len(sizes) or None,
        page_sizes=sizes,
        identity=identity,
        tables=tables,
        outline=outline,
        chunks=outline_to_chunks(outline),
        facts=outline_to_facts(outline, tables),
        files=files,
    )


def _part(tables: list[Table], outline: Outline) -> str:
    """Whether a file is a whole disclosure or only its text or its tables: tables of the
    catalogue's families, and a narrative of some length."""
    has_tables = any(catalogue().family(t.title) for t in tables)
    has_text = sum(len(p.text) for p in outline.paragraphs) >= MIN_TEXT_CHARS
    return "whole" if has_tables and has_text else "tables" if has_tables else "text"


def _joint_hash(files: list[SourceFile]) -> str:
    return hashlib.sha256("+".join(f.content_hash for f in files).encode()).hexdigest()
