"""Answers comparing two periods: year on year, a year read from the next year's comparison,
决算 against 预算 (and a budget against last year's execution, and a 决算's items ranked by
how their budget was executed)."""

import re

from caiwen.ingest.fact_grammar import grammar
from caiwen.service.composers.figures import absence_stated, stated_part
from caiwen.service.details import BudgetComparison, Comparison, Executions, OneYear
from caiwen.service.plan import Plan
from caiwen.service.results import ToolResult
from caiwen.service.values import Citation, fmt
from caiwen.service.writer import Composed, Results, Writer, money, number


def yoy(w: Writer, plan: Plan, results: Results) -> Composed:
    """Of each figure asked: both years and the change; where last year's figure is nowhere,
    this year's and the rate the text states (if it does), then why the comparison cannot be
    made."""
    each = [_one_yoy(w, result) for result in results.every("compare_years")]
    return Composed("".join(c.text for c in each), refused=all(c.refused for c in each))


def _one_yoy(w: Writer, result: ToolResult) -> Composed:
    if result.status == "ok":
        c = result.detail(Comparison)
        return Composed(year_on_year(w, result, c) + _reason_beside(w, result, c))
    message = result.message or w.t["no_figure"]
    one = result.maybe(OneYear)
    if one is None and (stated := absence_stated(w, result)):  # 本单位无机关运行经费
        return Composed(message.split("。")[0] + "。" + stated)
    if one is None:
        return Composed(message, refused=result.status != "ambiguous")
    figure = one.current
    text = w.fill(
        "value",
        who=figure.department,
        year=figure.year,
        kind=w.kind_name(figure),
        metric=figure.name,
        value=number(figure),
        unit=figure.unit,
        cite=w.marks(result, figure),
    )
    if one.rate is not None and one.rate_citation is not None:
        text += w.fill(
            "yoy_rate_only",
            direction=one.rate_direction
            or w.t["premise_asked"]["up" if one.rate.value > 0 else "down"],
            percent=fmt(abs(one.rate.value)),
            cite=w.mark(result, one.rate_citation),
        )
    if one.whole_part is not None:  # 财政拨款收入: all of it 一般公共预算收入, whose change is said
        return Composed(text + message + _part_compared(w, result, one.whole_part) + "。")
    return Composed(text + message, refused=one.unmeasured is not None)


def year_on_year(w: Writer, result: ToolResult, c: Comparison) -> str:
    text = w.fill(
        "yoy",
        who=c.current.department,
        year=c.year,
        metric=c.metric,
        value=money(c.current.value),
        said=w.fill("yoy_said", said=f"{c.said:f}") if c.said is not None else "",
        cite=_marks(w, result, c),
        change=_change(w, c),
        base_name=w.t["base_names"]["year"].format(year=c.base_year),  # which year it used
        base=money(c.base.value),
    )
    parts = [_part_compared(w, result, p) for p in c.parts]
    if parts:
        text += w.fill("yoy_parts", parts="；".join(parts))
    for each in (c, *c.parts):
        if each.narrative is not None:
            differs = w.fill(
                "change_differs",
                metric=each.metric,
                tables=fmt(each.change.value),
                narrative=fmt(each.narrative.change.value),
            )
            text += w.fill("yoy_discrepancy", text=differs)
    if c.base_kind:
        note = w.fill(
            "basis_note",
            year=c.year,
            kind=c.current.kind,
            base_year=c.base_year,
            base_kind=c.base_kind,
        )
        text += w.fill("basis_differs", note=note)
    return text


def _part_compared(w: Writer, result: ToolResult, p: Comparison) -> str:
    """A part's change, with its own parts' where they are given (公务用车购置及运行费: 购置费
    and 运行费)."""
    said = w.fill("yoy_part", metric=p.metric, value=money(p.current.value), change=_change(w, p))
    own = "；".join(_part_compared(w, result, sub) for sub in p.parts)
    return said + _marks(w, result, p) + (w.fill("yoy_subparts", parts=own) if own else "")


def change_stated(result: ToolResult, c: Comparison) -> Citation | None:
    """Where the narrative states the change, when it does."""
    cited = (result.citations[i] for i in c.change.citations)
    return next((c for c in cited if c.table is None and c.section), None)


def _reason_beside(w: Writer, result: ToolResult, c: Comparison) -> str:
    """The reason the narrative gives in the sentence stating the change (公务接待费…比上年预算
    减少1万元，主要原因是…进行了压减), from its clause on: a change asked without 为什么 is
    answered with the why printed beside it."""
    stated = change_stated(result, c)
    quote = stated.quote if stated is not None else None
    cue = grammar().reason.search(quote or "")  # 主要原因是…, not 主要是用于… (a purpose)
    if stated is None or quote is None or cue is None:
        return ""
    clause = re.split(r"[，,；;]", quote[: cue.start()])[-1] + quote[cue.start() :]
    return w.fill("yoy_reason", reason=clause.strip().rstrip("。；;"), cite=w.mark(result, stated))


def prior_year(w: Writer, plan: Plan, results: Results) -> Composed:
    """A year with no document of its own, read from the next year's comparison (of each
    figure asked)."""
    said = (_prior_one(w, result, plan.with_parts) for result in results.every("compare_years"))
    return Composed("".join(said))


def _prior_one(w: Writer, result: ToolResult, with_parts: bool) -> str:
    c = result.detail(Comparison)
    printed_in = {result.citations[i].year for i in c.base.citations}
    if c.source == "tables" and printed_in == {c.year}:
        source = w.fill("prior_year_printed_later", year=c.year, kind=w.kind_name(c.current))
    elif c.source == "tables":
        source = w.fill("prior_year_from_tables", base_year=c.base_year)
    else:
        source = w.fill(
            "prior_year_from_narrative",
            year=c.year,
            kind=w.kind_name(c.current),
            value=money(c.current.value),
            change=_change(w, c),
        )
    parts = [stated_part(w, result, part.base) for part in c.parts] if with_parts else []
    return w.fill(
        "prior_year",
        who=c.current.department,
        base_year=c.base_year,
        metric=c.metric,
        base=money(c.base.value),
        cite=_marks(w, result, c),
        source=source,
    ) + (w.fill("its_parts", parts="、".join(parts)) if parts else "")


def budget_vs_actual(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("budget_vs_actual")
    b = result.detail(BudgetComparison)
    if b.execution is not None:
        return Composed(_against_execution(w, result, b.execution))
    of = b.completion_of
    if b.budget is not None and b.actual is None and b.completion is None:
        return Composed(
            w.fill(
                "budget_alone",
                who=b.budget.department,
                year=b.budget.year,
                metric=b.metric,
                budget=number(b.budget),
                cite=w.marks(result, b.budget),
            ),
            refused=True,  # the spending asked is not disclosed: the budget is what is instead
        )
    if b.actual is None or b.budget is None:
        rate = b.completion
        assert rate is not None
        text = w.fill(
            "completion",
            who=rate.department,
            year=rate.year,
            metric=b.metric,
            of=of,
            percent=number(rate),
            cite=w.marks(result, rate),
        )
        return Composed(text)
    earlier = b.earlier and w.fill("earlier_budget", of=b.earlier_of, budget=number(b.earlier))
    gap = b.difference.value if b.difference else 0
    text = w.fill(
        "budget_vs_actual",
        who=b.actual.department,
        year=b.actual.year,
        metric=b.metric,
        earlier=earlier or "",
        of=of,
        budget=number(b.budget),
        actual=number(b.actual),
        cite=w.marks(result, b.actual, b.budget),
        gap=w.fill("budget_gap", of=of, more=w.t["gap_side"][gap > 0], amount=money(abs(gap)))
        if gap
        else "",
    )
    if b.completion is None:
        return Composed(text + w.fill("no_rate", of=of))
    return Composed(text + w.fill("completion_rate", of=of, percent=number(b.completion)))


def execution_rank(w: Writer, plan: Plan, results: Results) -> Composed:
    """The items of a 决算 ranked by how their budget was executed, each with its budget, its
    决算, the gap and the completion rate."""
    result = results.one("rank_execution")
    e = result.detail(Executions)
    what = "over" if e.over_budget else e.by if e.by == "difference" else f"{e.by}_{e.order}"
    lines = [_execution_line(w, result, item) for item in e.items]
    first = e.items[0].actual
    assert first is not None
    text = w.fill(
        "execution_ranked",
        who=first.department,
        year=first.year,
        kind=w.kind_name(first),
        what=w.t["execution_what"][what],
        lines="；".join(f"{n}. {line}" for n, line in enumerate(lines, 1)),
    )
    return Composed(text)


def _execution_line(w: Writer, result: ToolResult, b: BudgetComparison) -> str:
    assert b.actual and b.budget and b.difference and b.completion  # a stated pair has all four
    gap = b.difference.value
    side = "up" if gap > 0 else "down" if gap < 0 else "flat"
    return w.fill(
        "execution_line",
        metric=b.metric,
        of=b.completion_of,
        budget=number(b.budget),
        actual=number(b.actual),
        gap=w.t["execution_gap"][side].format(amount=money(gap)),
        percent=number(b.completion),
        cite=w.marks(result, b.actual, b.budget),
    )


def _against_execution(w: Writer, result: ToolResult, e: Comparison) -> str:
    """A budget against last year's execution (预算执行数), as its narrative states them."""
    base = w.fill("execution_base", year=e.base_year)
    return w.fill(
        "against_execution",
        who=e.current.department,
        year=e.year,
        metric=e.metric,
        value=number(e.current),
        base_year=e.base_year,
        base=number(e.base),
        change=_change(w, e, base),
        cite=_marks(w, result, e),
    )


def _marks(w: Writer, result: ToolResult, c: Comparison) -> str:
    return w.marks(result, c.current, c.base, c.change, c.rate)


def _change(w: Writer, c: Comparison, base: str | None = None) -> str:
    """The change and its rate; the rate as the text writes it too, where it rounds it
    otherwise (增长6.44%，说明文字写作6.4%) or states another (增长10.09%，说明文字写作10.06%:
    江苏检察院 2019, the same change of 2,214.39万元)."""
    rate = c.rate.value if c.rate is not None else None
    stated = abs(c.stated_percent) if c.stated_percent is not None else None
    same = stated is None or rate is None or stated == abs(round(rate, 2))
    written = None if same else f"{stated:f}"
    return w.change(c.change.value, rate, base or _base_name(w, c), written, c.flat_said)


def _base_name(w: Writer, c: Comparison) -> str:
    """上年, or the year compared with."""
    if c.base_year == c.year - 1:
        return w.t["base_names"]["last_year"]
    return w.t["base_names"]["year"].format(year=c.base_year)
