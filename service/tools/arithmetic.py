"""The arithmetic tools: figures of one document added up, and an amount per one counted —
each figure read as get_metric reads it, the result computed in Decimal."""

import re
from decimal import Decimal
from typing import Literal

from caiwen.service.details import (
    AverageOf,
    Breakdown,
    DifferenceOf,
    FigureRead,
    SumOf,
    Tally,
    Units,
)
from caiwen.service.results import ToolResult
from caiwen.service.templates import value_name
from caiwen.service.tools.base import Fund, Level, derived_from, key_of, moved, taken
from caiwen.service.tools.breakdowns import BreakdownTools
from caiwen.service.tools.registry import tool
from caiwen.service.tools.units import UnitTools
from caiwen.service.values import Value


class ArithmeticTools(UnitTools, BreakdownTools):
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
            found.parts.append(taken(result, read, "part"))
        if found.parts:
            result.status, result.message = "ok", None
        units = {p.unit for p in found.parts}
        if len(found.parts) > 1 and not found.missing and len(units) == 1:
            found.total = self._sum(result, found.parts)
        result.details = found
        return result

    @tool(figures=True)
    def subtract(
        self,
        metric: str,
        minus: str,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
        level: Level | None = None,
        unit: str | None = None,
        fund: Fund | None = None,
        minus_fund: Fund | None = None,
    ) -> ToolResult:
        """One metric of a document less another (e.g. 基本支出 less 项目支出: how far apart
        they are; or 项目支出 less its 财政拨款 part, minus_fund 财政拨款): both figures as
        get_metric reads them (fund and minus_fund: each one's fund, as get_metric's), and the
        difference."""
        result = ToolResult(tool="subtract")
        two, funds = (metric, minus), (fund, minus_fund)
        read = self._two(result, two, department, year, kind, basis, level, unit, funds)
        if isinstance(read, ToolResult):
            return read
        first, second = read
        found = DifferenceOf(first=first, second=second)
        if first.unit == second.unit:
            name = value_name("between", first=first.name, second=second.name)
            printed = printed_sum([first.printed, second.printed], minus=True)
            gap = derived_from(
                first, "difference", name, first.value - second.value, printed=printed
            )
            cited = [result.citations[i] for i in (*first.citations, *second.citations)]
            found.difference = result.add(gap, *cited)
            result.formula = f"{first.display} − {second.display} = {gap.display}"
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
        read = self._two(result, (metric, per), department, year, kind, basis, level, unit)
        if isinstance(read, ToolResult):
            return read
        amount, count = read
        found = AverageOf(amount=amount, count=count)
        if count.value:
            each = value_name("average", each=count.unit, metric=amount.name)
            quotient = derived_from(amount, "average", each, amount.value / count.value)
            cited = [result.citations[i] for i in (*amount.citations, *count.citations)]
            found.average = result.add(quotient, *cited)
            result.formula = f"{amount.display} ÷ {count.display} = {found.average.display}"
        result.details = found
        return result

    @tool(figures=True)
    def check_sum(
        self,
        whole: str,
        department: str,
        parts: list[str] | None = None,
        year: int | None = None,
        kind: str | None = None,
        basis: Literal["预算数", "决算数"] | None = None,
        level: Level | None = None,
        of: Literal["items", "units"] | None = None,
    ) -> ToolResult:
        """Whether parts add up to their whole as the document prints them: the parts named
        (e.g. 基本支出 and 项目支出 against 本年支出合计), else the whole's own parts as breakdown
        reads them (三公经费's three, 政府采购's 货物/工程/服务, 本年收入合计's sources). Gives each
        figure, the parts' sum, its difference from the whole, and the whole's other printed
        parts that the parts named leave out, or the money it carries over (年末结转和结余 of
        本年支出合计). Where none of the parts named is printed, the whole's own parts."""
        result = ToolResult(tool="check_sum")
        if of == "units":
            return self._units_tally(result, whole, department, year, kind, basis, level)
        if not parts:
            split = self.breakdown(whole, department, year, level, by_item=of == "items")
            if split.status != "ok":
                return split.model_copy(update={"tool": "check_sum"})
            b = split.detail(Breakdown)
            found = Tally(whole=moved(result, split, b.whole, "whole"), parts=[])
            found.parts = [moved(result, split, p.value, "part") for p in b.parts]
            found.notes = b.notes
            found.unread = [] if of else self._unread(whole, found.parts)
        else:
            figure = self.get_metric(whole, department, year, kind, basis, level)
            summed = self.add_up(parts, department, year, kind, basis, level)
            if figure.status == "ok" and summed.status == "not_found":  # none named is printed
                return self.check_sum(whole, department, None, year, kind, basis, level)
            if problem := next((r for r in (figure, summed) if r.status != "ok"), None):
                return problem.model_copy(update={"tool": "check_sum"})
            s = summed.detail(SumOf)
            found = Tally(whole=taken(result, figure, "whole"), parts=[], missing=s.missing)
            found.parts = [moved(result, summed, p, "part") for p in s.parts]
            resolved = self.box.resolve(whole).metrics[:1]
            carried = [c.id for m in resolved for c in self.box.catalogue.carried(m)]
            for name in dict.fromkeys([*self.box.catalogue.other_parts(parts), *carried]):
                other = self.get_metric(name, department, year, kind, basis, level)
                if other.status == "ok" and other.detail(FigureRead).figure.value:
                    found.others.append(taken(result, other, "part"))
            if not found.others:  # the parts the narrative lists of it (郑州土储中心's 收入)
                found.others = self._rest(result, whole, found.parts, department, year, level)
        self._tally(result, found)
        result.details = found
        return result

    def _rest(
        self,
        result: ToolResult,
        whole: str,
        named: list[Value],
        department: str,
        year: int | None,
        level: Level | None,
    ) -> list[Value]:
        """The whole's parts as breakdown reads them, but for those of the amounts named."""
        split = self.breakdown(whole, department, year, level)
        if split.status != "ok":
            return []
        amounts = {p.value for p in named}
        parts = split.detail(Breakdown).parts
        rest = [p.value for p in parts if p.value.value not in amounts]
        return [moved(result, split, value, "part") for value in rest]

    def _units_tally(
        self,
        result: ToolResult,
        whole: str,
        department: str,
        year: int | None,
        kind: str | None,
        basis: Literal["预算数", "决算数"] | None,
        level: Level | None,
    ) -> ToolResult:
        """The units' totals a table by unit prints, against the whole."""
        listed = self.list_units(department, year, level)
        figure = self.get_metric(whole, department, year, kind, basis, level)
        if problem := next((r for r in (figure, listed) if r.status != "ok"), None):
            return problem.model_copy(update={"tool": "check_sum"})
        units = listed.detail(Units).units
        found = Tally(whole=taken(result, figure, "whole"), parts=[])
        found.parts = [moved(result, listed, u, "part") for u in units]
        self._tally(result, found)
        result.details = found
        return result

    def _unread(self, whole: str, read: list[Value]) -> list[str]:
        """The parts the catalogue divides a whole into that are not among those read."""
        keys = {p.metric for p in read}
        listed = [n for m in self.box.resolve(whole).metrics[:1] for n in m.parts]
        return [n for n in listed if not {key_of(m) for m in self.box.resolve(n).metrics} & keys]

    def _tally(self, result: ToolResult, found: Tally) -> None:
        """The parts' sum and its difference from the whole, when every part is printed in the
        whole's unit."""
        units = {p.unit for p in found.parts}
        if len(found.parts) < 2 or found.missing or units != {found.whole.unit}:
            return
        found.total = self._sum(result, found.parts)
        name = value_name("tally_gap", whole=found.whole.name, total=found.total.name)
        gap = found.whole.value - found.total.value
        cited = [result.citations[i] for i in found.whole.citations]
        found.difference = result.add(derived_from(found.whole, "difference", name, gap), *cited)
        gap_said = f"{found.whole.display} − {found.total.display} = {found.difference.display}"
        result.formula += f"；{gap_said}"

    def _two(
        self,
        result: ToolResult,
        metrics: tuple[str, str],
        department: str,
        year: int | None,
        kind: str | None,
        basis: Literal["预算数", "决算数"] | None,
        level: Level | None,
        unit: str | None,
        funds: tuple[Fund | None, Fund | None] = (None, None),
    ) -> tuple[Value, Value] | ToolResult:
        """Two figures as get_metric reads them (each of its fund), added to the result; else
        the first tool's result that failed, as this tool's."""
        reads = [
            self.get_metric(m, department, year, kind, basis, level, unit=unit, fund=fund)
            for m, fund in zip(metrics, funds, strict=True)
        ]
        if problem := next((r for r in reads if r.status != "ok"), None):
            return problem.model_copy(update={"tool": result.tool})
        first, second = (taken(result, read, "figure") for read in reads)
        return first, second

    def _sum(self, result: ToolResult, parts: list[Value]) -> Value:
        total = sum((p.value for p in parts), Decimal(0))
        name = value_name("sum", metrics="、".join(p.name for p in parts))
        printed = printed_sum([p.printed for p in parts])
        value = derived_from(parts[0], "sum", name, total, printed=printed)
        citations = [result.citations[i] for p in parts for i in p.citations]
        result.formula = " + ".join(f"{p.name} {p.display}" for p in parts) + f" = {value.display}"
        return result.add(value, *citations)


def printed_sum(printed: list[str | None], minus: bool = False) -> str | None:
    """The sum as the tables print its parts (320,000元 and 60,000元: 380,000元), when they
    print each in one other unit; with minus, the first less the others."""
    found = [re.fullmatch(r"(-?[\d,]+(?:\.\d+)?)(\D+)", p or "") for p in printed]
    amounts = [m for m in found if m]
    if len(amounts) != len(printed) or len({m[2] for m in amounts}) != 1:
        return None
    values = [Decimal(m[1].replace(",", "")) for m in amounts]
    total = values[0] - sum(values[1:], Decimal(0)) if minus else sum(values, Decimal(0))
    return f"{abs(total) if minus else total:,}{amounts[0][2]}"
