"""raw grid → table: header flattened to column paths, side-by-side groups split into logical
rows, subject codes joined, amounts parsed exactly and normalised to 万元."""

from dataclasses import dataclass, field
from decimal import Decimal

from caiwen.ingest.codes import is_code_fragment, join_code, split_leading_code
from caiwen.ingest.grid import BBox, GridCell, RawTable
from caiwen.ingest.numbers import looks_numeric, parse_amount, to_wan
from caiwen.ingest.text import compact, is_column_letters, join_wrapped, tidy
from caiwen.ingest.vocabulary import Vocabulary, vocabulary

MAX_HEADER_ROWS = 10
PATH_SEPARATOR = "/"


@dataclass
class TableCell:
    column: str
    value: Decimal | None
    original: str
    page: int | None = None
    bbox: BBox | None = None


@dataclass
class TableRow:
    group: str
    code: str | None
    label: str
    cells: list[TableCell]
    code_raw: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    also: tuple[str | None, str] | None = None
    """The second key of a table keyed twice: its (code, label) as printed."""


@dataclass
class Table:
    title: str | None
    code: str | None
    unit: str | None
    pages: list[int]
    columns: list[str]
    rows: list[TableRow]
    header: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    is_form: bool = False
    labels: list[str] = field(default_factory=list)
    """The lines printed around it: its title, code, 编制单位, unit."""

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    @property
    def empty(self) -> bool:
        """True when no cell holds a figure (an empty table is not a table of zeros)."""
        return all(cell.value is None for row in self.rows for cell in row.cells)

    def text_lines(self) -> list[str]:
        """Each row as one line of text (how a form reads as narrative)."""
        return [" ".join([row.label, *(c.original for c in row.cells)]) for row in self.rows]


@dataclass
class _Column:
    index: int
    path: list[str]
    kind: str
    group: int = 0


def header_row_count(raw: RawTable) -> int:
    """Leading rows before the first data row: one with a figure, a code or an ordinal label,
    or a lone 合计 row (an empty table has no figures)."""
    vocab = vocabulary()
    for r in range(min(raw.n_rows, MAX_HEADER_ROWS + 1)):
        texts = [t for t in raw.row_text(r) if t]
        if _is_index_row(texts, vocab):
            continue
        if any(looks_numeric(t) or vocab.ordinal_label.match(t) for t in texts):
            return r
        if len(texts) == 1 and vocab.total_label.match(texts[0]) and raw.row(r)[0].col == 0:
            return r
    return raw.n_rows if raw.n_rows <= MAX_HEADER_ROWS else 0


def _is_index_row(texts: list[str], vocab: Vocabulary) -> bool:
    """A row that numbers the columns: 栏次 1 2 3 …, 1 2 3 … 12, or A B C …."""
    if is_column_letters(texts):
        return True
    if not texts or not all(vocab.index_row.match(t) for t in texts):
        return False
    numbers = [int(t) for t in texts if t.isdigit()]
    return len(numbers) < len(texts) or numbers == list(
        range(numbers[0], numbers[0] + len(numbers))
    )


def raw_to_table(raw: RawTable) -> Table:
    """Flatten the header, split column groups and read every data row."""
    vocab = vocabulary()
    raw.drop_empty()
    if raw.title and vocab.form.search(raw.title):
        return _form_to_table(raw)
    n_header = header_row_count(raw)
    if raw.col_edges is None:
        _infer_header_spans(raw, n_header)
    columns = _columns(raw, n_header, vocab)
    if raw.col_edges is None:
        _reseat_orphan_figures(raw, n_header, columns)
    names = _group_names(raw, n_header, columns)
    rows = [
        row
        for group in sorted({c.group for c in columns})
        for r in range(n_header, raw.n_rows)
        if (row := _logical_row(raw, r, _row_columns(raw, r, columns, group), names, vocab))
    ]
    rows_to_blocks(rows)
    pages = sorted({c.page for c in raw.cells if c.page is not None})
    return Table(
        title=raw.title,
        code=raw.code,
        unit=raw.unit,
        pages=pages,
        columns=list(dict.fromkeys(_column_name(c, names) for c in columns if c.kind == "value")),
        rows=rows,
        header=[raw.row_text(r) for r in range(n_header)],
        notes=raw.notes,
        labels=raw.labels,
    )


def _form_to_table(raw: RawTable) -> Table:
    """A form has no header: each grid row is a label followed by what was filled in."""
    rows = []
    for r in range(raw.n_rows):
        cells = [c for c in raw.row(r) if c.text]
        if not cells:
            continue
        entries = [
            TableCell(f"第{i}栏", None, c.text, c.page, c.bbox) for i, c in enumerate(cells[1:], 2)
        ]
        rows.append(
            TableRow("", None, cells[0].text, entries, page=cells[0].page, bbox=_row_bbox(cells))
        )
    width = max((len(row.cells) for row in rows), default=0)
    return Table(
        title=raw.title,
        code=raw.code,
        unit=raw.unit,
        pages=sorted({c.page for c in raw.cells if c.page is not None}),
        columns=[f"第{i}栏" for i in range(2, width + 2)],
        rows=rows,
        notes=raw.notes,
        is_form=True,
        labels=raw.labels,
    )


def _infer_header_spans(raw: RawTable, n_header: int) -> None:
    """Text tables lose merged cells: a header spans the empty cells to its right, within
    the span of the header above it."""
    parent_spans = [(0, raw.n_cols)]
    for r in range(n_header):
        cells = {c.col: c for c in raw.row(r)}
        spans = []
        for start, end in parent_spans:
            filled = [col for col in range(start, end) if cells.get(col) and cells[col].text]
            for i, col in enumerate(filled):
                stop = filled[i + 1] if i + 1 < len(filled) else end
                cells[col].colspan = stop - col
                spans.append((col, stop))
        parent_spans = sorted(spans) or parent_spans


def _reseat_orphan_figures(raw: RawTable, n_header: int, columns: list[_Column]) -> None:
    """Text tables lose empty cells: a figure that lands in a code or label column belongs to
    the nearest label on its left whose group has no figure yet."""
    for r in range(n_header, raw.n_rows):
        row = raw.row(r)
        for cell in row:
            if columns[cell.col].kind == "value" or not _is_figure(cell.text):
                continue
            owner = _group_wanting_figure(row, cell, columns)
            if owner is not None:
                cell.col = owner
                cell.colspan = 1


def _is_figure(text: str) -> bool:
    return looks_numeric(text) and not is_code_fragment(text)


def _group_wanting_figure(
    row: list[GridCell], orphan: GridCell, columns: list[_Column]
) -> int | None:
    """The first value column of the closest group on the left that has a label but no figure."""
    for group in range(columns[orphan.col].group, -1, -1):
        cols = [c for c in columns if c.group == group]
        in_group = [
            cell for cell in row if cell.col in {c.index for c in cols} and cell is not orphan
        ]
        has_label = any(columns[cell.col].kind != "value" and cell.text for cell in in_group)
        has_figure = any(columns[cell.col].kind == "value" and cell.text for cell in in_group)
        values = [c.index for c in cols if c.kind == "value"]
        if has_label and not has_figure and values:
            return values[0]
    return None


def _columns(raw: RawTable, n_header: int, vocab: Vocabulary) -> list[_Column]:
    """Each column's header path and kind. A header the vocabulary does not know is a figure;
    in a table where it knows no label or code header, the cells decide before the first
    figure (长春's 项目支出表 heads its names 类型 | 一级项目 | 二级项目 | 项目单位)."""
    paths = [_header_path(raw, n_header, col, vocab) for col in range(raw.n_cols)]
    known = [vocab.column_kind(path[-1]) if path else None for path in paths]
    keyed = any(kind in ("label", "code") for kind in known)
    columns: list[_Column] = []
    for col, (path, kind) in enumerate(zip(paths, known, strict=True)):
        leading = not keyed and all(c.kind != "value" for c in columns)
        if kind is None:
            kind = "value" if path and not leading else _kind_from_content(raw, n_header, col)
        columns.append(_Column(col, path, kind))
    group = 0
    for prev, column in zip([None, *columns], columns, strict=False):
        if prev is not None and prev.kind == "value" and column.kind != "value":
            group += 1
        column.group = group
    return columns


def _header_path(raw: RawTable, n_header: int, col: int, vocab: Vocabulary) -> list[str]:
    path: list[str] = []
    for r in range(n_header):
        texts = [c.text for c in raw.row(r)]
        if _is_index_row([t for t in texts if t], vocab):
            continue
        for cell in raw.row(r):
            text = tidy(cell.text)
            if cell.covers_col(col) and text and (not path or path[-1] != text):
                path.append(text)
    return path


def _kind_from_content(raw: RawTable, n_header: int, col: int) -> str:
    texts = [c.text for c in raw.cells if c.col == col and c.row >= n_header and c.text]
    if texts and all(is_code_fragment(t) for t in texts):
        return "code"
    if texts and sum(looks_numeric(t) for t in texts) * 2 >= len(texts):
        return "value"
    return "label"


def _group_names(raw: RawTable, n_header: int, columns: list[_Column]) -> dict[int, str]:
    """Name each side-by-side group (收入 | 支出; 人员经费 | 公用经费) by the header above it."""
    groups = sorted({c.group for c in columns})
    if len(groups) < 2 or n_header == 0:
        return {}
    top = [c for c in raw.row(0) if c.text]
    filled = [g for g in groups if _group_has_data(raw, n_header, columns, g)]
    if len(top) == len(filled):
        return {g: tidy(cell.text) for g, cell in zip(filled, top, strict=True)}
    names = {}
    for group in groups:
        cols = [c.index for c in columns if c.group == group]
        for cell in top:
            covers = all(cell.covers_col(i) for i in cols)
            if covers and not all(cell.covers_col(c.index) for c in columns):
                names[group] = tidy(cell.text)
    return names


def _group_has_data(raw: RawTable, n_header: int, columns: list[_Column], group: int) -> bool:
    cols = {c.index for c in columns if c.group == group}
    return any(c.text for c in raw.cells if c.row >= n_header and c.col in cols)


def _column_name(column: _Column, names: dict[int, str]) -> str:
    path = column.path
    if path and path[0] in names.values():
        path = path[1:]
    return PATH_SEPARATOR.join(path)


def _row_columns(raw: RawTable, r: int, columns: list[_Column], group: int) -> list[_Column]:
    """The columns of a group in one row. A label printed across the next group's code and
    name cells (“公用经费合计” over the 302 and 310 groups) takes that group's figures too."""
    owner = _owner_groups(raw, r, columns)
    if owner.get(group, group) != group:
        return []
    return [c for c in columns if owner.get(c.group, c.group) == group]


def _owner_groups(raw: RawTable, r: int, columns: list[_Column]) -> dict[int, int]:
    owner: dict[int, int] = {}
    for cell in raw.row(r):
        if not cell.text or cell.colspan == 1:
            continue
        start = columns[cell.col].group
        for group in {c.group for c in columns if c.group > start}:
            keys = [c.index for c in columns if c.group == group and c.kind != "value"]
            if keys and all(cell.covers_col(i) for i in keys):
                owner[group] = owner.get(start, start)
    return owner


def _logical_row(
    raw: RawTable, r: int, columns: list[_Column], names: dict[int, str], vocab: Vocabulary
) -> TableRow | None:
    cells = _cells_by_start(raw, r, columns)
    first, *second = _keys(columns)
    code, label, codes = _row_key(cells, first, vocab)
    also = _row_key(cells, second[0], vocab) if second else None
    present = [cells[c.index] for c in columns if c.index in cells]
    page = present[0].page if present else None
    values = [
        _table_cell(cells.get(c.index), _column_name(c, names), raw.unit, page)
        for c in columns
        if c.kind == "value"
    ]
    if not (label or codes) and all(v.value is None and not v.original for v in values):
        return None
    return TableRow(
        group=names.get(columns[0].group, ""),
        code=code,
        label=label,
        cells=values,
        code_raw=" ".join(codes) or None,
        page=page,
        bbox=_row_bbox(present),
        also=also[:2] if also and (also[0] or also[1]) else None,
    )


def _keys(columns: list[_Column]) -> list[list[_Column]]:
    """The keys a row is printed under: its code and label columns, or where a second code and
    label follow a first (烟台's 部门 and 政府 经济分类 side by side), each of the two."""
    keys: list[list[_Column]] = [[]]
    for column in (c for c in columns if c.kind in ("code", "label")):
        if column.kind == "code" and keys[-1] and keys[-1][-1].kind == "label":
            keys.append([])
        keys[-1].append(column)
    whole = [{c.kind for c in key} == {"code", "label"} for key in keys]
    if len(keys) == 2 and all(whole):
        return keys
    return [[c for key in keys for c in key]]


def rows_to_blocks(rows: list[TableRow]) -> None:
    """A table keyed twice repeats its first key in each block of the second (301 工资福利支出
    under 501 机关工资福利支出, again under 505 对事业单位经常性补助): each row takes the block
    it is printed in as its group, so one subject's rows stay apart and each block adds up."""
    block = ""
    for row in rows:
        if row.also is None:
            continue
        code, label = row.also
        if code and len(code) == 3:
            block = label
        row.group = block


def _row_key(
    cells: dict[int, GridCell], columns: list[_Column], vocab: Vocabulary
) -> tuple[str | None, str, list[str]]:
    """(joined subject code, row label, the code fragments as printed)."""
    codes, labels = [], []
    for column in columns:
        cell = cells.get(column.index)
        text = tidy(cell.text) if cell else ""
        if column.kind == "code" and is_code_fragment(text):
            codes.append(text)
        elif column.kind in ("code", "label") and text and not vocab.code_header_cell.match(text):
            labels.append(text)
    label = _row_label(labels)
    code = join_code(codes)
    if code is None and not codes:
        code, label = split_leading_code(label)
    return code, label, codes


def _cells_by_start(raw: RawTable, r: int, columns: list[_Column]) -> dict[int, GridCell]:
    wanted = {c.index for c in columns}
    return {cell.col: cell for cell in raw.row(r) if cell.col in wanted}


def _row_label(labels: list[str]) -> str:
    """The label cells joined, without the colon some templates end it with (总计：)."""
    label = ""
    for text in labels:
        if not looks_numeric(text):
            label = join_wrapped(label, text)
    return label.rstrip("：:")


def _table_cell(
    cell: GridCell | None, column: str, unit: str | None, row_page: int | None
) -> TableCell:
    original = tidy(cell.text) if cell else ""
    amount = parse_amount(original)
    value = to_wan(amount, unit or "万元") if amount is not None else None
    return TableCell(
        column=column,
        value=value,
        original=original,
        page=cell.page if cell else row_page,
        bbox=cell.bbox if cell else None,
    )


def _row_bbox(cells: list[GridCell]) -> BBox | None:
    boxes = [c.bbox for c in cells if c.bbox]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def same_header(a: list[str], b: list[str]) -> bool:
    """Two header rows read the same once spacing is ignored."""
    return [compact(t) for t in a if t] == [compact(t) for t in b if t]
