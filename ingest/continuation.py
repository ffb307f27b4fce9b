"""items → items: a table continued on the next page becomes one table.

A continuation is an untitled table (or one repeating the title) at the top of a page that
follows a table on the page before (an empty page in between is allowed). Its cells are
placed in the first part's columns by their x position, because the continuation page only
draws the rules it needs (a page holding only the 合计 row has one cell where the first part
has four). A repeated header on the continuation page is dropped; a continuation may have no
header at all.
"""

from caiwen.ingest.grid import GridCell, RawTable
from caiwen.ingest.layout import Line
from caiwen.ingest.tables import header_row_count, same_header

Item = Line | RawTable
MAX_PAGE_GAP = 2
MIN_COLUMN_OVERLAP = 0.5


def merge_continuations(items: list[Item]) -> list[Item]:
    """Fold every continuation into the table it continues."""
    merged: list[Item] = []
    last: RawTable | None = None
    for item in items:
        if isinstance(item, RawTable) and last is not None and _continues(last, item):
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
    """The piece spans the same width, and each of its rules lies on one of the first part's."""
    tolerance = 3.0
    same_width = (
        abs(edges[0] - piece_edges[0]) <= tolerance
        and abs(edges[-1] - piece_edges[-1]) <= tolerance
    )
    return same_width and all(min(abs(x - e) for e in edges) <= tolerance for x in piece_edges)


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
