"""The units tool: the units a department's document prints rows of their own for, each
with its total."""

import re
from decimal import Decimal

from caiwen.service.details import FigureRead, Units
from caiwen.service.names import organisation
from caiwen.service.names import rules as name_rules
from caiwen.service.results import ToolResult
from caiwen.service.templates import say, value_name
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import Level, derived, taken
from caiwen.service.tools.figures import FigureTools
from caiwen.service.tools.registry import tool
from caiwen.service.understand import planner_vocabulary
from caiwen.service.units import unit_rows


class UnitTools(FigureTools):
    @tool(figures=True)
    def list_units(
        self,
        department: str,
        year: int | None = None,
        level: Level | None = None,
        metric: str | None = None,
        kind: str | None = None,
    ) -> ToolResult:
        """The units a department's document prints rows of their own for in its tables by
        unit (本级 and each subordinate unit), each with its total, largest first; with metric,
        each with its own figure of that (哪个单位的三公经费最多) where its rows print one; with
        kind (学校, 分局, 管理局 …), only the units of that kind."""
        result = ToolResult(tool="list_units")
        doc = self.box.choose(department, year, None, level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        labels = self.box.figures(doc).labels.by_label
        rows = unit_rows((doc.department, doc.region, label) for label in labels)
        asked = [(r.label, None) for r in rows.values() if not kind or _of_kind(r.label, kind)]
        itself = organisation(doc.department, doc.region)
        if kind is None and itself not in rows:  # 本级 printed as the whole's name
            asked.append((planner_vocabulary()["default_metric"], "单位"))
        reads = []
        for label, own in asked:
            read = (
                self.get_metric(metric, doc.department, doc.year, doc.kind, unit=label)
                if metric and not own
                else self.get_metric(
                    metric or label, doc.department, doc.year, doc.kind, level=own or doc.level
                )
            )
            if read.status == "ok" and not read.detail(FigureRead).whole_for_part:
                figure = read.detail(FigureRead).figure
                named = figure.department if own or metric else figure.name  # the unit's name
                reads.append((figure.value, read, named))
        reads.sort(key=lambda found: (-found[0], -len(found[2])))
        reads = _distinct(reads, doc.region)
        if len(reads) == 1 and _itself(reads[0][2], doc.department, doc.region):
            reads = []  # its own rows alone (深圳市民政局（本级）of a 三公 table): no units listed
        units = [taken(result, r, "part", name=n, department=doc.department) for _, r, n in reads]
        result.details = Units(units=units)
        if units:
            count = derived(doc, "figure", value_name("units"), Decimal(len(units)), "个")
            result.details.count = result.add(count, *result.citations)
        else:
            result.status = "not_found"
            result.message = say("no_units", department=doc.department, year=doc.year)
        return result


def _of_kind(unit: str, kind: str) -> bool:
    """Whether a unit's name, or its first name where a second follows in brackets (监所管理支队
    （留置看护管理支队）), ends like the units of a kind asked (学校: 中学, 小学 …)."""
    endings = tuple(planner_vocabulary()["unit_kinds"][kind])
    return re.sub(name_rules()["also_named"], "", unit).endswith(endings)


def _distinct(
    reads: list[tuple[Decimal, ToolResult, str]], region: str | None
) -> list[tuple[Decimal, ToolResult, str]]:
    """One read per unit: a unit printed under several spellings of its name with the same
    total (泉州市公安局 and 泉州市公安局（本级）, in several tables) is listed once, by its
    fullest name."""
    seen: set[tuple[str, Decimal]] = set()
    kept = []
    for read in reads:
        key = (organisation(read[2], region), read[0])
        if key not in seen:
            seen.add(key)
            kept.append(read)
    return kept


def _itself(unit: str, department: str, region: str | None) -> bool:
    """Whether a unit's name is the department's own, said in full or as its 本级."""
    return organisation(unit, region) == organisation(department, region)
