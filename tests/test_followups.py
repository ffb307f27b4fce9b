"""Follow-up questions (service/followups.py): drawn from the plan and from what the document
discloses, each read by the planner as the plan it stands for and answered from the documents
when the visitor asks it in the conversation."""

import pytest

from caiwen.service.plan import Scope
from tests.support import Ingested

SAMPLE = Scope("示范区政务服务中心", 2018)


def follow_ups(sample: Ingested, question: str) -> tuple[str, list[str]]:
    """The session of the question's answer, and the follow-ups offered after it."""
    answer = sample.engine.ask(question, SAMPLE)
    return answer.session_id, sample.engine.follow_ups(answer.session_id)


def test_a_total_offers_its_parts_last_year_and_its_budget(sample: Ingested):
    assert follow_ups(sample, "三公经费是多少")[1] == [
        "三公经费由哪些构成？",
        "三公经费比上年变化多少？",
        "三公经费预算执行了多少？",
    ]


def test_a_change_offers_its_parts_and_its_budget(sample: Ingested):
    assert follow_ups(sample, "三公经费比上年变化多少")[1] == [
        "三公经费由哪些构成？",
        "三公经费预算执行了多少？",
    ]


@pytest.mark.parametrize(
    "question", ["三公经费是多少", "招待费花了多少", "支出由哪些构成", "基本支出比上年变化多少"]
)
def test_every_follow_up_is_read_as_its_plan_and_answered(sample: Ingested, question: str):
    session, offered = follow_ups(sample, question)
    assert offered
    first = sample.engine.sessions.turns(session)[-1]["plan"]
    for follow_up in offered:
        again = sample.engine.ask(follow_up, Scope(), session)
        assert not again.refused and again.values, (follow_up, again.answer)
        assert all(v.department == "示例市示范区政务服务中心" for v in again.values)
        read = sample.engine.sessions.turns(session)[-1]["plan"]
        assert read["metric"] == first["metric"] and read["intent"] != first["intent"]
        first = read


def test_nothing_is_offered_after_a_refusal_or_in_a_new_session(sample: Ingested):
    assert follow_ups(sample, "局长的工资是多少")[1] == []
    assert sample.engine.follow_ups("a-session-never-seen") == []
