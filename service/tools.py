"""The computation tools: pure functions over the store that every answer is computed with.

Each returns a ToolResult: values (exact, with their 口径), citations, and the formula it used.
Arithmetic is Decimal; nothing here guesses — an unknown metric returns the closest names, an
ambiguous department its candidates, a missing figure says what the document does report.
"""

import json
import re
from collections.abc import Callable
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any, Literal

from caiwen.ingest.catalogue import Metric, normalise, strip_ordinal
from caiwen.ingest.store import StoredDocument
from caiwen.service.figures import Figure
from caiwen.service.findings import audit_result, noting_findings
from caiwen.service.highlights import line_offsets
from caiwen.service.results import Citation, ToolResult, Value, rounded
from caiwen.service.search import Passage, search_passages
from caiwen.service.toolbox import Toolbox

HUNDRED = Decimal(100)
DISAGREE = Decimal("0.005")


def value_of(figure: Figure, doc: StoredDocument, name: str | None = None) -> Value:
    return Value(
        name=name or figure.name,
        value=figure.value,
        unit=figure.unit,
        department=doc.department,
        year=doc.year,
        kind=doc.kind,
        level=doc.level,
        basis=figure.basis,
        source="narrative" if figure.source == "narrative" else "table",
    )


def derived(
    name: str, value: Decimal, unit: str, doc: StoredDocument, basis: str | None = None
) -> Value:
    return Value(
        name=name,
        value=value,
        unit=unit,
        department=doc.department,
        year=doc.year,
        kind=doc.kind,
        level=doc.level,
        basis=basis,
        source="derived",
    )


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    return None if whole == 0 else part / whole * HUNDRED


def fmt(value: Decimal) -> str:
    return f"{rounded(value):,.2f}"


class Tools:
    """The tools, bound to a store (and, for search, a vector index)."""

    def __init__(self, box: Toolbox):
        self.box = box

    # -- documents ---------------------------------------------------------------------------

    def find_documents(
        self, department: str | None = None, year: int | None = None, kind: str | None = None
    ) -> ToolResult:
        """List the ingested disclosures, optionally for a department (fuzzy), a year and a
        kind (预算/决算). A name that fits several departments returns them as candidates."""
        result = ToolResult(tool="find_documents")
        docs = self.box.documents()
        if department:
            names = self.box.departments(department)
            if not names:
                return self.box.no_department("find_documents", department)
            if len(names) > 1:
                result.status, result.candidates = "ambiguous", names
                result.message = f"“{department}”可能指：{'、'.join(names)}。"
            docs = [d for d in docs if d.department in names]
        docs = [
            d for d in docs if (year is None or d.year == year) and (kind is None or d.kind == kind)
        ]
        result.details["documents"] = [
            {
                "document_id": d.id,
                "department": d.department,
                "year": d.year,
                "kind": d.kind,
                "level": d.level,
                "file": d.file_name,
                "pages": d.pages,
            }
            for d in docs
        ]
        if not docs and result.status == "ok":
            result.status, result.message = "no_document", "没有符合条件的公开文件。"
        return result

    # -- one figure --------------------------------------------------------------------------

    def get_metric(
        self,
        metric: str,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
    ) -> ToolResult:
        """The value of a metric (e.g. 三公经费, 公务接待费, 基本支出, a subject code or name) for a
        department and year, with its 口径 and citation. basis chooses 预算数 or 决算数 where a
        table has both."""
        result = ToolResult(tool="get_metric")
        metrics = self._metrics(result, metric)
        choice = self.box.choose("get_metric", department, year, kind, basis)
        if not metrics or choice.problem:
            return choice.problem or result
        assert choice.doc is not None
        figure = self.box.read(choice.doc, metrics, basis)
        if figure is None:
            return self._not_reported(result, metrics[0], choice.doc)
        also = self.box.figures(choice.doc).confirmations(figure, basis)
        result.add(value_of(figure, choice.doc), figure.citation, *also)
        self._narrative_disagrees(result, figure, choice.doc)
        self._note_disagrees(result, figure, choice.doc)
        shown = result.values[0].display
        result.formula = f"{figure.name} = {shown} {figure.unit}（{figure.basis}）"
        return result

    def _narrative_disagrees(self, result: ToolResult, figure: Figure, doc: StoredDocument) -> None:
        """When the narrative states another value for a table figure, say so (both cited)."""
        if figure.source != "table":
            return
        figures = self.box.figures(doc)
        for fact in figures.facts:
            named = fact["metric"] == figure.metric.id or (
                figure.metric.code and fact["code"] == figure.metric.code
            )
            if not named or fact["kind"] != "amount" or fact["value"] is None:
                continue
            if fact["year"] not in (None, doc.year) or fact["basis"] not in (
                None,
                figures.default_basis(),
            ):
                continue
            if abs(Decimal(fact["value"]) - figure.value) > DISAGREE:
                result.details["narrative"] = {
                    "metric": figure.metric.display,
                    "value": fact["value"],
                    "unit": fact["unit"],
                    "citation": figures.citation(
                        page=fact["page"], section=fact["section_path"] or None, quote=fact["quote"]
                    ),
                }
                return

    def _note_disagrees(self, result: ToolResult, figure: Figure, doc: StoredDocument) -> None:
        """A table that prints a figure under a note calling itself empty (“故本表为空表”)
        contradicts itself: say so, citing the note."""
        if figure.source != "table" or figure.value == 0:
            return
        figures = self.box.figures(doc)
        note = next(
            (n for n in figures.notes_of(figure.citation.table) if re.search(EMPTY_NOTE, n)), None
        )
        if note:
            result.details["empty_note"] = {
                "table": figure.citation.table,
                "note": note,
                "citation": figure.citation.model_copy(
                    update={"row": None, "column": None, "bbox": None, "quote": note}
                ),
            }

    def _metrics(self, result: ToolResult, phrase: str) -> list[Metric]:
        resolution = self.box.resolve(phrase)
        if not resolution.metrics:
            result.status, result.candidates = "unknown_metric", resolution.suggestions
            hint = (
                f"，您是否想问：{'、'.join(resolution.suggestions)}"
                if resolution.suggestions
                else ""
            )
            result.message = f"没有“{phrase}”这个指标{hint}。"
        return resolution.metrics

    def _not_reported(self, result: ToolResult, metric: Metric, doc: StoredDocument) -> ToolResult:
        available = self.list_metrics(doc.department, doc.year, doc.kind).details.get("metrics", [])
        result.status = "not_found"
        result.candidates = [m["name"] for m in available]
        figures = self.box.figures(doc)
        families = {location.table for location in metric.find if location.table}
        empty = [
            title
            for title in figures.empty
            if (family := self.box.catalogue.family(title)) and family.id in families
        ]
        note = f"（{empty[0]}是空表）" if empty else ""
        result.message = (
            f"{doc.department}{doc.year}年{doc.kind}没有公开“{metric.id}”的数字{note}。"
            f"这份文件公开了：{'、'.join(result.candidates[:12])}等。"
        )
        result.cite(figures.citation())
        return result

    # -- comparisons ---------------------------------------------------------------------------

    def compare_years(
        self, metric: str, department: str, year: int | None = None, base_year: int | None = None
    ) -> ToolResult:
        """A metric this year against another year (default: the year before): from both
        years' tables when both documents are ingested, otherwise from the narrative statement
        of the change; says which, compares like with like, and reports both when they differ."""
        result = ToolResult(tool="compare_years")
        metrics = self._metrics(result, metric)
        choice = self.box.choose("compare_years", department, year, None)
        if not metrics or choice.problem:
            return choice.problem or result
        doc = choice.doc
        assert doc is not None
        base_year = base_year or doc.year - 1
        main = self._compare_one(result, metrics, doc, base_year)
        if main is None:
            return self._no_comparison(result, metrics[0], doc, base_year)
        result.details.update(main)
        result.details["parts"] = [
            part
            for name in metrics[0].parts
            if (
                part := self._compare_one(
                    result, self.box.resolve(name).metrics, doc, base_year, main["source"]
                )
            )
        ]
        result.formula = (
            f"变化 = {fmt(main['current'])} − {fmt(main['base'])} = {fmt(main['change'])} 万元；"
            f"变化率 = {fmt(main['change'])} ÷ {fmt(main['base'])} × 100% = {fmt(main['percent'])}%"
            if main["percent"] is not None
            else None
        )
        return result

    def _compare_one(
        self,
        result: ToolResult,
        metrics: list[Metric],
        doc: StoredDocument,
        base_year: int,
        prefer: str | None = None,
    ) -> dict | None:
        current = self.box.read(doc, metrics)
        if current is None:
            return None
        tables = self._compare_tables(metrics, doc, base_year, current)
        narrative = self._compare_narrative(metrics, doc, base_year)
        chosen = tables or narrative
        if prefer == "narrative" and narrative:
            chosen = narrative
        if chosen is None:
            return None
        name = current.name
        first = len(result.values)
        self._add_comparison(result, name, doc, base_year, chosen, current)
        shown = list(range(first, len(result.values)))
        both = tables and narrative
        if both and abs(tables["change"] - narrative["change"]) <= DISAGREE:
            change = result.values[shown[2]]  # current, base, change[, rate]
            change.citations.append(result.cite(narrative["figure"].citation))
        elif both:
            result.details.setdefault("discrepancies", []).append(
                f"{name}：表格数据计算的变化为{fmt(tables['change'])}万元，说明文字称变化{fmt(narrative['change'])}万元。"
            )
            self._add_comparison(
                result, name, doc, base_year, narrative, narrative["figure"], suffix="（说明文字）"
            )
        return {key: v for key, v in chosen.items() if key not in ("figure", "base_figure")} | {
            "metric": name,
            "year": doc.year,
            "base_year": base_year,
            "also_narrative": bool(both),
            "values": shown,
        }

    def _compare_tables(
        self, metrics: list[Metric], doc: StoredDocument, base_year: int, current: Figure
    ) -> dict | None:
        if current.source != "table":
            return None
        for other in self.box.others(doc, base_year):
            base = self.box.read(other, metrics, "决算数" if other.kind == "决算" else "预算数")
            if base is not None and base.source == "table":
                change = current.value - base.value
                same = other.kind == doc.kind
                return {
                    "current": current.value,
                    "base": base.value,
                    "change": change,
                    "percent": percent(change, base.value),
                    "source": "tables",
                    "basis_note": None
                    if same
                    else f"口径不同：{doc.year}年为{doc.kind}数，{base_year}年为{other.kind}数。",
                    "figure": current,
                    "base_figure": (base, other),
                }
        return None

    def _compare_narrative(
        self, metrics: list[Metric], doc: StoredDocument, base_year: int, execution: bool = False
    ) -> dict | None:
        """The change the narrative states: “比上年减少0.5万元”, or a base it states in the same
        sentence (“2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数
        减少57.14%”). A budget compares with last year's budget before last year's execution,
        unless `execution` asks for the execution."""
        figures = self.box.figures(doc)
        facts = sorted(figures.facts, key=lambda f: ("执行" in (f["base"] or "")) != execution)
        for metric in metrics:
            for fact in facts:
                if not _names(fact, metric) or fact["value"] is None:
                    continue
                if fact["year"] not in (None, doc.year) or (
                    execution and "执行" not in (fact["base"] or "")
                ):
                    continue
                if not _is_year_before(fact["base"], doc.year, base_year):
                    continue
                value = Decimal(fact["value"])
                stated = _stated_base(figures.facts, fact, base_year)
                if stated is None and fact["delta"] is None:
                    continue
                base = Decimal(stated["value"]) if stated else value - Decimal(fact["delta"])
                cite = figures.citation(
                    page=fact["page"], section=fact["section_path"] or None, quote=fact["quote"]
                )
                return {
                    "current": value,
                    "base": base,
                    "change": value - base,
                    "percent": percent(value - base, base),
                    "stated_percent": Decimal(fact["percent"]) if fact["percent"] else None,
                    "source": "narrative",
                    "basis_note": None,
                    "figure": Figure(
                        metric,
                        value,
                        fact["unit"],
                        f"说明文字·{fact['section_path']}",
                        "narrative",
                        cite,
                    ),
                    "base_figure": None,
                }
        return None

    def _add_comparison(
        self,
        result: ToolResult,
        name: str,
        doc: StoredDocument,
        base_year: int,
        found: dict,
        current: Figure,
        suffix: str = "",
    ) -> None:
        """The two years, the change and its rate, each citing where it comes from: the two
        tables, or this year's figure and the sentence stating the change."""
        source = found["figure"].citation
        result.add(value_of(current, doc, f"{doc.year}年{name}{suffix}"), current.citation)
        if found["base_figure"]:
            base, other = found["base_figure"]
            result.add(value_of(base, other, f"{base_year}年{name}"), base.citation)
            cites = (current.citation, base.citation)
        else:
            base_value = derived(f"{base_year}年{name}{suffix}", found["base"], current.unit, doc)
            base_value.year = base_year
            result.add(base_value, source)
            cites = (current.citation, source)
        change = derived(f"{name}比{base_year}年变化{suffix}", found["change"], current.unit, doc)
        result.add(change, *cites)
        if found["percent"] is not None:
            result.add(
                derived(f"{name}变化率{suffix}", rounded(found["percent"]), "%", doc), *cites
            )

    def _no_comparison(
        self, result: ToolResult, metric: Metric, doc: StoredDocument, base_year: int
    ) -> ToolResult:
        result.status = "not_found"
        result.message = (
            f"没有{doc.department}{base_year}年的{metric.id}数据：既没有收录{base_year}年的公开文件，"
            f"{doc.year}年的说明文字也没有说明与上年的比较。"
        )
        return result

    def share(self, part: str, whole: str, department: str, year: int | None = None) -> ToolResult:
        """What percent one metric is of another (e.g. 基本支出 of 本年支出合计)."""
        result = ToolResult(tool="share")
        parts, wholes = self._metrics(result, part), self._metrics(result, whole)
        choice = self.box.choose("share", department, year, None)
        if not parts or not wholes or choice.problem:
            return choice.problem or result
        doc = choice.doc
        assert doc is not None
        p, w = self.box.read(doc, parts), self.box.read(doc, wholes)
        if p is None or w is None:
            return self._not_reported(result, (parts if p is None else wholes)[0], doc)
        ratio = percent(p.value, w.value)
        result.add(value_of(p, doc), p.citation)
        result.add(value_of(w, doc), w.citation)
        if ratio is not None:
            stated = self._stated_share(parts[0], rounded(ratio), doc)
            result.add(
                derived(f"{p.name}占{w.name}的比例", rounded(ratio), "%", doc),
                p.citation,
                w.citation,
                *stated,
            )
            result.formula = f"{fmt(p.value)} ÷ {fmt(w.value)} × 100% = {fmt(ratio)}%"
        return result

    def _stated_share(self, part: Metric, ratio: Decimal, doc: StoredDocument) -> list[Citation]:
        """The narrative sentence that states the same share (“基本支出2336.91万元，占79.49%”)."""
        figures = self.box.figures(doc)
        return [
            figures.citation(page=f["page"], section=f["section_path"] or None, quote=f["quote"])
            for f in figures.facts
            if f["kind"] == "share"
            and _names(f, part)
            and abs(Decimal(f["percent"]) - ratio) <= SHARE_AGREES
        ][:1]

    def budget_vs_actual(self, metric: str, department: str, year: int | None = None) -> ToolResult:
        """决算数 against 预算数 of a metric and the completion rate (决算 ÷ 预算): from one table
        holding both, or from the year's 预算 and 决算 documents, or from the narrative."""
        result = ToolResult(tool="budget_vs_actual")
        choice = self.box.choose("budget_vs_actual", department, year, "决算")
        if choice.problem:
            choice = self.box.choose("budget_vs_actual", department, year, None)
            if choice.problem:
                return choice.problem
        doc = choice.doc
        assert doc is not None
        metrics = self._metrics(result, metric) or self._project(metric, doc)
        if not metrics:
            return result
        result.status, result.message, result.candidates = "ok", None, []
        if doc.kind == "预算":
            return self._against_execution(result, metrics, doc)
        actual = self.box.read(doc, metrics, "决算数")
        budget, budget_doc = self._budget_figure(metrics, doc)
        if actual is None or budget is None:
            return self._completion_from_narrative(result, metrics, doc)
        rate = percent(actual.value, budget.value)
        result.add(value_of(actual, doc, f"{actual.name}决算数"), actual.citation)
        result.add(value_of(budget, budget_doc, f"{budget.name}预算数"), budget.citation)
        if rate is not None:
            result.add(
                derived(f"{actual.name}预算完成率", rounded(rate), "%", doc),
                actual.citation,
                budget.citation,
            )
            result.formula = f"{fmt(actual.value)} ÷ {fmt(budget.value)} × 100% = {fmt(rate)}%"
        result.add(
            derived(f"{actual.name}决算与预算之差", actual.value - budget.value, actual.unit, doc),
            actual.citation,
            budget.citation,
        )
        return result

    def _against_execution(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument
    ) -> ToolResult:
        """For a budget: this year's budget against last year's execution (预算执行数), as the
        narrative of 2024年预算 states it for its larger items."""
        found = self._compare_narrative(metrics, doc, doc.year - 1, execution=True)
        if found is None:
            result.status = "not_found"
            result.message = (
                f"{doc.department}{doc.year}年预算没有说明{metrics[0].display}"
                f"上年的预算执行数；决算数要等{doc.year}年度部门决算公开。"
            )
            return result
        name, cite = metrics[0].display, found["figure"].citation
        for label, value, unit in (
            (f"{doc.year}年{name}预算数", found["current"], "万元"),
            (f"{doc.year - 1}年{name}预算执行数", found["base"], "万元"),
            (f"{name}比上年预算执行数变化", found["change"], "万元"),
        ):
            figure = derived(label, value, unit, doc)
            figure.source = "narrative"
            result.add(figure, cite)
        if found["percent"] is not None:
            result.add(derived(f"{name}变化率", rounded(found["percent"]), "%", doc), cite)
            result.formula = (
                f"({fmt(found['current'])} − {fmt(found['base'])}) ÷ {fmt(found['base'])} × 100%"
                f" = {fmt(found['percent'])}%"
            )
        result.details.update(
            execution=True,
            metric=name,
            base_year=doc.year - 1,
            change=found["change"],
            percent=found["percent"],
        )
        return result

    def _project(self, phrase: str, doc: StoredDocument) -> list[Metric]:
        """A project the narrative states a budget and a spending for (“门户网站运行维护费预算
        金额3万元，支出2.22万元”), named like the phrase."""
        key = normalise(phrase)
        named = {f["metric"] for f in self.box.figures(doc).facts if f["basis"] == "预算数"}
        close = [
            name
            for name in named
            if key in normalise(name)
            or SequenceMatcher(None, key, normalise(name)).ratio() >= PROJECT_NAME_CLOSE
        ]
        return [Metric(id=close[0])] if len(close) == 1 else []

    def _budget_figure(
        self, metrics: list[Metric], doc: StoredDocument
    ) -> tuple[Figure | None, StoredDocument]:
        same = self.box.read(doc, metrics, "预算数")
        if same is not None and same.source == "table" and "预算数" in same.basis:
            return same, doc
        for other in self.box.others(doc, doc.year, "预算"):
            if other.kind == "预算" and (figure := self.box.read(other, metrics, "预算数")):
                return figure, other
        return None, doc

    def _completion_from_narrative(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument
    ) -> ToolResult:
        """The narrative's own 年初预算为…，支出决算为… pair, or its 完成预算的…%."""
        figures = self.box.figures(doc)
        for metric in metrics:
            stated = _stated_budget_pair(figures.facts, metric)
            if stated:
                budget, actual = stated
                return self._rate_from_facts(result, metric, doc, budget, actual)
            fact = next(
                (f for f in figures.facts if f["kind"] == "completion" and _names(f, metric)), None
            )
            if fact:
                cite = figures.citation(
                    page=fact["page"], section=fact["section_path"] or None, quote=fact["quote"]
                )
                rate = derived(f"{metric.display}预算完成率", Decimal(fact["percent"]), "%", doc)
                rate.source, rate.basis = "narrative", f"说明文字·{fact['section_path']}"
                result.add(rate, cite)
                result.details["completion_of"] = fact["base"] or "预算"
                return result
        result.status = "not_found"
        result.message = (
            f"{doc.department}{doc.year}年没有可以对比的{metrics[0].display}预算数和决算数。"
        )
        return result

    def _rate_from_facts(
        self, result: ToolResult, metric: Metric, doc: StoredDocument, budget: Any, actual: Any
    ) -> ToolResult:
        figures = self.box.figures(doc)
        cites = [
            figures.citation(page=f["page"], section=f["section_path"] or None, quote=f["quote"])
            for f in (actual, budget)
        ]
        a, b = Decimal(actual["value"]), Decimal(budget["value"])
        for name, value in ((f"{metric.display}决算数", a), (f"{metric.display}预算数", b)):
            stated = derived(name, value, "万元", doc)
            stated.source = "narrative"
            result.add(stated, *cites)
        rate = percent(a, b)
        if rate is not None:
            result.add(derived(f"{metric.display}预算完成率", rounded(rate), "%", doc), *cites)
            result.formula = f"{fmt(a)} ÷ {fmt(b)} × 100% = {fmt(rate)}%"
        result.details["completion_of"] = _budget_label(budget)
        return result

    def breakdown(self, metric: str, department: str, year: int | None = None) -> ToolResult:
        """The parts of a metric with their values and shares: 三公经费 by component (and a
        component's own parts), 基本支出 into 人员经费 and 公用经费, a 功能分类 类 into its 款
        (or a 款 into its 项), an 经济分类 类 into its 款."""
        result = ToolResult(tool="breakdown")
        metrics = self._metrics(result, metric)
        choice = self.box.choose("breakdown", department, year, None)
        if not metrics or choice.problem:
            return choice.problem or result
        doc = choice.doc
        assert doc is not None
        whole = self.box.read(doc, metrics)
        if whole is None:
            return self._not_reported(result, metrics[0], doc)
        result.add(value_of(whole, doc), whole.citation)
        parts = self._parts(whole, doc)
        for part in parts:
            self._add_part(result, part, whole, doc)
        if not parts:
            result.status, result.message = "not_found", f"{whole.name}在这份文件中没有分项数字。"
            return result
        total = sum((p.value for p in parts), Decimal(0))
        result.formula = (
            " + ".join(f"{p.name} {fmt(p.value)}" for p in parts)
            + f" = {fmt(total)}（合计 {fmt(whole.value)}）"
        )
        if abs(total - whole.value) > DISAGREE * len(parts):
            result.details["unbalanced"] = {"sum": total, "whole": whole.value}
        return result

    def _add_part(
        self, result: ToolResult, part: Figure, whole: Figure, doc: StoredDocument
    ) -> None:
        """A part with its share of the whole, and its own parts when the catalogue names them
        (公务用车购置及运行费 → 购置费, 运行费) or its table divides it further."""
        index = len(result.values)
        result.add(value_of(part, doc), part.citation)
        result.details.setdefault("parts", []).append(index)
        ratio = percent(part.value, whole.value)
        if ratio is not None:
            result.details.setdefault("shares", {})[index] = len(result.values)
            result.add(
                derived(f"{part.name}占{whole.name}的比例", rounded(ratio), "%", doc),
                part.citation,
            )
        if part.metric.parts or (part.metric.code or "").startswith(ECONOMIC):
            subparts = self._parts(part, doc)
            if subparts:
                result.details.setdefault("subparts", {})[index] = [
                    len(result.values) + i for i in range(len(subparts))
                ]
                for sub in subparts:
                    result.add(value_of(sub, doc), sub.citation)

    def _parts(self, whole: Figure, doc: StoredDocument) -> list[Figure]:
        """A metric's parts from the catalogue, or else the subject lines of its table."""
        if whole.metric.parts and not whole.metric.code:
            found = (
                self.box.read(doc, self.box.resolve(name).metrics) for name in whole.metric.parts
            )
            return [f for f in found if f is not None]
        return self.box.figures(doc).children(whole) if whole.source == "table" else []

    # -- across departments ------------------------------------------------------------------

    def rank_departments(
        self,
        metric: str,
        year: int,
        kind: Literal["预算", "决算"] | None = None,
        order: Literal["desc", "asc"] = "desc",
        top_n: int = 10,
    ) -> ToolResult:
        """Rank every ingested department by a metric in a year (and kind)."""
        result = ToolResult(tool="rank_departments")
        metrics = self._metrics(result, metric)
        if not metrics:
            return result
        docs = [
            d for d in self.box.documents() if d.year == year and (kind is None or d.kind == kind)
        ]
        ranked = sorted(
            ((d, f) for d in docs if (f := self.box.read(d, metrics)) is not None),
            key=lambda pair: pair[1].value,
            reverse=order == "desc",
        )
        for position, (doc, figure) in enumerate(ranked[:top_n], 1):
            result.add(value_of(figure, doc, f"第{position}名 {doc.department}"), figure.citation)
        result.details["ranking"] = [
            {"rank": i, "department": d.department, "value": f.value, "kind": d.kind}
            for i, (d, f) in enumerate(ranked[:top_n], 1)
        ]
        if not ranked:
            result.status, result.message = (
                "not_found",
                f"{year}年没有部门公开{metrics[0].display}。",
            )
        return result

    def compare_departments(
        self,
        metric: str,
        departments: list[str],
        year: int | None = None,
        years: list[int] | None = None,
    ) -> ToolResult:
        """The same metric for several departments side by side, largest first: all in one
        year, or each in its own year when `years` (one per department, in the same order) is
        given; with the difference when there are two."""
        result = ToolResult(tool="compare_departments")
        metrics = self._metrics(result, metric)
        if not metrics:
            return result
        if years is not None and len(years) != len(departments):
            result.status, result.message = "invalid", "years 须与 departments 一一对应。"
            return result
        found: list[tuple[StoredDocument, Figure]] = []
        for department, when in zip(departments, years or [year] * len(departments), strict=True):
            choice = self.box.choose("compare_departments", department, when, None)
            if choice.problem:
                result.details.setdefault("problems", []).append(choice.problem.message)
                result.candidates += choice.problem.candidates
                continue
            assert choice.doc is not None
            figure = self.box.read(choice.doc, metrics)
            if figure is None:
                result.details.setdefault("problems", []).append(
                    f"{choice.doc.department}{choice.doc.year}年没有公开{metrics[0].display}。"
                )
                continue
            found.append((choice.doc, figure))
        for doc, figure in sorted(found, key=lambda pair: pair[1].value, reverse=True):
            result.add(
                value_of(figure, doc, f"{doc.department}{doc.year}年{metrics[0].display}"),
                figure.citation,
            )
        result.details["mixed_years"] = len({(d.year, d.kind) for d, _ in found}) > 1
        if len(result.values) == 2:
            a, b = result.values
            result.add(derived("两者之差", a.value - b.value, a.unit, self._doc_of(a)))
            result.formula = f"{fmt(a.value)} − {fmt(b.value)} = {fmt(a.value - b.value)}"
        if not result.values:
            result.status = "not_found"
        return result

    def _doc_of(self, value: Value) -> StoredDocument:
        return next(
            d
            for d in self.box.documents()
            if d.department == value.department and d.year == value.year and d.kind == value.kind
        )

    # -- text --------------------------------------------------------------------------------

    def search_text(
        self,
        query: str,
        department: str | None = None,
        year: int | None = None,
        kind: str | None = None,
        k: int = 5,
    ) -> ToolResult:
        """Passages of the narrative that answer a question (hybrid: words and meaning)."""
        result = ToolResult(tool="search_text")
        docs = self.box.documents()
        if department:
            names = self.box.departments(department)
            if len(names) != 1:
                return (
                    self.box.no_department("search_text", department)
                    if not names
                    else ToolResult(
                        tool="search_text",
                        status="ambiguous",
                        candidates=names,
                        message=f"“{department}”可能指：{'、'.join(names)}。",
                    )
                )
            docs = [d for d in docs if d.department == names[0]]
        docs = [
            d for d in docs if (year is None or d.year == year) and (kind is None or d.kind == kind)
        ]
        passages = search_passages(self.box, query, [d.id for d in docs], k)
        by_id = {d.id: d for d in docs}
        for passage in passages:
            doc = by_id[passage.document_id]
            index = result.cite(
                self.box.figures(doc).citation(
                    page=passage.page, section=passage.section or None, quote=passage.text
                )
            )
            result.details.setdefault("passages", []).append(
                {
                    "citation": index,
                    "section": passage.section,
                    "text": passage.text,
                    "score": passage.score,
                    "pages": self._pages_of(passage),
                }
            )
        if not passages:
            result.status, result.message = "not_found", "正文中没有找到相关的说明。"
        return result

    def _pages_of(self, passage: Passage) -> list[tuple[int, int]]:
        """Where in a passage's text (newlines removed) each page starts, so that a sentence
        is cited on the page it is printed on. Inside a paragraph that runs onto the next page,
        the break is placed by the width of its printed lines."""
        if passage.page is None:
            return []
        flat = passage.text.replace("\n", "")
        starts: list[tuple[int, int]] = []
        for row in self.box.store.paragraphs(
            passage.document_id, passage.page, passage.page_end or passage.page
        ):
            text = row["text"].replace("\n", "")
            at = flat.find(text[:40])
            if at < 0:
                continue
            for page, offset, _ in line_offsets(text, json.loads(row["boxes"]) or [[row["page"]]]):
                if not starts or starts[-1][0] != page:
                    starts.append((page, at + offset))
        return starts

    def define_term(self, term: str, department: str | None = None) -> ToolResult:
        """What a term means, from the 名词解释 of the ingested documents (the department's
        own first, when one is given)."""
        result = ToolResult(tool="define_term")
        names = {normalise(term)} | {
            normalise(n) for m in self.box.resolve(term).metrics for n in (m.id, *m.aliases)
        }
        preferred = set(self.box.departments(department)) if department else set()
        rows = sorted(self.box.store.definitions(), key=lambda r: r["department"] not in preferred)
        row = next((r for r in rows if names & {_defined_term(r)}), None)
        row = row or next(
            (r for r in rows if any(n and n in _defined_term(r) for n in names)), None
        )
        if row is None:
            result.status, result.message = "not_found", f"已收录文件的名词解释中没有“{term}”。"
            return result
        doc = self.box.store.document(row["document_id"])
        assert doc is not None
        figures = self.box.figures(doc)
        result.cite(figures.citation(page=row["page"], section=row["path"], quote=row["text"]))
        result.details["definition"] = row["text"]
        return result

    def list_metrics(
        self, department: str, year: int | None = None, kind: str | None = None
    ) -> ToolResult:
        """What a department's document of a year actually discloses (metrics with figures)."""
        result = ToolResult(tool="list_metrics")
        choice = self.box.choose("list_metrics", department, year, kind)
        if choice.problem:
            return choice.problem
        doc = choice.doc
        assert doc is not None
        figures = self.box.figures(doc)
        result.details["metrics"] = [
            {"name": m.id, "value": f.value, "unit": f.unit, "source": f.source}
            for m in self.box.catalogue.metrics.values()
            if (f := figures.read(m)) is not None
        ]
        result.details["tables"] = [t.title for t in figures.tables]
        result.details["document"] = {
            "department": doc.department,
            "year": doc.year,
            "kind": doc.kind,
        }
        result.cite(figures.citation())
        return result

    def audit_document(
        self, department: str, year: int | None = None, kind: str | None = None
    ) -> ToolResult:
        """Where a department's document of a year contradicts itself: the consistency
        audit's findings (table sums, 收支平衡, the same figure in two tables, the narrative
        against the tables), each citing both sides."""
        return audit_result(self.box, department, year, kind)

    def all(self) -> dict[str, Callable[..., ToolResult]]:
        """Every tool by name; the figure tools' results note the audit's findings on the
        figures they cite."""
        return {
            name: noting_findings(getattr(self, name), self.box)
            if name in FIGURE_TOOLS
            else getattr(self, name)
            for name in TOOL_NAMES
        }


TOOL_NAMES = (
    "find_documents",
    "get_metric",
    "compare_years",
    "share",
    "budget_vs_actual",
    "breakdown",
    "rank_departments",
    "compare_departments",
    "search_text",
    "define_term",
    "list_metrics",
    "audit_document",
)
FIGURE_TOOLS = (
    "get_metric",
    "compare_years",
    "share",
    "budget_vs_actual",
    "breakdown",
    "compare_departments",
)


ECONOMIC = "3"
"""经济分类 codes start with 3: an 经济分类 part (302 商品和服务支出) is shown with its 款."""
PROJECT_NAME_CLOSE = 0.8
"""How alike a phrase and a project's name must be (门户网站维护费 → 门户网站运行维护费)."""
SHARE_AGREES = Decimal("0.01")
"""A stated percent within this of the computed one states the same share."""
EMPTY_NOTE = r"本表为空表|故本表无数据|本表无数据"
"""How a table's note says the table is empty."""


def _names(fact: Any, metric: Metric) -> bool:
    return fact["metric"] == metric.id or (metric.code is not None and fact["code"] == metric.code)


def _stated_budget_pair(facts: list[Any], metric: Metric) -> tuple[Any, Any] | None:
    """A 预算数 and a 决算数 the narrative states for the metric in one sentence; of several
    budgets (年初预算为0万元，全年预算为321.02万元) the last one that is not zero."""
    for actual in facts:
        if actual["basis"] != "决算数" or actual["value"] is None or not _names(actual, metric):
            continue
        budgets = [
            f
            for f in facts
            if f["basis"] == "预算数"
            and f["value"] is not None
            and Decimal(f["value"]) != 0
            and f["quote"] == actual["quote"]
            and _names(f, metric)
        ]
        if budgets:
            return budgets[-1], actual
    return None


def _stated_base(facts: list[Any], fact: Any, base_year: int) -> Any | None:
    """The base year's amount stated in the same sentence as the fact, for the same metric."""
    return next(
        (
            f
            for f in facts
            if f["quote"] == fact["quote"]
            and f["year"] == base_year
            and f["value"] is not None
            and f["metric"] == fact["metric"]
            and f["kind"] == "amount"
        ),
        None,
    )


def _budget_label(fact: Any) -> str:
    """How the sentence names the budget it states (年初预算, 全年预算 or 预算)."""
    number = re.escape(fact["value"])
    found = re.search(rf"(年初预算|全年预算)数?为?\s*{number}\s*万元", fact["quote"])
    return found.group(1) if found else "预算"


def _defined_term(row: Any) -> str:
    """The term a 名词解释 paragraph defines: “十、“三公”经费：指…” → 三公经费."""
    head = re.split(r"[：:]", row["text"], maxsplit=1)[0]
    if len(head) > 24:
        head = row["title"]
    return normalise(strip_ordinal(normalise(head)))


def _is_year_before(base: str | None, year: int, base_year: int) -> bool:
    """A narrative comparison base that means the asked base year (上年 = the year before)."""
    if not base:
        return False
    if "上年" in base or "上一年" in base:
        return base_year == year - 1
    return str(base_year) in base
