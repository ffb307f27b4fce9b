"""Questions that ask several things at once (“三公经费多少，比去年多还是少？”, “车有几辆？今年
还买车吗？”, “花了多少？主要用在哪？”): the question is cut into its clauses, each planned as if
it followed the one before (so a clause takes the department, year and metric it leaves out),
and the plans are put back together — a part another answers anyway is dropped, figures of one
document are asked together, anything else is answered part by part."""

import re
from dataclasses import replace

from caiwen.domain.catalogue import catalogue
from caiwen.service.plan import Intent, MetricSlot, Plan
from caiwen.service.understand import planner_vocabulary

FIGURE: frozenset[Intent] = frozenset({"value", "named"})
"""A figure asked: of a catalogue metric, or of a name the document prints or states."""
COVERS: dict[Intent, frozenset[Intent]] = {
    "reason": FIGURE | {"yoy"},
    "yoy": FIGURE | {"count"},
    "budget_vs_actual": FIGURE | {"yoy"},
    "exists": frozenset({"value"}),  # (not a name of its own: 有没有 cannot say its amount)
    "share": FIGURE,
    "breakdown": FIGURE,
    "rank_within": FIGURE,
    "compare_departments": FIGURE,
    "audit": FIGURE,
}
"""An operation's answer states the figure of these (a comparison states both years' figures;
last year's figure alone does not state this year's: 今年多少，去年多少 asks both)."""
FIGURES: frozenset[Intent] = frozenset({"value", "count", "several"})
STATES_EACH: frozenset[Intent] = frozenset({"several", "difference", "sum"})
"""Operations whose answer states each figure they name (a difference states both sides, a
sum its parts: 各是多少？人员经费比公用经费多多少 is answered by the difference)."""
RANKED: frozenset[Intent] = frozenset({"rank", "rank_within", "execution_rank", "units"})
"""Operations whose order is part of what they ask (哪一块最多，哪一块最少 asks two rankings)."""
NOTHING: frozenset[Intent] = frozenset({"help", "need_department"})
"""What a clause that asks nothing of its own (“万里街道2024年，”) is planned as."""


def clauses(question: str) -> list[str]:
    """The clauses of a question that each ask something (a lone “谢谢” asks nothing)."""
    vocab = planner_vocabulary()
    for pattern, read in vocab["aside_bracketed"]:  # (，除了局本级，: a remark, no clause)
        question = re.sub(pattern, read, question)
    pieces = re.split(vocab["clause_breaks"], question)
    return [c for piece in pieces for c in _asked_apart(piece.strip()) if c]


def _asked_apart(clause: str) -> list[str]:
    """A clause's pieces joined by 、 where each asks something (买公车花多少钱、买几辆), else
    the clause whole (因公出国、公务接待、公车各多少)."""
    pieces = clause.split("、")
    asks = planner_vocabulary()["listed_asks"]
    return pieces if all(re.search(asks, p) for p in pieces) else [clause]


def merged(plans: list[Plan], question: str, whole: Plan) -> Plan:
    """One plan for a question's clauses: the plan of the question read whole when it answers
    every clause (预算多少，实际花了多少 compares the two), else the clauses' put together."""
    kept = [p for p in plans if p.intent not in NOTHING] or plans[-1:]
    kept = list({_key(p): p for p in kept}.values())
    if all(_answers(whole, p) for p in kept):
        return whole
    kept = [p for p in kept if not any(o is not p and _covers(o, p) for o in kept)]
    if len(kept) == 1:
        return replace(kept[0], query=question)
    if all(p.intent in FIGURES for p in kept) and _one_document(kept):
        metrics = [m for p in kept for m in (p.metrics or [p.metric]) if m is not None]
        metrics = list(dict.fromkeys(metrics))
        return replace(
            kept[0], intent="several", query=question, metric=metrics[0], metrics=metrics
        )
    first = kept[0]
    return Plan(
        "parts", query=question, department=first.department, period=first.period, parts=kept
    )


def _answers(whole: Plan, part: Plan) -> bool:
    """Whether the question read whole answers a clause: the clause asks what the whole's
    operation states (its figures, or the same operation) of the same department — a year
    written in one clause belongs to the whole question (2023年执行数…2024年预算比…)."""
    if whole.intent in NOTHING or (whole.intent == "value" and part.intent != "value"):
        return False
    if _counted_in_text(part):
        return False  # 有多少事业编制？内设了几个处室: a sentence for each
    if whole.intent == "sum" and part.intent != "sum":
        return False  # 预算一共多少？财政拨了多少: 一共 of the first clause adds nothing up
    same = part.intent == whole.intent or part.intent in COVERS.get(whole.intent, frozenset())
    same = same and (part.intent not in RANKED or _order(part) == _order(whole))
    same = same and set(part.ends) <= set(whole.ends)  # 这几项哪项最多: which, besides each
    named = (
        part.metric is None or whole.metric is None or _names(part.metric) == _names(whole.metric)
    )
    whose = part.department is None or _whose(part) == _whose(whole)
    # (基本支出和项目支出分别多少？基本支出里人员经费…: read whole, 基本支出 only qualifies)
    each = {_names(m) for m in part.metrics} <= {_names(m) for m in whole.metrics}
    return same and named and whose and (part.intent != "several" or each)


def _key(plan: Plan) -> tuple[object, ...]:
    metrics = tuple(_names(m) for m in plan.metrics)
    asked = plan.query if _counted_in_text(plan) else None
    whose = (_whose(plan), plan.period)
    return (plan.intent, _names(plan.metric), metrics, *whose, _order(plan), asked)


def _counted_in_text(plan: Plan) -> bool:
    """Whether a clause asks a count only the narrative states, naming no figure (有多少事业编制,
    内设了几个处室): its own words find its sentence."""
    asked = re.search(planner_vocabulary()["counts_asked"], plan.query)
    return plan.intent == "reason" and plan.metric is None and bool(asked)


def _order(plan: Plan) -> str | None:
    return plan.order if plan.intent in RANKED else None


def _whose(plan: Plan) -> tuple[str | None, str | None]:
    """The department a plan asks about and the level of its document (部门预算总共多少？其中
    本级多少 asks two figures of one name)."""
    return plan.department_name, plan.department.level if plan.department else None


def _covers(plan: Plan, other: Plan) -> bool:
    """Whether a plan's answer states what another part asks for: the same figure of the same
    department and year (the kind asked aside: a comparison of budget and spending states both)."""
    same_document = (_whose(other), other.period.year) == (_whose(plan), plan.period.year)
    if plan.intent in STATES_EACH:
        named = {_names(m) for m in plan.metrics}
        asked = {_names(m) for m in (other.metrics or [other.metric]) if m}
        return other.intent in FIGURES and asked <= named and same_document
    same = other.metric is None or _names(other.metric) == _names(plan.metric)
    if plan.intent == "rank_within" and other.intent == "breakdown" and plan.top_n > 1:
        return same and same_document  # 主要花在哪？最多的三项各是多少: the first three say it
    if other.metric and (other.metric.fund or other.metric.column) and other.intent != plan.intent:
        return False  # a line of one fund or column: only its own reading states it
    return other.intent in COVERS.get(plan.intent, frozenset()) and same and same_document


def _names(metric: MetricSlot | None) -> str | None:
    """What a metric slot asks for: the metric its name names exactly (三公 and 三公经费 are
    one), and the fund or the column it is asked of (其中一般公共预算, 其中基本支出)."""
    if metric is None:
        return None
    found = catalogue().resolve(metric.name)
    named = found.metrics[0].id if found.exact and len(found.metrics) == 1 else metric.name
    return named + (metric.fund or "") + (metric.column or "")


def _one_document(plans: list[Plan]) -> bool:
    return len({(_whose(p), p.period) for p in plans}) == 1
