"""question + scope + the previous turn → a plan: what to compute, for whom, and the tool
calls that compute it. Deterministic: no model, no network."""

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from caiwen.domain.catalogue import Catalogue
from caiwen.service.departments import match_departments
from caiwen.service.understand import Question, Reader, text_topic

TEXT_INTENTS = {"reason", "definition"}
"""Intents answered from the narrative: a name they mention that is not a department (社区公共
服务中心新建工程) is what the text is about."""
CONTINUED_INTENTS = {
    "value",
    "yoy",
    "share",
    "budget_vs_actual",
    "breakdown",
    "count",
    "prior_year",
    "several",
}


@dataclass
class Scope:
    """What the asker is looking at (the widget's department and year, CLI flags)."""

    department: str | None = None
    year: int | None = None
    kind: str | None = None


@dataclass
class Plan:
    intent: str
    query: str = ""
    metric: str | None = None
    metrics: list[str] = field(default_factory=list)
    """Several metrics asked together (“人员经费和公用经费分别是多少”)."""
    whole: str | None = None
    department: str | None = None
    departments: list[str] = field(default_factory=list)
    years: list[int | None] = field(default_factory=list)
    """Each compared department's own year, when the question gives them different years."""
    candidates: list[str] = field(default_factory=list)
    unknown_department: str | None = None
    year: int | None = None
    base_year: int | None = None
    kind: str | None = None
    order: str = "desc"
    top_n: int = 10

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def tool_calls(self) -> list[dict[str, Any]]:
        """The tool calls that answer this plan (none for help or an ask-back)."""
        make = _CALLS.get(self.intent)
        calls = make(self) if make else []
        return [
            {"name": name, "args": {k: v for k, v in args.items() if v is not None}}
            for name, args in calls
        ]


def _one(plan: Plan) -> dict[str, Any]:
    return {"metric": plan.metric, "department": plan.department, "year": plan.year}


_CALLS = {
    "value": lambda p: [("get_metric", {**_one(p), "kind": p.kind})],
    "count": lambda p: [("get_metric", {**_one(p), "kind": p.kind})],
    "yoy": lambda p: [("compare_years", {**_one(p), "base_year": p.base_year})],
    "share": lambda p: [
        ("share", {"part": p.metric, "whole": p.whole, "department": p.department, "year": p.year})
    ],
    "budget_vs_actual": lambda p: [("budget_vs_actual", _one(p))],
    "breakdown": lambda p: [("breakdown", _one(p))],
    "rank_within": lambda p: [("breakdown", _one(p))],
    "prior_year": lambda p: [("compare_years", {**_one(p), "base_year": p.base_year})],
    "rank": lambda p: [
        (
            "rank_departments",
            {
                "metric": p.metric,
                "year": p.year,
                "kind": p.kind,
                "order": p.order,
                "top_n": p.top_n,
            },
        )
    ],
    "compare_departments": lambda p: [
        (
            "compare_departments",
            {
                "metric": p.metric,
                "departments": p.departments,
                "year": p.year,
                "years": p.years or None,
            },
        )
    ],
    "several": lambda p: [
        ("get_metric", {**_one(p), "metric": m, "kind": p.kind}) for m in p.metrics
    ],
    "definition": lambda p: [("define_term", {"term": p.metric, "department": p.department})],
    "reason": lambda p: [
        (
            "search_text",
            {
                "query": _reason_query(p),
                "department": p.department,
                "year": p.year,
                "kind": p.kind,
            },
        ),
        *([("compare_years", _one(p))] if p.metric and p.department else []),
    ],
    "list_documents": lambda p: [("find_documents", {"department": p.department, "year": p.year})],
    "audit": lambda p: [
        ("audit_document", {"department": p.department, "year": p.year, "kind": p.kind})
    ],
    "ambiguous": lambda p: [("find_documents", {"department": p.unknown_department})],
    "undisclosed": lambda p: (
        [("list_metrics", {"department": p.department, "year": p.year})] if p.department else []
    ),
    "need_department": lambda p: [("find_documents", {})],
    "unknown_department": lambda p: [
        (
            "get_metric",
            {
                "metric": p.metric or "本年支出合计",
                "department": p.unknown_department,
                "year": p.year,
            },
        )
    ],
}


class Planner:
    def __init__(self, catalogue: Catalogue, departments: list[str], years: dict[str, list[int]]):
        self.catalogue = catalogue
        self.departments = departments
        self.reader = Reader(catalogue, departments)
        self.years = years
        """Each ingested department → the years it has disclosures for."""

    def plan(self, question: str, scope: Scope, previous: Plan | None = None) -> Plan:
        q = self.reader.read(question)
        vocab = self.reader.vocab
        if re.search(vocab.get("undisclosed", "$^"), q.text):
            return Plan(
                "undisclosed", query=question, department=self._department(q, scope, previous)
            )
        ambiguous = next((i for i, m in enumerate(q.departments) if len(m) > 1), None)
        if ambiguous is not None:
            return Plan(
                "ambiguous",
                query=question,
                candidates=q.departments[ambiguous],
                unknown_department=q.mentions[ambiguous],
            )
        plan = Plan(self._intent(q, previous), query=q.residue or question)
        plan.department = self._department(q, scope, previous)
        plan.departments = [m[0] for m in q.departments]
        if plan.intent == "compare_departments":
            self._pair_years(plan, q)
        plan.unknown_department = q.unknown_department
        self._metric(plan, q, previous)
        self._when(plan, q, scope, previous)
        return self._settle(plan, q)

    def _intent(self, q: Question, previous: Plan | None) -> str:
        op = q.operation
        if len(q.departments) >= 2 and op in (None, "rank", "count", "yoy", "breakdown"):
            return "compare_departments"
        if (
            op == "rank"
            and re.search(self.reader.vocab["rank_within"], q.text)
            and not re.search("部门|单位", q.residue)
        ):
            return "rank_within"
        if (
            op is None
            and previous
            and (q.followup or not q.metrics)
            and previous.intent in CONTINUED_INTENTS
        ):
            another_year = q.year is not None or q.relative_year is not None
            return "value" if previous.intent == "yoy" and another_year else previous.intent
        return op or "value"

    def _pair_years(self, plan: Plan, q: Question) -> None:
        """Give each compared department the year written next to it (城管局2024年、政务服务
        中心2018年): after it, or before it when the question starts with a year; a department
        named with two years is compared in both."""
        marks = sorted([(at, "d", i) for at, i in q.places] + [(at, "y", y) for at, y in q.years])
        if len({y for _, y in q.years}) < 2:
            return
        forward = marks[0][1] == "y"
        pairs: list[tuple[int, int | None]] = []
        waiting: list[int] = []
        last: int | None = None
        for _, what, item in marks:
            if what == "d":
                pairs += [(item, y) for y in waiting]
                waiting, last = [], item
            elif forward or last is None:
                waiting.append(item)
            else:
                pairs.append((last, item))
        paired = {i for i, _ in pairs}
        pairs += [(i, None) for i in range(len(q.departments)) if i not in paired]
        pairs = list(dict.fromkeys(pairs))
        plan.departments = [q.departments[i][0] for i, _ in pairs]
        plan.years = [y for _, y in pairs]

    def _department(self, q: Question, scope: Scope, previous: Plan | None) -> str | None:
        named = [m[0] for m in q.departments if len(m) == 1]
        if named:
            return named[0]
        if previous and previous.department:
            return previous.department
        if scope.department:
            found = match_departments(scope.department, self.departments)
            return found[0] if len(found) == 1 else scope.department
        return None

    def _metric(self, plan: Plan, q: Question, previous: Plan | None) -> None:
        metrics = self._qualified(self._distinct(q.metrics))
        counted = self.reader.count_metrics(q.text)
        if len(counted) > 1 and plan.intent in ("count", "value", "breakdown"):
            plan.intent, plan.metrics, plan.metric = "several", counted, counted[0]
            return
        if plan.intent == "count":
            plan.metric = counted[0] if counted else (metrics[0] if metrics else None)
        elif metrics:
            plan.metric = metrics[0]
        elif plan.intent == "compare_departments" and counted:
            plan.metric = counted[0]
        elif (previous and (q.followup or q.pronoun or not q.text.strip("?？。"))) or (
            previous and plan.intent in CONTINUED_INTENTS | {"reason"}
        ):
            plan.metric = previous.metric if previous else None
            if plan.intent == "several" and previous:
                plan.metrics = previous.metrics
        if plan.intent in ("value", "breakdown") and len(metrics) > 1:
            plan.intent, plan.metrics = "several", metrics
        if plan.intent == "share":
            self._part_and_whole(plan, q, metrics)
        if plan.intent in ("rank_within", "breakdown") and self._by_class(plan, q):
            plan.metric = self.reader.vocab["class_metric"]
        if plan.intent in ("rank", "rank_within") and not plan.metric:
            plan.metric = self.reader.vocab["default_rank_metric"]
        if plan.intent == "budget_vs_actual" and not plan.metric:
            plan.metric = (
                self._named_phrase(q, "budget_words") or self.reader.vocab["default_budget_metric"]
            )
        if (
            plan.intent == "reason"
            and not plan.metric
            and re.search(self.reader.vocab["change_words"], q.text)
        ):
            plan.metric = self.reader.vocab["default_reason_metric"]
        if plan.intent == "definition":
            plan.metric = _definition_term(q.residue, self.reader.vocab) or plan.metric

    def _by_class(self, plan: Plan, q: Question) -> bool:
        """A question about the 功能分类 类 naming no metric of its own (“哪一类功能支出最多”)."""
        vocab = self.reader.vocab
        if not re.search(vocab["by_class"], q.text):
            return False
        named = self.catalogue.resolve(plan.metric).metrics if plan.metric else []
        return not named or named[0].id in vocab["class_totals"]

    def _qualified(self, names: list[str]) -> list[str]:
        """A subject named under its parent is that one child: 城乡社区管理事务的行政运行 →
        2120101 (行政运行 alone is a line of many 款)."""
        if len(names) < 2:
            return names
        parents = [m.code for m in self.catalogue.resolve(names[0]).metrics if m.code]
        children = {
            m.code
            for m in self.catalogue.resolve(names[1]).metrics
            if m.code and any(m.code != p and m.code.startswith(p) for p in parents)
        }
        return [children.pop(), *names[2:]] if len(children) == 1 else names

    def _distinct(self, names: list[str]) -> list[str]:
        """The names that resolve to a metric, one name per metric (三公经费预算表 … 三公经费)."""
        seen: dict[tuple[tuple[str, str | None], ...], str] = {}
        for name in names:
            key = tuple((m.id, m.code) for m in self.catalogue.resolve(name).metrics)
            if key and key not in seen:
                seen[key] = name
        return list(seen.values())

    def _part_and_whole(self, plan: Plan, q: Question, metrics: list[str]) -> None:
        """Which named metric is the part and which the whole: the one followed by 里/中
        (“三公经费中公务用车费占比”, “招待费在三公里占多少”) is the whole, else the one after 占
        (“工资占基本支出多少”); with one name, the whole is where that metric belongs."""
        named = [(at, m) for at, m in q.named if m in metrics]
        if len(named) < 2:
            named = [(at, m) for at, m in q.named if self.catalogue.resolve(m).metrics]
        if len(named) < 2:
            plan.whole = self._whole_of(plan.metric)
            return
        (first_at, first), (_, second) = named[:2]
        inside = re.compile(self.reader.vocab["share_inside"])
        if inside.match(q.text, first_at + len(first)):
            plan.metric, plan.whole = second, first
        else:
            plan.metric, plan.whole = first, second

    def _unknown_metric(self, q: Question) -> tuple[str, str | None]:
        """An amount asked for by a name the catalogue does not know: ask the tools (they say
        so, with the closest names); anything else gets the help text."""
        phrase = self._named_phrase(q)
        if phrase and re.search(self.reader.vocab["asks_amount"], q.text):
            return "value", phrase
        return "help", None

    def _named_phrase(self, q: Question, *noise: str) -> str:
        """What the question names, once the question words (and these other words) are gone:
        a project (门户网站运行维护费) or a name the catalogue does not know."""
        vocab = self.reader.vocab
        text = re.sub(vocab["question_words"], "", q.residue)
        for words in noise:
            text = re.sub(vocab[words], "", text)
        return text.strip("　 的")

    def _whole_of(self, metric: str | None) -> str:
        vocab = self.reader.vocab
        resolved = self.catalogue.resolve(metric).metrics if metric else []
        if not resolved:
            return vocab["share_whole_default"]
        parents = [m.id for m in self.catalogue.metrics.values() if resolved[0].id in m.parts]
        if parents:
            return parents[0]
        return (
            vocab["income_whole"]
            if resolved[0].id in vocab["income_metrics"]
            else vocab["share_whole_default"]
        )

    def _when(self, plan: Plan, q: Question, scope: Scope, previous: Plan | None) -> None:
        """The year and kind: written, else carried from the previous question about the same
        department, else the scope's (when the question stays in the scope's department), else
        the latest; 去年/今年 count from that; a second year is the comparison base."""
        same_department = previous is not None and previous.department == plan.department
        in_scope = not scope.department or plan.department in match_departments(
            scope.department, self.departments
        )
        year = q.year or (scope.year if in_scope else None)
        if q.year is None and previous and same_department:
            year = previous.year or year
        latest = max(self.years.get(plan.department or "", []), default=None)
        anchor = (scope.year if in_scope else None) or latest
        if q.relative_year is not None and anchor:
            year = anchor + q.relative_year
        plan.year = year
        plan.kind = (
            q.kind
            or (previous.kind if previous and same_department else None)
            or (scope.kind if in_scope else None)
        )
        plan.order, plan.top_n = q.order, q.top_n or 10
        plan.base_year = q.base_year
        if q.relative_base is not None and anchor:
            plan.base_year = anchor + q.relative_base
        if plan.intent == "rank" and plan.year is None:
            plan.year = _busiest_year(self.years)
        elif plan.year is None and plan.intent != "list_documents":
            plan.year = max(self.years.get(plan.department or "", []), default=None)
        have = self.years.get(plan.department or "", [])
        if (
            plan.intent in ("value", "count")
            and plan.year
            and plan.year not in have
            and plan.year + 1 in have
        ):
            plan.intent, plan.base_year, plan.year = "prior_year", plan.year, plan.year + 1

    def _settle(self, plan: Plan, q: Question) -> Plan:
        """Questions that cannot go to the tools as they stand."""
        if (
            plan.unknown_department
            and not q.departments
            and not (plan.intent in TEXT_INTENTS and plan.department)
        ):
            plan.intent = "unknown_department"
        elif plan.intent == "compare_departments" and len(plan.departments) < 2:
            plan.intent = "value"
        elif plan.intent in CONTINUED_INTENTS and not plan.metric:
            plan.intent, plan.metric = self._unknown_metric(q)
        elif plan.intent in CONTINUED_INTENTS | {"audit"} and not plan.department:
            plan.intent = "need_department"
        return plan


def _reason_query(plan: Plan) -> str:
    """The question, with the metric it is about when it does not name it (“为什么减少了？”
    after a question about 公务接待费), or the title of the section a question about the units
    or duties is answered by."""
    topic = text_topic(plan.query)
    if topic:
        return f"{plan.query} {topic.replace('|', ' ')}"
    if plan.metric and plan.metric not in plan.query:
        return f"{plan.query} {plan.metric}"
    return plan.query


def _definition_term(text: str, vocab: dict[str, Any]) -> str:
    """The term a definition question asks about, as written (项目支出预算, not 项目支出)."""
    return re.sub(vocab["definition_noise"], "", text).strip("　 ")


def _busiest_year(years: dict[str, list[int]]) -> int | None:
    counts: dict[int, int] = {}
    for values in years.values():
        for year in set(values):
            counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None
