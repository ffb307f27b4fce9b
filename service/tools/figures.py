"""The figures tool: one metric of one document, with what the document says elsewhere
against it (the narrative's other value, a note calling its table empty)."""

import re
from decimal import Decimal
from typing import Literal

from caiwen.domain.bases import other_kind
from caiwen.domain.catalogue import Metric
from caiwen.ingest.audit import audit_rules
from caiwen.ingest.numbers import as_printed
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import AverageOf, EmptyNote, FigureRead, Stated, SumOf, Units
from caiwen.service.figures import DocumentFigures, Figure
from caiwen.service.labels import label_metric
from caiwen.service.labels import rules as label_rules
from caiwen.service.names import organisation
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import DISAGREE, Level, ToolBase, derived, names, value_of
from caiwen.service.tools.registry import tool
from caiwen.service.understand import planner_vocabulary
from caiwen.service.units import unit_rows
from caiwen.service.values import Role, Value


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
    ) -> ToolResult:
        """The value of a metric (e.g. 三公经费, 公务接待费, 基本支出, a subject code or name) for a
        department and year, with its 口径 and citation. basis chooses 预算数 or 决算数 where a
        table has both; level chooses the 部门 or the 单位 (本级) disclosure; everywhere also
        gives every other table printing it (to see whether they agree); unit names a unit
        under the department whose own rows its tables by unit print (its figure alone)."""
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
        figure, own_part = self._figure(doc, metrics, metric, basis, level, unit)
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
        result.details = FigureRead(
            figure=value,
            narrative=None if own_part else self._narrative_disagrees(figure, doc),
            empty_note=self._note_disagrees(figure, doc),
            instead_of=instead_of,
            whole_for_part=level == "单位" and doc.level == "部门" and not own_part,
            elsewhere=self._elsewhere(result, figure, doc) if everywhere and not own_part else [],
        )
        result.formula = f"{figure.name} = {value.display} {figure.unit}（{figure.basis}）"
        return result

    @tool(figures=True)
    def add_up(
        self,
        metrics: list[str],
        department: str,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
        level: Level | None = None,
        unit: str | None = None,
    ) -> ToolResult:
        """Several metrics of one document added up (e.g. 水费 and 电费, 会议费 and 培训费,
        离休费 and 退休费): each figure as get_metric reads it, and their sum when every one is
        printed in one unit; what is not printed is said (unit: as get_metric)."""
        result = ToolResult(tool="add_up")
        found = SumOf(parts=[])
        for metric in metrics:
            read = self.get_metric(metric, department, year, kind, basis, level, unit=unit)
            if read.status in ("ambiguous", "no_document", "invalid"):  # whose, not what
                return read.model_copy(update={"tool": "add_up"})
            if read.status != "ok":
                found.missing.append(read.message or metric)
                result.status, result.message = read.status, read.message
                continue
            found.parts.append(_taken(result, read, "part"))
        if found.parts:
            result.status, result.message = "ok", None
        units = {p.unit for p in found.parts}
        if len(found.parts) > 1 and not found.missing and len(units) == 1:
            found.total = self._sum(result, found.parts)
        result.details = found
        return result

    @tool(figures=True)
    def average(
        self,
        metric: str,
        per: str,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
        level: Level | None = None,
        unit: str | None = None,
    ) -> ToolResult:
        """An amount per one of what a count metric counts (e.g. 公务用车运行维护费 per 车辆数:
        平均每辆车): both figures as get_metric reads them, and the quotient."""
        result = ToolResult(tool="average")
        reads = [
            self.get_metric(m, department, year, kind, basis, level, unit=unit)
            for m in (metric, per)
        ]
        problem = next((r for r in reads if r.status != "ok"), None)
        if problem is not None:
            return problem.model_copy(update={"tool": "average"})
        amount, count = (_taken(result, read, "figure") for read in reads)
        found = AverageOf(amount=amount, count=count)
        if count.value:
            each = value_name("average", each=count.unit, metric=amount.name)
            fields = amount.model_dump(include={"department", "region", "year", "kind", "level"})
            quotient = Value(
                name=each, value=amount.value / count.value, unit=amount.unit, role="average",
                basis=amount.basis, source="derived", **fields,
            )  # fmt: skip
            cited = [result.citations[i] for i in (*amount.citations, *count.citations)]
            found.average = result.add(quotient, *cited)
            result.formula = f"{amount.display} ÷ {count.display} = {found.average.display}"
        result.details = found
        return result

    @tool(figures=True)
    def list_units(
        self, department: str, year: int | None = None, level: Level | None = None
    ) -> ToolResult:
        """The units a department's document prints rows of their own for in its tables by
        unit (本级 and each subordinate unit), each with its total, largest first."""
        result = ToolResult(tool="list_units")
        doc = self.box.choose(department, year, None, level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        labels = self.box.figures(doc).labels.by_label
        rows = unit_rows((doc.department, doc.region, label) for label in labels)
        asked = [(row.label, None) for row in rows.values()]
        if organisation(doc.department, doc.region) not in rows:  # 本级 printed as the whole's name
            asked.append((planner_vocabulary()["default_metric"], "单位"))
        found = []
        for label, own in asked:
            level_read = own or doc.level
            read = self.get_metric(label, doc.department, doc.year, doc.kind, level=level_read)
            figure = read.detail(FigureRead).figure if read.status == "ok" else None
            if figure is None or read.detail(FigureRead).whole_for_part:
                continue
            cited = [read.citations[i] for i in figure.citations]
            name = figure.department if own else figure.name
            update = {"role": "part", "citations": [], "name": name, "department": doc.department}
            found.append((figure.model_copy(update=update), cited))
        found.sort(key=lambda pair: -pair[0].value)
        result.details = Units(units=[result.add(unit, *cited) for unit, cited in found])
        if found:
            count = derived(doc, "figure", value_name("units"), Decimal(len(found)), "个")
            result.details.count = result.add(count, *(c for _, cited in found for c in cited))
        else:
            result.status = "not_found"
            result.message = say("no_units", department=doc.department, year=doc.year)
        return result

    def _sum(self, result: ToolResult, parts: list[Value]) -> Value:
        total = sum((p.value for p in parts), Decimal(0))
        name = value_name("sum", metrics="、".join(p.name for p in parts))
        fields = parts[0].model_dump(include={"department", "region", "year", "kind", "level"})
        value = Value(
            name=name,
            value=total,
            unit=parts[0].unit,
            role="sum",
            basis=parts[0].basis,
            source="derived",
            printed=printed_sum([p.printed for p in parts]),
            **fields,
        )
        citations = [result.citations[i] for p in parts for i in p.citations]
        result.formula = " + ".join(f"{p.name} {p.display}" for p in parts) + f" = {value.display}"
        return result.add(value, *citations)

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
        said = dict.fromkeys([phrase, *(m.id for m in metrics)])  # 员工发工资福利, 工资福利支出
        printed = (self._printed_as(s, doc, basis) for s in said)
        return self.box.read(doc, metrics, basis) or next(filter(None, printed), None), False

    def _printed_as(self, phrase: str, doc: StoredDocument, basis: str | None) -> Figure | None:
        """A catalogue metric the document prints nowhere the catalogue looks: a row it prints
        under the phrase's own words (or the metric's), or under nearly all of them."""
        rows = self.box.figures(doc).labels.match(phrase)
        if not rows or rows[0].score < label_rules()["stands_for"]:
            return None
        return self.box.read(doc, [label_metric(rows[0].label)], basis)

    def _narrative_disagrees(self, figure: Figure, doc: StoredDocument) -> Stated | None:
        """The narrative's own value for a table figure, when it states another one (or the
        same one to fewer places)."""
        if figure.source != "table":
            return None
        figures = self.box.figures(doc)
        for fact in figures.facts:
            if not names(fact, figure.metric) or fact["kind"] != "amount":
                continue
            if fact["value"] is None or fact["year"] not in (None, doc.year):
                continue
            if fact["basis"] not in (None, figures.default_basis()):
                continue
            stated = Decimal(fact["value"])
            if abs(stated - figure.value) > DISAGREE:
                return Stated(
                    metric=figure.metric.display,
                    value=stated,
                    unit=fact["unit"],
                    citation=figures.fact_citation(fact),
                    rounded=as_printed(stated, figure.value),
                )
        return None

    def _elsewhere(self, result: ToolResult, figure: Figure, doc: StoredDocument) -> list[Stated]:
        """The figure's name printed in other tables, each a value."""
        found = []
        for other in self.box.figures(doc).printed_elsewhere(figure):
            result.add(value_of(other, doc, "figure"), other.citation)
            found.append(
                Stated(
                    metric=figure.metric.display,
                    value=other.value,
                    unit=other.unit,
                    citation=other.citation,
                    printed=other.printed,
                )
            )
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


def _taken(result: ToolResult, read: ToolResult, role: Role) -> Value:
    """The figure another tool's result read, added to this result in a role of its own."""
    figure = read.detail(FigureRead).figure
    cited = [read.citations[i] for i in figure.citations]
    return result.add(figure.model_copy(update={"role": role, "citations": []}), *cited)


def printed_sum(printed: list[str | None]) -> str | None:
    """The sum as the tables print its parts (320,000元 and 60,000元: 380,000元), when they
    print each in one other unit."""
    found = [re.fullmatch(r"(-?[\d,]+(?:\.\d+)?)(\D+)", p or "") for p in printed]
    amounts = [m for m in found if m]
    if len(amounts) != len(printed) or len({m[2] for m in amounts}) != 1:
        return None
    total = sum((Decimal(m[1].replace(",", "")) for m in amounts), Decimal(0))
    return f"{total:,}{amounts[0][2]}"


def _part_metrics(metrics: list[Metric], part: DocumentFigures) -> list[Metric]:
    """The metrics to read of a department's own part: a total is also its row's total, in
    whatever table by unit prints it (总计 of 杭州市气象局 in the 收入预算总表)."""
    if metrics[0].display not in planner_vocabulary()["unit_totals"]:
        return metrics
    return metrics + [label_metric(label) for label in part.labels.by_label]
