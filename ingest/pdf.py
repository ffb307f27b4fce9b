"""PDF file → pages of lines and raw table grids (pdfplumber), in reading order."""

import logging
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from caiwen.ingest.errors import IngestError, Rejected
from caiwen.ingest.grid import GridCell, RawTable
from caiwen.ingest.layout import Char, LayoutSettings, Line, chars_to_lines, lines_to_text
from caiwen.ingest.ocr import OcrPage, OcrSettings, read_image, resolution
from caiwen.ingest.pdfpages import lean_pages

Item = Line | RawTable
UNMAPPED = re.compile(r"\(cid:\d+\)")
DESCENT = 0.2
"""Where a glyph box's bottom usually lies below its baseline, in font sizes."""
logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class PdfSettings:
    layout: LayoutSettings = field(default_factory=LayoutSettings)
    table_settings: dict[str, Any] = field(default_factory=dict)
    """Passed to pdfplumber's ``find_tables`` (default: the ruling-lines strategy)."""
    edge_tolerance: float = 2.0
    """Cell edges closer than this (pt) are the same grid line."""
    baseline_drift: float = 0.5
    """A char whose box lies more than this many font sizes off where its baseline puts it is
    moved there: some files set digits and punctuation in a font whose metrics place the box a
    whole line lower, which would scramble the lines and the table cells."""
    ocr: OcrSettings = field(default_factory=OcrSettings)
    """How a page without a text layer is read."""

    def __post_init__(self) -> None:
        if self.edge_tolerance <= 0:
            raise ValueError(f"edge_tolerance must be positive, got {self.edge_tolerance}")
        if self.baseline_drift <= 0:
            raise ValueError(f"baseline_drift must be positive, got {self.baseline_drift}")


@dataclass
class Page:
    number: int
    width: float
    height: float
    items: list[Item]
    ocr: OcrPage | None = None
    """What OCR read, for a page without a text layer."""


def check_pdf_bytes(data: bytes) -> None:
    """Reject what is obviously not a complete PDF before parsing it."""
    if not data.strip():
        raise IngestError("文件为空")
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("不是 PDF 文件（缺少 %PDF 文件头）")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError("PDF 文件不完整（末尾缺少 %%EOF，可能被截断）")


PageProgress = Callable[[int, int], None]
"""Told (pages done, pages in all) after each page."""


def read_pdf(
    path: Path,
    settings: PdfSettings | None = None,
    progress: PageProgress | None = None,
    first_page: Callable[[Page], None] | None = None,
) -> list[Page]:
    """Every page of the PDF as lines and table grids; IngestError when it cannot be read.
    ``first_page`` sees the first page before the others are read (and may reject the file)."""
    settings = settings or PdfSettings()
    check_pdf_bytes(path.read_bytes())
    try:
        with pdfplumber.open(path) as pdf:
            encrypted = pdf.doc.encryption is not None
            pages, lean = [], lean_pages(pdf)
            for page in lean:
                pages.append(_read_page(page, settings))
                page.close()  # its chars and objects are read: memory stays one page deep
                if first_page and len(pages) == 1:
                    first_page(pages[0])
                if progress:
                    progress(len(pages), len(lean))
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise IngestError("PDF 已加密，无法读取") from error
    except PdfminerException as error:
        raise IngestError(_pdfminer_reason(error)) from error
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise IngestError(f"PDF 文件已损坏（{type(error).__name__}: {error}）") from error
    _check_has_text(pages)
    if encrypted and _mostly_unmapped(pages):
        raise IngestError("PDF 已加密（设有权限密码），文字无法正确提取；请使用未加密的文件")
    return pages


def _pdfminer_reason(error: PdfminerException) -> str:
    cause = error.args[0] if error.args else error
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return "PDF 已加密，无法读取"
    return f"PDF 文件已损坏（{type(cause).__name__}: {cause}）"


def _mostly_unmapped(pages: list[Page]) -> bool:
    """Whether most of the text came out as glyph numbers, ``(cid:1234)``: what pdfminer reads
    from a PDF encrypted with only an owner (permissions) password."""
    text = "".join(
        item.text if isinstance(item, Line) else "".join(cell.text for cell in item.cells)
        for page in pages
        for item in page.items
    )
    return len("".join(UNMAPPED.findall(text))) > len(text) / 2


def _check_has_text(pages: list[Page]) -> None:
    if not pages:
        raise IngestError("PDF 没有页面")
    if not any(p.items for p in pages):
        if any(p.ocr for p in pages):
            raise Rejected("扫描件（OCR 没有识别出文字）：不像是部门预算或决算公开文件")
        raise IngestError("PDF 没有可提取的文字")


def _read_page(page: pdfplumber.page.Page, settings: PdfSettings) -> Page:
    """A page's items from its text layer, or from OCR when it has none."""
    if page.chars or not (page.images or page.curves or page.rects):
        chars = [_on_baseline(c, settings.baseline_drift) for c in page.chars]
        found = page.filter(_drawn).find_tables(settings.table_settings)
        items = _page_items(chars, found, page.page_number, settings)
        return Page(page.page_number, page.width, page.height, items)
    ocr = _ocr_page(page, settings.ocr)
    rulings = {"h": [r for r in ocr.rulings if r["height"] == 0], "v": []}
    rulings["v"] = [r for r in ocr.rulings if r["height"] > 0]
    found = []
    if len(rulings["h"]) >= 2 and len(rulings["v"]) >= 2:
        found = page.find_tables(
            {
                "vertical_strategy": "explicit",
                "horizontal_strategy": "explicit",
                "explicit_vertical_lines": rulings["v"],
                "explicit_horizontal_lines": rulings["h"],
            }
        )
    items = _page_items(ocr.chars, found, page.page_number, settings)
    return Page(page.page_number, page.width, page.height, items, ocr)


def _drawn(obj: dict[str, Any]) -> bool:
    """Whether an object can rule a table: not a white box filled behind text with no border
    (长沙's word processor shades every run of its narrative so; as rulings they made each line
    a table of its own, and the narrative fell apart into lines)."""
    if obj.get("object_type") != "rect" or obj.get("stroke") or not obj.get("fill"):
        return True
    return not _white(obj.get("non_stroking_color"))


def _white(color: Any) -> bool:
    values = color if isinstance(color, tuple | list) else (color,)
    if not values or not all(isinstance(v, int | float) for v in values):
        return False
    return all(v == 0 for v in values) if len(values) == 4 else all(v == 1 for v in values)


def _ocr_page(page: pdfplumber.page.Page, settings: OcrSettings) -> OcrPage:
    dpi = resolution((page.width, page.height), page.images, settings)
    image = page.to_image(resolution=dpi).original.convert("RGB")
    return read_image(np.asarray(image), image.width / float(page.width), settings)


def _page_items(
    chars: list[Char], found: list[Any], number: int, settings: PdfSettings
) -> list[Item]:
    """Characters (or OCR boxes) and the tables found on a page → lines and grids."""
    inside: set[int] = set()
    tables = []
    for table in found:
        grid, used = _table_to_grid(table, chars, number, settings)
        inside |= used
        if not grid.is_empty():
            tables.append(grid)
    outside = (c for i, c in enumerate(chars) if i not in inside)
    lines = chars_to_lines(outside, settings.layout, number)
    return sorted([*lines, *tables], key=_item_top)


def _on_baseline(char: Char, drift: float) -> Char:
    """The char, its box moved to its baseline when its font's metrics put it elsewhere."""
    size = char["size"] or 1.0
    a, b, c, d, _, baseline = char["matrix"]
    if b or c or a <= 0 or d <= 0:  # rotated or mirrored: leave as printed
        return char
    shift = char["y0"] - baseline + DESCENT * size  # both in PDF space, y upwards
    if abs(shift) <= drift * size:
        return char
    return {**char, "top": char["top"] + shift, "bottom": char["bottom"] + shift}


def _item_top(item: Item) -> float:
    return item.top if isinstance(item, Line) else (item.bbox or (0, 0, 0, 0))[1]


def _table_to_grid(
    table: Any, chars: list[Char], page: int, settings: PdfSettings
) -> tuple[RawTable, set[int]]:
    """pdfplumber Table → RawTable with spans; returns the indexes of the chars it holds."""
    xs = _edges([x for c in table.cells for x in (c[0], c[2])], settings.edge_tolerance)
    ys = _edges([y for c in table.cells for y in (c[1], c[3])], settings.edge_tolerance)
    cells, cover = _place_cells(table.cells, xs, ys, page)
    buckets: dict[int, list[Char]] = defaultdict(list)
    used: set[int] = set()
    for index, char in _chars_in(chars, table.bbox):
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        owner = cover.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
        if owner is not None:
            buckets[owner].append(char)
            used.add(index)
    for owner, owned in buckets.items():
        cells[owner].text = lines_to_text(chars_to_lines(owned, settings.layout))
    grid = RawTable(cells, len(ys) - 1, len(xs) - 1, page, tuple(table.bbox), xs)
    return grid, used


def _place_cells(
    boxes: list[tuple[float, float, float, float]], xs: list[float], ys: list[float], page: int
) -> tuple[list[GridCell], dict[tuple[int, int], int]]:
    cells: list[GridCell] = []
    cover: dict[tuple[int, int], int] = {}
    for x0, top, x1, bottom in boxes:
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, top), _nearest(ys, bottom)
        cell = GridCell(r0, c0, "", max(r1 - r0, 1), max(c1 - c0, 1), page, (x0, top, x1, bottom))
        for r in range(r0, r0 + cell.rowspan):
            for c in range(c0, c0 + cell.colspan):
                cover[(r, c)] = len(cells)
        cells.append(cell)
    return cells, cover


def _chars_in(chars: list[Char], bbox: tuple[float, ...]) -> Iterator[tuple[int, Char]]:
    x0, top, x1, bottom = bbox
    for index, char in enumerate(chars):
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if x0 <= cx <= x1 and top <= cy <= bottom:
            yield index, char


def _edges(values: list[float], tolerance: float) -> list[float]:
    """Cluster nearly equal coordinates into grid lines."""
    edges: list[float] = []
    for value in sorted(values):
        if edges and value - edges[-1] <= tolerance:
            continue
        edges.append(value)
    return edges


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))
