"""The raw table grid shared by the PDF and the text readers, before any fiscal meaning.

A grid is a list of cells, each placed at (row, col) with its span, its text, and where it
is on the page. Merged header cells keep their span, so a header's coverage of the columns
below it is geometry, not guesswork.
"""

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None

    def covers_col(self, col: int) -> bool:
        return self.col <= col < self.col + self.colspan


@dataclass
class RawTable:
    """One table as read from a page (or a text block), with the lines that label it."""

    cells: list[GridCell]
    n_rows: int
    n_cols: int
    page: int | None = None
    bbox: BBox | None = None
    col_edges: list[float] | None = None
    title: str | None = None
    code: str | None = None
    unit: str | None = None
    notes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    """Label lines read off with the table (title, 部门：…, 单位：…), kept for identity."""

    def row(self, index: int) -> list[GridCell]:
        """The cells that start in this row, left to right."""
        return sorted((c for c in self.cells if c.row == index), key=lambda c: c.col)

    def row_text(self, index: int) -> list[str]:
        return [c.text for c in self.row(index)]

    def is_empty(self) -> bool:
        return all(not c.text for c in self.cells)

    def drop_empty(self) -> None:
        """Remove the rows and the columns where no cell starts with text: a grid drawn with
        more rules than its text needs (every header fragment in a box of its own)."""
        self.drop_rows({r for r in range(self.n_rows) if not any(c.text for c in self.row(r))})
        used = {c.col for c in self.cells if c.text}
        if len(used) == self.n_cols:
            return
        new_index = {col: i for i, col in enumerate(sorted(used))}
        cells = []
        for cell in self.cells:
            kept = [new_index[c] for c in range(cell.col, cell.col + cell.colspan) if c in used]
            if kept:
                cell.col, cell.colspan = kept[0], len(kept)
                cells.append(cell)
        self.cells = cells
        if self.col_edges is not None:
            self.col_edges = [self.col_edges[0]] + [self.col_edges[c + 1] for c in sorted(used)]
        self.n_cols = len(used)

    def drop_rows(self, rows: set[int]) -> None:
        """Remove whole rows and renumber the rest."""
        kept = sorted(set(range(self.n_rows)) - rows)
        renumber = {old: new for new, old in enumerate(kept)}
        self.cells = [c for c in self.cells if c.row in renumber]
        for cell in self.cells:
            cell.row = renumber[cell.row]
        self.n_rows = len(kept)
