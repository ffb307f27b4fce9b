"""The questions worth asking after an answer, drawn from the plan and from what the
documents disclose: the parts of a total just given, its change from last year, its budget's
execution, the same figure at the department's other level.

Each candidate stands for a plan derived from the answer's (its operation, or the other
level), and is offered only when the tools answer that plan from the documents, so a
suggestion never leads to a refusal. Deriving the plan instead of planning the candidate's
words keeps the cost to the tools alone (planning each candidate made an answer 8× slower;
DEVELOPERS.md); tests/test_followups.py asks every offered question in the conversation to
check that the planner reads the words as the plan they stand for. The wording is in
prompts/answers.yaml (``follow_ups``)."""

from collections.abc import Callable
from dataclasses import replace

from caiwen.service.plan import Plan
from caiwen.service.templates import templates

Answers = Callable[[Plan], bool]
"""Whether the tools answer a plan from the documents (every result ok)."""


def follow_ups(plan: Plan, answers: Answers) -> list[str]:
    """Up to ``follow_ups.shown`` questions the documents answer, in the order the answer's
    operation lists them."""
    t = templates()["follow_ups"]
    offered: list[str] = []
    for question, candidate in _candidates(plan):
        if len(offered) == t["shown"]:
            break
        if answers(candidate):
            offered.append(question)
    return offered


def _candidates(plan: Plan) -> list[tuple[str, Plan]]:
    """Each follow-up's words and the plan they stand for."""
    t = templates()["follow_ups"]
    if plan.metric is None or plan.department is None or plan.parts:
        return []
    fields = {"metric": plan.metric.name, "level": plan.other_level or ""}
    candidates = []
    for key in t["after"].get(plan.intent, []):
        wording = t["questions"][key]
        question = wording["ask"].format(**fields)
        derived = replace(plan, intent=wording["intent"], query=question, base=None)
        if key == "other_level":
            if plan.other_level is None:
                continue
            level = replace(plan.department, level=plan.other_level)
            derived = replace(derived, department=level, other_level=None)
        candidates.append((question, derived))
    return candidates
