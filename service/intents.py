"""The intent registry: every operation declared once — the tool calls that answer it, the
composer that writes its answer, whether a follow-up continues it — with its words in
prompts/planner.yaml. A missing piece is an error when this module is imported: an operation
without a composer, a word list naming no operation, a call to a tool that does not exist or
with an argument the tool does not take."""

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, get_args

from caiwen.service.answer import ToolCall
from caiwen.service.composers import (
    breakdowns,
    comparisons,
    documents,
    figures,
    rankings,
    text,
)
from caiwen.service.plan import ALL_PARTS, Compared, Department, Intent, MetricSlot, Period, Plan
from caiwen.service.results import REFUSING, ToolResult
from caiwen.service.tools import Tools
from caiwen.service.tools.registry import TOOLS
from caiwen.service.understand import planner_vocabulary, reason_section, text_topic
from caiwen.service.writer import Composed, Results, Writer

Calls = Callable[[Plan], list[ToolCall]]
Compose = Callable[[Writer, Plan, Results], Composed]


@dataclass(frozen=True, kw_only=True)
class Operation:
    name: Intent
    calls: Calls
    compose: Compose
    continues: bool
    """A follow-up that names no operation of its own (“那公务接待费呢？”) continues it."""
    from_text: bool = False
    """Answered from the narrative: a name the question mentions that is not a department
    (社区公共服务中心新建工程) is what the text is about."""
    own_refusals: bool = False
    """It composes its own answer when a tool refuses; the others answer with the tool's
    reason."""
    one_document: bool = False
    """It reads one department's document though no follow-up continues it: without a
    department named, which one is asked (as of every operation a follow-up continues)."""


def call(name: str, **args: Any) -> ToolCall:
    """A tool call; arguments left open (None) are left out."""
    return ToolCall(name=name, args={k: v for k, v in args.items() if v is not None})


def _one(p: Plan) -> dict[str, Any]:
    """One metric of one department's document."""
    return {"metric": p.metric_name, **_whose(p)}


def _whose(p: Plan) -> dict[str, Any]:
    """The department's document the plan is about: its name, year and level."""
    level = p.department.level if p.department else None
    return {"department": p.department_name, "year": p.period.year, "level": level}


def _get_metric(p: Plan) -> list[ToolCall]:
    slot = p.metric or MetricSlot("")
    return [
        call(
            "get_metric",
            **_one(p),
            kind=p.period.kind,
            basis=slot.basis,
            unit=_unit(p),
            fund=slot.fund,
            column=slot.column,
        )
    ]


def _value(p: Plan) -> list[ToolCall]:
    """One figure; with its parts where people asking it expect them (三公经费)."""
    parts = [call("breakdown", **_one(p), unit=_unit(p))] if p.with_parts else []
    return _get_metric(p) + parts


def _unit(p: Plan) -> str | None:
    """The unit under the department the figures asked are of (its rows in tables by unit);
    a row naming it (its total, 杭州市北郊监狱狱政设施建设) is read as any row is."""
    unit = p.department.unit if p.department else None
    return None if unit is None or (p.metric_name or "").startswith(unit) else unit


def _named(p: Plan) -> list[ToolCall]:
    """A name the catalogue does not know: the document's rows in like words, and the passages
    naming it (a project only the text states; of a 决算 not yet published, the budget's plan);
    then the catalogue words it holds (接待外地来人 asks for 接待 where nothing of its own is
    found)."""
    whose = _whose(p)
    search = call("search_text", query=p.metric_name, kind=p.period.kind, instead=True, **whose)
    held = [c for m in p.metrics for c in _get_metric(replace(p, metric=m))]
    return [*_get_metric(p), search, *held]


def _target(p: Plan) -> list[ToolCall]:
    """Each target asked of the department's 绩效目标表, by the words of the question."""
    return [
        call(
            "get_target",
            words=m.name,
            **_whose(p),
            kind=p.period.kind,
            measure=p.measure,
            project=p.project,
        )
        for m in p.metrics or ([p.metric] if p.metric else [])
    ]


def _compare_years(p: Plan) -> list[ToolCall]:
    return [call("compare_years", **_one_of_fund(p), base_year=p.base.year if p.base else None)]


def _one_of_fund(p: Plan) -> dict[str, Any]:
    """One metric of one department's document, as the fund it is asked of prints it."""
    return {**_one(p), "fund": p.metric.fund if p.metric else None}


def _compare_each_year(p: Plan) -> list[ToolCall]:
    """Each figure asked, against the year before (会议费和培训费比上年多了还是少了; a year before
    the first stored one, from the next year's)."""
    return [c for m in p.metrics or [p.metric] for c in _compare_years(replace(p, metric=m))]


def _compared(p: Plan) -> list[ToolCall]:
    years = [c.year for c in p.compared]
    return [
        call(
            "compare_departments",
            metric=p.metric_name,
            departments=[c.department.name for c in p.compared],
            year=p.period.year,
            years=years if any(y is not None for y in years) else None,
        )
    ]


def _reason(p: Plan) -> list[ToolCall]:
    search = call(
        "search_text",
        query=_reason_query(p),
        kind=p.period.kind,
        section=text_topic(p.query, p.metric_name) or reason_section(p.metric_name),
        metric=p.metric_name if p.metric and p.department else None,
        **_whose(p),
    )
    if not (p.metric and p.department):
        return [search]
    # what it is used for is said of its figure; why it changed, of its change; why it is
    # nothing (为什么是空的), of both (its table may be printed empty, with a note saying why)
    vocab = planner_vocabulary()
    asks_use = re.search(vocab["asks_use"], p.query)
    if re.search(vocab["asks_direction"]["zero"], p.query):
        return [search, *_get_metric(p), call("compare_years", **_one_of_fund(p))]
    change = [call("compare_years", **_one_of_fund(p))]
    # what it is used for is also what it divides into (城乡社区支出: its 项, where the
    # narrative says nothing of it)
    used = [*_get_metric(p), call("breakdown", **_one(p))] if asks_use else []
    if asks_use and re.search(vocab["asks_change"], p.query):  # 干什么用的？比上年多了多少
        return [search, *used, *change]
    return [search, *(used or change)]


def _units(p: Plan) -> list[ToolCall]:
    """The rows a table by unit prints for each unit, and the passage naming the units."""
    totals = planner_vocabulary()["unit_totals"]
    metric = p.metric_name if p.metric_name not in totals else None  # 哪个单位的三公最多
    listed = call("list_units", **_whose(p), metric=metric, kind=p.unit_kind)
    return [*_reason(p)[:1], *([listed] if p.department else [])]


def _reason_query(p: Plan) -> str:
    """The question, with the metric it is about when it does not name it (“为什么减少了？”
    after a question about 公务接待费), or the title of the section a question about the units
    or duties is answered by."""
    topic = text_topic(p.query, p.metric_name)
    if topic:
        return f"{p.query} {topic.replace('|', ' ')}"
    # the direction the question takes for granted may be wrong: the passages are found
    # without it, and the sentence is chosen by the direction the figures show
    vocab = planner_vocabulary()
    told = "|".join(vocab["states_direction"].values())
    query = re.sub(told, "", p.query)
    if re.search(vocab["against_budget"], p.query):  # 为什么没花完: as a 决算 says it
        query += f" {vocab['against_budget_said']}"
    if p.metric and p.metric.name not in p.query:
        return f"{query} {p.metric.name}"
    return query


def _unknown_department(p: Plan) -> list[ToolCall]:
    """A department the question names that no ingested one matches at first sight: the tool
    says whether it means one (a close spelling) or lists the ones there are."""
    metric = p.metric_name or planner_vocabulary()["default_metric"]
    return [call("get_metric", metric=metric, department=p.unknown_department, year=p.period.year)]


def _several(p: Plan) -> list[ToolCall]:
    """Each figure asked; first the whole they make up where they are all its parts (买车和养车
    各多少: 公务用车购置及运行费, then each)."""
    metrics = [p.whole, *p.metrics] if p.whole else p.metrics
    return [c for m in metrics for c in _get_metric(replace(p, metric=m))]


def _add_up(p: Plan) -> list[ToolCall]:
    basis = p.metric.basis if p.metric else None
    metrics = [m.name for m in p.metrics]
    whose = _whose(p) | {"kind": p.period.kind, "basis": basis, "unit": _unit(p)}
    return [call("add_up", metrics=metrics, **whose)]


def _check_sum(p: Plan) -> list[ToolCall]:
    basis = p.metric.basis if p.metric else None
    parts = [m.name for m in p.metrics] or None
    of = "units" if p.by_unit else "items" if p.by_item else None
    whose = _whose(p) | {"kind": p.period.kind, "basis": basis}
    return [call("check_sum", whole=p.metric_name, parts=parts, of=of, **whose)]


def _subtract(p: Plan) -> list[ToolCall]:
    basis = p.metric.basis if p.metric else None
    first, second = p.metrics[:2]
    whose = _whose(p) | {"kind": p.period.kind, "basis": basis, "unit": _unit(p)}
    funds = {"fund": first.fund, "minus_fund": second.fund}
    return [call("subtract", metric=first.name, minus=second.name, **funds, **whose)]


def _average(p: Plan) -> list[ToolCall]:
    basis = p.metric.basis if p.metric else None
    per = p.per.name if p.per else None
    whose = _whose(p) | {"kind": p.period.kind, "basis": basis, "unit": _unit(p)}
    return [call("average", metric=p.metric_name, per=per, **whose)]


def _share(p: Plan) -> list[ToolCall]:
    whole = p.whole.name if p.whole else None
    fund = p.metric.fund if p.metric else None
    return [call("share", part=p.metric_name, whole=whole, **_whose(p), unit=_unit(p), fund=fund)]


def _budget_vs_actual(p: Plan) -> list[ToolCall]:
    spent_in = p.base.year if p.base and p.period.kind == "预算" else None
    return [call("budget_vs_actual", **_one(p), spent_in=spent_in)]


def _rank_execution(p: Plan) -> list[ToolCall]:
    """The 决算's items ranked: by the gap where the question asks how far (差得最多), else by
    the completion rate; only those beyond their budget where it asks which overspent."""
    words = planner_vocabulary()["ranked_execution"]
    by = "difference" if re.search(words["by_gap"], p.query) else "completion"
    over = bool(re.search(words["over"], p.query))
    order = "desc" if re.search(words["highest"], p.query) else "asc"
    whose = _whose(p)
    return [call("rank_execution", **whose, order=order, by=by, over_budget=over or None)]


def _breakdown(p: Plan) -> list[ToolCall]:
    items = {"by_item": True} if p.by_item else {}
    deepest = {"deepest": True} if p.deepest else {}
    leaves = {"leaves": True} if p.leaves else {}
    counted = p.intent == "rank_within" and 1 < p.top_n < ALL_PARTS  # (not 排一下: every one)
    most = {"most": p.top_n} if counted else {}
    fund = {"fund": p.metric.fund} if p.metric and p.metric.fund else {}
    count = {"count": True} if p.counted else {}
    asked = items | deepest | leaves | most | fund | count
    return [call("breakdown", **_one(p), **asked, unit=_unit(p))]


def _rank(p: Plan) -> list[ToolCall]:
    return [
        call(
            "rank_departments",
            metric=p.metric_name,
            year=p.period.year,
            kind=p.period.kind,
            order=p.order,
            top_n=p.top_n,
            region=p.region,
        )
    ]


def _define(p: Plan) -> list[ToolCall]:
    return [call("define_term", term=p.metric_name, department=p.department_name)]


def _documents(p: Plan) -> list[ToolCall]:
    return [call("find_documents", department=p.department_name, year=p.period.year)]


def _audit(p: Plan) -> list[ToolCall]:
    """The audit's findings; of a named figure, the figure too (what the answer shows when
    nothing contradicts it); where the question quotes amounts, where the document prints
    each."""
    audit = call("audit_document", kind=p.period.kind, about=p.metric_name, **_whose(p))
    added = bool(re.search(planner_vocabulary()["tally"]["added"], p.query)) or None
    whose = _whose(p) | {"kind": p.period.kind, "added": added}
    located = [call("locate_amounts", amounts=p.quoted, **whose)] if p.quoted else []
    if not p.metric:
        return [*located, audit]
    basis = p.metric.basis
    figure = call("get_metric", **_one(p), kind=p.period.kind, basis=basis, everywhere=True)
    return [*located, audit, figure]


def _candidates(p: Plan) -> list[ToolCall]:
    return [call("find_documents", department=p.unknown_department)]


def _all_documents(p: Plan) -> list[ToolCall]:
    return [call("find_documents")]


def _disclosed(p: Plan) -> list[ToolCall]:
    if not p.department:
        return []
    return [call("list_metrics", **_whose(p))]


def _nothing(p: Plan) -> list[ToolCall]:
    return []


def _parts(p: Plan) -> list[ToolCall]:
    return [c for part in p.parts for c in OPERATIONS[part.intent].calls(part)]


def _compose_parts(w: Writer, plan: Plan, results: Results) -> Composed:
    """Each part of the question answered in turn, from the results of its own calls."""
    texts: list[str] = []
    refused = True
    focus = None
    listed: list[str] = []
    at = 0
    for part in plan.parts:
        op = OPERATIONS[part.intent]
        taken = len(op.calls(part))
        composed = answer_with(op, w, part, results.items[at : at + taken])
        at += taken
        texts.append(_unsaid(composed.text, texts))  # two clauses asking one thing: once
        refused = refused and composed.refused
        focus = focus or composed.focus
        listed = listed or composed.listed
    return Composed("".join(texts), refused=refused, focus=focus, listed=listed)


def _unsaid(text: str, texts: list[str]) -> str:
    """The sentences of a part's answer not said already by the parts before it (没有2018年的
    数据 of both 2018年是多少 and 跟2019年比涨了多少)."""
    said = {s for t in texts for s in _sentences(t)}
    return "".join(s for s in _sentences(text) if s not in said)


def _sentences(text: str) -> list[str]:
    """A text's sentences, each with the closing quote and the marks after its full stop."""
    return re.findall(r"[^。]*。[”’」』]?(?:\[\d+\])*|[^。]+$", text)


def answer_with(op: Operation, w: Writer, plan: Plan, results: list[ToolResult]) -> Composed:
    """The operation's answer from its results: its composer's, unless a tool refused and the
    operation does not compose its own refusals (then the tool's reason is the answer). A
    figure the document says there is none of, by printing its table empty (本年度没有财政拨款
    “三公”经费支出，故本表无数据; never a 绩效目标表), is disclosed as none, not refused."""
    problem = next((r for r in results if r.status in REFUSING | {"ambiguous"}), None)
    if problem is not None and not op.own_refusals:
        if empty := figures.none_printed(w, problem):
            return Composed(empty)
        message = problem.message or w.t["no_figure"]
        if stated := figures.absence_stated(w, problem):  # why, not all that is printed
            message = message.split("。")[0] + "。"
        message += figures.parts_stated(w, problem) + stated
        return Composed(message, refused=problem.status != "ambiguous" and not stated)
    return op.compose(w, plan, Results(results))


def _declare(*operations: Operation) -> dict[str, Operation]:
    return {op.name: op for op in operations}


# fmt: off
OPERATIONS = _declare(
    # one figure (or several) of one document
    Operation(name="value", calls=_value, compose=figures.value, continues=True),
    Operation(name="named", calls=_named, compose=text.named, continues=True,
              own_refusals=True),
    Operation(name="count", calls=_get_metric, compose=figures.value, continues=True),
    Operation(name="target", calls=_target, compose=figures.target, continues=False,
              one_document=True),
    Operation(name="exists", calls=_get_metric, compose=figures.exists, continues=True,
              own_refusals=True),
    Operation(name="several", calls=_several, compose=figures.several, continues=True,
              own_refusals=True),
    Operation(name="sum", calls=_add_up, compose=figures.summed, continues=True),
    Operation(name="average", calls=_average, compose=figures.averaged, continues=True),
    Operation(name="difference", calls=_subtract, compose=figures.differenced, continues=True),
    Operation(name="unknown_department", calls=_unknown_department, compose=figures.value,
              continues=False),
    # two periods
    Operation(name="yoy", calls=_compare_each_year, compose=comparisons.yoy, continues=True,
              own_refusals=True),
    Operation(name="prior_year", calls=_compare_each_year, compose=comparisons.prior_year,
              continues=True),
    Operation(name="budget_vs_actual", calls=_budget_vs_actual,
              compose=comparisons.budget_vs_actual, continues=True),
    Operation(name="execution_rank", calls=_rank_execution,
              compose=comparisons.execution_rank, continues=False, one_document=True),
    # parts and wholes
    Operation(name="share", calls=_share, compose=breakdowns.share, continues=True),
    Operation(name="breakdown", calls=_breakdown, compose=breakdowns.breakdown, continues=True),
    Operation(name="rank_within", calls=_breakdown, compose=breakdowns.rank_within,
              continues=False, one_document=True),
    # across departments
    Operation(name="rank", calls=_rank, compose=rankings.rank, continues=False),
    Operation(name="compare_departments", calls=_compared, compose=rankings.compare_departments,
              continues=False),
    # from the narrative
    Operation(name="definition", calls=_define, compose=text.definition, continues=False,
              from_text=True),
    Operation(name="reason", calls=_reason, compose=text.reason, continues=False,
              from_text=True, own_refusals=True),
    Operation(name="units", calls=_units, compose=text.units, continues=False,
              from_text=True, own_refusals=True),
    # the documents, asking back, refusing, helping
    Operation(name="list_documents", calls=_documents, compose=documents.list_documents,
              continues=False, own_refusals=True),
    Operation(name="audit", calls=_audit, compose=documents.audit, continues=False,
              one_document=True),
    Operation(name="tally", calls=_check_sum, compose=figures.tallied, continues=False,
              one_document=True),
    Operation(name="ambiguous", calls=_candidates, compose=documents.ambiguous, continues=False,
              own_refusals=True),
    Operation(name="need_department", calls=_all_documents, compose=documents.need_department,
              continues=False, own_refusals=True),
    Operation(name="undisclosed", calls=_disclosed, compose=documents.undisclosed,
              continues=False),
    Operation(name="filed", calls=_nothing, compose=documents.filed, continues=False,
              own_refusals=True),
    Operation(name="offer", calls=_disclosed, compose=documents.offer, continues=False),
    Operation(name="help", calls=_nothing, compose=documents.help_text, continues=False),
    # a question of several parts, each answered in turn
    Operation(name="parts", calls=_parts, compose=_compose_parts, continues=False,
              own_refusals=True),
)
# fmt: on

CONTINUED = frozenset(name for name, op in OPERATIONS.items() if op.continues)
FROM_TEXT = frozenset(name for name, op in OPERATIONS.items() if op.from_text)
ONE_DOCUMENT = frozenset(name for name, op in OPERATIONS.items() if op.continues or op.one_document)


def operation(plan: Plan) -> Operation:
    return OPERATIONS[plan.intent]


_EXAMPLE = Plan(
    intent="value",
    query="为什么三公经费比上年减少",
    metric=MetricSlot("三公经费"),
    metrics=[MetricSlot("人员经费"), MetricSlot("公用经费")],
    whole=MetricSlot("本年支出合计"),
    per=MetricSlot("车辆数"),
    department=Department("示例市示范区政务服务中心", "示例市示范区", "部门", "示范区服务站"),
    period=Period(2018, "决算"),
    base=Period(2017),
    compared=[Compared(Department("甲局"), 2018), Compared(Department("乙局"), 2017)],
    candidates=["甲局", "乙局"],
    unknown_department="丙局",
    project="清障车保障经费",
    measure="辆",
)
"""A plan with every slot filled, on which each operation's calls are checked."""


def check(operations: dict[str, Operation]) -> None:
    """Every operation declared, every worded operation among them, and each one's calls going
    to tools that exist with arguments they take; raises naming what is missing."""
    declared = set(get_args(Intent))
    if declared != set(operations):
        raise TypeError(f"operations not declared once: {declared ^ set(operations)}")
    worded = {name for name, _ in planner_vocabulary()["operations"]}
    if worded - set(operations):
        raise KeyError(f"prompts/planner.yaml words unknown operations: {worded - set(operations)}")
    for op in operations.values():
        for c in op.calls(replace(_EXAMPLE, intent=op.name)):
            if c.name not in TOOLS:
                raise KeyError(f"{op.name} calls {c.name}, which is not a tool")
            taken = set(inspect.signature(getattr(Tools, c.name)).parameters) - {"self"}
            if set(c.args) - taken:
                raise TypeError(f"{op.name} calls {c.name} with {set(c.args) - taken}")


check(OPERATIONS)
