"""The questions worth asking after an answer, drawn from the plan and from what the
documents disclose: the parts of a total just given, its change from last year, its budget's
execution, the same figure at the department's other level.

Each candidate is asked as the visitor would ask it, in the conversation (planned with this
answer's plan as the previous turn), and is offered only when the planner reads it as the
operation it stands for, about the same department, and the tools answer it from the
documents; so a suggestion never leads to a refusal. The wording is in prompts/answers.yaml
(``follow_ups``)."""

from collections.abc import Callable
from dataclasses import dataclass

from caiwen.service.plan import Plan, Scope
from caiwen.service.planner import Planner
from caiwen.service.templates import templates


@dataclass(frozen=True)
class Candidate:
    question: str
    intent: str
    level: str | None = None
    """The department's level the question asks for (the other level's candidate)."""


Answers = Callable[[Plan], bool]
"""Whether the tools answer a plan from the documents (no refusal)."""


def follow_ups(plan: Plan, scope: Scope, planner: Planner, answers: Answers) -> list[str]:
    """Up to ``follow_ups.shown`` questions the documents answer, in the order the answer's
    operation lists them."""
    t = templates()["follow_ups"]
    offered: list[str] = []
    for candidate in _candidates(plan):
        if len(offered) == t["shown"]:
            break
        asked = planner.plan(candidate.question, scope, plan)
        if _means(asked, candidate, plan) and answers(asked):
            offered.append(candidate.question)
    return offered


def _candidates(plan: Plan) -> list[Candidate]:
    t = templates()["follow_ups"]
    if plan.metric is None or plan.department is None or plan.parts:
        return []
    fields = {"metric": plan.metric.name, "level": plan.other_level or ""}
    candidates = []
    for key in t["after"].get(plan.intent, []):
        wording = t["questions"][key]
        if key == "other_level" and plan.other_level is None:
            continue
        level = plan.other_level if key == "other_level" else None
        candidates.append(Candidate(wording["ask"].format(**fields), wording["intent"], level))
    return candidates


def _means(asked: Plan, candidate: Candidate, plan: Plan) -> bool:
    """The candidate is read as its operation, of the answer's department and metric."""
    department = asked.department
    return (
        asked.intent == candidate.intent
        and department is not None
        and plan.department is not None
        and department.name == plan.department.name
        and (candidate.level is None or department.level == candidate.level)
        and asked.metric_name == plan.metric_name
    )
