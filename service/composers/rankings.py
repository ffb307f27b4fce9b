"""Answers across departments: a ranking, several departments side by side."""

from caiwen.service.details import DepartmentComparison, Ranking
from caiwen.service.plan import Plan
from caiwen.service.writer import Composed, Results, Writer, number


def rank(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("rank_departments")
    r = result.detail(Ranking)
    kinds = {(v.year, v.kind) for v in r.ranked}
    lines = [
        w.fill(
            "rank_line",
            position=v.rank,
            department=v.department,
            when=w.fill("compare_when", year=v.year, kind=w.kind_name(v)) if len(kinds) > 1 else "",
            value=number(v),
            unit=v.unit,
            cite=w.marks(result, v),
        )
        for v in r.ranked
    ]
    text = w.fill(
        "rank",
        year=r.year,
        kind=w.kind_of(next(iter(kinds))[1]) if len(kinds) == 1 else "",
        metric=_ranked_by(plan, r),
        order=w.t["rank_order"][plan.order],
        lines="；".join(lines),
    )
    return Composed(text, listed=[v.department for v in r.ranked])


def _ranked_by(plan: Plan, r: Ranking) -> str | None:
    """The figure the departments are ranked by, as the documents name it where they all name it
    alike (普通教育, not the code the catalogue knows it by), else as asked."""
    names = {v.name for v in r.ranked}
    return names.pop() if len(names) == 1 else plan.metric_name


def compare_departments(w: Writer, plan: Plan, results: Results) -> Composed:
    result = results.one("compare_departments")
    d = result.detail(DepartmentComparison)
    if not d.figures:
        return Composed("".join(d.problems), refused=True)
    lines = [
        w.fill(
            "compare_line",
            department=v.department,
            when=(
                w.fill("compare_when", year=v.year, kind=w.kind_name(v)) if d.mixed_years else ""
            ),
            value=number(v),
            unit=v.unit,
            cite=w.marks(result, v),
        )
        for v in d.figures
    ]
    years = {v.year for v in d.figures}
    text = w.fill(
        "compare_departments",
        year="" if d.mixed_years else w.fill("compare_year", year=min(years)),
        metric=plan.metric_name,
        lines="；".join(lines),
    )
    if d.difference is not None:
        gap = number(d.difference).lstrip("-")
        text += w.fill("compare_difference", difference=gap, unit=d.difference.unit)
    return Composed(text + "".join(d.problems))
