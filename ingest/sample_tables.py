"""The ruled tables of the sample PDFs: header rows in physical columns (merged cells), body
rows in logical ones (a subject code spread over 类/款/项 columns), continued across pages with
or without a repeated header."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, pairwise
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from caiwen.ingest.sample_pages import (
    CELL_LEADING,
    CELL_PAD,
    CELL_SIZE,
    CJK_FONT,
    LATIN_FONT,
    SMALL_SIZE,
    STYLES,
    TITLE_SIZE,
    Writer,
    text_block,
)


@dataclass(frozen=True)
class _Span:
    text: str
    cols: int = 1
    rows: int = 1
    align: str = "center"


@dataclass(frozen=True)
class _Cell:
    span: _Span
    row: int
    col: int


@dataclass(frozen=True)
class _Grid:
    cells: list[_Cell]
    heights: list[float]


@dataclass(frozen=True)
class _Column:
    """A logical column; a code column with ``split`` (e.g. 类/款/项 = 3, 2, 2) spans several."""

    width: float
    kind: str
    align: str
    split: tuple[int, ...]

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> _Column:
        kind = spec.get("kind", "text")
        align = spec.get("align", "right" if kind == "amount" else "left")
        return cls(float(spec["w"]), kind, align, tuple(spec.get("split", ())))

    @property
    def parts(self) -> int:
        return len(self.split) or 1

    def spans(self, value: Any, decimals: int) -> list[_Span]:
        if self.split:
            code = "" if value is None else str(value)
            bounds = list(accumulate(self.split, initial=0))
            return [_Span(code[a:b], align=self.align) for a, b in pairwise(bounds)]
        return [_Span(_format(value, self.kind, decimals), align=self.align)]


def _format(value: Any, kind: str, decimals: int) -> str:
    """Amounts get thousand separators and fixed decimals; ``None``/'' stays blank."""
    if value is None or value == "":
        return ""
    if kind == "amount":
        return f"{Decimal(str(value)):,.{decimals}f}"
    return str(value)


def _header_span(value: Any) -> _Span:
    if isinstance(value, dict):
        return _Span(str(value["text"]), value.get("cols", 1), value.get("rows", 1))
    return _Span("" if value is None else str(value))


def _body_spans(row: list[Any], columns: list[_Column], decimals: int) -> list[_Span]:
    """Expand a logical row: split codes, convert logical spans, pad missing trailing cells."""
    spans: list[_Span] = []
    index = 0
    for value in row:
        if isinstance(value, dict):
            cols = value.get("cols", 1)
            physical = sum(column.parts for column in columns[index : index + cols])
            spans.append(_Span(str(value["text"]), physical, align=value.get("align", "center")))
            index += cols
        else:
            spans += columns[index].spans(value, decimals)
            index += 1
    for column in columns[index:]:
        spans += column.spans(None, decimals)
    return spans


def _place(rows: list[list[_Span]]) -> list[_Cell]:
    """Assign grid positions like HTML tables: cells skip slots taken by earlier row spans."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for row, spans in enumerate(rows):
        col = 0
        for span in spans:
            while (row, col) in taken:
                col += 1
            cells.append(_Cell(span, row, col))
            taken.update((row + r, col + c) for r in range(span.rows) for c in range(span.cols))
            col += span.cols
    return cells


def _cell_font(text: str) -> str:
    return LATIN_FONT if text.isascii() else CJK_FONT


def _wrap_plain(text: str, font: str, size: float, width: float) -> list[str]:
    lines = [""]
    for char in text:
        if lines[-1] and pdfmetrics.stringWidth(lines[-1] + char, font, size) > width:
            lines.append("")
        lines[-1] += char
    return lines


def _grid(rows: list[list[_Span]], edges: list[float], min_height: float) -> _Grid:
    cells = _place(rows)
    heights = [min_height] * len(rows)
    for cell in cells:
        if cell.span.rows == 1:
            width = edges[cell.col + cell.span.cols] - edges[cell.col] - 2 * CELL_PAD
            lines = _wrap_plain(cell.span.text, _cell_font(cell.span.text), CELL_SIZE, width)
            needed = len(lines) * CELL_LEADING + 2 * CELL_PAD
            heights[cell.row] = max(heights[cell.row], needed)
    return _Grid(cells, heights)


def _draw_cell(canvas: Canvas, span: _Span, box: tuple[float, float, float, float]) -> None:
    """Draw the four borders of ``box`` (x0, y0, x1, y1) and the text, vertically centred."""
    x0, y0, x1, y1 = box
    for edge in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
        canvas.line(*edge)
    font = _cell_font(span.text)
    lines = _wrap_plain(span.text, font, CELL_SIZE, x1 - x0 - 2 * CELL_PAD)
    y = (y0 + y1 + len(lines) * CELL_LEADING) / 2 - CELL_LEADING + 0.3 * CELL_SIZE
    canvas.setFont(font, CELL_SIZE)
    for line in lines:
        if span.align == "left":
            canvas.drawString(x0 + CELL_PAD, y, line)
        elif span.align == "right":
            canvas.drawRightString(x1 - CELL_PAD, y, line)
        else:
            canvas.drawCentredString((x0 + x1) / 2, y, line)
        y -= CELL_LEADING


def _draw_grid(canvas: Canvas, grid: _Grid, edges: list[float], top: float, rows: range) -> float:
    """Draw grid rows ``rows`` (spans must not cross its end) from ``top``; return the bottom."""
    tops = list(accumulate((grid.heights[r] for r in rows), lambda y, h: y - h, initial=top))
    canvas.setLineWidth(0.6)
    for cell in grid.cells:
        if cell.row in rows:
            r = cell.row - rows.start
            x0, x1 = edges[cell.col], edges[cell.col + cell.span.cols]
            _draw_cell(canvas, cell.span, (x0, tops[r + cell.span.rows], x1, tops[r]))
    return tops[-1]


def _rows_that_fit(heights: list[float], start: int, room: float, breaks: set[int]) -> int:
    """End index of the body rows from ``start`` that fit in ``room`` before a forced break."""
    end, used = start, 0.0
    while end < len(heights) and used + heights[end] <= room:
        if end > start and end in breaks:
            break
        used += heights[end]
        end += 1
    return max(end, start + 1)


def _table_title(writer: Writer, section: dict[str, Any]) -> None:
    canvas = writer.canvas
    writer.y -= TITLE_SIZE + 6
    canvas.setFont(CJK_FONT, TITLE_SIZE)
    canvas.drawCentredString(writer.size[0] / 2, writer.y, section["title"])
    canvas.setFont(CJK_FONT, SMALL_SIZE)
    canvas.drawRightString(writer.right, writer.y, section.get("code", ""))
    writer.y -= 20
    canvas.drawString(writer.left, writer.y, section.get("left", ""))
    canvas.drawRightString(writer.right, writer.y, section.get("unit", ""))
    writer.y -= 6


def _table_notes(writer: Writer, notes: str | list[str]) -> None:
    for note in [notes] if isinstance(notes, str) else notes:
        for line in _wrap_plain(note, CJK_FONT, SMALL_SIZE, writer.width):
            writer.ensure(14)
            writer.y -= 14
            writer.canvas.setFont(CJK_FONT, SMALL_SIZE)
            writer.canvas.drawString(writer.left, writer.y, line)


@dataclass(frozen=True)
class _Table:
    edges: list[float]  # x of every physical column boundary
    header: _Grid
    body: _Grid


def _layout_table(section: dict[str, Any], left: float, width: float, decimals: int) -> _Table:
    columns = [_Column.from_spec(spec) for spec in section["columns"]]
    parts = [column.width / column.parts for column in columns for _ in range(column.parts)]
    edges = list(accumulate((part * width / sum(parts) for part in parts), initial=left))
    min_height = float(section.get("row_height", 18))
    header_rows, body_rows = table_spans(section, decimals)
    return _Table(edges, _grid(header_rows, edges, min_height), _grid(body_rows, edges, min_height))


def table_spans(
    section: dict[str, Any], decimals: int
) -> tuple[list[list[_Span]], list[list[_Span]]]:
    """A table section's header and body rows as printed cells (codes split, amounts
    formatted), in physical columns."""
    columns = [_Column.from_spec(spec) for spec in section["columns"]]
    header_rows = [[_header_span(value) for value in row] for row in section["header"]]
    return header_rows, [_body_spans(row, columns, decimals) for row in section["rows"]]


def render_table(writer: Writer, section: dict[str, Any]) -> None:
    """Title block, then body rows page by page (forced ``page_breaks`` or overflow), then notes."""
    orientation = section.get("orientation", "portrait")
    writer.new_page(orientation)
    if "heading" in section:
        text_block(writer, STYLES["h1"], section["heading"])
    _table_title(writer, section)
    decimals = int(section.get("decimals", writer.decimals))
    table = _layout_table(section, writer.left, writer.width, decimals)
    breaks, start = set(section.get("page_breaks", [])), 0
    while start < len(table.body.heights):
        if start:
            writer.new_page(orientation)
        if start == 0 or section.get("repeat_header"):
            header_rows = range(len(table.header.heights))
            writer.y = _draw_grid(writer.canvas, table.header, table.edges, writer.y, header_rows)
        end = _rows_that_fit(table.body.heights, start, writer.y - writer.bottom, breaks)
        writer.y = _draw_grid(writer.canvas, table.body, table.edges, writer.y, range(start, end))
        start = end
    _table_notes(writer, section.get("note", []))
