"""Scanned copies of text PDFs: each chosen page rendered to an image and placed on a page of
the same size with no text layer, as a scanner would produce it. The OCR tests and the
ingest-speed benchmark read them and compare with the text layer of the same pages."""

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium

from caiwen.ingest.document import ParsedDocument
from caiwen.ingest.grid import RawTable
from caiwen.ingest.numbers import parse_amount
from caiwen.ingest.pdf import Page

Figure = tuple[str | None, str, str, str, Decimal]
_DECIMAL = re.compile(r"\d[\d,]*\.\d+")

SCAN_DPI = 150


def scan(
    source: Path,
    out: Path,
    pages: Iterable[int],
    keep_text: Iterable[int] = (),
    dpi: int = SCAN_DPI,
) -> Path:
    """``pages`` (1-based) of ``source`` as images, except those in ``keep_text``, which are
    copied with their text layer (a text PDF with a scanned cover)."""
    keep = set(keep_text)
    src = pdfium.PdfDocument(source)
    dst = pdfium.PdfDocument.new()
    try:
        for number in pages:
            if number in keep:
                dst.import_pages(src, [number - 1])
                continue
            page = src[number - 1]
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            blank = dst.new_page(width, height)
            image = pdfium.PdfImage.new(dst)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            blank.insert_obj(image)
            blank.gen_content()
        dst.save(out)
    finally:
        dst.close()
        src.close()
    return out


def figures(doc: ParsedDocument) -> set[Figure]:
    """Every figure of a document's tables: (table, group, row, column, amount), what a scan
    must give back of its text."""
    return {
        (table.title, row.group, row.code or row.label, cell.column, cell.value)
        for table in doc.tables
        for row in table.rows
        for cell in row.cells
        if cell.value is not None
    }


def page_amounts(page: Page) -> Counter[Decimal]:
    """The amounts printed on a page as read: every table cell that is a number, and every
    number with decimals in its lines (whatever the document's identity)."""
    found: Counter[Decimal] = Counter()
    for item in page.items:
        texts = [c.text for c in item.cells] if isinstance(item, RawTable) else []
        texts += [] if isinstance(item, RawTable) else _DECIMAL.findall(item.text)
        found.update(a for t in texts if (a := parse_amount(t)) is not None)
    return found
