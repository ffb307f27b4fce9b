"""The chart of an answer, drawn from its tools' typed details (never from value names or list
positions), so that it tells the truth:

- a breakdown draws one level of the hierarchy (the whole's own parts, not theirs), and its bars
  add up to the whole its caption states (a part the document leaves unnamed is a bar of its
  own; parts that add up to more than the whole are said to);
- a ranking or a comparison of departments keeps the departments with 0, and labels each bar
  with its year and kind when they are not all the same; its caption states the metric, the
  year and the kind;
- two years compared, and a budget against its execution, name both sides.

The widget draws it and writes its numbers as text for screen readers.
"""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from caiwen.service.details import (
    Breakdown,
    BudgetComparison,
    Comparison,
    DepartmentComparison,
    Ranking,
)
from caiwen.service.results import ToolResult
from caiwen.service.templates import templates
from caiwen.service.values import Value, rounded

MAX_BARS = 8
"""Bars drawn at most; a breakdown's smallest parts beyond them are drawn as one."""
ROUNDING = Decimal("0.005")
"""Half a unit of the last printed place (万元): parts within n × this of the whole add up."""


class Bar(BaseModel):
    label: str
    """What the bar is, for reading (a part, a year, a department with its year and kind)."""
    value: float
    department: str | None = None
    """The department a bar of several departments stands for (the widget may shorten it)."""
    note: str | None = None
    """The year and kind of a department's bar, when the bars' years or kinds differ."""


class Chart(BaseModel):
    type: Literal["years", "budget", "breakdown", "ranking", "departments"]
    title: str
    """The caption: the metric, the year and the kind (and the whole of a breakdown)."""
    unit: str
    bars: list[Bar]
    whole: float | None = None
    """What a breakdown's bars add up to."""


def chart_of(results: list[ToolResult]) -> Chart | None:
    """The chart of the first result that has one (at least two bars), or None."""
    for result in results:
        if result.status != "ok" or result.details is None:
            continue
        chart = _drawn(result.details)
        if chart is not None and len(chart.bars) >= 2:
            return chart
    return None


def _drawn(details: object) -> Chart | None:
    if isinstance(details, Comparison):
        return _years(details)
    if isinstance(details, BudgetComparison):
        return _budget(details)
    if isinstance(details, Breakdown):
        return _breakdown(details)
    if isinstance(details, Ranking):
        return _departments("ranking", details.metric, details.ranked)
    if isinstance(details, DepartmentComparison):
        return _departments("departments", details.metric, details.figures)
    return None


def _words(key: str, **fields: object) -> str:
    return templates()["charts"][key].format(**fields)


def _period(value: Value) -> str:
    return _words("period", year=value.year, level=value.level, kind=value.kind)


def _years(c: Comparison) -> Chart | None:
    if c.current.unit != c.base.unit:
        return None
    both = (c.base, c.current)
    bars = [Bar(label=_period(v), value=float(v.value)) for v in both]
    who, metric = c.current.department, c.metric
    title = _words("years", who=who, metric=metric, base=bars[0].label, current=bars[1].label)
    return Chart(type="years", title=title, unit=c.current.unit, bars=bars)


def _budget(b: BudgetComparison) -> Chart | None:
    if b.actual is None or b.budget is None or b.actual.unit != b.budget.unit:
        return None
    names = templates()["charts"]["budget_bars"]
    bars = [
        Bar(label=names["budget"].format(of=b.completion_of), value=float(b.budget.value)),
        Bar(label=names["actual"], value=float(b.actual.value)),
    ]
    title = _words("budget", who=b.actual.department, year=b.actual.year, metric=b.metric)
    return Chart(type="budget", title=title, unit=b.actual.unit, bars=bars)


def _breakdown(b: Breakdown) -> Chart | None:
    """The whole's own parts, largest first, the smallest beyond MAX_BARS as one bar, and what
    the parts leave unnamed as another; negative parts cannot be drawn as bars of a whole."""
    parts = sorted((p.value for p in b.parts), key=lambda v: v.value, reverse=True)
    if any(v.value < 0 or v.unit != b.whole.unit for v in parts):
        return None
    bars = [Bar(label=v.name, value=float(v.value)) for v in parts[: MAX_BARS - 1]]
    rest = parts[MAX_BARS - 1 :]
    if len(rest) == 1:
        bars.append(Bar(label=rest[0].name, value=float(rest[0].value)))
    elif rest:
        total = sum((v.value for v in rest), Decimal(0))
        bars.append(Bar(label=_words("other_parts", count=len(rest)), value=float(total)))
    summed = sum((v.value for v in parts), Decimal(0))
    unnamed = b.whole.value - summed
    if unnamed > ROUNDING * (len(parts) + 1):
        bars.append(Bar(label=_words("unnamed"), value=float(unnamed)))
    fields = {
        "who": b.whole.department,
        "period": _period(b.whole),
        "metric": b.whole.name,
        "whole": f"{rounded(b.whole.value):,.2f}",
    }
    title = _words("breakdown", **fields)
    whole = b.whole.value
    if -unnamed > ROUNDING * (len(parts) + 1):
        title += _words("over", total=f"{rounded(summed):,.2f}", **fields)
        whole = summed
    return Chart(type="breakdown", title=title, unit=b.whole.unit, bars=bars, whole=float(whole))


def _departments(
    kind: Literal["ranking", "departments"], metric: str, values: list[Value]
) -> Chart | None:
    """Every department's bar, zeros kept, each labelled with its year and kind when they
    differ; the caption names the one year and kind, or says they differ."""
    if not values or len({v.unit for v in values}) > 1:
        return None
    periods = list(dict.fromkeys(_period(v) for v in values))
    mixed = len(periods) > 1
    bars = [
        Bar(
            label=v.department + (_words("bar_note", period=_period(v)) if mixed else ""),
            value=float(v.value),
            department=v.department,
            note=_period(v) if mixed else None,
        )
        for v in values
    ]
    if mixed:
        title = _words(f"{kind}_mixed", metric=metric, periods="、".join(periods))
    else:
        title = _words(kind, metric=metric, period=_period(values[0]))
    return Chart(type=kind, title=title, unit=values[0].unit, bars=bars)
