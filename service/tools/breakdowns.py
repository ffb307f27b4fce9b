"""The part-and-whole tools: what share one metric is of another, and what a metric is made
of (with each part's share and, where they are printed, its own parts)."""

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from caiwen.domain.catalogue import Metric
from caiwen.ingest.numbers import UNIT_FACTORS, to_wan
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import Breakdown, Part, ShareOf
from caiwen.service.figures import DISAGREE, DocumentFigures, Figure
from caiwen.service.items import items_making
from caiwen.service.labels import rules as label_rules
from caiwen.service.results import ToolResult
from caiwen.service.stated_parts import StatedPart, stated_line, stated_parts
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
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
from caiwen.service.values import Value, fmt, rounded

ECONOMIC = "3"
"""经济分类 codes start with 3: an 经济分类 part (302 商品和服务支出) is shown with its 款."""
SHARE_AGREES = Decimal("0.01")
"""A stated percent within this of the computed one states the same share, or within half a
unit of the last place it is printed to (61.9% of 61.85%)."""


def _agrees(ratio: Decimal, said: str) -> bool:
    """Whether a computed percent is the one the narrative prints, to the places it prints."""
    printed = Decimal(said)
    exponent = printed.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return abs(ratio - printed) <= max(SHARE_AGREES, Decimal(5) / 10 ** (places + 1))


def _of_fund(fund: str | None, figure: Figure) -> str:
    return say("fund_figure", fund=fund, metric=figure.name)


def _fund_of(whole: Metric) -> str | None:
    """The fund a whole is the spending total of (一般公共预算 of 一般公共预算财政拨款支出)."""
    totals = planner_vocabulary()["fund_spending"].items()
    return next((fund for fund, total in totals if total == whole.id), None)


class BreakdownTools(ToolBase):
    @tool(figures=True)
    def share(
        self,
        part: str,
        whole: str,
        department: str,
        year: int | None = None,
        level: Level | None = None,
        unit: str | None = None,
        fund: Fund | None = None,
    ) -> ToolResult:
        """What percent one metric is of another (e.g. 基本支出 of 本年支出合计, or a row the
        document prints: a unit's of its department's total); with unit, the part is that
        unit's own figure, read from its rows of the tables by unit; with fund (or a whole that
        is one fund's total, 一般公共预算支出), the part as that fund's tables print it."""
        result = ToolResult(tool="share")
        doc = self.box.choose(department, year, None, level=level)
        beside = self._year_beside(department, year, level) if isinstance(doc, Problem) else None
        if isinstance(doc, Problem) and beside is None:
            return doc.on(result)
        doc = beside[0] if beside else doc
        parts, wholes = self._metrics(result, part, doc), self._metrics(result, whole, doc)
        if not parts or not wholes:
            return result
        itself = not unit and level == "单位" and doc.level == "部门"  # 局本级占全局的多少
        p, w, own = self._pair(doc, (parts, part), (wholes, whole), unit, beside, itself)
        fund = fund or _fund_of(wholes[0])
        alone = not (unit or itself or beside)
        of_fund = self._part_of_fund(doc, parts, fund) if fund and alone else None
        p = of_fund or p  # 一般公共预算支出里项目支出占多少: the fund's 项目支出
        if p is None and unit:
            result.status = "not_found"
            result.message = say("no_unit_figure", unit=unit, metric=parts[0].display)
            return result
        if p is None or w is None:
            return self._not_reported(result, (parts if p is None else wholes)[0], doc)
        ratio = percent(p.value, w.value)
        found = ShareOf(
            part=result.add(value_of(p, doc, "part", of_fund and _of_fund(fund, p)), p.citation),
            whole=result.add(value_of(w, doc, "whole"), w.citation),
            said=self._rounded_said(p, doc),
        )
        if own:  # 湖州市公路与运输管理中心的“三公”经费 of 湖州市交通运输局的
            whose = unit or say("own_part", department=doc.department)
            found.part.department = whose
            found.part.name = value_name("of", whose=whose, metric=p.name)
            found.whole.name = value_name("of", whose=doc.department, metric=w.name)
        found.part.part_of = key_of(w.metric)
        if beside:  # 去年的三公里公车占多少: the year printed beside the next year's
            found.part.year = found.whole.year = year
        if ratio is not None:
            self._add_share(result, found, (parts[0], p, w), doc, ratio, bool(beside))
        result.details = found
        return result

    def _add_share(
        self,
        result: ToolResult,
        found: ShareOf,
        read: tuple[Metric, Figure, Figure],
        doc: StoredDocument,
        ratio: Decimal,
        beside: bool,
    ) -> None:
        """The share itself, with the text's own statement of it (or of the part's share of
        another whole); a year printed beside the next year's has no statement of its own."""
        part, p, w = read
        stated = [] if beside else self._stated_share(part, rounded(ratio), doc)
        if not (stated or beside):
            self._share_of_another_base(result, found, part, w, doc)
        elif stated and (written := Decimal(stated[0]["percent"])) != rounded(ratio):
            found.written = written  # 86.5% of 86.52%
        name = value_name("share", part=found.part.name, whole=w.name)
        found.share = derived(
            doc, "share", name, rounded(ratio), "%", metric=key_of(p.metric),
            part_of=key_of(w.metric), year=found.part.year,
        )  # fmt: skip
        cites = [self.box.figures(doc).fact_citation(f) for f in stated]
        result.add(found.share, p.citation, w.citation, *cites)
        result.formula = f"{fmt(p.value)} ÷ {fmt(w.value)} × 100% = {fmt(ratio)}%"

    def _pair(
        self,
        doc: StoredDocument,
        part: tuple[list[Metric], str],
        whole: tuple[list[Metric], str],
        unit: str | None,
        beside: tuple[StoredDocument, DocumentFigures] | None,
        itself: bool,
    ) -> tuple[Figure | None, Figure | None, bool]:
        """The part's figure and the whole's, and whether the part is read from own rows: of a
        year printed beside the next year's, both from that year's column; else the part of a
        unit, or of the organ itself (``itself``), from its rows of the tables by unit, where
        they print it (the organ's, else the whole's figure)."""
        if beside:
            return beside[1].read_first(part[0]), beside[1].read_first(whole[0]), False
        w = self._read_as_asked(doc, *whole)
        own = self.box.figures(doc).own_part(unit) if unit or itself else None
        if own is not None:
            return own.read_first(part[0]), w, True
        return (None if unit else self._read_as_asked(doc, *part)), w, False

    def _part_of_fund(self, doc: StoredDocument, parts: list[Metric], fund: str) -> Figure | None:
        """A part as one fund's tables print it, where they print it."""
        printed = self.box.figures(doc).of_fund(fund)
        return printed.read_first(parts) if printed else None

    def _year_beside(
        self, department: str, year: int | None, level: Level | None
    ) -> tuple[StoredDocument, DocumentFigures] | None:
        """The next year's document of a department, and what it prints for a year no document
        of the department is of (its 2025年预算数 column beside 2026年预算数)."""
        later = self.box.choose(department, year + 1, None, level=level) if year else None
        if later is None or isinstance(later, Problem):
            return None
        printed = self.box.figures(later).of_year(year)  # type: ignore[arg-type]
        return (later, printed) if printed else None

    def _stated_share(self, part: Metric, ratio: Decimal, doc: StoredDocument) -> list[Any]:
        """The narrative's statement of the same share (“基本支出2336.91万元，占79.49%”)."""
        figures = self.box.figures(doc)
        return [
            f
            for f in figures.facts
            if f["kind"] == "share" and names(f, part) and _agrees(ratio, f["percent"])
        ][:1]

    def _share_of_another_base(
        self, result: ToolResult, found: ShareOf, part: Metric, whole: Figure, doc: StoredDocument
    ) -> None:
        """The narrative's own percent for the part where it is not the tables' one, and the
        base it is of: the whole's parts added up, where the percent is of them, and what the
        whole holds beyond them (北京: 占本年支出预算66.33%, of 基本支出 and 项目支出, without the
        年末结转和结余 the total counts)."""
        figures = self.box.figures(doc)
        fact = next((f for f in figures.facts if f["kind"] == "share" and names(f, part)), None)
        if fact is None:
            return
        percent_said = Decimal(fact["percent"])
        said = value_name("share", part=found.part.name, whole=fact["base"] or found.whole.name)
        name = value_name("stated", name=said)
        found.stated = derived(doc, "stated", name, percent_said, "%", metric=key_of(part))
        result.add(found.stated, figures.fact_citation(fact))
        if own := self._amount_said_with(fact, part, whole, doc):
            found.stated_part = result.add(own, figures.fact_citation(fact))
            return
        base = self._parts_added(result, doc, self._shared_base(doc, fact, whole.metric))
        ratio = percent(found.part.value, base.value) if base else None
        if base is None or ratio is None or not _agrees(rounded(ratio), fact["percent"]):
            return
        found.base = base
        gap = whole.value - base.value
        if gap:
            found.left_out = self._amount_named(result, doc, gap)

    def _amount_said_with(
        self, fact: Any, part: Metric, whole: Figure, doc: StoredDocument
    ) -> Value | None:
        """The part's amount the sentence stating its percent states, where the percent is of
        it (人员支出250,110.65万元，占61.9%) and it is not the tables' figure."""
        for said in self.box.figures(doc).facts:
            if said["kind"] != "amount" or said["quote"] != fact["quote"] or not names(said, part):
                continue
            amount = Decimal(said["value"]) if said["value"] is not None else None
            ratio = percent(amount, whole.value) if amount else None
            if ratio is not None and _agrees(rounded(ratio), fact["percent"]):
                name = value_name("stated", name=part.display)
                return derived(doc, "stated", name, amount, "万元", metric=key_of(part))
        return None

    def _shared_base(self, doc: StoredDocument, fact: Any, whole: Metric) -> list[Metric]:
        """The parts a stated percent's base is made of: those the narrative states a percent
        of the same base for (基本支出 and 项目支出, 占本年支出预算 each), else the whole's parts
        in the catalogue."""
        metrics = self.box.catalogue.metrics
        said = [
            metrics[f["metric"]]
            for f in self.box.figures(doc).facts
            if f["kind"] == "share" and f["base"] and f["base"] == fact["base"]
            if f["metric"] in metrics
        ]
        return said if len(said) >= 2 else [self._metric_named(n) for n in whole.parts]

    def _parts_added(
        self, result: ToolResult, doc: StoredDocument, parts: list[Metric]
    ) -> Value | None:
        """Parts as the document prints them, added up (at least two printed and not nothing)."""
        figures = self.box.figures(doc)
        read = [f for m in parts if (f := figures.read(m)) and f.value]
        if len(read) < 2:
            return None
        total = sum((f.value for f in read), Decimal(0))
        name = value_name("sum", metrics="、".join(f.name for f in read))
        return result.add(
            derived(doc, "sum", name, total, read[0].unit), *(f.citation for f in read)
        )

    def _amount_named(self, result: ToolResult, doc: StoredDocument, amount: Decimal) -> Value:
        """An amount named as the narrative states it where it does (年末结转和结余 1776.86), else
        as the difference it is."""
        figures = self.box.figures(doc)
        fact = next((f for f in figures.facts if _states_amount(f, amount)), None)
        if fact is None:
            gap = value_name("departments_difference")
            return result.add(derived(doc, "difference", gap, amount, "万元"))
        metric = self.box.catalogue.metrics.get(fact["metric"])
        name = metric.display if metric else fact["metric"]
        value = derived(doc, "figure", name, amount, "万元", source="narrative")
        return result.add(value, figures.fact_citation(fact))

    @tool(figures=True)
    def breakdown(
        self,
        metric: str,
        department: str,
        year: int | None = None,
        level: Level | None = None,
        by_item: bool = False,
        unit: str | None = None,
        deepest: bool = False,
        leaves: bool = False,
        most: int | None = None,
        fund: Fund | None = None,
        count: bool = False,
    ) -> ToolResult:
        """The parts of a metric with their values and shares: 三公经费 by component (and a
        component's own parts), 基本支出 into 人员经费 and 公用经费, a 功能分类 类 into its 款
        (or a 款 into its 项), an 经济分类 类 into its 款. With by_item, the items a table lists
        it by instead (项目支出: each project of the 项目支出表), and with unit those of a unit
        under the department (the items printed under its name). With deepest, the largest
        part's largest line, and that one's, down to a line with none under it; with leaves,
        the lines with none under them instead of the whole's own parts (the 项 of a 功能分类
        table). With most, the number of lines a ranking asks: where the whole divides into
        no more, the lines under its parts (公用经费里哪三项, 哪两项: its 款, not its two 类).
        With fund, a subject line as that fund's tables print it and its lines there (财政拨款里
        水利这块), where they print it. With count, how many parts it lists too (涉及几个功能
        大类)."""
        result = ToolResult(tool="breakdown")
        opened = self._open(result, metric, department, year, level=level)
        if opened is None:
            return result
        doc, metrics = opened
        own = level == "单位" and doc.level == "部门" and self.box.figures(doc).own_part()
        if unit or own:  # the unit's rows, or the department's own (本级) among its units'
            return self._unit_parts(result, doc, metrics[0], unit, by_item)
        in_fund = self._lines_of_fund(doc, metrics, fund) if fund and not by_item else None
        in_fund = in_fund if in_fund and in_fund[1] else None
        whole, parts = in_fund or self._whole_and_parts(doc, metrics, by_item)
        if whole is None:
            return self._not_reported(result, metrics[0], doc)
        through: list[Figure] = []
        listed = self.box.figures(doc).listed
        # (items asked of a whole no table lists them by are its subject lines, as any others)
        itemised = by_item and bool(whole.metric.parts or listed(whole.metric))
        if leaves:
            parts = [line for part in parts for line in self._leaves(part, doc)]
        elif not itemised:
            # a lone part (商品和服务支出, all of 公用经费): the lines it divides into, and so on
            while len(parts) == 1 and (lines := self.box.figures(doc).children(parts[0])):
                through, parts = [*through, parts[0]], lines
            # (two asked of a whole of two lines by kind, 商品和服务支出 and 资本性支出, is no
            # ranking; of a 类 of two 款, those 款 are what it asks)
            limit = (most or 0) - 1 if _of_subjects(parts) else most or 0
            if len(parts) > 1 and len(parts) <= limit:
                parts = [line for part in parts for line in self._leaves(part, doc)]
        instead = whole.metric.id not in {m.id for m in metrics}  # (its row, printed as named)
        stated = False
        if not by_item and (_undivided(whole, parts) or _narrated_apart(whole, parts)):
            whole, parts, stated = self._making(whole, doc, parts)  # 援助其他地区支出: 其他支出
        named = say("fund_figure", fund=fund, metric=whole.name) if in_fund else None
        found = Breakdown(
            whole=result.add(value_of(whole, doc, "whole", named), whole.citation),
            parts=[],
            whole_said=self._rounded_said(whole, doc),
            stated=stated,
            fund_undivided=fund if fund and not in_fund and not by_item else None,
        )
        found.through = [result.add(value_of(f, doc, "part"), f.citation) for f in through]
        # (the items of a subject line no table lists are its lines: 法院这块支出里钱最多的项目)
        line = whole.metric.code or whole.metric.id not in self.box.catalogue.metrics
        lined = bool(line) and bool(parts)
        found.unlisted = (
            by_item and not whole.metric.parts and not lined and not listed(whole.metric)
        )
        if instead:
            found.instead_of = metrics[0].display
        kinds = self._parts(whole, doc) if by_item and whole.metric.parts and parts else []
        if kinds:  # 政府采购买了啥: its kinds, then the items its table lists besides them
            items = [p for p in parts if not self._names_kind(p.name, kinds)]
            parts, kinds = (items, kinds) if items else (kinds, [])
        found.kinds = [self._add_part(result, k, whole, doc) for k in kinds]
        found.parts = [self._add_part(result, part, whole, doc) for part in parts]
        if not (by_item or stated or in_fund):
            narrated = self._narrated(whole, doc, parts)
            found.narrated = [result.add(value_of(f, doc, "part"), f.citation) for f in narrated]
        if count and parts:
            counted = Decimal(len(found.kinds or found.parts))
            name = value_name("parts_count")
            found.count = result.add(derived(doc, "count", name, counted, "项"))
        if by_item:
            found.notes = self._notes(doc, {p.citation.table for p in parts})
        if deepest and parts:
            found.deepest, line = self._deepest(result, max(parts, key=lambda p: p.value), doc)
            found.deepest_share = _share_in(result, line, whole, doc) if found.deepest else None
        result.details = found
        if not parts and found.unlisted:  # 绩效目标的项目分别叫啥, where no table names them
            result.status = "not_found"
            result.message = say(
                "no_items", department=doc.department, year=doc.year, metric=whole.name,
                value=fmt(whole.value), unit=whole.unit,
            )  # fmt: skip
            return result
        if not parts:
            result.status = "not_found"  # (the whole said, that none divide it)
            result.message = say(
                "no_parts_of", department=doc.department, year=doc.year, metric=whole.name,
                value=fmt(whole.value), unit=whole.unit,
            )  # fmt: skip
            return result
        total = sum((p.value for p in parts), Decimal(0))
        result.formula = (
            " + ".join(f"{p.name} {fmt(p.value)}" for p in parts)
            + f" = {fmt(total)}（合计 {fmt(whole.value)}）"
        )
        # a table's items are what it lists (some funds' projects), no division of the whole
        if abs(total - whole.value) > DISAGREE * len(parts) and not by_item:
            found.unbalanced = total  # said in the answer (as what the narrative names, of its
            # parts): a value too
            result.values.append(derived(doc, "sum", value_name("parts_sum"), total, whole.unit))
        return result

    def _making(
        self, whole: Figure, doc: StoredDocument, parts: list[Figure]
    ) -> tuple[Figure, list[Figure], bool]:
        """What makes up a line no subject lines divide, and whether the narrative lists it:
        the blocks of a table keyed twice (差旅费 of 机关商品和服务支出 and of 对事业单位经常性补
        助), else the items a table lists that add up to it, else the parts its narrative lists
        after stating it (主要包括：…), else those it lists of a piece of work it names so and
        prices apart (公安执法办案 of the 功能分类 line 执法办案), that work the whole."""
        if whole.unit not in UNIT_FACTORS:  # a count (绩效目标项目数 3个) is made of none
            return whole, parts, False
        projects = self._metric_named(planner_vocabulary()["item_metric"])
        if whole.blocks or (items := items_making(whole, self.box.figures(doc).listed(projects))):
            return whole, list(whole.blocks) or items, False
        paragraphs = self.box.store.section_paragraphs(doc.id)
        amount = to_wan(whole.value, whole.unit)
        listed = stated_parts(whole.name, amount, paragraphs)
        if not listed and whole.source == "narrative":  # 收入预算共安排…923.1961万元。其中：…
            listed = stated_parts(None, amount, paragraphs)
        if listed:
            return whole, self._stated(listed, whole.unit, doc), True
        if line := stated_line(whole.name, paragraphs):
            work, listed = line
            named = self._stated([work], whole.unit, doc)[0]
            return named, self._stated(listed, whole.unit, doc), True
        return whole, parts, False

    def _narrated(self, whole: Figure, doc: StoredDocument, parts: list[Figure]) -> list[Figure]:
        """The parts the narrative lists after stating the whole's amount, adding up to it,
        where they are not the tables' parts (深圳: 预算28,283.46万元，包括在职人员经费…)."""
        if whole.unit not in UNIT_FACTORS:
            return []
        amount = to_wan(whole.value, whole.unit)
        listed = stated_parts(None, amount, self.box.store.section_paragraphs(doc.id))
        printed = {to_wan(p.value, p.unit) for p in parts if p.unit in UNIT_FACTORS}
        if not listed or {part.value for part in listed} <= printed:
            return []
        return self._stated(listed, whole.unit, doc)

    def _stated(self, said: list[StatedPart], unit: str, doc: StoredDocument) -> list[Figure]:
        """Amounts the narrative states, as figures in this unit."""
        figures, factor = self.box.figures(doc), UNIT_FACTORS[unit]
        return [
            Figure(
                metric=Metric(id=part.name),
                value=part.value / factor,
                unit=unit,
                basis="说明文字",
                source="narrative",
                citation=figures.citation(page=part.page, quote=part.statement.text),
            )
            for part in said
        ]

    def _deepest(
        self, result: ToolResult, part: Figure, doc: StoredDocument
    ) -> tuple[list[Value], Figure]:
        """The largest line under a part, that line's largest, and so on (卫生健康支出 →
        财政对基本医疗保险基金的补助 → 财政对城乡居民基本医疗保险基金的补助), and the last."""
        figures, chain = self.box.figures(doc), []
        while lines := figures.children(part):
            part = max(lines, key=lambda line: line.value)
            chain.append(result.add(value_of(part, doc, "part"), part.citation))
        return chain, part

    def _leaves(self, part: Figure, doc: StoredDocument) -> list[Figure]:
        """The lines under a part with none under them (the part itself where it has none):
        its table's, or where its table has none, the parts the catalogue divides it into
        (人员经费: 工资福利支出 and 对个人和家庭的补助, and theirs)."""
        lines = self.box.figures(doc).children(part)
        if not lines and _catalogue_whole(part.metric):
            lines = [p for p in self._parts(part, doc) if p.metric != part.metric]
        return [leaf for line in lines for leaf in self._leaves(line, doc)] if lines else [part]

    def _notes(self, doc: StoredDocument, titles: set[str | None]) -> list[str]:
        """The notes under these tables, but those only describing the table (本表反映…)."""
        figures, describes = self.box.figures(doc), label_rules()["describing_note"]
        said = (n for title in sorted(filter(None, titles)) for n in figures.notes_of(title))
        kept = (n for n in said if not re.search(describes, n))
        return list(dict.fromkeys(re.sub(label_rules()["note_mark"], "", n) for n in kept))

    def _names_kind(self, label: str, kinds: list[Figure]) -> bool:
        """Whether an item a table lists is one of the kinds its whole divides into (江苏人大's
        政府采购表 prints 政府采购货物 among its purchases)."""
        named = {m.id for m in self.box.resolve(label).metrics}
        return any(k.metric.id in named for k in kinds)

    def _whole_and_parts(
        self, doc: StoredDocument, metrics: list[Metric], by_item: bool
    ) -> tuple[Figure | None, list[Figure]]:
        """The whole asked and its parts; where it is printed nowhere, its parts added up where
        each is printed, else the first whole the catalogue says tells the same that is printed
        with parts, or whose parts the narrative lists. Its items, where a table lists them,
        else those listed of the first whole telling the same (绩效目标金额: 项目支出's)."""
        whole = self.box.read(doc, metrics) or self._row_named(doc, metrics[0])
        listed = self.box.figures(doc).listed
        if whole and by_item and (items := listed(whole.metric)):
            return whole, items  # else its parts (政府采购, 项目支出 of a document listing none)
        if whole is None and by_item and (items := listed(metrics[0])):
            return _summed(metrics[0], items), items  # 绩效目标金额 no text states: its forms
        others = [self.box.read(doc, [self._metric_named(name)]) for name in metrics[0].instead]
        printed = [other for other in others if other is not None]
        if by_item and (found := next((o for o in printed if listed(o.metric)), None)):
            return found, listed(found.metric)
        if whole is None and not by_item:  # 北京's 收入总计: each of its parts printed, not it
            whole = self._parts_added_up(doc, metrics[0], every=True)
        if whole is not None:
            if not _catalogue_whole(whole.metric):
                return self.box.figures(doc).divided(whole)  # a subject line: a table's lines
            return whole, self._parts(whole, doc)
        if by_item:
            return None, []
        for other in printed:
            if parts := self._parts(other, doc):
                return other, parts
        for other in printed:  # the parts its narrative lists (郑州土储中心's page)
            if (made := self._making(other, doc, []))[1]:
                return made[0], made[1]
        return None, []

    def _lines_of_fund(
        self, doc: StoredDocument, metrics: list[Metric], fund: str
    ) -> tuple[Figure, list[Figure]] | None:
        """A subject line and its lines as the tables of one fund print them; None where they
        print no such line."""
        figures = self.box.figures(doc).of_fund(fund)
        line = figures.read_first(metrics) if figures else None
        if figures is None or line is None or _catalogue_whole(line.metric):
            return None
        return figures.divided(line)

    def _row_named(self, doc: StoredDocument, metric: Metric) -> Figure | None:
        """A subject line printed where the catalogue does not look, under its own name (深圳
        工信局's 对企业补助): the row, whose lines are its parts."""
        return self._printed_as(metric.id, doc, None) if metric.code else None

    def _unit_parts(
        self,
        result: ToolResult,
        doc: StoredDocument,
        metric: Metric,
        unit: str | None,
        by_item: bool,
    ) -> ToolResult:
        """A unit's own parts of a metric (None: the department's own part, 本级): the items a
        table lists under its name (湖州交通技师学院教学事务管理 of the 项目支出表), or the
        catalogue's parts read from its rows of the tables by unit (三公经费's three); and its
        whole, its rows' figure (else the items added up)."""
        figures = self.box.figures(doc)
        own = figures.own_part(unit)
        whole = own.read(metric) if own else None
        name = unit or say("own_part", department=doc.department)
        if by_item:
            items = [f for f in figures.listed(metric) if f.name.startswith(unit or doc.department)]
        else:
            parts = (self.box.resolve(name).metrics for name in metric.parts)
            items = [f for p in parts if own and (f := own.read_first(p)) is not None]
        if not items or (whole is None and not by_item):
            result.status = "not_found"
            result.message = say("no_unit_figure", unit=name, metric=metric.display)
            return result
        whole = whole or _summed(metric, items)
        value = value_of(whole, doc, "whole")
        value.department = name
        found = Breakdown(whole=result.add(value, whole.citation), parts=[])
        found.parts = [self._add_part(result, item, whole, doc, nested=False) for item in items]
        result.details = found
        return result

    def _add_part(
        self,
        result: ToolResult,
        part: Figure,
        whole: Figure,
        doc: StoredDocument,
        nested: bool = True,
    ) -> Part:
        """A part with its share of the whole, and (``nested``: of the document's own figures)
        its own parts when the catalogue names them (公务用车购置及运行费 → 购置费, 运行费) or its
        table divides it further."""
        value = value_of(part, doc, "part")
        value.part_of = key_of(whole.metric)
        added = Part(value=result.add(value, part.citation), said=self._rounded_said(part, doc))
        added.share = _share_in(result, part, whole, doc)
        part = self._catalogued(part, doc)  # 一、财政拨款 of a 收支总表: its funds below it
        if nested and (part.metric.parts or (part.metric.code or "").startswith(ECONOMIC)):
            for sub in self._parts(part, doc):
                own = value_of(sub, doc, "part")
                own.part_of = key_of(part.metric)
                added.parts.append(result.add(own, sub.citation))
        return added

    def _catalogued(self, part: Figure, doc: StoredDocument) -> Figure:
        """A part read by its printed label (一、财政拨款) as the catalogue's metric of that name
        (财政拨款收入), where that metric's parts the document prints add up to it: they are
        its parts (一般公共预算 and 政府性基金预算, printed below it)."""
        if part.metric.parts or part.metric.id in self.box.catalogue.metrics:
            return part
        named = self.box.resolve(part.name)
        if not (named.exact and named.metrics and named.metrics[0].parts):
            return part
        known = replace(part, metric=named.metrics[0])
        found = [self._part(doc, self._metric_named(n)) for n in known.metric.parts]
        parts = [f for f in found if f is not None]
        total = sum((f.value for f in parts), Decimal(0))
        return known if parts and abs(total - part.value) <= DISAGREE * len(parts) else part

    def _parts(self, whole: Figure, doc: StoredDocument) -> list[Figure]:
        """A metric's parts from the catalogue (a part not printed is its own parts added up,
        where they are: 北京's text gives 一般公共预算, 政府性基金 and 国有资本经营 拨款收入, not
        财政拨款收入), completed by a part of a wider whole where that makes them add up (北京's
        收入预算 counts its 上年结转结余), or by the other columns of the row printing them all
        (单位预留机动经费), or else by the lines its column numbers 一、二、 (三、其他资金); or else
        the subject lines of its table."""
        figures = self.box.figures(doc)
        if not _catalogue_whole(whole.metric):
            return figures.children(whole) if whole.source == "table" else []
        found = [self._part(doc, self._metric_named(name)) for name in whole.metric.parts]
        # (a line larger than the whole is another line of its name: 其他支出 the 类 of 支出总表
        # beside the 公用经费 the text states)
        parts = [f for f in found if f is not None and f.value <= whole.value + DISAGREE]
        total, within = sum((p.value for p in parts), Decimal(0)), DISAGREE * len(parts)
        if abs(total - whole.value) <= within:
            return parts
        for extra in self._wider_parts(whole.metric):
            more = self.box.read(doc, [extra])
            if more is not None and more.value and abs(total + more.value - whole.value) <= within:
                return [*parts, more]
        if whole.source != "table":
            return parts
        beside = figures.beside(whole, parts)
        added = total + sum((f.value for f in beside), Decimal(0))
        if beside and abs(added - whole.value) <= within:
            return [*parts, *beside]
        return figures.numbered(whole) or parts

    def _metric_named(self, name: str) -> Metric:
        """The catalogue metric a name in the catalogue's own lists means."""
        return self.box.resolve(name).metrics[0]

    def _part(self, doc: StoredDocument, metric: Metric) -> Figure | None:
        """A part as printed, else its own parts added up where any is printed."""
        read = self.box.read(doc, [metric])
        return read if read is not None else self._parts_added_up(doc, metric)

    def _wider_parts(self, whole: Metric) -> list[Metric]:
        """The parts a wider whole has besides this whole's (收入总计: 年初结转和结余)."""
        own = set(whole.parts)
        wider = (m for m in self.box.catalogue.metrics.values() if own < set(m.parts))
        return [self._metric_named(n) for m in wider for n in m.parts if n not in own]


def _share_in(result: ToolResult, part: Figure, whole: Figure, doc: StoredDocument) -> Value | None:
    """A part's share of a whole, where the whole is not zero."""
    ratio = percent(part.value, whole.value)
    if ratio is None:
        return None
    name = value_name("share", part=part.name, whole=whole.name)
    share = derived(
        doc, "share", name, rounded(ratio), "%", metric=key_of(part.metric),
        part_of=key_of(whole.metric),
    )  # fmt: skip
    return result.add(share, part.citation)


def _summed(metric: Metric, items: list[Figure]) -> Figure:
    """A whole no table or text prints, as the items listed of it add up."""
    total = sum((i.value for i in items), Decimal(0))
    return Figure(metric, total, items[0].unit, items[0].basis, "table", items[0].citation)


def _of_subjects(parts: list[Figure]) -> bool:
    """Whether lines are 功能分类 subjects (coded, not 经济分类)."""
    return all(p.metric.code and not p.metric.code.startswith(ECONOMIC) for p in parts)


def _undivided(whole: Figure, parts: list[Figure]) -> bool:
    """Whether the lines found do not divide the whole: none, or one line that is all of it."""
    return not parts or (len(parts) == 1 and parts[0].value == whole.value)


def _narrated_apart(whole: Figure, parts: list[Figure]) -> bool:
    """Whether a whole the narrative states is not made up by the parts found (郑州土储中心:
    财政拨款 alone of its 本年收入合计), so that the parts it lists may be."""
    total = sum((p.value for p in parts), Decimal(0))
    return whole.source == "narrative" and abs(total - whole.value) > DISAGREE * len(parts)


def _states_amount(fact: Any, amount: Decimal) -> bool:
    """Whether a narrative fact states this amount of 万元 to the last place."""
    stated = fact["kind"] == "amount" and fact["unit"] == "万元" and fact["value"]
    return bool(stated) and Decimal(fact["value"]) == amount


def _catalogue_whole(metric: Metric) -> bool:
    """Whether a metric is a whole the catalogue divides into its own parts (三公经费, 公用经费),
    not a subject line a table divides into its lines."""
    return bool(metric.parts) and not metric.code
