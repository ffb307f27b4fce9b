"""The budget tool: 决算数 against 预算数 of a metric and the completion rate — from one table
holding both, from the year's 预算 and 决算 documents, or from the narrative; for a budget
document, this year's budget against last year's execution."""

import re
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any, Literal

from caiwen.domain.catalogue import Metric, normalise
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import BudgetComparison, Comparison, Executions
from caiwen.service.figures import Figure
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import Level, ToolBase, derived, key_of, names, percent, value_of
from caiwen.service.tools.comparisons import narrative_comparison
from caiwen.service.tools.registry import tool
from caiwen.service.values import Citation, fmt, rounded

EXECUTIONS_SHOWN = 3
"""How many items a ranking of execution shows (all of them when only those over budget)."""
PROJECT_NAME_CLOSE = 0.8
"""How alike a phrase and a project's name must be (门户网站维护费 → 门户网站运行维护费)."""


class BudgetTools(ToolBase):
    @tool(figures=True)
    def budget_vs_actual(
        self,
        metric: str,
        department: str,
        year: int | None = None,
        level: Level | None = None,
        spent_in: int | None = None,
    ) -> ToolResult:
        """决算数 against 预算数 of a metric and the completion rate (决算 ÷ 预算): from one table
        holding both, or from the year's 预算 and 决算 documents, or from the narrative. With
        spent_in (the year before a budget, no document of it stored: 去年实际花了多少), only the
        execution of that year the budget states answers."""
        result = ToolResult(tool="budget_vs_actual")
        doc = self.box.choose(department, year, "决算", level=level)
        if isinstance(doc, Problem):
            doc = self.box.choose(department, year, None, level=level)
            if isinstance(doc, Problem):
                return doc.on(result)
        metrics = self._metrics(result, metric) or self._project(metric, doc)
        if not metrics:
            return self._unspent(result, doc, spent_in)
        result.status, result.message, result.candidates = "ok", None, []
        if doc.kind == "预算":
            return self._against_execution(result, metrics, doc, spent_in)
        actual = self.box.read(doc, metrics, "决算数")
        budget, budget_doc = self._budget_figure(metrics, doc)
        if actual is None or budget is None:
            return self._completion_from_narrative(result, metrics, doc)
        key = key_of(actual.metric)
        found = BudgetComparison(metric=actual.name)
        found.actual = value_of(actual, doc, "actual", value_name("actual", metric=actual.name))
        result.add(found.actual, actual.citation)
        found.budget = value_of(
            budget, budget_doc, "budget", value_name("budget", metric=budget.name)
        )
        result.add(found.budget, budget.citation)
        rate = percent(actual.value, budget.value)
        if rate is not None:
            name = value_name("completion", metric=actual.name)
            found.completion = derived(doc, "completion", name, rounded(rate), "%", metric=key)
            result.add(found.completion, actual.citation, budget.citation)
            result.formula = f"{fmt(actual.value)} ÷ {fmt(budget.value)} × 100% = {fmt(rate)}%"
        name = value_name("difference", metric=actual.name)
        gap = actual.value - budget.value
        found.difference = derived(doc, "difference", name, gap, actual.unit, metric=key)
        result.add(found.difference, actual.citation, budget.citation)
        result.details = found
        return result

    def _against_execution(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument, spent_in: int | None
    ) -> ToolResult:
        """For a budget: this year's budget against last year's execution (预算执行数), as the
        narrative of 2024年预算 states it for its larger items."""
        found = narrative_comparison(self.box, metrics, doc, doc.year - 1, execution=True)
        name = metrics[0].display
        if found is None and spent_in is not None:
            return self._unspent(result, doc, spent_in)
        if found is None:
            return self._budget_alone(result, metrics, doc)
        cite, key = found.figure.citation, key_of(metrics[0])
        stated: dict[str, Any] = {"metric": key, "source": "narrative"}
        last_year = doc.year - 1
        current, base, change = (
            result.add(derived(doc, role, label, amount, "万元", **stated, **of), cite)
            for role, label, amount, of in (
                ("current", value_name("budget_in_year", year=doc.year, metric=name),
                 found.current, {}),
                ("base", value_name("execution", year=last_year, metric=name),
                 found.base, {"year": last_year}),
                ("change", value_name("change_from_execution", metric=name), found.change, {}),
            )
        )  # fmt: skip
        rate = None
        if found.percent is not None:
            label = value_name("rate", metric=name)
            rate = derived(doc, "rate", label, rounded(found.percent), "%", metric=key)
            result.add(rate, cite)
            result.formula = (
                f"({fmt(found.current)} − {fmt(found.base)}) ÷ {fmt(found.base)} × 100%"
                f" = {fmt(found.percent)}%"
            )
        execution = Comparison(
            metric=name,
            year=doc.year,
            base_year=doc.year - 1,
            current=current,
            base=base,
            change=change,
            rate=rate,
            source="narrative",
            stated_percent=found.stated_percent,  # (增长19.26%，说明文字写作19.3%)
            flat_said=found.flat_said,
        )
        result.details = BudgetComparison(metric=name, execution=execution)
        return result

    def _unspent(self, result: ToolResult, doc: StoredDocument, spent_in: int | None) -> ToolResult:
        """The refusal for the execution of a year before a budget the budget does not state:
        no document of that year is stored."""
        if spent_in is None:
            return result
        missing = self.box.choose(doc.department, spent_in, "决算", level=doc.level)
        return missing.on(result) if isinstance(missing, Problem) else result

    def _budget_alone(
        self, result: ToolResult, metrics: list[Metric], doc: StoredDocument
    ) -> ToolResult:
        """A budget whose narrative states no execution: the budget figure, and that the
        spending is not disclosed yet (refused when the budget does not print the figure)."""
        name = metrics[0].display
        budget = self.box.read(doc, metrics, "预算数")
        if budget is None:
            result.status = "not_found"
            result.message = say(
                "no_execution", department=doc.department, year=doc.year, metric=name
            )
            return result
        found = BudgetComparison(metric=budget.name)
        found.budget = value_of(budget, doc, "budget", value_name("budget", metric=budget.name))
        result.add(found.budget, budget.citation)
        result.details = found
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
        """The narrative's own 年初预算为…，支出决算为… pair, or its 完成预算的…%; where it
        states neither of the metric, those of the figures it states instead (executed_as)."""
        figures = self.box.figures(doc)
        catalogue = self.box.catalogue.metrics
        stated_as = [catalogue[n] for m in metrics for n in m.executed_as if n in catalogue]
        for metric in [*metrics, *stated_as]:
            stated = _stated_budget_pair(figures.facts, metric)
            if stated:
                result.details = self._stated_pair(
                    result, doc, metric.display, key_of(metric), *stated
                )
                return result
            fact = next(
                (f for f in figures.facts if f["kind"] == "completion" and names(f, metric)), None
            )
            if fact:
                name = value_name("completion", metric=metric.display)
                rate = derived(
                    doc,
                    "completion",
                    name,
                    Decimal(fact["percent"]),
                    "%",
                    metric=key_of(metric),
                    source="narrative",
                    basis=f"说明文字·{fact['section_path']}",
                )
                result.add(rate, figures.fact_citation(fact))
                result.details = BudgetComparison(
                    metric=metric.display, completion=rate, completion_of=fact["base"] or "预算"
                )
                return result
        result.status = "not_found"
        result.message = say(
            "no_budget_pair", department=doc.department, year=doc.year, metric=metrics[0].display
        )
        return result

    def _stated_pair(
        self,
        result: ToolResult,
        doc: StoredDocument,
        name: str,
        key: str,
        budget: Any,
        actual: Any,
        earlier: Any = None,
    ) -> BudgetComparison:
        """The budget and 决算 the narrative states of an item in one sentence, as values of the
        result, with the completion rate and the gap; and the budget it states before the one
        compared (年初预算为0万元 before 全年预算为321.02万元)."""
        figures = self.box.figures(doc)
        cites: list[Citation] = [figures.fact_citation(f) for f in (actual, budget)]
        a, b = Decimal(actual["value"]), Decimal(budget["value"])
        of: dict[str, Any] = {"metric": key}
        found = BudgetComparison(metric=name, completion_of=_budget_label(budget))
        found.actual, found.budget = (
            result.add(
                derived(doc, role, value_name(role, metric=name), amount, "万元",
                        source="narrative", **of),
                *cites,
            )
            for role, amount in (("actual", a), ("budget", b))
        )  # fmt: skip
        rate = percent(a, b)
        if rate is not None:
            rate_name = value_name("completion", metric=name)
            found.completion = derived(doc, "completion", rate_name, rounded(rate), "%", **of)
            result.add(found.completion, *cites)
            result.formula = f"{fmt(a)} ÷ {fmt(b)} × 100% = {fmt(rate)}%"
        gap = derived(doc, "difference", value_name("difference", metric=name), a - b, "万元", **of)
        found.difference = result.add(gap, *cites)
        if earlier is not None:
            amount, label = Decimal(earlier["value"]), _budget_label(earlier)
            said = value_name("budget", metric=name)
            first = derived(doc, "budget", said, amount, "万元", source="narrative", **of)
            found.earlier, found.earlier_of = result.add(first, cites[1]), label
        return found

    @tool(figures=True)
    def rank_execution(
        self,
        department: str,
        year: int | None = None,
        level: Level | None = None,
        order: Literal["desc", "asc"] = "asc",
        by: Literal["completion", "difference"] = "completion",
        over_budget: bool = False,
    ) -> ToolResult:
        """The items (功能分类 lines) a 决算's narrative states a budget (年初预算 or 全年预算)
        and a 决算 for, ranked by completion rate (决算 ÷ 预算; order asc: the lowest first) or
        by the size of the gap (决算 − 预算, largest first); over_budget keeps only those spent
        beyond their budget."""
        result = ToolResult(tool="rank_execution")
        doc = self.box.choose(department, year, "决算", level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        stated = _stated_pairs(self.box.figures(doc).facts)
        pairs = [(b, a) for b, a in stated if Decimal(a["value"]) > Decimal(b["value"])]
        pairs = pairs if over_budget else stated
        pairs.sort(key=lambda pair: _rank_key(pair, by, order))
        shown = pairs if over_budget else pairs[:EXECUTIONS_SHOWN]
        items = [self._stated_pair(result, doc, a["metric"], a["code"], b, a) for b, a in shown]
        result.details = Executions(items=items, by=by, order=order, over_budget=over_budget)
        if not items:  # no line stated, or (asked which overspent) none did
            result.status = "not_found"
            said = "none_over_budget" if stated else "no_executions"
            result.message = say(said, department=doc.department, year=doc.year)
        return result


def _stated_pairs(facts: list[Any]) -> list[tuple[Any, Any]]:
    """Each subject line's budget and 决算 stated in one sentence (年初预算为1560.05万元，支出决算
    为1511.89万元), once per line; a budget of zero has no rate and is left out."""
    pairs: dict[str, tuple[Any, Any]] = {}
    for actual in facts:
        if actual["basis"] != "决算数" or not actual["code"] or actual["value"] is None:
            continue
        budget = next(
            (
                f
                for f in facts
                if f["basis"] == "预算数"
                and f["code"] == actual["code"]
                and f["quote"] == actual["quote"]
                and f["value"] is not None
                and Decimal(f["value"]) != 0
            ),
            None,
        )
        if budget is not None:
            pairs.setdefault(actual["code"], (budget, actual))
    return list(pairs.values())


def _rank_key(pair: tuple[Any, Any], by: str, order: str) -> Decimal:
    budget, actual = (Decimal(f["value"]) for f in pair)
    if by == "difference":
        return -abs(actual - budget)
    rate = actual / budget
    return rate if order == "asc" else -rate


def _stated_budget_pair(facts: list[Any], metric: Metric) -> tuple[Any, Any, Any] | None:
    """A 预算数 and a 决算数 the narrative states for the metric in one sentence, and the budget
    it states before that one if any; of several budgets (年初预算为0万元，全年预算为321.02万元)
    the one compared is the last that is not zero."""
    for actual in facts:
        if actual["basis"] != "决算数" or actual["value"] is None or not names(actual, metric):
            continue
        budgets = [
            f
            for f in facts
            if f["basis"] == "预算数"
            and f["value"] is not None
            and f["quote"] == actual["quote"]
            and names(f, metric)
        ]
        compared = [f for f in budgets if Decimal(f["value"]) != 0]
        if compared:
            before = budgets[: budgets.index(compared[-1])]
            return compared[-1], actual, before[-1] if before else None
    return None


def _budget_label(fact: Any) -> str:
    """How the sentence names the budget it states (年初预算, 全年预算 or 预算)."""
    number = re.escape(fact["value"])
    found = re.search(rf"(年初预算|全年预算)数?为?\s*{number}\s*万元", fact["quote"])
    return found.group(1) if found else "预算"
