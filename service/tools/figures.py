"""The figures tool: one metric of one document, with what the document says elsewhere
against it (the narrative's other value, a note calling its table empty)."""

import re
from decimal import Decimal
from typing import Any, Literal

from caiwen.domain.bases import other_kind
from caiwen.domain.catalogue import Metric
from caiwen.ingest.audit import audit_rules
from caiwen.ingest.numbers import as_printed
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import EmptyNote, FigureRead, Stated
from caiwen.service.figures import DISAGREE, DocumentFigures, Figure
from caiwen.service.labels import label_metric
from caiwen.service.results import ToolResult
from caiwen.service.templates import say
from caiwen.service.tools.base import Fund, Level, ToolBase, value_of
from caiwen.service.tools.registry import tool
from caiwen.service.understand import planner_vocabulary


class FigureTools(ToolBase):
    @tool(figures=True)
    def get_metric(
        self,
        metric: str,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
        level: Level | None = None,
        everywhere: bool = False,
        unit: str | None = None,
        fund: Fund | None = None,
        column: Literal["基本支出", "项目支出", "人员经费", "公用经费"] | None = None,
    ) -> ToolResult:
        """The value of a metric (e.g. 三公经费, 公务接待费, 基本支出, a subject code or name) for a
        department and year, with its 口径 and citation. basis chooses 预算数 or 决算数 where a
        table has both; level chooses the 部门 or the 单位 (本级) disclosure; everywhere also
        gives every other table printing it (to see whether they agree); unit names a unit
        under the department whose own rows its tables by unit print (its figure alone); fund
        reads it from that fund's tables (地质灾害防治 of 一般公共预算), where they print it;
        column reads a line's own column (公路养护的基本支出), where its row prints one."""
        result = ToolResult(tool="get_metric")
        opened = self._open(result, metric, department, year, kind, basis, level)
        instead_of = None
        if opened is None and kind and result.status == "no_document":
            other = ToolResult(tool="get_metric")
            opened = self._open(other, metric, department, year, other_kind(kind), basis, level)
            if opened is not None:
                result, instead_of = other, kind
        if opened is None:
            return result
        doc, metrics = opened
        if fund:
            of_fund = self._of_fund(ToolResult(tool="get_metric"), doc, metrics, fund, basis)
            if of_fund.status == "ok":  # else the line as printed elsewhere
                return of_fund
        figure, own_part = self._figure(doc, metrics, metric, basis, level, unit)
        if column:
            return self._in_column(result, doc, figure, metrics[0], column)
        if figure is None and unit:
            result.status = "not_found"
            result.message = say("no_unit_figure", unit=unit, metric=metrics[0].display)
            return result
        if figure is None:
            return self._not_reported(result, metrics[0], doc)
        stands_for = own_part and figure.metric not in metrics  # its row's total (本级)
        value = value_of(figure, doc, "figure", metrics[0].display if stands_for else None)
        if own_part:
            value.department = unit or say("own_part", department=doc.department)
            value = result.add(value, figure.citation)
        else:
            also = self.box.figures(doc).confirmations(figure, basis)
            value = result.add(value, figure.citation, *also)
        goal = self.box.figures(doc).goal(figure)  # a project its form names: what it is for
        flat = None if own_part else self._flat_said(figure, doc)
        result.details = FigureRead(
            figure=value,
            narrative=None if own_part else self._narrative(figure, doc, False, result),
            narrative_same=self._narrative(figure, doc, same=True) if everywhere else None,
            zero_said=self._zero_said(figure, doc),
            with_carried=None if own_part else self._with_carried(figure, doc),
            empty_note=self._note_disagrees(figure, doc),
            instead_of=instead_of,
            stated_as=metrics[0].display if figure.metric.id in metrics[0].stated_as else None,
            whole_for_part=level == "单位" and doc.level == "部门" and not own_part,
            fund_unprinted=fund,
            elsewhere=self._elsewhere(result, figure, doc) if everywhere and not own_part else [],
            other_scopes=[] if everywhere or own_part else self._other_scopes(figure, doc),
            flat_since=flat["base"] if flat else None,
            flat_citation=result.cite(self.box.figures(doc).fact_citation(flat)) if flat else None,
            goal=goal.quote if goal else None,
            goal_citation=result.cite(goal) if goal else None,
            blocks=[result.add(value_of(b, doc, "part"), b.citation) for b in figure.blocks],
        )
        result.formula = f"{figure.name} = {value.display} {figure.unit}（{figure.basis}）"
        return result

    def _of_fund(
        self,
        result: ToolResult,
        doc: StoredDocument,
        metrics: list[Metric],
        fund: str,
        basis: str | None,
    ) -> ToolResult:
        """A line's figure as one fund's tables print it (其中一般公共预算安排了多少)."""
        part = self.box.figures(doc).of_fund(fund)
        figure = part.read_first(metrics, basis) if part else None
        if figure is None:
            result.status = "not_found"
            return result
        named = _named(result, doc, figure, say("fund_figure", fund=fund, metric=figure.name))
        named.detail(FigureRead).narrative = self._rounded_said(figure, doc)  # 11,748万元
        return named

    def _in_column(
        self,
        result: ToolResult,
        doc: StoredDocument,
        line: Figure | None,
        metric: Metric,
        column: str,
    ) -> ToolResult:
        """A line's figure under one of its own columns (其中基本支出和项目支出各多少 after
        公路养护); where its row prints no such column, a sentence saying so, not the
        department's own 基本支出."""
        figure = self.box.figures(doc).in_column(line, column) if line else None
        if figure is None:
            result.status = "not_found"
            result.message = say("no_column_figure", metric=metric.display, column=column)
            return result
        if figure.scope.endswith(column):  # read in a table of that spending alone
            named = say("scope_figure", scope=figure.scope, metric=figure.name)
        else:
            named = say("column_figure", column=column, metric=figure.name)
        return _named(result, doc, figure, named)

    def _figure(
        self,
        doc: StoredDocument,
        metrics: list[Metric],
        phrase: str,
        basis: str | None,
        level: Level | None,
        unit: str | None = None,
    ) -> tuple[Figure | None, bool]:
        """The metric's figure, and whether it is of the department's own part: asked of the
        单位 level where only the 部门 document is published, its row among the units' rows
        where a table prints one (else the whole's figure, the level named in the answer); of
        a unit under it, the unit's rows (never the whole's figure)."""
        if unit or (level == "单位" and doc.level == "部门"):
            part = self.box.figures(doc).own_part(unit)
            figure = part.read_first(_part_metrics(metrics, part), basis) if part else None
            if figure is not None or unit:
                return figure, True
        return self._read_as_asked(doc, metrics, phrase, basis), False

    def _narrative(
        self, figure: Figure, doc: StoredDocument, same: bool, result: ToolResult | None = None
    ) -> Stated | None:
        """The narrative's own value for a table figure, when it states another one (or the
        same one to fewer places); with ``same``, when it states the very same one. The figure
        of the fund it is stated of is a value of the result."""
        if figure.source != "table" and not figure.blocks:  # a line's rows added up: the table's
            return None
        figures = self.box.figures(doc)
        for fact in self._amounts_stated(figure, doc):
            stated = Decimal(fact["value"])
            if (abs(stated - figure.value) > DISAGREE) != same:
                basic = planner_vocabulary()["basic_scope"] in (figure.scope or "")
                said = Stated(
                    metric=figure.metric.display,
                    value=stated,
                    unit=fact["unit"],
                    citation=figures.fact_citation(fact),
                    rounded=as_printed(stated, figure.value),
                    basic_only=basic and stated > figure.value,
                )
                if same or said.rounded:
                    return said
                return self._of_fund_said(said, figure, doc, result)
        return None

    def _of_fund_said(
        self, said: Stated, figure: Figure, doc: StoredDocument, result: ToolResult | None
    ) -> Stated:
        """The narrative's other value of a line, marked with the fund whose tables print it
        (上海's 卫生健康支出2,206万元, 2,205.83 in its 财政拨款收支预算总表), where one does."""
        figures = self.box.figures(doc)
        for fund in reversed(planner_vocabulary()["funds"]):  # 财政拨款, the widest, first
            part = figures.of_fund(fund)
            found = part.read(figure.metric, figure.basis) if part else None
            if found is None or found.value == figure.value:
                continue
            if abs(found.value - said.value) <= DISAGREE or as_printed(said.value, found.value):
                if result is not None:  # (财政拨款的表中为1744.11万元: cited)
                    result.add(value_of(found, doc, "figure"), found.citation)
                return said.model_copy(update={"fund": fund, "fund_value": found.value})
        return said

    def _flat_said(self, figure: Figure, doc: StoredDocument) -> Any:
        """The narrative's statement of the figure (its very amount) unchanged from a year
        before (与上年持平), where one states it: the figure asked alone is no change asked, so
        a change of some amount is left to the question asking it."""
        return next(
            (
                fact
                for fact in self._amounts_stated(figure, doc)
                if fact["delta"] is not None
                and not Decimal(fact["delta"])
                and fact["base"]
                and fact["unit"] == figure.unit
                and as_printed(Decimal(fact["value"]), figure.value)
            ),
            None,
        )

    def _zero_said(self, figure: Figure, doc: StoredDocument) -> Stated | None:
        """Of a figure of none, the narrative's sentence stating it with a reason (the one it
        is read from, or the one agreeing with its table)."""
        if figure.value:
            return None
        if figure.source == "narrative":
            said: Stated | None = Stated(
                metric=figure.metric.display,
                value=figure.value,
                unit=figure.unit,
                citation=figure.citation,
            )
        else:
            said = self._narrative(figure, doc, same=True)
        cue = planner_vocabulary()["reason_cues"]["why"][0]
        return said if said and re.search(cue, said.citation.quote or "") else None

    def _with_carried(self, figure: Figure, doc: StoredDocument) -> Stated | None:
        """The total with the money carried over that the narrative states in the figure's
        words (DocumentFigures._as_printed)."""
        figures = self.box.figures(doc)
        fact = figures.with_carried.get(figure.metric.id)
        if fact is None or figure.metric.with_carried is None:
            return None
        total = self.box.catalogue.metrics[figure.metric.with_carried].display
        value, unit = Decimal(fact["value"]), fact["unit"]
        return Stated(metric=total, value=value, unit=unit, citation=figures.fact_citation(fact))

    def _other_scopes(self, figure: Figure, doc: StoredDocument) -> list[Stated]:
        """A subject line's name printed with another amount in tables of another 口径 (a total
        of another 口径 is another figure, not the line's), for the answer to cite if it says
        them."""
        if not figure.metric.code:
            return []
        return [
            _stated(figure, other)
            for other in self.box.figures(doc).printed_elsewhere(figure)
            if other.value != figure.value and other.scope != figure.scope
        ]

    def _elsewhere(self, result: ToolResult, figure: Figure, doc: StoredDocument) -> list[Stated]:
        """The figure's name printed in other tables, each a value."""
        found = []
        for other in self.box.figures(doc).printed_elsewhere(figure):
            result.add(value_of(other, doc, "figure"), other.citation)
            found.append(_stated(figure, other))
        return found

    def _note_disagrees(self, figure: Figure, doc: StoredDocument) -> EmptyNote | None:
        """A table that prints a figure under a note calling itself empty (“故本表为空表”)
        contradicts itself: the note, cited."""
        if figure.source != "table" or figure.value == 0:
            return None
        figures = self.box.figures(doc)
        empty = re.compile(audit_rules()["empty_note"])
        table = figure.citation.table
        note = next((n for n in figures.notes_of(table) if empty.search(n)), None)
        if note is None or table is None:
            return None
        update = {"row": None, "column": None, "bbox": None, "quote": note}
        return EmptyNote(table=table, note=note, citation=figure.citation.model_copy(update=update))


def _part_metrics(metrics: list[Metric], part: DocumentFigures) -> list[Metric]:
    """The metrics to read of a department's own part: a total is also its row's total, in
    whatever table by unit prints it (总计 of 杭州市气象局 in the 收入预算总表)."""
    if metrics[0].display not in planner_vocabulary()["unit_totals"]:
        return metrics
    return metrics + [label_metric(label) for label in part.labels.by_label]


def _named(result: ToolResult, doc: StoredDocument, figure: Figure, name: str) -> ToolResult:
    """One figure read as a part of a line (one fund's, one column's), under the name saying
    which."""
    value = result.add(value_of(figure, doc, "figure", name), figure.citation)
    result.details = FigureRead(figure=value)
    result.formula = f"{name} = {value.display} {figure.unit}（{figure.basis}）"
    return result


def _stated(figure: Figure, other: Figure) -> Stated:
    """Another table's printing of a figure's name, as stated against it."""
    return Stated(
        metric=figure.metric.display,
        value=other.value,
        unit=other.unit,
        citation=other.citation,
        printed=other.printed,
        scope=other.scope,
    )
