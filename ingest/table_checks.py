"""The audit's checks of table arithmetic: row and column sums, the 总表's balance, the same
figure in two tables."""

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from caiwen.domain.bases import BASES
from caiwen.domain.catalogue import Metric, normalise
from caiwen.domain.locate import find_cell, group_tables
from caiwen.ingest.finding import (
    Audited,
    Finding,
    audit_rules,
    by_table,
    cell_side,
    column_name,
    fmt,
    label,
    message,
    tolerance,
)


def unchecked_tables(doc: Audited) -> dict[str, str]:
    """The tables with figures whose sums are not checked, each with why: its structure was
    not recognised with confidence (a title of no known family, figures without a header
    path or under one holding the line above the table, no 合计/小计 row, subject codes or
    total column to check against)."""
    rules = audit_rules()["structure"]
    totals = re.compile(audit_rules()["total_names"])
    cells: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for cell in doc.cells:
        if cell["amount"] is not None:
            cells[cell["table_id"]].append(cell)
    unchecked = {}
    for table in doc.tables:
        figures = cells.get(table["id"], [])
        if not figures:
            continue
        if doc.catalogue.family(table["title"]) is None:
            unchecked[table["id"]] = rules["unknown"]
        elif any(not c["column_path"] for c in figures):
            unchecked[table["id"]] = rules["no_header"]
        elif any(_header_holds_a_line(c["column_path"], doc) for c in figures):
            unchecked[table["id"]] = rules["header_line"]
        elif not any(_totals_against(c, totals) for c in figures):
            unchecked[table["id"]] = rules["no_total"]
    return unchecked


def _header_holds_a_line(path: str, doc: Audited) -> bool:
    """A header path that took in the line above the table (部门名称：…, the department's name):
    its columns were not told apart."""
    plain = normalise(path)
    line = audit_rules()["structure"]["header_line_pattern"]
    own = normalise(doc.department)
    return bool(re.search(line, plain)) or bool(own and own in plain)


def _totals_against(cell: sqlite3.Row, totals: re.Pattern[str]) -> bool:
    """A cell a sum can be checked against: in a 合计 row, a 类 or 款 line, a total column."""
    headings = _column_parts(cell["column_path"])[1]
    return bool(
        totals.match(label(cell))
        or len(cell["row_code"] or "") in (3, 5)
        or (headings and totals.match(headings[-1]))
    )


def _summable(doc: Audited) -> list[sqlite3.Row]:
    """The cells of the tables whose sums are checked, but for a column of codes (长春's 收入总表
    prints 部门（单位）代码 105001 beside its figures): a code is no amount."""
    skipped = unchecked_tables(doc)
    codes = re.compile(audit_rules()["code_columns"])
    return [
        c
        for c in doc.cells
        if c["table_id"] not in skipped and not codes.search(c["column_path"] or "")
    ]


def check_row_sums(doc: Audited) -> Iterator[Finding]:
    """A 类 (款) line equals the sum of its 款 (项) lines; a 合计 row the sum of its 类. One
    finding per line, however many of its columns are off."""
    totals = re.compile(audit_rules()["total_names"])
    off: dict[tuple, list[Finding]] = defaultdict(list)
    for (table, grp, _), column_cells in _by_table_column(_summable(doc)).items():
        coded = [c for c in column_cells if c["row_code"]]
        for at, cell in enumerate(coded):
            if len(cell["row_code"]) in (3, 5):
                parts = _printed_under(cell["row_code"], coded[at + 1 :])
                off[(table, grp, cell["row"])] += _sum_finding("sum.rows", cell, parts)
        top = [c for c in coded if len(c["row_code"]) == 3]
        for cell in column_cells:
            if not cell["row_code"] and totals.match(label(cell)) and top:
                off[(table, grp, cell["row"])] += _sum_finding("sum.rows", cell, top)
    for findings in off.values():
        if findings:
            yield _first_of(findings)


def _printed_under(code: str, after: list[sqlite3.Row]) -> list[sqlite3.Row]:
    """The lines of the next level a 类 (款) line adds up: those printed under it, up to the
    first line of another 类 (款). Subject codes are printed as a tree, so a code printed again
    further down is another line: the same 类 for another unit (深圳's 支出总表 lists each
    预算单位's subjects in turn) or for another 政府经济分类 (烟台's 基本支出 table prints 301
    under 501 and again under 505)."""
    parts = []
    for cell in after:
        if not cell["row_code"].startswith(code) or cell["row_code"] == code:
            break
        if len(cell["row_code"]) == len(code) + 2:
            parts.append(cell)
    return parts


def _first_of(findings: list[Finding]) -> Finding:
    """The first finding of a line, naming how many other columns of it are off too."""
    first = findings[0]
    if len(findings) > 1:
        first.message += audit_rules()["more_columns"].format(count=len(findings) - 1)
        first.sides += [side for f in findings[1:] for side in f.sides[:1]]
    return first


def check_column_sums(doc: Audited) -> Iterator[Finding]:
    """A 合计 (小计) column equals the sum of the columns it totals, row by row."""
    totals = re.compile(audit_rules()["total_names"])
    rows: dict[tuple[str, int], list[sqlite3.Row]] = defaultdict(list)
    for cell in _summable(doc):
        if cell["amount"] is not None:
            rows[(cell["table_id"], cell["row"])].append(cell)
    for cells in rows.values():
        parsed = [(c, *_column_parts(c["column_path"])) for c in cells]
        for cell, basis, parts in parsed:
            if parts and totals.match(parts[-1]):
                members = _members(
                    parts[:-1], basis, [(b, p, c) for c, b, p in parsed if c is not cell]
                )
                yield from _sum_finding("sum.columns", cell, members)


def _members(
    parent: list[str], basis: str, others: list[tuple[str, list[str], sqlite3.Row]]
) -> list[sqlite3.Row]:
    """The cells a total column adds up: each sub-column under the same heading (not one that
    is part of another column), a group of sub-columns by its own 小计 (or, without one, by its
    columns). A group printing a 小计 is added by it, even beside a column at the group's own
    heading: a header wrapped over lines leaves one there (江苏省检察院's 公务用车购置及运行维护费
    0 beside its 小计 267.80)."""
    totals = re.compile(audit_rules()["total_names"])
    under = [
        (p, c)
        for b, p, c in others
        if b == basis and len(p) > len(parent) and p[: len(parent)] == parent
    ]
    under = [u for at, u in enumerate(under) if not _part_of_another(under, at, len(parent))]
    groups: dict[str, list[tuple[list[str], sqlite3.Row]]] = defaultdict(list)
    for path, cell in under:
        groups[path[len(parent)]].append((path, cell))
    members = []
    for name, group in groups.items():
        own = [c for p, c in group if p == [*parent, name]]
        subtotal = [c for p, c in group if len(p) == len(parent) + 2 and totals.match(p[-1])]
        members += subtotal or own or [c for _, c in group]
    return members


def _part_of_another(under: list[tuple[list[str], sqlite3.Row]], at: int, depth: int) -> bool:
    """Whether the column at `at` (of the columns under a total's heading, in print order) is a
    part of another column: headed 其中, it breaks down the column before it (深圳's 政府采购
    小计 | 其中：预留给中小企业 | 其中：预留给小微企业, the second inside the first; 长沙's
    本级财政拨款 金额 | 其中:经费拨款) — unless it is the first after the total and the columns
    after it are not 其中 again: then it begins the list of the total's parts (珠海's 小计 |
    其中：基本支出 | 项目支出)."""
    part_of = re.compile(audit_rules()["part_of_another"])

    def marked(i: int) -> bool:
        return any(part_of.match(heading) for heading in under[i][0][depth:])

    if not marked(at):
        return False
    return not (at == 0 and len(under) > 1 and not marked(1))


def _sum_finding(rule: str, total: sqlite3.Row, parts: list[sqlite3.Row]) -> Iterator[Finding]:
    if not parts or total["amount"] is None:
        return
    values = [Decimal(p["amount"]) for p in parts if p["amount"] is not None]
    summed, value = sum(values, Decimal(0)), Decimal(total["amount"])
    if abs(summed - value) <= _rounding(sum(1 for v in values if v)):
        return
    names = "、".join(column_name(p) if rule == "sum.columns" else label(p) for p in parts[:6])
    yield Finding(
        rule,
        "",
        message(
            rule,
            table=total["table_title"],
            row=label(total),
            row_of=f"“{label(total)}”的" if label(total) else "",
            column=column_name(total),
            total=fmt(value),
            parts=fmt(summed),
            parts_names=names + ("等" if len(parts) > 6 else ""),
            gap=fmt(abs(value - summed)),
        ),
        [cell_side(total), *(cell_side(p) for p in parts)],
    )


def check_balance(doc: Audited) -> Iterator[Finding]:
    """收入总计 = 支出总计 in the 总表s (each side's first value column)."""
    config = audit_rules()["balance"]
    total = re.compile(config["total"])
    for title, cells in by_table(doc.cells).items():
        family = doc.catalogue.family(title)
        if family is None or family.id not in config["tables"]:
            continue
        sides: dict[str, sqlite3.Row] = {}
        for cell in cells:
            if cell["amount"] is not None and total.match(label(cell)) and cell["grp"] not in sides:
                sides[cell["grp"]] = cell
        if len(sides) != 2:
            continue
        income, expense = sides.values()
        gap = abs(Decimal(income["amount"]) - Decimal(expense["amount"]))
        if gap > tolerance():
            yield Finding(
                "balance",
                "",
                message(
                    "balance",
                    table=title,
                    income=fmt(Decimal(income["amount"])),
                    expense=fmt(Decimal(expense["amount"])),
                    gap=fmt(gap),
                ),
                [cell_side(income), cell_side(expense)],
            )


def check_cross_tables(doc: Audited) -> Iterator[Finding]:
    """The same figure in two tables of one 口径 (audit.yaml: cross)."""
    tables = group_tables(doc.cells, doc.catalogue, doc.year)
    for pair in audit_rules()["cross"]:
        metric = doc.catalogue.metrics[pair["metric"]]
        found = [_read(tables, metric, family, doc.basis) for family in pair["tables"]]
        if None in found:
            continue
        (ta, a), (tb, b) = found  # type: ignore[misc]
        gap = abs(Decimal(a["amount"]) - Decimal(b["amount"]))
        if gap > tolerance():
            yield Finding(
                "cross.tables",
                "",
                message(
                    "cross.tables",
                    metric=metric.display,
                    table_a=ta,
                    table_b=tb,
                    a=fmt(Decimal(a["amount"])),
                    b=fmt(Decimal(b["amount"])),
                    gap=fmt(gap),
                ),
                [cell_side(a), cell_side(b)],
            )


def _read(tables: Any, metric: Metric, family: str, basis: str) -> tuple[str, sqlite3.Row] | None:
    for location in metric.find:
        if location.table == family and (found := find_cell(tables, location, basis)):
            return found[0].title, found[1]
    return None


def _by_table_column(cells: list[sqlite3.Row]) -> dict[tuple, list[sqlite3.Row]]:
    columns: dict[tuple, list[sqlite3.Row]] = defaultdict(list)
    for cell in cells:
        if cell["amount"] is not None:
            columns[(cell["table_id"], cell["grp"], cell["column_path"])].append(cell)
    return columns


def _column_parts(path: str | None) -> tuple[str, list[str]]:
    """A column path as (basis, headings): “财政拨款“三公”经费/合计/决算数” →
    (决算数, [财政拨款“三公”经费, 合计])."""
    parts = [p for p in (path or "").split("/") if p]
    basis = next((p for p in parts if p in BASES), "")
    return basis, [p for p in parts if p not in BASES]


def _rounding(nonzero: int) -> Decimal:
    """How far a total may be from the sum of its printed parts through rounding alone: each
    part and the total rounded to the last printed place (0.01). One nonzero part is the total
    itself, rounded the same way: no room at all."""
    if nonzero <= 1:
        return Decimal(0)
    return max(tolerance(), Decimal("0.005") * (nonzero + 1))
