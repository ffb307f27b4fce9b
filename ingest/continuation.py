"""items → items: a table continued on the next page becomes one table.

A continuation is an untitled table (or one repeating the title) at the top of a page that
follows a table on the page before (an empty page in between is allowed). Its cells are
placed in the first part's columns by their x position, because the continuation page only
draws the rules it needs (a page holding only the 合计 row has one cell where the first part
has four). A repeated header on the continuation page is dropped; a continuation may have no
header at all.
"""

import re
from dataclasses import replace

from caiwen.ingest.grid import BBox, GridCell, RawTable
from caiwen.ingest.layout import Line
from caiwen.ingest.numbers import looks_numeric
from caiwen.ingest.tables import header_row_count, same_header

Item = Line | RawTable
MAX_PAGE_GAP = 2
MIN_COLUMN_OVERLAP = 0.5
EDGE_TOLERANCE = 3.0
DOUBLE_RULE = 8.0
FIELDS = re.compile(r"-?[\d,]+(?:\.\d+)?|[^\d\s]+")
"""A line's fields: figures and codes, and the words between them."""


def merge_continuations(items: list[Item]) -> list[Item]:
    """Fold every continuation into the table it continues."""
    merged: list[Item] = []
    last: RawTable | None = None
    for item in items:
        if isinstance(item, RawTable) and last is not None and _continues(last, item):
            while merged and isinstance(merged[-1], Line) and _adopt(item, merged[-1]):
                merged.pop()
            _append(last, item)
            continue
        if isinstance(item, RawTable):
            last = item
        merged.append(item)
    return merged


def _continues(first: RawTable, piece: RawTable) -> bool:
    if piece.title not in (None, first.title) or first.col_edges is None or piece.col_edges is None:
        return False
    last_page = max((c.page or 0 for c in first.cells), default=first.page or 0)
    gap = (piece.page or 0) - last_page
    return 0 < gap <= MAX_PAGE_GAP and _fits(first.col_edges, piece.col_edges)


def _fits(edges: list[float], piece_edges: list[float]) -> bool:
    """The piece spans the same width, and each of its rules lies on one of the first part's,
    or doubles one that does (a double rule drawn on one page and not on the other)."""
    same_width = (
        abs(edges[0] - piece_edges[0]) <= EDGE_TOLERANCE
        and abs(edges[-1] - piece_edges[-1]) <= EDGE_TOLERANCE
    )
    placed = [x for x in piece_edges if min(abs(x - e) for e in edges) <= EDGE_TOLERANCE]
    return same_width and all(min(abs(x - p) for p in placed) <= DOUBLE_RULE for x in piece_edges)


def _adopt(piece: RawTable, line: Line) -> bool:
    """A line just above a continuation, read as text because the page draws no rule above
    it, becomes the piece's first row when its fields are those of the piece's first row
    (as many, figures where it has figures: 30206 电费 235.00 over 30207 邮电费 105.00)."""
    first = [c for c in piece.row(0) if c.text]
    fields = FIELDS.findall(line.text)
    if line.page != piece.page or not first or len(fields) != len(first):
        return False
    if any(looks_numeric(f) != looks_numeric(c.text) for f, c in zip(fields, first, strict=True)):
        return False
    for cell in piece.cells:
        cell.row += 1
    piece.cells[:0] = [
        replace(cell, row=0, text=text, rowspan=1, bbox=_at_line(cell.bbox, line))
        for cell, text in zip(first, fields, strict=True)
    ]
    piece.n_rows += 1
    return True


def _at_line(bbox: BBox | None, line: Line) -> BBox | None:
    return (bbox[0], line.top, bbox[2], line.bottom) if bbox else None


def _append(first: RawTable, piece: RawTable) -> None:
    header = [first.row_text(r) for r in range(header_row_count(first))]
    repeated = {
        r
        for r in range(min(len(header) + 1, piece.n_rows))
        if any(same_header(piece.row_text(r), h) for h in header)
    }
    piece.drop_rows(repeated)
    offset = first.n_rows
    for cell in piece.cells:
        first.cells.append(_placed(cell, first.col_edges or [], offset))
    first.n_rows += piece.n_rows
    first.notes.extend(piece.notes)


def _placed(cell: GridCell, edges: list[float], offset: int) -> GridCell:
    """The piece's cell moved into the first part's columns and rows."""
    x0, _, x1, _ = cell.bbox or (0.0, 0.0, 0.0, 0.0)
    cols = [
        i
        for i in range(len(edges) - 1)
        if _overlap(x0, x1, edges[i], edges[i + 1])
        >= MIN_COLUMN_OVERLAP * (edges[i + 1] - edges[i])
    ]
    col = cols[0] if cols else cell.col
    return GridCell(
        row=cell.row + offset,
        col=col,
        text=cell.text,
        rowspan=cell.rowspan,
        colspan=len(cols) or 1,
        page=cell.page,
        bbox=cell.bbox,
    )


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))
