"""The chat engine on the generated samples (runs on any machine): the contract of the answer
object, follow-ups, refusals, and the planner's reading of questions."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caiwen.service.answer import Answer
from caiwen.service.engine import QuestionError
from caiwen.service.planner import Scope
from tests.support import Ingested

DEPT = "示例市示范区政务服务中心"
HERE = Scope("示范区政务服务中心", 2018)
CONTRACT = [
    "answer",
    "refused",
    "session_id",
    "planner",
    "values",
    "citations",
    "tool_calls",
    "warnings",
    "chart",
]


def ask(sample: Ingested, question: str, scope: Scope = HERE, session: str | None = None) -> Answer:
    return sample.engine.ask(question, scope, session)


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("三公经费比上年变化多少", ["3.86", "0.50", "11.47", "4.36"]),
        ("招待费花了多少", ["0.93"]),
        ("三公经费预算执行率", ["49.49"]),
        ("三公经费包括哪些", ["2.93", "0.93"]),
        ("基本支出占比", ["25.53"]),
        ("有几辆公车", ["1"]),
        ("政府采购多少", ["180.44"]),
        ("公务接待多少人次", ["200"]),
        ("人员经费和公用经费分别是多少", ["81.51", "21.42"]),
        ("2017年三公经费", ["4.36"]),
        ("行政运行", ["102.93"]),
    ],
)
def test_questions_on_the_2018_sample(sample: Ingested, question: str, figures: list[str]) -> None:
    answer = ask(sample, question)
    assert not answer.refused, answer.answer
    for figure in figures:
        assert figure in answer.answer, (figure, answer.answer)
    assert answer.citations and all(f"[{c.n}]" in answer.answer for c in answer.citations)


def test_the_answer_object_contract(sample: Ingested) -> None:
    answer = ask(sample, "三公经费比上年变化多少")
    data = json.loads(answer.model_dump_json())
    assert list(data) == CONTRACT
    assert data["planner"] == "rules" and data["refused"] is False
    assert {
        "name",
        "value",
        "unit",
        "department",
        "year",
        "kind",
        "basis",
        "role",
        "metric",
        "part_of",
        "level",
        "region",
        "rank",
        "printed",
        "citations",
    } == set(data["values"][0])
    assert {
        "n",
        "document_id",
        "file",
        "department",
        "year",
        "kind",
        "page",
        "section",
        "table",
        "quote",
        "places",
        "ocr_confidence",
    } == set(data["citations"][0])
    assert data["tool_calls"][0] == {
        "name": "compare_years",
        "args": {"metric": "三公经费", "department": DEPT, "year": 2018},
    }
    assert {3.86, -0.5, -11.47} <= {v["value"] for v in data["values"]}


def test_values_say_what_they_are(sample: Ingested) -> None:
    """What the widget's charts and the bots read: each value's role and what it is of, never
    its name or its place."""
    yoy = ask(sample, "三公经费比上年变化多少").values
    main = {v.role: (v.value, v.year) for v in yoy if v.metric == "三公经费" and not v.part_of}
    assert main == {
        "current": (3.86, 2018),
        "base": (4.36, 2017),
        "change": (-0.5, 2018),
        "rate": (-11.47, 2018),
    }
    parts = {(v.metric, v.role): v.value for v in yoy if v.part_of == "三公经费"}
    assert parts[("公务接待费", "current")] == 0.93
    assert {v.region for v in yoy} == {"示例市示范区"} and {v.level for v in yoy} == {"部门"}
    breakdown = ask(sample, "基本支出由哪些构成").values
    whole = next(v for v in breakdown if v.role == "whole")
    shares = {v.metric: v.value for v in breakdown if v.role == "share"}
    assert (whole.metric, whole.value) == ("基本支出", 102.93)
    assert {v.metric for v in breakdown if v.role == "part"} >= {"人员经费", "公用经费"}
    assert shares["人员经费"] == 79.19


def test_follow_ups_in_a_session(sample: Ingested) -> None:
    first = ask(sample, "三公经费比上年变化多少")
    second = ask(sample, "那公务接待费呢？", Scope(), first.session_id)
    assert second.session_id == first.session_id
    assert "0.93" in second.answer and "0.13" in second.answer
    third = ask(sample, "2017年呢？", Scope(), first.session_id)
    assert "1.06" in third.answer
    other = ask(sample, "那城市管理局呢？", Scope(), first.session_id)
    assert "示例市示范区城市管理局" in other.answer


def test_a_department_named_loosely_is_answered_not_helped(sample: Ingested) -> None:
    """“政务中心” is no ingested name, so the planner first reads it as an unknown department;
    the tool then resolves it (示例市示范区政务服务中心). The answer is the figure, not the help
    text that an intent without a composer used to fall back to."""
    answer = ask(sample, "政务中心的三公经费是多少", Scope())
    assert not answer.refused and "3.86" in answer.answer
    assert "示例市示范区政务服务中心" in answer.answer and answer.citations
    assert [v.role for v in answer.values][:1] == ["figure"]


def test_a_new_session_forgets(sample: Ingested) -> None:
    ask(sample, "三公经费比上年变化多少")
    alone = ask(sample, "那公务接待费呢？", Scope())
    assert "哪个部门" in alone.answer


def test_refusals(sample: Ingested) -> None:
    future = ask(sample, "2025年的三公经费是多少")
    assert future.refused and "没有收录" in future.answer and "2018年决算" in future.answer
    person = ask(sample, "主任一个月工资多少")
    assert person.refused and "不公开个人" in person.answer
    nobody = ask(sample, "教育局的三公经费", Scope())
    assert nobody.refused and "教育局" in nobody.answer


def test_too_long_a_question_is_rejected(sample: Ingested) -> None:
    with pytest.raises(QuestionError, match="问题太长"):
        ask(sample, "三公" * 5000)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=500))
def test_any_text_gets_a_valid_answer_object(sample: Ingested, text: str) -> None:
    answer = ask(sample, text)
    sent = answer.model_dump_json()
    assert Answer.model_validate_json(sent).model_dump_json() == sent
    assert isinstance(answer.answer, str) and answer.answer


def test_cli_ask_json(sample: Ingested) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "caiwen",
            "ask",
            "招待费花了多少",
            "--department",
            "示范区政务服务中心",
            "--year",
            "2018",
            "--data",
            str(sample.data),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_environment(sample),
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == CONTRACT and "0.93" in data["answer"]
    follow = subprocess.run(
        [
            sys.executable,
            "-m",
            "caiwen",
            "ask",
            "那公车呢",
            "--session",
            data["session_id"],
            "--data",
            str(sample.data),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_environment(sample),
    )
    assert "2.93" in json.loads(follow.stdout)["answer"]


def cli_environment(ingested: Ingested) -> dict[str, str]:
    """The environment a `caiwen` command needs to find the store (its PostgreSQL database)."""
    return os.environ | ({"CAIWEN_DATABASE_URL": ingested.url} if ingested.url else {})


def test_cli_rejects_a_too_long_question(sample: Ingested, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "caiwen", "ask", "问" * 600, "--data", str(sample.data)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "问题太长" in done.stderr
