"""Question → plan for every operation, apart from the end-to-end eval: the rules planner
reads each question of tests/plans.yaml (with its scope and the question before it) into the
plan written there, and the intent registry turns that plan into the tools it names."""

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from caiwen.domain.catalogue import catalogue
from caiwen.ingest.stored import StoredDocument
from caiwen.service.intents import OPERATIONS, check, operation
from caiwen.service.plan import Department, Intent, Period, Plan
from caiwen.service.planner import Planner, Scope
from caiwen.service.targets import TargetLine

TABLE = yaml.safe_load((Path(__file__).with_name("plans.yaml")).read_text())
ROWS = TABLE["plans"]


@pytest.fixture(scope="module")
def planner() -> Planner:
    documents = []
    for i, (dep, region, year, kind, *filed) in enumerate(TABLE["documents"]):
        file, level = filed or (f"{i}.pdf", "部门")  # a file named after another body
        documents.append(
            StoredDocument(f"d{i}", dep, region, year, kind, level, False, file, "pdf", "", 1)
        )
    return Planner(catalogue(), documents, targets=_targets)


def _targets(department: Department, period: Period) -> list[TargetLine]:
    """The targets tests/plans.yaml says a department's forms set."""
    return [
        TargetLine(words, project, f"{number}{unit}", Decimal(number), unit, None)
        for project, words, number, unit in TABLE["targets"].get(department.name, [])
    ]


def slots(plan: Plan) -> dict[str, Any]:
    """The plan as the table writes it."""
    return {
        "intent": plan.intent,
        "metric": plan.metric_name,
        "metrics": [m.name for m in plan.metrics],
        "whole": plan.whole.name if plan.whole else None,
        "per": plan.per.name if plan.per else None,
        "department": plan.department_name,
        "region": plan.department.region if plan.department else None,
        "year": plan.period.year,
        "kind": plan.period.kind,
        "base_year": plan.base.year if plan.base else None,
        "compared": [[c.department.name, c.year] for c in plan.compared],
        "candidates": plan.candidates,
        "unknown_department": plan.unknown_department,
        "order": plan.order,
        "top_n": plan.top_n,
        "within": plan.region,
        "quoted": plan.quoted,
        "fund": plan.metric.fund if plan.metric else None,
        "columns": [m.column for m in plan.metrics or [plan.metric] if m and m.column],
        "deepest": plan.deepest,
        "leaves": plan.leaves,
    }


@pytest.mark.parametrize("row", ROWS, ids=[r["question"] for r in ROWS])
def test_a_question_becomes_its_plan(planner: Planner, row: dict[str, Any]) -> None:
    scope = Scope(**row.get("scope", TABLE["default_scope"]))
    before = row.get("after")
    previous = planner.plan(before, Scope(**TABLE["default_scope"])) if before else None
    plan = planner.plan(row["question"], scope, previous)
    found = slots(plan)
    assert {key: found[key] for key in row["plan"]} == row["plan"]
    assert [c.name for c in operation(plan).calls(plan)] == row["calls"]
    assert Plan.from_dict(plan.to_dict()) == plan


def test_every_operation_has_a_question() -> None:
    assert {row["plan"]["intent"] for row in ROWS} == set(get_args(Intent))


def test_a_missing_piece_of_the_registry_is_an_error() -> None:
    """An intent without its operation (the composer that once fell back to the help text),
    or a call to a tool with an argument it does not take, fails the import-time check."""
    without = {name: op for name, op in OPERATIONS.items() if name != "unknown_department"}
    with pytest.raises(TypeError, match="unknown_department"):
        check(without)
    value = OPERATIONS["value"]
    wrong = replace(
        value, calls=lambda p: [c.model_copy(update={"args": {"when": 1}}) for c in value.calls(p)]
    )
    with pytest.raises(TypeError, match="when"):
        check(OPERATIONS | {"value": wrong})
