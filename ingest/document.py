"""file → parsed document: the whole pipeline from bytes to identity, tables and outline.

Pure: reads the file, touches no store, so it can run in a worker process and a failure
leaves nothing behind.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from caiwen.ingest.chunks import Chunk, outline_to_chunks
from caiwen.ingest.context import attach_context
from caiwen.ingest.continuation import merge_continuations
from caiwen.ingest.errors import IngestError, Rejected
from caiwen.ingest.facts import Fact, outline_to_facts
from caiwen.ingest.grid import RawTable
from caiwen.ingest.html import read_html
from caiwen.ingest.identity import Identity, find_identity
from caiwen.ingest.layout import Line
from caiwen.ingest.pdf import Page, PageProgress, read_pdf
from caiwen.ingest.plaintext import decode, read_lines
from caiwen.ingest.sections import Outline, items_to_outline
from caiwen.ingest.tables import Table, raw_to_table
from caiwen.ingest.triage import check_first_page, check_web_page, file_format, scanned

SUPPORTED = {".pdf", ".txt", ".text", ".html", ".htm"}
"""The file names looked at (what a file is, is then told by its bytes)."""
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
    ocr_pages: dict[int, float | None] = field(default_factory=dict)
    """Pages read by OCR, with the mean recognition confidence of each."""


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_file(path: Path, progress: PageProgress | None = None) -> ParsedDocument:
    """Read, structure and identify one disclosure file; IngestError says why it can't be
    (Rejected when the file is not a disclosure). What the file is comes from its bytes, so
    a web page saved under a .pdf name is read as the web page it is. ``progress`` hears of
    every PDF page read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF、HTML 和 TXT）")
    data = path.read_bytes()
    fmt = file_format(path, data)
    ocr: dict[int, float | None] = {}
    sizes: dict[int, tuple[float, float]] = {}
    if fmt == "pdf":
        pages = read_pdf(path, progress=progress, first_page=_check_first_page)
        items = [item for page in pages for item in page.items]
        sizes = {p.number: (p.width, p.height) for p in pages}
        ocr = {p.number: p.ocr.confidence for p in pages if p.ocr}
        cover = [it.text for it in pages[0].items if isinstance(it, Line)]
        reject_as = scanned(pages[0].ocr)
    elif fmt == "html":
        page = read_html(data)
        check_web_page(page, path)
        items, cover, reject_as = page.items, page.cover, ""
    else:
        items = read_lines(decode(data))
        cover = [it.text for it in items if isinstance(it, Line)][:COVER_LINES]
        reject_as = ""
    items = attach_context(items)
    try:
        identity = find_identity(cover, _label_texts(items), path.name)
    except IngestError as error:
        raise Rejected(reject_as + str(error)) from error
    parsed = _structure(path, items, sizes, identity, "txt" if fmt == "text" else fmt)
    parsed.ocr_pages = ocr
    return parsed


def _check_first_page(page: Page) -> None:
    check_first_page(page.items, page.ocr)


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
    """``fmt``: 'pdf', 'html' or 'txt'."""
    merged = merge_continuations(items)
    structured = [raw_to_table(it) if isinstance(it, RawTable) else it for it in merged]
    tables = [it for it in structured if isinstance(it, Table)]
    outline = items_to_outline(structured, {page: size[1] for page, size in sizes.items()})
    if not tables and not outline.paragraphs:
        raise Rejected("文件中既没有表格也没有正文：不像是部门预算或决算公开文件")
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
