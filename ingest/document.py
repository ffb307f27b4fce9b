"""file → parsed document: the whole pipeline from bytes to identity, tables and outline.

Pure: reads the file, touches no store, so it can run in a worker process and a failure
leaves nothing behind.
"""

import copy
import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from caiwen.domain.catalogue import catalogue
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
from caiwen.ingest.totals import own_rows_to_totals
from caiwen.ingest.triage import check_first_page, check_web_page, file_format, scanned

Item = Line | RawTable
SUPPORTED = {".pdf", ".txt", ".text", ".html", ".htm"}
"""The file names looked at (what a file is, is then told by its bytes)."""
COVER_LINES = 3
COVER_PAGES = 2
"""A PDF's title is on its first pages (the first may be an image, or carry only a number)."""
MIN_TEXT_CHARS = 400
"""A file with less narrative than this is the tables part of a disclosure (if it has them)."""

PARSER_VERSION = 22
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
    read: "FileRead | None" = field(default=None, repr=False, compare=False)
    """The file as read, before structuring, kept when it is only the text or the tables of
    a disclosure: joined with its other part, it is not read again."""


def content_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class FileRead:
    """One file read: its items (pages numbered from ``first_page``) and its cover lines."""

    name: str
    content_hash: str
    format: str
    items: list[Item]
    sizes: dict[int, tuple[float, float]]
    cover: list[str]
    first_page: int
    ocr: dict[int, float | None]
    """The pages read by OCR (numbered as the document's), with their confidence."""
    reject_as: str
    """What the file is said to be when it turns out not to be a disclosure (a scan)."""


@dataclass(frozen=True)
class Part:
    """A file to read as one part of a disclosure published in several files: where its bytes
    are, the name it was published under, which part it is (text or tables), and the file as
    read already, if it was."""

    path: Path
    name: str
    part: str
    read: FileRead | None = field(default=None, compare=False)


def parse_file(path: Path, progress: PageProgress | None = None) -> ParsedDocument:
    """Read, structure and identify one disclosure file; IngestError says why it can't be
    (Rejected when the file is not a disclosure). What the file is comes from its bytes, so
    a web page saved under a .pdf name is read as the web page it is. ``progress`` hears of
    every PDF page read."""
    read = _read(path, path.name, progress)
    pristine = pickle.dumps(read)  # structuring changes the items it folds together
    doc = _structure([read], [None])
    if doc.files[0].part != "whole":
        doc.read = pickle.loads(pristine)
    return doc


def parse_parts(parts: list[Part]) -> ParsedDocument:
    """One disclosure published in several files (its text, then its tables): read in order,
    pages numbered through the whole, each page's file remembered for citations."""
    reads: list[FileRead] = []
    for part in parts:
        read = copy.deepcopy(part.read) if part.read else _read(part.path, part.name)
        reads.append(_numbered_from(read, 1 + sum(len(r.sizes) for r in reads)))
    return _structure(reads, [p.part for p in parts])


def _read(path: Path, name: str, progress: PageProgress | None = None) -> FileRead:
    """One file's items, its pages numbered from 1."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"不支持的文件类型“{suffix or '无扩展名'}”（支持 PDF、HTML 和 TXT）")
    data = path.read_bytes()
    fmt = file_format(path, data)
    ocr: dict[int, float | None] = {}
    sizes: dict[int, tuple[float, float]] = {}
    if fmt == "pdf":
        pages = read_pdf(path, progress=progress, first_page=_check_first_page)
        items: list[Item] = [item for page in pages for item in page.items]
        sizes = {p.number: (p.width, p.height) for p in pages}
        ocr = {p.number: p.ocr.confidence for p in pages if p.ocr}
        cover = [
            it.text for page in pages[:COVER_PAGES] for it in page.items if isinstance(it, Line)
        ]
        reject_as = scanned(pages[0].ocr)
    elif fmt == "html":
        page = read_html(data)
        check_web_page(page, path)
        items, cover, reject_as = page.items, page.cover, ""
    else:
        items = read_lines(decode(data))
        cover = [it.text for it in items if isinstance(it, Line)][:COVER_LINES]
        reject_as = ""
    fmt = "txt" if fmt == "text" else fmt
    digest = hashlib.sha256(data).hexdigest()
    return FileRead(name, digest, fmt, attach_context(items), sizes, cover, 1, ocr, reject_as)


def _check_first_page(page: Page) -> None:
    check_first_page(page.items, page.ocr)


def _numbered_from(read: FileRead, first_page: int) -> FileRead:
    """Number a file's pages as pages of the document it is a part of, from ``first_page``."""
    shift = first_page - read.first_page
    for item in read.items:
        item.page = item.page and item.page + shift
        for cell in item.cells if isinstance(item, RawTable) else []:
            cell.page = cell.page and cell.page + shift
    read.sizes = {page + shift: size for page, size in read.sizes.items()}
    read.ocr = {page + shift: confidence for page, confidence in read.ocr.items()}
    read.first_page = first_page
    return read


def _label_texts(items: list[Item]) -> list[str]:
    texts: list[str] = []
    for item in items:
        texts.extend(item.labels if isinstance(item, RawTable) else [item.text])
    return texts


def _structure(reads: list[FileRead], parts: list[str | None]) -> ParsedDocument:
    """Identity, tables, outline, chunks and facts of the files read, as one document."""
    items = [item for read in reads for item in read.items]
    cells = [c.text for it in items if isinstance(it, RawTable) for c in it.cells if c.text]
    try:
        identity = find_identity(reads[0].cover, _label_texts(items), reads[0].name, cells)
    except IngestError as error:
        raise Rejected(reads[0].reject_as + str(error)) from error
    sizes = {page: size for read in reads for page, size in read.sizes.items()}
    merged = merge_continuations(items)
    structured = [raw_to_table(it) if isinstance(it, RawTable) else it for it in merged]
    tables = own_rows_to_totals(
        [it for it in structured if isinstance(it, Table)], identity.department
    )
    outline = items_to_outline(structured, {page: size[1] for page, size in sizes.items()})
    if not tables and not outline.paragraphs:
        raise Rejected("文件中既没有表格也没有正文：不像是部门预算或决算公开文件")
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
        ocr_pages={page: conf for read in reads for page, conf in read.ocr.items()},
    )


def _part(tables: list[Table], outline: Outline) -> str:
    """Whether a file is a whole disclosure or only its text or its tables: tables of the
    catalogue's families, and a narrative of some length."""
    has_tables = any(catalogue().family(t.title) for t in tables)
    has_text = sum(len(p.text) for p in outline.paragraphs) >= MIN_TEXT_CHARS
    return "whole" if has_tables and has_text else "tables" if has_tables else "text"


def _joint_hash(files: list[SourceFile]) -> str:
    return hashlib.sha256("+".join(f.content_hash for f in files).encode()).hexdigest()
