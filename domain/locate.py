"""Where a metric's figure is printed in one stored document: its cells grouped by table family,
and the catalogue locations matched against them. Read by the tools (service/figures.py) and by
the consistency audit (ingest/audit.py)."""

import re
import sqlite3
from dataclasses import dataclass, field

from caiwen.domain.bases import BASES
from caiwen.domain.catalogue import Catalogue, Family, Location, Metric, normalise
from caiwen.domain.ordinals import strip_ordinal

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
ROW_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*$")
YEAR_ALONE = re.compile(r"^(?:19|20)\d{2}\s*年度?(?:年初|全年)?(?:预算|决算)?数?$")
TOTAL_ROW = "合计"


@dataclass
class TableCells:
    title: str
    family: Family
    cells: list[sqlite3.Row]
    has_both_bases: bool
    """Whether the table prints 预算数 and 决算数 columns side by side."""
    own_part: bool = False
    """Only the row of the department's own part (本级) among its units' rows: its columns
    are the metrics, whatever row the catalogue reads the whole from."""
    first_rows: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def first_row(self, table_id: str) -> int:
        """The first row of one of its printed tables that holds an amount."""
        if table_id not in self.first_rows:
            rows = (c["row"] for c in self.cells if c["table_id"] == table_id and c["amount"])
            self.first_rows[table_id] = min(rows, default=0)
        return self.first_rows[table_id]


def group_tables(
    cells: list[sqlite3.Row], catalogue: Catalogue, year: int | None = None
) -> list[TableCells]:
    """A document's cells (with their table's title) by table, for the tables of a known
    family, in document order; of a table printing columns for several years (2025年预算数 |
    2026年预算数), only the ``year``'s."""
    tables: dict[str, TableCells] = {}
    for cell in cells:
        title = cell["table_title"] or ""
        family = catalogue.family(title)
        if family is None:
            continue
        if title not in tables:
            tables[title] = TableCells(title, family, [], False)
        tables[title].cells.append(cell)
    for table in tables.values():
        table.cells = _of_year(table.cells, year) if year else table.cells
        paths = {c["column_path"] for c in table.cells}
        table.has_both_bases = all(any(b in p for p in paths) for b in BASES)
    return list(tables.values())


def years_printed(cells: list[sqlite3.Row]) -> set[int]:
    """The years a table prints columns or rows for (2025年预算数 | 2026年预算数)."""
    return ({_year(c["column_path"]) for c in cells} - {None}) | set(_row_years(cells).values())


def _of_year(cells: list[sqlite3.Row], year: int) -> list[sqlite3.Row]:
    """The cells of the ``year``'s columns (2025年预算数 | 2026年预算数) and rows (深圳's 三公
    table prints a row for 2025年, one for 2026年 and one for 增减变化金额, in each unit)."""
    years = {_year(c["column_path"]) for c in cells} - {None}
    if len(years) > 1:
        cells = [_year_total(c) for c in cells if _year(c["column_path"]) in (None, year)]
    rows = _row_years(cells)
    if len(set(rows.values())) > 1:
        cells = [c for c in cells if rows.get((c["table_id"], c["row"])) in (None, year)]
    return cells


def _year_total(cell: sqlite3.Row) -> sqlite3.Row:
    """A column headed by its year alone, beside another year's divided (2025年预算数 beside
    2026年预算数/总计, /基本支出…: 重庆's 一般公共预算支出表), read as that year's total."""
    path = cell["column_path"] or ""
    return {**dict(cell), "column_path": f"{path}/合计"} if YEAR_ALONE.match(path) else cell


def _row_years(cells: list[sqlite3.Row]) -> dict[tuple[str, int], int]:
    """The rows that say which year they are for: a cell of text that is a year (年度: 2025年)."""
    return {
        (c["table_id"], c["row"]): int(m.group(1))
        for c in cells
        if c["amount"] is None and (m := ROW_YEAR.match(c["original"] or ""))
    }


def _year(path: str | None) -> int | None:
    match = YEAR.search(path or "")
    return int(match.group(1)) if match else None


def find_cell(
    tables: list[TableCells], location: Location, basis: str
) -> tuple[TableCells, sqlite3.Row] | None:
    """The first cell holding a value at a table location (of the asked basis)."""
    for table in tables:
        if table.family.id != location.table:
            continue
        for cell in table.cells:
            if cell["amount"] is not None and cell_matches(cell, location, table, basis):
                return table, cell
    return None


def cell_matches(cell: sqlite3.Row, location: Location, table: TableCells, basis: str) -> bool:
    path = cell["column_path"] or ""
    if table.has_both_bases and basis in BASES and basis not in path:
        return False
    if location.column and not location.column.search(normalise(path)):
        return False
    if location.group and not location.group.search(cell["grp"] or ""):
        return False
    if table.own_part:  # its columns are the metrics; a row location, where it is the total's
        return location.column is not None or _total_row(location)
    if location.code and not location.code.search(cell["row_code"] or ""):
        return False
    return not (location.row and not location.row.search(_row_label(cell, table)))


def _row_label(cell: sqlite3.Row, table: TableCells) -> str:
    """A cell's row label as a location reads it: a first row left unlabelled is the table's
    total (江苏's 支出预算总表: 合计 | 基本支出 | 项目支出 with no 合计 printed before them)."""
    label = normalise(strip_ordinal(cell["row_label"]))
    first = cell["row"] == table.first_row(cell["table_id"])
    return TOTAL_ROW if not label and first else label


def _total_row(location: Location) -> bool:
    """Whether a location by row reads the total's row (合计), which a unit's row stands for
    among the units' rows; not a line of its own (人员经费合计)."""
    return location.row is not None and location.row.search(TOTAL_ROW) is not None


MONEY_ENDINGS = ("费", "经费", "支出")
"""What a name may end with that a row's label leaves out (公务用车购置 of 公务用车购置费)."""


def fact_matches(fact: sqlite3.Row, name: str, metric: Metric, basis: str, year: int) -> bool:
    """A narrative amount or count stated for the metric, of this basis and year."""
    names = (name, *metric.aliases)
    said = fact["metric"]  # a name its rows print without the money's ending (公务用车购置)
    coded = metric.code is not None and fact["code"] == metric.code
    named = said in names or any(said + end in names for end in MONEY_ENDINGS) or coded
    return (
        named
        and fact["kind"] in ("amount", "count")
        and fact["value"] is not None
        and fact["year"] in (None, year)
        and fact["basis"] in (None, basis)
    )
