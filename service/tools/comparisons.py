"""The comparisons tool: a metric this year against another year — from both years' tables, or
from the narrative's statement of the change — with the same comparison of its parts."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from caiwen.domain.bases import basis_of
from caiwen.domain.catalogue import Metric
from caiwen.ingest.fact_grammar import grammar
from caiwen.ingest.numbers import UNIT_FACTORS, as_printed, to_wan
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import Comparison, OneYear
from caiwen.service.figures import DISAGREE, Figure
from caiwen.service.results import ToolResult
from caiwen.service.stated_parts import stated_change
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Toolbox
from caiwen.service.tools.base import (
    Fund,
    Level,
    ToolBase,
    derived,
    key_of,
    names,
    percent,
    value_of,
)
from caiwen.service.tools.registry import tool
from caiwen.service.understand import planner_vocabulary
from caiwen.service.values import Citation, Role, fmt, rounded


@dataclass(frozen=True)
class Found:
    """A comparison as found, before it becomes values: the two amounts and where they are
    printed (the base's figure and document when it is read from a table)."""

    current: Decimal
    base: Decimal
    source: Literal["tables", "narrative"]
    figure: Figure
    """This year's figure: the table's, or the narrative's (citing the sentence)."""
    base_figure: tuple[Figure, StoredDocument] | None = None
    base_kind: str | None = None
    stated_percent: Decimal | None = None
    flat_said: str | None = None
    """The words the narrative says no change with (基本持平), where it says so."""

    @property
    def change(self) -> Decimal:
        return self.current - self.base

    @property
    def percent(self) -> Decimal | None:
        return percent(self.change, self.base)


class ComparisonTools(ToolBase):
    @tool(figures=True)
    def compare_years(
        self,
        metric: str,
        department: str,
        year: int | None = None,
        base_year: int | None = None,
        level: Level | None = None,
        fund: Fund | None = None,
    ) -> ToolResult:
        """A metric this year against another year (default: the year before): from both
        years' tables when both documents are ingested, otherwise from the narrative statement
        of the change; says which, compares like with like, and reports both when they differ.
        fund compares the line as that fund's tables print it (财政拨款安排的信访业务)."""
        result = ToolResult(tool="compare_years")
        opened = self._open(result, metric, department, year, level=level)
        if opened is None:
            return result
        doc, metrics = opened
        base_year = base_year or doc.year - 1
        main = self._compare_one(result, metrics, doc, base_year, fund=fund)
        main = main or (self._from_parts(result, metrics, doc, base_year) if not fund else None)
        if main is None and self.box.read(doc, metrics, fund=fund) is None:
            return self._not_reported(result, metrics[0], doc)  # this year's not printed either
        if main is None:
            return self._no_comparison(result, metrics, doc, base_year)
        main.parts = self._parts_compared(result, metrics[0], doc, base_year, main, fund)
        result.details = main
        if main.rate is not None:
            current, base, change = main.current.value, main.base.value, main.change.value
            result.formula = (
                f"变化 = {fmt(current)} − {fmt(base)} = {fmt(change)} 万元；"
                f"变化率 = {fmt(change)} ÷ {fmt(base)} × 100% = {fmt(main.rate.value)}%"
            )
        return result

    def _parts_compared(
        self,
        result: ToolResult,
        metric: Metric,
        doc: StoredDocument,
        base_year: int,
        whole: Comparison,
        fund: str | None,
        nested: bool = True,
    ) -> list[Comparison]:
        """The same comparison of a metric's parts; of a part that changed, of its own parts
        too (公务用车购置及运行费 → 购置费 and 运行费: which of them fell)."""
        parts = []
        for name in metric.parts:
            named = self.box.resolve(name).metrics
            part = self._compare_one(
                result, named, doc, base_year, whole.source, whole.current.metric, fund
            )
            if part is None:
                continue
            if nested and part.change.value and named[0].parts:
                part.parts = self._parts_compared(
                    result, named[0], doc, base_year, part, fund, nested=False
                )
            parts.append(part)
        return parts

    def _compare_one(
        self,
        result: ToolResult,
        metrics: list[Metric],
        doc: StoredDocument,
        base_year: int,
        prefer: str | None = None,
        part_of: str | None = None,
        fund: str | None = None,
    ) -> Comparison | None:
        current = self.box.read(doc, metrics, fund=fund)
        if current is None:
            return None
        tables = self._compare_tables(metrics, doc, base_year, current, fund)
        narrative = (
            narrative_comparison(self.box, metrics, doc, base_year, current=current)
            or self._same_amount(metrics, doc, base_year, current)
            or self._item_stated(doc, base_year, current)
        )
        chosen = tables or narrative
        if prefer == "narrative" and narrative:
            chosen = narrative
        if chosen is None:
            return None
        if chosen is narrative and not as_printed(narrative.current, current.value):
            current = narrative.figure  # the text compares another figure of the name: its own
        add = Adding(result, doc, base_year, current.name, part_of)
        comparison = add.comparison(chosen, current)
        said = narrative.current if narrative else None
        if said is not None and current.printed and said != current.value:
            comparison.said = said if as_printed(said, current.value) else None  # 11885万元
        if tables and narrative and abs(tables.change - narrative.change) <= DISAGREE:
            comparison.change.citations.append(result.cite(narrative.figure.citation))
            comparison.stated_percent = narrative.stated_percent  # 增长6.4%, as the text has it
            comparison.flat_said = narrative.flat_said
        elif tables and narrative:
            comparison.narrative = add.comparison(narrative, narrative.figure, stated=True)
        return comparison

    def _from_parts(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument, base_year: int
    ) -> Comparison | None:
        """A whole the text compares only by its parts (福州科技局: 因公出国、公务接待 and
        公务用车's 购置 and 运行 each 与上年持平, the 三公 total printed in a table only): its
        change is theirs added up."""
        stated = self._stated_by_parts(metrics[0], doc, base_year)
        if stated is None:
            return None
        found, citations = stated
        comparison = Adding(result, doc, base_year, found.figure.name).comparison(
            found, found.figure
        )
        cited = [result.cite(c) for c in citations]
        comparison.change.citations += cited
        comparison.base.citations += cited
        return comparison

    def _stated_by_parts(
        self, metric: Metric, doc: StoredDocument, base_year: int
    ) -> tuple[Found, list[Citation]] | None:
        """The change of a figure from the changes the text states of its parts (of a part it
        states none of, from that part's own), where every part is compared and they make up
        the figure; with the sentences stating them."""
        current = self.box.read(doc, [metric])
        if current is None or not metric.parts:
            return None
        parts: list[tuple[Found, list[Citation]]] = []
        for name in metric.parts:
            part = self.box.resolve(name).metrics
            said = narrative_comparison(self.box, part, doc, base_year)
            one = (said, [said.figure.citation]) if said else None
            one = one or self._stated_by_parts(part[0], doc, base_year)
            if one is None:
                return None
            parts.append(one)
        made_up = sum((f.current for f, _ in parts), Decimal(0))
        if abs(made_up - current.value) > DISAGREE * len(parts):
            return None
        base = current.value - sum((f.change for f, _ in parts), Decimal(0))
        found = Found(current=current.value, base=base, source="narrative", figure=current)
        return found, [c for _, cited in parts for c in cited]

    def _same_amount(
        self, metrics: list[Metric], doc: StoredDocument, base_year: int, current: Figure
    ) -> Found | None:
        """A change the narrative states of another figure of the same amount: of another total,
        for a total (江苏: 收入、支出预算总计13,377.11万元，与上年相比收、支预算总计各增加3,226.63
        万元, for the 本年支出合计 of 13,377.11), or of the appropriation that is all of it (上海:
        支出预算4,939万元，其中：财政拨款支出预算4,939万元，比2025年预算增加69万元); for a line
        only the document prints, of the catalogue's figures its name reads as (湖州卫健委: the
        收支总表's 政府性基金预算 27,600.00 is the 政府性基金预算当年拨款 the text compares); of a
        total, the change the text states of that total with the money carried over (深圳司法局:
        部门预算收入21,796.12万元 is its 收入总计, 本年收入合计 21,785.37 and 结转); for a fund's
        spending or income, of that fund's appropriation (福州商务局: 政府性基金预算拨款支出
        1800.00万元，比上年增加1496.50万元)."""
        vocab = planner_vocabulary()
        totals = vocab["total_metrics"]
        asked = {m.id for m in metrics}
        if any(m.id in totals for m in metrics):
            named: tuple[str, ...] = (*totals, *vocab["whole_funds"])
        else:
            named = tuple(m.id for m in metrics if m.id not in self.box.catalogue.metrics)
        spent = vocab["fund_spent"]
        received = {spending: income for income, spending in spent.items()}
        # (a fund's 拨款, as 福州 says it: its income and its spending alike)
        named += tuple(
            received.get(m.id) or spent[m.id] for m in metrics if m.id in {*spent, *received}
        )
        others = {m.id: m for t in named for m in self.box.resolve(t).metrics if m.id not in asked}
        carried = {m.with_carried for m in metrics}
        for other in others.values():
            found = narrative_comparison(self.box, [other], doc, base_year)
            if found is not None and as_printed(found.current, current.value):
                return found  # (4,939万元 of 4,938.50)
            if found is not None and other.id in carried:
                return found  # 部门预算收入21,796.12万元，较2025年…增加: its total with 结转
        return None

    def _item_stated(self, doc: StoredDocument, base_year: int, current: Figure) -> Found | None:
        """The change the narrative states of a line no catalogue names (a project) in the item
        stating its amount (4.研究调研活动166.02万元，…。较2025年年初预算增加28.46万元)."""
        if current.source != "table" or current.metric.id in self.box.catalogue.metrics:
            return None
        paragraphs = self.box.store.section_paragraphs(doc.id)
        said = stated_change(current.name, to_wan(current.value, current.unit), paragraphs)
        if said is None or not _is_year_before(said.base, doc.year, base_year):
            return None
        delta = said.delta / UNIT_FACTORS[current.unit]
        cite = self.box.figures(doc).citation(page=said.page, quote=said.quote)
        basis = f"说明文字·{current.name}"
        figure = Figure(current.metric, current.value, current.unit, basis, "narrative", cite)
        return Found(current.value, current.value - delta, "narrative", figure)

    def _compare_tables(
        self,
        metrics: list[Metric],
        doc: StoredDocument,
        base_year: int,
        current: Figure,
        fund: str | None = None,
    ) -> Found | None:
        """Last year's figure from a table: another document's of that year (its 决算 or
        budget), else this document's column of that year (2025年预算数 | 2026年预算数); of
        the fund's tables where asked of a fund and they print it."""
        if current.source != "table":
            return None
        for other in self.box.others(doc, base_year):
            base = self.box.read(other, metrics, basis_of(other.kind), fund)
            if base is not None and base.source == "table":
                kind = None if other.kind == doc.kind else other.kind
                return _from_tables(current, base, other, kind)
        beside = self.box.figures(doc).of_year(base_year)
        base = beside.read_in_fund(metrics, fund) if beside else None
        return None if base is None else _from_tables(current, base, doc, None)

    def _no_comparison(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument, base_year: int
    ) -> ToolResult:
        """Last year's figure is nowhere: this year's, and the rate the text states alone."""
        result.status = "not_found"
        fields = {"department": doc.department, "base_year": base_year, "year": doc.year}
        result.message = say("no_comparison", metric=metrics[0].id, **fields)
        current = self.box.read(doc, metrics)
        if current is None:
            return result
        found = OneYear(current=result.add(value_of(current, doc, "current"), current.citation))
        fact = stated_rate(self.box, metrics, doc, base_year)
        if fact is not None:
            name = value_name("rate", metric=current.name)
            rate = derived(doc, "rate", name, Decimal(fact["percent"]), "%", year=doc.year)
            citation = self.box.figures(doc).fact_citation(fact)
            found.rate, found.rate_citation = result.add(rate, citation), citation
            found.rate_direction = fact["direction"]
            result.message = say("no_base_amount", metric=current.name, **fields)
        elif said := stated_unmeasured(self.box, metrics, doc):
            result.message = say("no_change_amount", metric=current.name, said=said, **fields)
            found.unmeasured = said
        elif part := self._all_of_it(result, metrics[0], doc, base_year, current.value):
            found.whole_part = part
            said = {"metric": current.name, "part": part.metric}
            result.message = say("no_change_of_whole", **said, **fields)
        result.details = found
        return result

    def _all_of_it(
        self,
        result: ToolResult,
        metric: Metric,
        doc: StoredDocument,
        base_year: int,
        value: Decimal,
    ) -> Comparison | None:
        """The comparison of the one part of a figure that is all of it this year, where the
        text states that part's (一般公共预算收入 of 财政拨款收入, both 9,066.79 万元)."""
        for name in metric.parts:
            named = self.box.resolve(name).metrics
            part = self.box.read(doc, named)
            if part is not None and part.value == value and value:
                return self._compare_one(result, named, doc, base_year)
        return None


def _from_tables(current: Figure, base: Figure, other: StoredDocument, kind: str | None) -> Found:
    return Found(
        current=current.value,
        base=base.value,
        source="tables",
        figure=current,
        base_figure=(base, other),
        base_kind=kind,
    )


@dataclass
class Adding:
    """Adds a comparison's values to a result, each citing where it comes from: the two
    tables, or this year's figure and the sentence stating the change."""

    result: ToolResult
    doc: StoredDocument
    base_year: int
    name: str
    part_of: str | None = None

    def comparison(self, found: Found, current: Figure, stated: bool = False) -> Comparison:
        """The two years, the change and its rate; ``stated``: the narrative's own statement
        where it disagrees with the tables."""
        role: dict[Role, Role] = {r: "stated" if stated else r for r in _ROLES}
        label = (lambda n: value_name("stated", name=n)) if stated else (lambda n: n)
        of: dict[str, Any] = {"metric": key_of(current.metric), "part_of": self.part_of}
        this = value_of(current, self.doc, role["current"])
        this.name, this.part_of = label(self._in_year(self.doc.year)), self.part_of
        self.result.add(this, current.citation)
        if found.base_figure:
            figure, other = found.base_figure
            base = value_of(figure, other, role["base"], self._in_year(self.base_year))
            base.part_of = self.part_of
            self.result.add(base, figure.citation)
            cites = (current.citation, figure.citation)
        else:
            name = label(self._in_year(self.base_year))
            base = derived(self.doc, role["base"], name, found.base, current.unit, **of)
            base.year = self.base_year
            self.result.add(base, found.figure.citation)
            cites = (current.citation, found.figure.citation)
        name = label(value_name("change", metric=self.name, base_year=self.base_year))
        change = derived(self.doc, role["change"], name, found.change, current.unit, **of)
        self.result.add(change, *cites)
        rate = None
        if found.percent is not None:
            name = label(value_name("rate", metric=self.name))
            rate = derived(self.doc, role["rate"], name, rounded(found.percent), "%", **of)
            self.result.add(rate, *cites)
        return Comparison(
            metric=self.name,
            year=self.doc.year,
            base_year=self.base_year,
            current=this,
            base=base,
            change=change,
            rate=rate,
            source=found.source,
            base_kind=found.base_kind,
            stated_percent=found.stated_percent,
            flat_said=found.flat_said,
        )

    def _in_year(self, year: int) -> str:
        return value_name("in_year", year=year, metric=self.name)


_ROLES: tuple[Role, ...] = ("current", "base", "change", "rate")


def narrative_comparison(
    box: Toolbox,
    metrics: list[Metric],
    doc: StoredDocument,
    base_year: int,
    execution: bool = False,
    current: Figure | None = None,
) -> Found | None:
    """The change the narrative states: “比上年减少0.5万元”, or a base it states in the same
    sentence (“2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数
    减少57.14%”; “2026年…预算数为7.61万元，2025年预算数为9.23万元”). A budget compares with
    last year's budget before last year's execution, unless `execution` asks for the execution.
    A change stated without its amount (支出较去年增加54.13万元) is of the `current` figure."""
    figures = box.figures(doc)
    facts = sorted(figures.facts, key=lambda f: _fact_order(f, execution, current))
    for metric in metrics:
        for fact in facts:
            if not names(fact, metric) or (fact["value"] is None and current is None):
                continue
            if fact["year"] not in (None, doc.year) or (
                execution and "执行" not in (fact["base"] or "")
            ):
                continue
            stated = _stated_base(figures.facts, fact, base_year)  # (2025年预算数为9.23万元)
            if stated is None and not _is_year_before(fact["base"], doc.year, base_year):
                continue
            if stated is None and fact["delta"] is None:
                continue
            if fact["value"] is None and (stated or fact["delta"] is None):
                continue
            value = Decimal(fact["value"]) if fact["value"] is not None else current.value
            cite = figures.fact_citation(fact)
            return Found(
                current=value,
                base=Decimal(stated["value"]) if stated else value - Decimal(fact["delta"]),
                source="narrative",
                figure=Figure(
                    metric,
                    value,
                    fact["unit"],
                    f"说明文字·{fact['section_path']}",
                    "narrative",
                    cite,
                ),
                stated_percent=Decimal(fact["percent"]) if fact["percent"] else None,
                flat_said=_flat_said(fact),
            )
    return None


def _flat_said(fact: Any) -> str | None:
    """The words a statement of no change uses (与上年基本持平: 基本持平)."""
    said = grammar().flat.search(fact["quote"]) if fact["direction"] == "持平" else None
    return said.group(0) if said else None


def _fact_order(fact: Any, execution: bool, current: Figure | None) -> tuple[bool, int]:
    """Statements of the base asked first (a budget's or its execution); among them, those of
    the figure read (its amount, or none stated), before those of another figure of the same
    name (重庆经信委: 基本支出 of all funds changes by 2,747.86; of 一般公共预算, by 2,473.87)."""
    amount = fact["value"]
    if current is None or amount is None:
        own = 1
    else:
        own = 0 if as_printed(Decimal(amount), current.value) else 2
    return ("执行" in (fact["base"] or "")) != execution, own


def stated_rate(
    box: Toolbox, metrics: list[Metric], doc: StoredDocument, base_year: int
) -> Any | None:
    """A narrative fact stating only the rate of a metric's change from the base year
    (公务接待费预算51.53万元，比上年预算数下降12.0%)."""
    for metric in metrics:
        for fact in box.figures(doc).facts:
            of_base = _is_year_before(fact["base"], doc.year, base_year)
            this_year = fact["year"] in (None, doc.year)
            if of_base and this_year and fact["percent"] and names(fact, metric):
                return fact
    return None


def stated_unmeasured(box: Toolbox, metrics: list[Metric], doc: StoredDocument) -> str | None:
    """The words of a narrative fact of a metric saying it changed but not by how much (2026年
    支出预算133247.98万元，比2025年年初预算数有所减少)."""
    unstated = planner_vocabulary()["change_unstated"]
    for metric in metrics:
        for fact in box.figures(doc).facts:
            said = re.search(unstated, fact["quote"]) if names(fact, metric) else None
            if said and fact["delta"] is None and fact["percent"] is None:
                return said.group(0)
    return None


def _stated_base(facts: list[Any], fact: Any, base_year: int) -> Any | None:
    """The base year's amount stated in the same sentence as the fact (or in a sentence of the
    passage it is quoted from: 2018年度财政拨款收入增加227.48%（2017年度财政拨款收入177.19万元）
    after 本年财政拨款收入403.08万元), for the same metric."""
    return next(
        (
            f
            for f in facts
            if f["quote"] in fact["quote"]
            and f["year"] == base_year
            and f["value"] is not None
            and f["metric"] == fact["metric"]
            and f["kind"] == "amount"
        ),
        None,
    )


def _is_year_before(base: str | None, year: int, base_year: int) -> bool:
    """A narrative comparison base that means the asked base year (上年 = the year before)."""
    if not base:
        return False
    if grammar().last_year.search(base):
        return base_year == year - 1
    return str(base_year) in base
