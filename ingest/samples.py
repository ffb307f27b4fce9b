"""Sample corpus generator: renders YAML document specs into PDFs shaped like real disclosures.

All figures and texts live in ``sample_data/*.yaml``; this module is a generic renderer that lays
out covers, tables of contents, narrative text and ruled tables the way published 部门预算 and
部门决算 PDFs do, including the quirks the ingest parser has to cope with: Latin runs (digits,
``.``, ``%``, ``“ ”``) set in Times-Roman below the Chinese baseline, justified lines that wrap
mid-sentence, multi-row headers with merged cells, tables continued across pages with or without
a repeated header, and landscape pages for wide tables.

Spec schema. Top level: ``kind`` (决算 | 预算), ``department``, ``region`` (metadata only),
``year``, ``decimals`` (amount decimals, default 2) and ``sections``, each starting a new page:

* ``cover``: ``lines`` of ``{text, size}``.
* ``toc``: ``title``, ``entries`` of ``[level, text]``, optional ``leaders`` (dot leaders).
* ``text``: ``blocks``, each one of ``h1`` (centred part title), ``h2``/``h3``/``h4`` (一、/
  （一）/1、 headings) or ``p`` (justified paragraph); gets the running header.
* ``table``: ``title``, optional ``heading`` (an ``h1`` above it), ``code`` (right of the
  title), ``left``/``unit`` (the line under the title), ``orientation``, ``decimals``,
  ``row_height``, ``page_breaks`` (body row indices starting a page), ``repeat_header`` and
  ``note`` (a line or a list). ``columns`` are logical: ``{w, kind: text|amount, align, split}``
  where ``split`` (e.g. [3, 2, 2] for 类/款/项) spreads a subject code over several physical
  columns. ``header`` rows use physical columns, ``rows`` logical ones; a cell is a scalar
  (``~`` = blank, numbers in amount columns are formatted) or ``{text, cols, rows}`` for a merged
  cell. Missing trailing cells are blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, groupby, pairwise
from pathlib import Path
from typing import Any

import yaml
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

SPEC_DIR = Path(__file__).with_name("sample_data")
CJK_FONT = "STSong-Light"
LATIN_FONT = "Times-Roman"
RISE = -0.4  # Latin runs in narrative sit 40 % of the font size below the Chinese baseline
CELL_SIZE = 9.0
CELL_LEADING = 11.0
CELL_PAD = 3.0
SMALL_SIZE = 9.0
TITLE_SIZE = 15.0
TOC_LEADING = 26.0
MARGINS = {"portrait": (72.0, 78.0, 64.0), "landscape": (48.0, 56.0, 52.0)}  # side, top, bottom
TITLE_SUFFIX = {"决算": "年度部门决算", "预算": "年部门预算"}

_TOKEN = re.compile(r"[0-9.%]+|.", re.DOTALL)
_LATIN = frozenset("0123456789.%“”")
_NO_LINE_START = frozenset("，。、；：？！）》”")
_NO_LINE_END = frozenset("（《“")

rl_config.invariant = 1  # byte-identical output for the same spec
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def sample_specs() -> list[str]:
    """Names of the bundled specs, sorted."""
    return sorted(path.stem for path in SPEC_DIR.glob("*.yaml"))


def load_spec(name: str) -> dict[str, Any]:
    """Parse the bundled spec ``name`` (a value of :func:`sample_specs`)."""
    return yaml.safe_load((SPEC_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def document_title(spec: dict[str, Any]) -> str:
    """E.g. 示例市示范区政务服务中心2018年度部门决算: the running header and the file stem."""
    return f"{spec['department']}{spec['year']}{TITLE_SUFFIX[spec['kind']]}"


def render_document(spec: dict[str, Any], path: Path, department: str | None = None) -> Path:
    """Render ``spec`` to ``path``; ``department`` replaces the spec's department name."""
    if department:
        spec = _replace_text(spec, spec["department"], department)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _Writer(path, document_title(spec), int(spec.get("decimals", 2)))
    for section in spec["sections"]:
        _RENDERERS[section["type"]](writer, section)
    writer.canvas.save()
    return path


def render_samples(outdir: Path) -> list[Path]:
    """Render every bundled spec into ``outdir``, named after :func:`document_title`."""
    specs = [load_spec(name) for name in sample_specs()]
    return [render_document(spec, outdir / f"{document_title(spec)}.pdf") for spec in specs]


def _replace_text(node: Any, old: str, new: str) -> Any:
    if isinstance(node, str):
        return node.replace(old, new)
    if isinstance(node, list):
        return [_replace_text(item, old, new) for item in node]
    if isinstance(node, dict):
        return {key: _replace_text(value, old, new) for key, value in node.items()}
    return node


class _Writer:
    """Page bookkeeping on a reportlab canvas: orientation, margins, cursor, decorations."""

    def __init__(self, path: Path, title: str, decimals: int) -> None:
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1)
        self.title = title
        self.decimals = decimals
        self.page = 0
        self.orientation = "portrait"
        self.running = False
        self.y = 0.0

    @property
    def size(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else A4

    @property
    def left(self) -> float:
        return MARGINS[self.orientation][0]

    @property
    def right(self) -> float:
        return self.size[0] - self.left

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def bottom(self) -> float:
        return MARGINS[self.orientation][2]

    def new_page(self, orientation: str = "portrait", running: bool = False) -> None:
        """Start a page; every page but the cover gets a centred number, text pages a header."""
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.orientation, self.running = orientation, running
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGINS[orientation][1]
        if self.page > 1:
            self.canvas.setFont(LATIN_FONT, 10.5)
            self.canvas.drawCentredString(self.size[0] / 2, 30, f"- {self.page - 1} -")
        if running:
            self.canvas.setFont(CJK_FONT, SMALL_SIZE)
            self.canvas.drawCentredString(self.size[0] / 2, self.size[1] - 44, self.title)

    def ensure(self, height: float) -> None:
        """Continue on a fresh page of the same kind unless ``height`` still fits."""
        if self.y - height < self.bottom:
            self.new_page(self.orientation, self.running)


# Narrative text: Chinese in STSong-Light, Latin runs in Times-Roman shifted off the baseline.


@dataclass(frozen=True)
class _Style:
    size: float
    leading: float
    indent: float  # first-line indent, in characters
    justify: bool
    center: bool = False
    keep: int = 1  # lines that must fit before the block starts on the current page


_HEADING = _Style(12.0, 24.0, 2, justify=False, keep=2)
_STYLES = {
    "h1": _Style(16.0, 32.0, 0, justify=False, center=True, keep=2),
    "h2": _HEADING,
    "h3": _HEADING,
    "h4": _HEADING,
    "p": _Style(12.0, 22.0, 2, justify=True),
}


def _is_latin(token: str) -> bool:
    return token[0] in _LATIN


def _tokens_width(tokens: list[str], size: float) -> float:
    return sum(
        pdfmetrics.stringWidth(token, LATIN_FONT if _is_latin(token) else CJK_FONT, size)
        for token in tokens
    )


def _carry(line: list[str], token: str) -> list[str]:
    """Tokens moved to the next line so that no line starts closed or ends open."""
    carry = [line.pop()] if token[0] in _NO_LINE_START and len(line) > 1 else []
    while len(line) > 1 and line[-1][0] in _NO_LINE_END:
        carry.insert(0, line.pop())
    return carry


def _wrap(text: str, size: float, width: float, indent: float) -> list[list[str]]:
    """Greedy line breaking on tokens: numbers stay whole, punctuation obeys :func:`_carry`."""
    lines: list[list[str]] = []
    line: list[str] = []
    used = indent
    for token in _TOKEN.findall(text):
        token_width = _tokens_width([token], size)
        if line and used + token_width > width:
            carry = _carry(line, token)
            lines.append(line)
            line, used = carry, _tokens_width(carry, size)
        line.append(token)
        used += token_width
    return [*lines, line]


def _draw_tokens(
    canvas: Canvas, x: float, y: float, tokens: list[str], size: float, spacing: float = 0.0
) -> None:
    text = canvas.beginText(x, y)
    text.setCharSpace(spacing)
    for latin, group in groupby(tokens, key=_is_latin):
        text.setFont(LATIN_FONT if latin else CJK_FONT, size)
        text.setRise(RISE * size if latin else 0.0)
        text.textOut("".join(group))
    canvas.drawText(text)


def _line_placement(
    writer: _Writer, style: _Style, tokens: list[str], offset: float, last: bool
) -> tuple[float, float]:
    """Start x and character spacing of one line: centred, justified or ragged."""
    extra = writer.width - offset - _tokens_width(tokens, style.size)
    chars = sum(len(token) for token in tokens)
    if style.center:
        return writer.left + extra / 2, 0.0
    if style.justify and not last and chars > 1:
        return writer.left + offset, extra / (chars - 1)
    return writer.left + offset, 0.0


def _text_block(writer: _Writer, style: _Style, text: str) -> None:
    indent = style.indent * style.size
    lines = _wrap(text, style.size, writer.width, indent)
    writer.ensure(style.leading * style.keep)
    for number, tokens in enumerate(lines):
        writer.ensure(style.leading)
        writer.y -= style.leading
        offset = indent if number == 0 else 0.0
        x, spacing = _line_placement(writer, style, tokens, offset, number == len(lines) - 1)
        _draw_tokens(writer.canvas, x, writer.y, tokens, style.size, spacing)


def _render_cover(writer: _Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"))
    y = writer.size[1] * 0.62
    for line in section["lines"]:
        size = float(line["size"])
        tokens = _TOKEN.findall(line["text"])
        x = (writer.size[0] - _tokens_width(tokens, size)) / 2
        _draw_tokens(writer.canvas, x, y, tokens, size)
        y -= size * 2.2


def _render_toc(writer: _Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"))
    _text_block(writer, _STYLES["h1"], section["title"])
    for level, text in section["entries"]:
        writer.ensure(TOC_LEADING)
        writer.y -= TOC_LEADING
        x = writer.left + level * 2 * _HEADING.size
        tokens = _TOKEN.findall(text)
        if section.get("leaders"):
            room = writer.right - x - _tokens_width(tokens, _HEADING.size)
            tokens += ["…"] * int(room // _tokens_width(["…"], _HEADING.size))
        _draw_tokens(writer.canvas, x, writer.y, tokens, _HEADING.size)


def _render_text(writer: _Writer, section: dict[str, Any]) -> None:
    writer.new_page(section.get("orientation", "portrait"), running=True)
    for block in section["blocks"]:
        ((kind, text),) = block.items()
        _text_block(writer, _STYLES[kind], text)


# Ruled tables: header rows in physical columns, body rows in logical columns.


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


def _table_title(writer: _Writer, section: dict[str, Any]) -> None:
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


def _table_notes(writer: _Writer, notes: str | list[str]) -> None:
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


def _render_table(writer: _Writer, section: dict[str, Any]) -> None:
    """Title block, then body rows page by page (forced ``page_breaks`` or overflow), then notes."""
    orientation = section.get("orientation", "portrait")
    writer.new_page(orientation)
    if "heading" in section:
        _text_block(writer, _STYLES["h1"], section["heading"])
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


_RENDERERS = {
    "cover": _render_cover,
    "toc": _render_toc,
    "text": _render_text,
    "table": _render_table,
}
