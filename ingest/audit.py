"""stored document → findings: where a disclosure contradicts itself.

Runs at ingest on the rows just written (same transaction), so findings are stored with the
document. Each rule of prompts/audit.yaml has a check here; a finding names the rule, says what
is wrong in Chinese, and cites both sides (table, row, column, page — or the sentence).
"""

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.ingest.catalogue import Catalogue, Metric, catalogue, normalise, strip_ordinal
from caiwen.ingest.locate import BASES, find_cell, group_tables


@cache
def audit_rules() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("audit.yaml").read_text())


@dataclass
class Side:
    """One side of a contradiction: a table cell or a sentence."""

    label: str
    value: str
    page: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    quote: str | None = None


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    sides: list[Side] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """What the finding is about, as answers name it: table|row|column, or quote|…"""
        return [
            f"{s.table}|{s.row or ''}|{s.column or ''}" if s.table else f"quote|{s.quote}"
            for s in self.sides
        ]


@dataclass
class _Doc:
    """What the checks read of one stored document."""

    kind: str
    year: int
    cells: list[sqlite3.Row]
    facts: list[sqlite3.Row]
    tables: list[sqlite3.Row]
    catalogue: Catalogue

    @property
    def basis(self) -> str:
        return "决算数" if self.kind == "决算" else "预算数"


Check = Callable[[_Doc], Iterator[Finding]]


def audit(db: sqlite3.Connection, doc_id: str) -> list[Finding]:
    """Every finding of every rule for one stored document (none for a blank template)."""
    meta = db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
    if meta is None or meta["is_template"]:
        return []
    doc = _Doc(
        kind=meta["kind"],
        year=meta["year"],
        cells=db.execute(
            "SELECT c.*, t.title AS table_title FROM cells c JOIN tables t ON t.id = c.table_id "
            "WHERE c.document_id = ? ORDER BY t.seq, c.row, c.col",
            [doc_id],
        ).fetchall(),
        facts=db.execute(
            "SELECT * FROM facts WHERE document_id = ? ORDER BY seq", [doc_id]
        ).fetchall(),
        tables=db.execute(
            "SELECT * FROM tables WHERE document_id = ? ORDER BY seq", [doc_id]
        ).fetchall(),
        catalogue=catalogue(),
    )
    severity = {r["id"]: r["severity"] for r in audit_rules()["rules"]}
    findings = list({f.message: f for check in CHECKS for f in check(doc)}.values())
    for finding in findings:
        finding.severity = severity[finding.rule]
    return findings


def finding_record(row: sqlite3.Row) -> dict[str, Any]:
    """A stored finding as JSON: rule, its title, severity, message, and both sides."""
    titles = {r["id"]: r["title"] for r in audit_rules()["rules"]}
    return {
        "rule": row["rule"],
        "title": titles.get(row["rule"], row["rule"]),
        "severity": row["severity"],
        "message": row["message"],
        "sides": json.loads(row["sides"]),
    }


def finding_rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """(seq, rule, severity, message, sides JSON, keys JSON) for the store."""
    return [
        (
            seq,
            f.rule,
            f.severity,
            f.message,
            json.dumps([asdict(s) for s in f.sides], ensure_ascii=False),
            json.dumps(f.keys, ensure_ascii=False),
        )
        for seq, f in enumerate(findings)
    ]


# -- table arithmetic --------------------------------------------------------------------------


def check_row_sums(doc: _Doc) -> Iterator[Finding]:
    """A 类 (款) line equals the sum of its 款 (项) lines; a 合计 row the sum of its 类. One
    finding per line, however many of its columns are off."""
    totals = re.compile(audit_rules()["total_names"])
    off: dict[tuple, list[Finding]] = defaultdict(list)
    for (table, grp, _), column_cells in _by_table_column(doc.cells).items():
        by_code = {c["row_code"]: c for c in column_cells if c["row_code"]}
        for code, cell in by_code.items():
            if len(code) in (3, 5):
                parts = [
                    p for k, p in by_code.items() if len(k) == len(code) + 2 and k.startswith(code)
                ]
                off[(table, grp, code)] += _sum_finding("sum.rows", cell, parts)
        top = [c for k, c in by_code.items() if len(k) == 3]
        for cell in column_cells:
            if not cell["row_code"] and totals.match(_label(cell)) and top:
                off[(table, grp, _label(cell))] += _sum_finding("sum.rows", cell, top)
    for findings in off.values():
        if findings:
            yield _first_of(findings)


def _first_of(findings: list[Finding]) -> Finding:
    """The first finding of a line, naming how many other columns of it are off too."""
    first = findings[0]
    if len(findings) > 1:
        first.message += audit_rules()["more_columns"].format(count=len(findings) - 1)
        first.sides += [side for f in findings[1:] for side in f.sides[:1]]
    return first


def check_column_sums(doc: _Doc) -> Iterator[Finding]:
    """A 合计 (小计) column equals the sum of the columns it totals, row by row."""
    totals = re.compile(audit_rules()["total_names"])
    rows: dict[tuple[str, int], list[sqlite3.Row]] = defaultdict(list)
    for cell in doc.cells:
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
    """The cells a total column adds up: each sub-column under the same heading, a group of
    sub-columns by its own 小计 (or, without one, by its columns)."""
    totals = re.compile(audit_rules()["total_names"])
    under = [
        (p, c)
        for b, p, c in others
        if b == basis and len(p) > len(parent) and p[: len(parent)] == parent
    ]
    groups: dict[str, list[tuple[list[str], sqlite3.Row]]] = defaultdict(list)
    for path, cell in under:
        groups[path[len(parent)]].append((path, cell))
    members = []
    for name, group in groups.items():
        own = [c for p, c in group if p == [*parent, name]]
        subtotal = [c for p, c in group if len(p) == len(parent) + 2 and totals.match(p[-1])]
        members += own or subtotal or [c for _, c in group]
    return members


def _sum_finding(rule: str, total: sqlite3.Row, parts: list[sqlite3.Row]) -> Iterator[Finding]:
    if not parts or total["amount"] is None:
        return
    values = [Decimal(p["amount"]) for p in parts if p["amount"] is not None]
    summed, value = sum(values, Decimal(0)), Decimal(total["amount"])
    if abs(summed - value) <= _rounding(sum(1 for v in values if v)):
        return
    names = "、".join(_column_name(p) if rule == "sum.columns" else _label(p) for p in parts[:6])
    yield Finding(
        rule,
        "",
        _message(
            rule,
            table=total["table_title"],
            row=_label(total),
            row_of=f"“{_label(total)}”的" if _label(total) else "",
            column=_column_name(total),
            total=_fmt(value),
            parts=_fmt(summed),
            parts_names=names + ("等" if len(parts) > 6 else ""),
            gap=_fmt(abs(value - summed)),
        ),
        [_cell_side(total), *(_cell_side(p) for p in parts)],
    )


# -- balance and cross-table -------------------------------------------------------------------


def check_balance(doc: _Doc) -> Iterator[Finding]:
    """收入总计 = 支出总计 in the 总表s (each side's first value column)."""
    config = audit_rules()["balance"]
    total = re.compile(config["total"])
    for title, cells in _by_table(doc.cells).items():
        family = doc.catalogue.family(title)
        if family is None or family.id not in config["tables"]:
            continue
        sides: dict[str, sqlite3.Row] = {}
        for cell in cells:
            if (
                cell["amount"] is not None
                and total.match(_label(cell))
                and cell["grp"] not in sides
            ):
                sides[cell["grp"]] = cell
        if len(sides) != 2:
            continue
        income, expense = sides.values()
        gap = abs(Decimal(income["amount"]) - Decimal(expense["amount"]))
        if gap > _tolerance():
            yield Finding(
                "balance",
                "",
                _message(
                    "balance",
                    table=title,
                    income=_fmt(Decimal(income["amount"])),
                    expense=_fmt(Decimal(expense["amount"])),
                    gap=_fmt(gap),
                ),
                [_cell_side(income), _cell_side(expense)],
            )


def check_cross_tables(doc: _Doc) -> Iterator[Finding]:
    """The same figure in two tables of one 口径 (audit.yaml: cross)."""
    tables = group_tables(doc.cells, doc.catalogue, doc.year)
    for pair in audit_rules()["cross"]:
        metric = doc.catalogue.metrics[pair["metric"]]
        found = [_read(tables, metric, family, doc.basis) for family in pair["tables"]]
        if None in found:
            continue
        (ta, a), (tb, b) = found  # type: ignore[misc]
        gap = abs(Decimal(a["amount"]) - Decimal(b["amount"]))
        if gap > _tolerance():
            yield Finding(
                "cross.tables",
                "",
                _message(
                    "cross.tables",
                    metric=metric.display,
                    table_a=ta,
                    table_b=tb,
                    a=_fmt(Decimal(a["amount"])),
                    b=_fmt(Decimal(b["amount"])),
                    gap=_fmt(gap),
                ),
                [_cell_side(a), _cell_side(b)],
            )


def _read(tables: Any, metric: Metric, family: str, basis: str) -> tuple[str, sqlite3.Row] | None:
    for location in metric.find:
        if location.table == family and (found := find_cell(tables, location, basis)):
            return found[0].title, found[1]
    return None


# -- narrative ---------------------------------------------------------------------------------


def check_narrative_values(doc: _Doc) -> Iterator[Finding]:
    """A figure the narrative states agrees with the table figure it names (with at least one
    of the tables that print it: a 项 is in the 支出表 and in the 一般公共预算 table)."""
    tables = group_tables(doc.cells, doc.catalogue, doc.year)
    for fact in doc.facts:
        if fact["kind"] != "amount" or fact["value"] is None:
            continue
        if fact["year"] not in (None, doc.year) or fact["basis"] not in (None, doc.basis):
            continue
        metric = _metric_of(fact, doc.catalogue)
        printed = [
            found
            for location in (metric.find if metric else ())
            if location.table and (found := find_cell(tables, location, doc.basis))
        ]
        stated = Decimal(fact["value"])
        if metric is None or not printed:
            continue
        if any(abs(stated - Decimal(c["amount"])) <= _tolerance() for _, c in printed):
            continue
        table, cell = printed[0]
        gap = abs(stated - Decimal(cell["amount"]))
        yield Finding(
            "narrative.value",
            "",
            _message(
                "narrative.value",
                metric=metric.display,
                stated=_fmt(stated),
                table=table.title,
                table_value=_fmt(Decimal(cell["amount"])),
                gap=_fmt(gap),
            ),
            [_fact_side(fact), _cell_side(cell)],
        )


def check_narrative_changes(doc: _Doc) -> Iterator[Finding]:
    """A stated rate of change agrees with the amounts stated with it (recomputed, to the
    precision the rate is written in)."""
    for fact in doc.facts:
        if fact["percent"] is None or fact["value"] is None or fact["kind"] != "amount":
            continue
        value, stated = Decimal(fact["value"]), Decimal(fact["percent"])
        base = _base_of(fact, doc)
        if base is None or base == 0:
            continue
        computed = (value - base) / base * 100
        places = -stated.as_tuple().exponent if stated.as_tuple().exponent < 0 else 0
        if round(abs(computed), places) == abs(stated):
            continue
        metric = _metric_of(fact, doc.catalogue)
        yield Finding(
            "narrative.change",
            "",
            _message(
                "narrative.change",
                metric=metric.display if metric else fact["metric"],
                direction=fact["direction"] or ("增长" if stated > 0 else "下降"),
                stated=f"{abs(stated):f}",
                value=_fmt(value),
                base=_fmt(base),
                computed=f"{abs(computed):.2f}",
            ),
            [_fact_side(fact)],
        )


def _base_of(fact: sqlite3.Row, doc: _Doc) -> Decimal | None:
    """The base of a stated change: the amount minus the stated change, or a last-year amount
    stated in the same sentence."""
    if fact["delta"] is not None:
        return Decimal(fact["value"]) - Decimal(fact["delta"])
    stated = next(
        (
            f
            for f in doc.facts
            if f["quote"] == fact["quote"]
            and f["year"] is not None
            and f["year"] < doc.year
            and f["value"] is not None
            and f["kind"] == "amount"
        ),
        None,
    )
    return Decimal(stated["value"]) if stated else None


def _metric_of(fact: sqlite3.Row, cat: Catalogue) -> Metric | None:
    """The metric a fact states: a catalogue metric by name, else the subject line of its code."""
    if fact["metric"] in cat.metrics:
        return cat.metrics[fact["metric"]]
    return cat.subject(fact["code"]) if fact["code"] else None


# -- notes and completeness --------------------------------------------------------------------


def check_empty_notes(doc: _Doc) -> Iterator[Finding]:
    """A note calling a table empty over figures; an empty table whose figures the narrative
    states."""
    rules = audit_rules()
    empty_note = re.compile(rules["empty_note"])
    cells = _by_table(doc.cells)
    for table in doc.tables:
        notes = [n for n in json.loads(table["notes"]) if empty_note.search(n)]
        figures = [c for c in cells.get(table["title"], []) if c["amount"] and Decimal(c["amount"])]
        if notes and figures:
            detail = rules["empty_detail"]["figures"].format(
                table=table["title"],
                note=notes[0],
                row=_label(figures[0]) or _column_name(figures[0]),
                value=_fmt(Decimal(figures[0]["amount"])),
            )
            yield Finding(
                "note.empty", "", detail, [_note_side(table, notes[0]), _cell_side(figures[0])]
            )
        if table["empty"] and table["title"]:
            yield from _stated_for_empty(doc, table)


def _stated_for_empty(doc: _Doc, table: sqlite3.Row) -> Iterator[Finding]:
    family = doc.catalogue.family(table["title"])
    held = audit_rules()["table_metrics"].get(family.id if family else "", [])
    for fact in doc.facts:
        metric = _metric_of(fact, doc.catalogue)
        if (
            metric is None
            or metric.id not in held
            or fact["kind"] != "amount"
            or not fact["value"]
            or not Decimal(fact["value"])
            or fact["year"] not in (None, doc.year)
        ):
            continue
        detail = audit_rules()["empty_detail"]["narrative"].format(
            table=table["title"], metric=metric.display, value=_fmt(Decimal(fact["value"]))
        )
        yield Finding("note.empty", "", detail, [_fact_side(fact)])
        return


def check_completeness(doc: _Doc) -> Iterator[Finding]:
    """The standard tables of the document's kind are all there (empty ones count); a text
    part (no table at all) is not asked for them."""
    present = {f.id for t in doc.tables if (f := doc.catalogue.family(t["title"] or ""))}
    for expected in audit_rules()["expected"].get(doc.kind, []) if doc.tables else []:
        families = expected.split("|")
        if not present & set(families):
            name = "或".join(families)
            yield Finding("completeness", "", _message("completeness", family=name, kind=doc.kind))


CHECKS: list[Check] = [
    check_row_sums,
    check_column_sums,
    check_balance,
    check_cross_tables,
    check_narrative_values,
    check_narrative_changes,
    check_empty_notes,
    check_completeness,
]


# -- helpers -----------------------------------------------------------------------------------


def _by_table(cells: list[sqlite3.Row]) -> dict[str, list[sqlite3.Row]]:
    tables: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for cell in cells:
        tables[cell["table_title"] or ""].append(cell)
    return tables


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


def _column_name(cell: sqlite3.Row) -> str:
    return (cell["column_path"] or "").replace("/", "·")


def _label(cell: sqlite3.Row) -> str:
    return normalise(strip_ordinal(cell["row_label"] or ""))


def _cell_side(cell: sqlite3.Row) -> Side:
    return Side(
        label=f"{cell['table_title']}·{_label(cell)}·{_column_name(cell)}",
        value=f"{Decimal(cell['amount']):f}",
        page=cell["page"],
        table=cell["table_title"],
        row=cell["row_label"],
        column=cell["column_path"],
        quote=f"{cell['original']} {cell['original_unit'] or '万元'}",
    )


def _fact_side(fact: sqlite3.Row) -> Side:
    return Side(
        label=f"说明文字·{fact['section_path'] or '正文'}",
        value=fact["value"] or fact["percent"] or "",
        page=fact["page"],
        quote=fact["quote"],
    )


def _note_side(table: sqlite3.Row, note: str) -> Side:
    return Side(
        label=f"{table['title']}·表注",
        value="",
        page=table["page_start"],
        table=table["title"],
        quote=note,
    )


def _message(rule: str, **fields: Any) -> str:
    template = next(r["message"] for r in audit_rules()["rules"] if r["id"] == rule)
    return template.format(**fields)


def _tolerance() -> Decimal:
    return Decimal(str(audit_rules()["tolerance"]))


def _rounding(nonzero: int) -> Decimal:
    """How far a total may be from the sum of its printed parts through rounding alone: each
    part and the total rounded to the last printed place (0.01). One nonzero part is the total
    itself, rounded the same way: no room at all."""
    if nonzero <= 1:
        return Decimal(0)
    return max(_tolerance(), Decimal("0.005") * (nonzero + 1))


def _fmt(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"
