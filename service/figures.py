"""Reading a metric's figure from one document: the tables first, then the narrative facts,
following the catalogue's locations. Every figure says where it was printed and its 口径."""

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property
from itertools import chain

from caiwen.domain.bases import basis_of
from caiwen.domain.catalogue import Catalogue, Location, Metric, normalise
from caiwen.domain.locate import (
    TableCells,
    fact_matches,
    find_cell,
    group_tables,
    years_printed,
)
from caiwen.domain.ordinals import expand, strip_ordinal
from caiwen.ingest.finding import audit_rules
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.service.labels import (
    TOTAL_LABELS,
    Labels,
    Row,
    core_of,
    form_cells,
    form_goal,
    label_metric,
    label_of,
    listed_cells,
    longest_common,
)
from caiwen.service.labels import rules as label_rules
from caiwen.service.names import organisation
from caiwen.service.subtotals import lines_under
from caiwen.service.targets import TargetLine, lines
from caiwen.service.values import Citation

DISAGREE = Decimal("0.005")
"""Two amounts further apart than this (万元) are different figures."""
CONFIRMATIONS = 2
"""At most this many other tables are cited for a figure that several tables print."""
SUBTOTAL_TOLERANCE = Decimal("0.01")
"""How far a listed line may be from the items after it and still be their subtotal."""
ALL_FUNDS = "全部资金"
"""The scope of a table of every fund's money (the catalogue's 收支总表, 支出表 …)."""


@dataclass(frozen=True)
class Figure:
    metric: Metric
    value: Decimal
    unit: str
    basis: str
    source: str
    citation: Citation
    printed: str | None = None
    """The cell as the table prints it, where that is in another unit (408,696,000元)."""
    blocks: tuple["Figure", ...] = ()
    """The rows a line of a table keyed twice adds up, one in each block they are printed in,
    each named by its block."""
    scope: str | None = None
    """The 口径 of the table printing it (全部资金, 一般公共预算财政拨款机关运行经费 …)."""

    @property
    def name(self) -> str:
        return self.metric.display


class DocumentFigures:
    """The figures of one document, its cells grouped by table family (loaded once)."""

    def __init__(self, store: Store, doc: StoredDocument, catalogue: Catalogue):
        self.doc = doc
        self.catalogue = catalogue
        self._cells = cells = store.cells(doc.id)
        self.tables = group_tables(cells, catalogue, doc.year)
        self.labels = Labels([*cells, *form_cells(cells), *listed_cells(cells)], catalogue)
        """Every labelled row of every table, by what it prints (a form's project too)."""
        self.facts: list[sqlite3.Row | dict] = store.facts(doc.id)  # read by _located below
        self.findings = store.findings(doc.id)
        tables = store.tables(doc.id)
        self.notes = {t["title"]: json.loads(t["notes"]) for t in tables}
        self.empty = {t["title"]: t["page_start"] for t in tables if t["empty"] and t["title"]}
        """Tables printed without a figure (“故本表为空表”), with the page each starts on."""
        self.ocr = store.ocr_pages(doc.id)
        self.of_a_fund = False
        """Whether these are the figures of one fund's tables only (of_fund)."""
        self._read: dict[tuple[Metric, str, bool], Figure | None] = {}
        """What read_first() found, by metric, basis and whether the narrative stated it."""
        self.with_carried: dict[str, dict] = {}
        """Of a metric, the narrative's figure in its words that is its total with the money
        carried over (_as_printed)."""
        self.facts = [self._as_printed(fact) for fact in self.facts]

    @cached_property
    def targets(self) -> list[TargetLine]:
        """What its 绩效目标表 set as targets, and its targets' sentences count."""
        return lines(self._cells)

    def _as_printed(self, fact: sqlite3.Row | dict) -> sqlite3.Row | dict:
        """A total the narrative states in words that mean it with or without the money
        carried over (部门收入预算为81206.56万元) is the one of the two the tables print at
        that figure, or add up to it (泉州公安局: its 收入总计, 本年收入合计 73606.56 and
        上年结转结余 7600.00, not its 本年收入合计)."""
        metric = self.catalogue.metrics.get(fact["metric"])
        if metric is None or metric.with_carried is None or fact["value"] is None:
            return fact
        if fact["kind"] != "amount" or fact["year"] not in (None, self.doc.year):
            return fact
        basis, stated = self.default_basis(), Decimal(fact["value"])
        own = self._located(metric, basis)
        if own is None or own.source != "table" or _same(own.value, stated):
            return fact
        if not any(_same(total, stated) for total in self._with_carried(metric, own, basis)):
            return fact
        self.with_carried[metric.id] = {**dict(fact), "metric": metric.with_carried}
        return self.with_carried[metric.id]

    def _with_carried(self, metric: Metric, own: Figure, basis: str) -> Iterator[Decimal]:
        """The total with the money carried over, as printed, and as its parts add up (the
        figure and what the total adds to it: 年初结转和结余)."""
        total = self.catalogue.metrics[metric.with_carried]
        if (printed := self._located(total, basis)) is not None:
            yield printed.value
        figures = [self._located(m, basis) for m in self.catalogue.carried(metric)]
        if figures and all(f is not None for f in figures):
            yield own.value + sum(f.value for f in figures if f is not None)

    def own_part(self, unit: str | None = None) -> "DocumentFigures | None":
        """The department's own part (本级) as its tables print it among its units' rows (合计 |
        杭州市公安局 | 杭州市公安局交通管理支队 …): the row naming the department itself after a
        table's first row (the last, where the whole is printed under its name too); or the
        rows of the ``unit`` named. Only those rows are read; the narrative speaks of the
        whole. None when no table prints it."""
        own = organisation(unit or self.doc.department, self.doc.region)
        named = _named_rows(self._cells)
        tables = []
        for table in self.tables:
            keys = dict.fromkeys((c["table_id"], c["row"]) for c in table.cells)
            blocks = {
                named[key][1]: key
                for key in reversed(keys)
                if key in named and organisation(named[key][0], self.doc.region) == own
            }
            if blocks:
                row = blocks[max(blocks)]  # the last block's first row (of the year asked)
                cells = [c for c in table.cells if (c["table_id"], c["row"]) == row]
                tables.append(replace(table, cells=cells, own_part=True))
        return self._with(tables) if tables else None

    def of_year(self, year: int) -> "DocumentFigures | None":
        """What the document prints for another year beside its own (2025年预算数 | 2026年
        预算数; 深圳's 三公 rows of 2025年 and 2026年): its tables printing both years, read for
        that one. None when no table prints it."""
        both = {year, self.doc.year}
        titles = {
            t.title
            for t in group_tables(self._cells, self.catalogue)
            if both <= years_printed(t.cells)
        }
        tables = [t for t in group_tables(self._cells, self.catalogue, year) if t.title in titles]
        return self._with(tables) if tables else None

    def of_fund(self, fund: str) -> "DocumentFigures | None":
        """The figures the tables of one fund print (一般公共预算, 政府性基金, 财政拨款: the
        tables whose 口径 starts with it), read from those tables only. None when no table
        is of that fund."""
        tables = [t for t in self.tables if t.family.scope.startswith(fund)]
        if not tables:
            return None
        part = self._with(tables)
        part.of_a_fund = True
        return part

    def read_in_fund(
        self, metrics: list[Metric], fund: str | None, basis: str | None = None
    ) -> Figure | None:
        """The first candidate metric as the tables of the ``fund`` print it, where they do
        (财政拨款安排的信访业务 724.50); else as the document reports it."""
        of_fund = self.of_fund(fund) if fund else None
        found = of_fund.read_first(metrics, basis) if of_fund else None
        return found or self.read_first(metrics, basis)

    def in_column(self, line: Figure, column: str) -> Figure | None:
        """A line's cell under one of its own columns (公路养护的基本支出 15,997.48 of its
        25,861.48): in the row of a table printing the line at the amount the document reads
        for it (the 支出总体情况表 beside a 收入表 printing the line only), the cell headed by
        the column's words; a line the text states, in the row printing its name. None where no
        such row prints that column. A table of the column's spending alone (一般公共预算基本支出
        表 of 江苏政协 2018: 工资福利支出 3,806.26) prints it as the row's whole."""
        heads = label_rules()["line_columns"][column]
        own = [t for t in self.tables if re.search(f"(?:{heads})$", t.family.scope)]
        return self._in_rows(line, self.tables, heads) or self._in_rows(
            line, own, label_rules()["column_whole"]
        )

    def _in_rows(self, line: Figure, tables: list[TableCells], heads: str) -> Figure | None:
        """The cell under these heads in the first row of these tables printing the line at
        the amount read for it."""
        label = label_of((line.citation.row if line.source == "table" else line.name) or "")
        for table in tables:
            named = (c for c in table.cells if label and label_of(c["row_label"] or "") == label)
            for cells in _rows(named):
                printed = (Decimal(c["amount"]) for c in cells if c["amount"] is not None)
                if not any(_same(amount, line.value) for amount in printed):
                    continue
                if (headed := _headed(cells, heads)) is not None:
                    return self._table_figure(line.metric, table, headed)
        return None

    def beside(self, whole: Figure, parts: list[Figure]) -> list[Figure]:
        """The other columns of a row printing a whole and each of its parts (江苏人大 2019's
        支出预算总表: 合计 18,330.37 | 基本支出 | 项目支出 | 单位预留机动经费 2,557.89): its
        cells under heads of their own, each named by its head, where one such row is printed."""
        for table in self.tables:
            for cells in _rows(c for c in table.cells if c["amount"] is not None):
                matched = [_cell_of(cells, f.value) for f in [whole, *parts]]
                if None in matched:
                    continue
                heads = {_head(c) for c in matched if c is not None}
                others = [c for c in cells if _head(c) not in heads and Decimal(c["amount"])]
                return [self._table_figure(label_metric(_head(c)), table, c) for c in others]
        return []

    def numbered(self, whole: Figure) -> list[Figure]:
        """The lines numbered 一、二、三、 printed in the place of a table figure's column that
        is not so numbered itself (a total), where they add up to it (江苏政协 2018's 收支预算
        总表: 收入合计 10,150.48 is 一、财政拨款 10,070.48 and 三、其他资金 80.00, the second no
        part the catalogue names)."""
        table = self.table_of(whole.citation.table)
        cells = table.cells if table else []
        own = _own_line([c for c in cells if c["amount"] is not None], whole)
        first = re.compile(expand("^<chinese>"))
        if own is None or first.match(normalise(own["row_label"] or "")):
            return []
        place = ("grp", "column_path", "col")
        lines = [
            c
            for c in cells
            if all(c[k] == own[k] for k in place)
            and c["amount"] is not None
            and first.match(normalise(c["row_label"] or ""))
        ]
        total = sum((Decimal(c["amount"]) for c in lines), Decimal(0))
        if len(lines) < 2 or abs(total - whole.value) > DISAGREE * len(lines):
            return []
        return [self._table_figure(self._subject(c), table, c) for c in lines]

    def _with(self, tables: list[TableCells]) -> "DocumentFigures":
        """These figures read from these tables only: no narrative, no empty tables."""
        part = copy(self)
        part.tables, part.facts, part.empty = tables, [], {}
        part.labels = Labels([c for t in tables for c in t.cells], self.catalogue)
        part._read = {}
        return part

    def notes_of(self, title: str | None) -> list[str]:
        """A table's notes, those saying it is empty first (本年度没有…支出，故本表无数据)."""
        notes = self.notes.get(title or "", [])
        empty = re.compile(audit_rules()["empty_note"])
        return sorted(notes, key=lambda note: not empty.search(note))

    def default_basis(self) -> str:
        return basis_of(self.doc.kind)

    def read(self, metric: Metric, basis: str | None = None) -> Figure | None:
        """The metric's figure: where the catalogue reads it, else what the narrative states."""
        return self.read_first([metric], basis)

    def read_first(self, metrics: list[Metric], basis: str | None = None) -> Figure | None:
        """The figure of the first candidate metric found where the catalogue reads it; else
        of the first the narrative states (a text-only part states figures no table prints),
        unless a table it is read from is printed empty (the tools say so)."""
        basis = basis or self.default_basis()
        located = (self._once(m, basis, stated=False) for m in metrics)
        stated = (self._once(m, basis, stated=True) for m in metrics)
        counted = (self._counted(m) for m in metrics)
        return next((f for f in chain(located, stated, counted) if f is not None), None)

    def _once(self, metric: Metric, basis: str, stated: bool) -> Figure | None:
        """Where the catalogue reads the metric, or what the narrative states of it: each read
        once per basis (a document's figures never change)."""
        key = (metric, basis, stated)
        if key not in self._read:
            read = self._stated if stated else self._located
            self._read[key] = read(metric, basis)
        return self._read[key]

    def _located(self, metric: Metric, basis: str) -> Figure | None:
        """The figure at the first of the catalogue's locations that holds one; else, of a
        功能分类 类, a line printing it by name alone."""
        places = self._places(metric)
        found = (f for place in places if (f := self._at(metric, place, basis)))
        return (
            next(found, None) or self._class_by_name(metric, basis) or self._headed(metric, basis)
        )

    def _counted(self, metric: Metric) -> Figure | None:
        """A count no text states of the items its amount's tables list (绩效目标项目数 of the
        绩效目标金额 forms: 福州市商务局's eight forms), each kept as a block; none where they fall
        short of the amount the document states."""
        amount = self.catalogue.metrics.get(metric.amount) if metric.amount else None
        items = self.listed(amount) if amount else []
        stated = self.read(amount) if amount and items else None
        listed = sum((i.value for i in items), Decimal(0))
        if not items or (stated and abs(stated.value - listed) > DISAGREE * len(items)):
            return None
        count = Decimal(len(items))
        first = items[0]
        return replace(
            first, metric=metric, value=count, unit=metric.unit, source="derived", printed=None,
            blocks=tuple(items),
        )  # fmt: skip

    def _headed(self, metric: Metric, basis: str) -> Figure | None:
        """A name no row prints that heads several (科技研发资金 of 科技研发资金-成果转化专项 and
        the others): their sum, each kept as a block."""
        label = metric.find[0].label if len(metric.find) == 1 else None
        items = self.labels.headed(label) if label else []
        figures = [f for item in items if (f := self.read(label_metric(item), basis))]
        if len(figures) < 2:
            return None
        total = sum((f.value for f in figures), Decimal(0))
        first = figures[0]
        return replace(
            first, metric=metric, value=total, source="derived", printed=None, blocks=tuple(figures)
        )

    def _class_by_name(self, metric: Metric, basis: str) -> Figure | None:
        """A 类 a table prints by its name alone, with no code (上海's 财政拨款收支预算总表:
        一、社会保障和就业支出 11,748.09, where only the 一般公共预算 tables print codes)."""
        if not (metric.code and self.catalogue.is_class(metric.code)):
            return None
        for table in self.tables:
            named = (
                c
                for c in table.cells
                if c["amount"] is not None
                and not c["row_code"]
                and (found := self.catalogue.class_named(c["row_label"] or ""))
                and found.code == metric.code
            )
            for cells in _rows(named):
                row = Row(table.title, table.family.scope, cells[0]["row_label"], tuple(cells))
                if (cell := row.amount(basis)) is not None:
                    return self._table_figure(metric, table, cell)
        return None

    def divided(self, whole: Figure) -> tuple[Figure, list[Figure]]:
        """A figure and the lines it divides into; where its table prints none (a 收支总表
        lists the 类 only), or the narrative states it (杭州, whose tables print no codes),
        the same figure on a line of a table that divides it (the 支出表's 款), or on the total
        row of a table named after it (江苏人大's 机关运行经费支出预算表) or of another of the
        tables it is read from (江苏's 支出预算总表 divides by purpose only, its 一般公共预算支出
        预算表 by subject), if one does."""
        parts = self.children(whole) if whole.source == "table" else []
        if parts:
            return whole, parts
        line = label_of(whole.citation.row or whole.metric.id)
        places = {p.table for p in whole.metric.find}
        for table in self.tables if line else ():
            titled = whole.metric.display in normalise(table.title)  # 机关运行经费支出预算表
            totals = titled or table.family.id in places  # 江苏's 一般公共预算支出预算表
            for cell in table.cells:
                same = cell["amount"] is not None and Decimal(cell["amount"]) == whole.value
                label = normalise(cell["row_label"] or "")
                if same and (label_of(label) == line or (totals and label in TOTAL_LABELS)):
                    other = self._table_figure(whole.metric, table, cell)
                    more = self.children(other)
                    added = sum((m.value for m in more), Decimal(0))
                    # (not 会议费 on a 机关运行经费 table: that table's 类 are no parts of it)
                    if more and abs(added - other.value) <= DISAGREE * len(more):
                        return other, more
        return whole, self._classes_named(whole)

    def _classes_named(self, whole: Figure) -> list[Figure]:
        """The 功能分类 类 a table prints by name alone in one column, adding up to the figure
        (江苏 2017's 收支预算总表: 一、一般公共服务支出16,992.37 … in its 功能分类 column, whose
        total row is blank)."""
        for table in self.tables:
            columns: dict[str, list[tuple[Metric, sqlite3.Row]]] = {}
            for cell in table.cells:
                named = self.catalogue.class_named(cell["row_label"] or "")
                if cell["amount"] is not None and not cell["row_code"] and named:
                    columns.setdefault(cell["column_path"] or "", []).append((named, cell))
            for classes in columns.values():
                total = sum((Decimal(c["amount"]) for _, c in classes), Decimal(0))
                if len(classes) > 1 and abs(total - whole.value) <= DISAGREE * len(classes):
                    return [self._table_figure(m, table, c) for m, c in classes]
        return []

    def _places(self, metric: Metric) -> list[Location]:
        """The catalogue's locations of a metric; of a department's own part, not a row where
        the table names the metric in a column (its own row's 因公出国 cell may be blank: the
        row location would read the row's first figure, the 三公 total)."""
        own = [t for t in self.tables if t.own_part]
        if not own:
            return [*metric.find, *(self.catalogue.fund_places(metric) if self.of_a_fund else ())]
        columns = {t.family.id: {normalise(c["column_path"] or "") for c in t.cells} for t in own}
        in_column = {
            p.table
            for p in metric.find
            if p.column and any(p.column.search(c) for c in columns.get(p.table or "", ()))
        }
        return [p for p in metric.find if p.column or p.table not in in_column]

    def _at(self, metric: Metric, location: Location, basis: str) -> Figure | None:
        if location.label:
            return self._from_label(metric, location.label, basis)
        if location.fact:
            return self._from_fact(metric, location.fact, basis)
        return self._from_table(metric, location, basis)

    def _stated(self, metric: Metric, basis: str) -> Figure | None:
        """What the narrative states of the metric, unless a table that would print it is
        printed empty and so says there is none (an empty 绩效目标表 says nothing of amounts:
        福州交警支队's 警务辅助人员经费 form does not hide the 人员经费 its text states)."""
        if any(self.says_none(title) for title in self.empty_tables_of(metric)):
            return None
        return self._from_fact(metric, metric.id, basis) or self._stated_as(metric, basis)

    def _stated_as(self, metric: Metric, basis: str) -> Figure | None:
        """Of a document printing no table, what its narrative states the metric as (all its
        spending as one appropriation): that figure, under its own name."""
        if self._cells:
            return None
        named = (self.catalogue.metrics[name] for name in metric.stated_as)
        return next((f for m in named if (f := self._from_fact(m, m.id, basis))), None)

    @staticmethod
    def says_none(title: str) -> bool:
        """Whether an empty table that would print a figure says the document has none of it:
        any but one whose emptiness says nothing of amounts (a 绩效目标表)."""
        return not re.search(label_rules()["empty_says_nothing"], title)

    def empty_tables_of(self, metric: Metric) -> list[str]:
        """The document's empty tables that would print the metric: of a family the catalogue
        reads it from, or titled with half its name or more (政府性基金预算…支出表) and of funds
        that hold it (an empty 财政拨款政府性基金支出预算表 says nothing of all 财政拨款支出)."""
        families = {location.table for location in metric.find if location.table}
        least = label_rules()["common_chars"]
        return [
            title
            for title in self.empty
            if ((family := self.catalogue.family(title)) and family.id in families)
            or (
                least <= (common := longest_common(metric.display, title))
                and common * 2 >= len(metric.display)
                and (family is None or _holds(family.scope, metric.display))
            )
        ]

    def _from_label(self, metric: Metric, label: str, basis: str) -> Figure | None:
        """A row the document prints under this label: of the table of the widest funds."""
        for row in self.labels.by_label.get(label, []):
            cell = row.amount(basis)
            if cell is not None:
                scope = row.scope or row.table
                return self._cell_figure(metric, scope, row.table, cell)
        return None

    def confirmations(self, figure: Figure, basis: str | None = None) -> list[Citation]:
        """Other tables of the catalogue's locations that print the same value (本年支出合计 in
        the 收支总表 and the 支出表): the figure is cited there too."""
        if figure.source != "table":
            return []
        basis = basis or self.default_basis()
        found = []
        for location in figure.metric.find:
            if location.fact:
                continue
            other = self._from_table(figure.metric, location, basis)
            if (
                other is not None
                and other.value == figure.value
                and other.citation.table != figure.citation.table
                and other.citation not in found
            ):
                found.append(other.citation)
        return found[:CONFIRMATIONS]

    def rows(self, family: str) -> list[sqlite3.Row]:
        """All cells of the document's first table of a family (for breakdowns)."""
        table = next((t for t in self.tables if t.family.id == family), None)
        return table.cells if table else []

    def table_of(self, title: str | None) -> TableCells | None:
        return next((t for t in self.tables if t.title == title), None)

    def cell_box(
        self, page: int | None, table: str | None, row: str | None, column: str | None, value: str
    ) -> tuple[float, float, float, float] | None:
        """The box of the printed cell that holds ``value`` at a table's row and column on a
        page (a finding's side); None when no cell prints it (a sum the audit computed)."""
        try:
            amount = Decimal(value)
        except ArithmeticError:
            return None
        found = self.table_of(table)
        for cell in found.cells if found else []:
            place = (cell["page"], cell["row_label"] or "", cell["column_path"] or "")
            printed = cell["amount"]
            if place == (page, row or "", column or "") and printed and Decimal(printed) == amount:
                return _bbox(cell)
        return None

    def printed_elsewhere(self, figure: Figure) -> list[Figure]:
        """The figure's name printed in other tables, a table each."""
        metric = figure.metric
        names = {label_of(figure.citation.row or ""), metric.display, metric.id, *metric.aliases}
        rows = [row for name in filter(None, names) for row in self.labels.by_label.get(name, ())]
        if listing := self._listing(metric):  # the total of the table listing it (项目支出表)
            rows += [r for r in self.labels.totals if re.search(listing, r.table)]
        found: dict[str, Figure] = {}
        for row in rows:
            cell = row.amount(self.default_basis())
            if row.table == figure.citation.table or row.table in found or cell is None:
                continue
            scope = row.scope or ALL_FUNDS
            found[row.table] = self._cell_figure(figure.metric, scope, row.table, cell)
        return list(found.values())

    def listed(self, metric: Metric) -> list[Figure]:
        """The items a table lists a metric by, each row once (项目支出: the projects of the
        项目支出表, read from its 合计 column); none where no such table is printed."""
        listing = self._listing(metric)
        if listing is None:
            return []
        found: list[tuple[int, Figure]] = []
        for label, rows in self.labels.by_label.items():
            if re.fullmatch(label_rules()["subtotal_lines"], label):
                continue  # a unit's or a kind's subtotal of the items after it
            table = next((r.table for r in rows if re.search(listing, r.table)), None)
            amounts = [r.amount(self.default_basis()) for r in rows if r.table == table]
            found += [  # the same project of several units: each row as printed
                (c["row"], self._cell_figure(label_metric(label), ALL_FUNDS, table or "", c))
                for c in amounts
                if c is not None
            ]
        return _without_subtotals([item for _, item in sorted(found, key=lambda f: f[0])])

    def _listing(self, metric: Metric) -> str | None:
        """The first of the titles a metric is listed under that a table of the document has."""
        tables = {row.table for rows in self.labels.by_label.values() for row in rows}
        return next((p for p in metric.listed_in if any(re.search(p, t) for t in tables)), None)

    def goal(self, figure: Figure) -> Citation | None:
        """What a project named by its form is for, as the form states it (项目实施期目标), cited
        with the goal as its quote."""
        table = [c for c in self._cells if c["table_title"] == figure.citation.table]
        said = form_goal(table, figure.citation.row or "") if table else None
        if said is None:
            return None
        quote = re.sub(r"\s+", "", said["original"])
        place = {"row": said["row_label"], "column": None, "quote": quote, "bbox": _bbox(said)}
        return figure.citation.model_copy(update={**place, "page": said["page"]})

    def children(self, whole: Figure) -> list[Figure]:
        """The subject lines a table figure divides into, read from the same table and column:
        a total into its 类, a 类 into its 款, a 款 into its 项 (a lone child is looked
        through to its own children)."""
        table = self.table_of(whole.citation.table)
        if table is None:
            return []
        column = whole.citation.column
        cells = [c for c in table.cells if c["column_path"] == column and c["amount"] is not None]
        printed = whole.metric.id not in self.catalogue.metrics  # a row read by its label
        parent = whole.metric.code or (printed and _code_printed(cells, whole.citation))
        # a line printed with no code (文化和旅游 under 207) has no 类 under it, the total has
        found = _child_cells(cells, parent or "") if parent or not printed else []
        if len(found) == 1:
            found = _child_cells(cells, found[0]["row_code"]) or found
        if not found and (own := _own_line(cells, whole)) is not None:
            # (a table's total row, printed after the last line and as uncoded, is none of them)
            column = (c for c in cells if c["col"] == own["col"] and (c is own or not _total(c)))
            lines = sorted(column, key=lambda c: c["row"])
            at = lines.index(own)
            # 湖州, 杭州: lines without codes; 烟台: codes on the 类 only, the lines under uncoded
            if at + 1 < len(lines) and not lines[at + 1]["row_code"]:
                found = lines_under(lines, at, DISAGREE)
        lines: dict[str | int, sqlite3.Row] = {}
        for cell in found:  # a line printed in each block of a table keyed twice, once
            lines.setdefault(cell["row_code"] or cell["row"], cell)
        return [self._line_figure(self._subject(c), table, c) for c in lines.values()]

    def _subject(self, cell: sqlite3.Row) -> Metric:
        code = cell["row_code"]
        known = self.catalogue.subject(code) if code else None
        return known or Metric(id=strip_ordinal(cell["row_label"]), code=code)

    def _from_table(self, metric: Metric, location: Location, basis: str) -> Figure | None:
        found = find_cell(self.tables, location, basis)
        if found is None or (location.code and not self._prints_subject(found[1], metric)):
            return None
        return self._line_figure(metric, *found)

    def _line_figure(self, metric: Metric, table: TableCells, cell: sqlite3.Row) -> Figure:
        """A line's figure; of a table keyed twice, which prints a line once in each block of
        its second key (烟台's 302 11 差旅费 under 502 机关商品和服务支出, again under 505 对事业
        单位经常性补助), the sum of its rows, each kept as printed."""
        figure = self._table_figure(metric, table, cell)
        rows = _block_rows(table.cells, cell)
        if len(rows) < 2:
            return figure
        blocks = tuple(self._table_figure(label_metric(c["grp"]), table, c) for c in rows)
        total = sum((Decimal(c["amount"]) for c in rows), Decimal(0))
        return replace(figure, value=total, source="derived", printed=None, blocks=blocks)

    def _prints_subject(self, cell: sqlite3.Row, metric: Metric) -> bool:
        """Whether a line found by a subject code prints a name of that subject: codes differ
        between the national and local economic classifications (30211 is 差旅费 in one and a
        welfare fee in another), so the printed name decides."""
        label = core_of(label_of(cell["row_label"] or "") or "")
        names = {core_of(n) for n in self.catalogue.names_of_code(metric.code or "")}
        names.add(core_of(metric.id))
        return not label or any(label in n or n in label for n in names)

    def _table_figure(self, metric: Metric, table: TableCells, cell: sqlite3.Row) -> Figure:
        return self._cell_figure(metric, table.family.scope, table.title, cell)

    def _cell_figure(self, metric: Metric, scope: str, title: str, cell: sqlite3.Row) -> Figure:
        row = cell["row_label"] or ""
        unit = cell["original_unit"] or metric.unit
        return Figure(
            metric=metric,
            value=Decimal(cell["amount"]),
            unit=metric.unit,
            basis=f"{scope}·{title}·{cell['column_path'] or row}",
            source="table",
            citation=self.citation(
                page=cell["page"],
                table=title,
                row=row or None,
                column=cell["column_path"] or None,
                quote=f"{cell['original']} {cell['original_unit'] or '万元'}",
                bbox=_bbox(cell),
            ),
            printed=f"{cell['original']}{unit}" if unit != metric.unit else None,
            scope=scope,
        )

    def _from_fact(self, metric: Metric, name: str, basis: str) -> Figure | None:
        for fact in self.facts:
            if not fact_matches(fact, name, metric, basis, self.doc.year):
                continue
            return Figure(
                metric=metric,
                value=Decimal(fact["value"]),
                unit=fact["unit"],
                basis=f"说明文字·{fact['section_path'] or '正文'}",
                source="narrative",
                citation=self.fact_citation(fact),
            )
        return None

    def fact_citation(self, fact: sqlite3.Row) -> Citation:
        """Where the narrative states a fact: its page, section and sentence."""
        return self.citation(
            page=fact["page"], section=fact["section_path"] or None, quote=fact["quote"]
        )

    def citation(self, page: int | None = None, **where: object) -> Citation:
        """A citation of a document page names the file that page is printed in (a disclosure
        may be read from two files) and the page's number in that file."""
        file, file_page = self.doc.file_page(page)
        return Citation(
            document_id=self.doc.id,
            file=file,
            page=file_page,
            department=self.doc.department,
            year=self.doc.year,
            kind=self.doc.kind,
            level=self.doc.level,
            ocr_confidence=self.ocr.get(page) if page is not None else None,
            **where,  # type: ignore[arg-type]
        )


def _holds(scope: str, metric: str) -> bool:
    """Whether a table of this scope could print the whole of the metric: one of all funds, or
    of the funds the metric's name says (政府性基金预算财政拨款 of 政府性基金预算财政拨款支出)."""
    return scope == ALL_FUNDS or scope in metric


def _block_rows(cells: list[sqlite3.Row], cell: sqlite3.Row) -> list[sqlite3.Row]:
    """The rows printing a coded line in the same column in each block of a table keyed twice
    (blocks are groups named by the second key; one row each), in order; the cell's alone else."""
    if not (cell["grp"] and cell["row_code"]):
        return [cell]
    rows = {
        c["grp"]: c
        for c in reversed(cells)
        if c["grp"]
        and c["row_code"] == cell["row_code"]
        and c["column_path"] == cell["column_path"]
        and c["amount"] is not None
    }
    return sorted(rows.values(), key=lambda c: c["row"])


def _without_subtotals(items: list[Figure]) -> list[Figure]:
    """Items without those adding up the two or more printed right after them (长春信访局's
    一级项目 综合管理 474.56 over its four projects): a line no words mark as a subtotal; nor
    one adding up all the others wherever printed (江苏省委办公厅's 合计式 1422.50)."""
    kept = []
    every = sum((item.value for item in items), Decimal(0))
    for at, item in enumerate(items):
        if len(items) > 2 and abs(every - item.value * 2) <= SUBTOTAL_TOLERANCE:
            continue
        added, under = Decimal(0), 0
        for after in items[at + 1 :]:
            added, under = added + after.value, under + 1
            if added >= item.value - SUBTOTAL_TOLERANCE:
                break
        if not (under >= 2 and abs(added - item.value) <= SUBTOTAL_TOLERANCE):
            kept.append(item)
    return kept


def _rows(cells: Iterable[sqlite3.Row]) -> list[list[sqlite3.Row]]:
    """Cells by the printed row they are on."""
    rows: dict[tuple[str, int], list[sqlite3.Row]] = {}
    for cell in cells:
        rows.setdefault((cell["table_id"], cell["row"]), []).append(cell)
    return list(rows.values())


def _cell_of(cells: list[sqlite3.Row], value: Decimal) -> sqlite3.Row | None:
    return next((c for c in cells if _same(Decimal(c["amount"]), value)), None)


def _head(cell: sqlite3.Row) -> str:
    """The column's head a cell is under, above any sub-column (基本支出 of 基本支出/小计)."""
    return (cell["column_path"] or "").split("/")[0]


def _headed(cells: list[sqlite3.Row], heads: str) -> sqlite3.Row | None:
    """The cell of a row under a column these words head: the head's own, or its 小计 where
    it heads sub-columns (基本支出/小计 rather than 基本支出/人员支出)."""
    whole = label_rules()["column_whole"]
    for cell in cells:
        path = (cell["column_path"] or "").split("/")
        at = next((i for i, head in enumerate(path) if re.search(heads, head)), None)
        rest = path[at + 1 :] if at is not None else None
        under = rest is not None and (not rest or (len(rest) == 1 and re.search(whole, rest[0])))
        if under and cell["amount"] is not None:
            return cell
    return None


def _code_printed(cells: list[sqlite3.Row], citation: Citation) -> str | None:
    """The subject code printed beside a figure's cell: of a line the catalogue does not name
    (政协事务, 20102, read from its row label)."""
    at = (c["row_code"] for c in cells if c["row_code"] and _same_cell(c, citation))
    return next(at, None)


def _own_line(cells: list[sqlite3.Row], whole: Figure) -> sqlite3.Row | None:
    """The cell a table figure is read from."""
    return next((c for c in cells if _same_cell(c, whole.citation)), None)


def _same_cell(cell: sqlite3.Row, citation: Citation) -> bool:
    """Whether a cited figure is this cell's: its box, on its line (a table over several pages
    prints other lines in the same place on each)."""
    return (
        citation.bbox is not None
        and _bbox(cell) == citation.bbox
        and (citation.row is None or normalise(cell["row_label"]) == normalise(citation.row))
    )


def _child_cells(cells: list[sqlite3.Row], parent: str) -> list[sqlite3.Row]:
    width = {0: 3, 3: 5, 5: 7}.get(len(parent))
    return [
        c
        for c in cells
        if width
        and c["row_code"]
        and len(c["row_code"]) == width
        and c["row_code"].startswith(parent)
    ]


def _bbox(cell: sqlite3.Row) -> tuple[float, float, float, float] | None:
    if cell["x0"] is None:
        return None
    return (cell["x0"], cell["top"], cell["x1"], cell["bottom"])


def _named_rows(cells: list[sqlite3.Row]) -> dict[tuple[str, int], tuple[str, int]]:
    """The organisation each row of a table by unit is of, and the row its block starts at,
    past the table's first block (the whole): a row printed without a label belongs to the
    unit named above it (深圳's 三公 table prints a unit's name on its 2025年 row, then its
    2026年 and 增减 rows unnamed)."""
    named: dict[tuple[str, int], tuple[str, int]] = {}
    table, label, start, first = None, "", 0, 0
    for cell in cells:
        if cell["table_id"] != table:
            table, label, first = cell["table_id"], "", cell["row"]
        if cell["row_label"]:
            label, start = cell["row_label"], cell["row"]
        if start != first:
            named[(cell["table_id"], cell["row"])] = (label, start)
    return named


def _same(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= DISAGREE


def _total(cell: sqlite3.Row) -> bool:
    """Whether a cell is on a table's total row (合计, 总计)."""
    return normalise(cell["row_label"] or "") in TOTAL_LABELS
