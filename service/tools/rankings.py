"""The across-departments tools: every department ranked by a metric, and several departments
side by side."""

from typing import Literal

from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import DepartmentComparison, Ranking
from caiwen.service.figures import Figure
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import ToolBase, derived, key_of, value_of
from caiwen.service.tools.registry import tool
from caiwen.service.values import Value, fmt


class RankingTools(ToolBase):
    @tool()
    def rank_departments(
        self,
        metric: str,
        year: int,
        kind: Literal["预算", "决算"] | None = None,
        order: Literal["desc", "asc"] = "desc",
        top_n: int = 10,
        region: str | None = None,
    ) -> ToolResult:
        """Rank every ingested department by a metric in a year (and kind), or those of one
        government and the governments inside it (region: 北京市, 上海市)."""
        result = ToolResult(tool="rank_departments")
        metrics = self._metrics(result, metric)
        if not metrics:
            return result
        docs = [
            d
            for d in self.box.documents()
            if d.year == year
            and (kind is None or d.kind == kind)
            and (region is None or (d.region or "").startswith(region))
        ]
        ranked = sorted(
            ((d, f) for d in docs if (f := self.box.read(d, metrics)) is not None),
            key=lambda pair: pair[1].value,
            reverse=order == "desc",
        )
        found = Ranking(metric=metrics[0].display, year=year, ranked=[])
        for position, (doc, figure) in enumerate(ranked[:top_n], 1):
            name = value_name("ranked", rank=position, department=doc.department)
            value = value_of(figure, doc, "ranked", name)
            value.rank = position
            found.ranked.append(result.add(value, figure.citation))
        result.details = found
        if not ranked:
            result.status = "not_found"
            result.message = say("nobody_discloses", year=year, metric=metrics[0].display)
        return result

    @tool(figures=True)
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
            result.status, result.message = "invalid", say("years_not_paired")
            return result
        found = DepartmentComparison(metric=metrics[0].display, figures=[])
        read: list[tuple[StoredDocument, Figure]] = []
        for department, when in zip(departments, years or [year] * len(departments), strict=True):
            doc = self.box.choose(department, when, None)
            if isinstance(doc, Problem):
                found.problems.append(doc.message)
                result.candidates += doc.candidates
                continue
            figure = self.box.read(doc, metrics)
            if figure is None:
                found.problems.append(
                    say(
                        "not_disclosed",
                        department=doc.department,
                        year=doc.year,
                        metric=metrics[0].display,
                    )
                )
                continue
            read.append((doc, figure))
        for doc, figure in sorted(read, key=lambda pair: pair[1].value, reverse=True):
            name = value_name(
                "department_figure", department=doc.department, year=doc.year, metric=found.metric
            )
            found.figures.append(result.add(value_of(figure, doc, "figure", name), figure.citation))
        found.mixed_years = len({(d.year, d.kind) for d, _ in read}) > 1
        if len(found.figures) == 2:
            a, b = found.figures
            doc = next(d for d, _ in read if (d.department, d.year, d.kind) == _of(a))
            name = value_name("departments_difference")
            found.difference = derived(
                doc, "difference", name, a.value - b.value, a.unit, metric=key_of(metrics[0])
            )
            result.add(found.difference)
            result.formula = f"{fmt(a.value)} − {fmt(b.value)} = {fmt(a.value - b.value)}"
        result.details = found
        if not found.figures:
            result.status = "not_found"
        return result


def _of(value: Value) -> tuple[str, int, str]:
    return (value.department, value.year, value.kind)
