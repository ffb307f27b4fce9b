"""Follow-up questions (service/followups.py): drawn from the plan and from what the document
discloses, each answered from the documents when the visitor asks it in the conversation."""

import pytest

from caiwen.service.plan import Scope
from tests.support import Ingested

SAMPLE = Scope("示范区政务服务中心", 2018)


def test_a_total_offers_its_parts_last_year_and_its_budget(sample: Ingested):
    answer = sample.engine.ask("三公经费是多少", SAMPLE)
    assert answer.follow_ups == [
        "三公经费由哪些构成？",
        "三公经费比上年变化多少？",
        "三公经费预算执行了多少？",
    ]


def test_a_change_offers_its_stated_reason_first(sample: Ingested):
    answer = sample.engine.ask("三公经费比上年变化多少", SAMPLE)
    assert answer.follow_ups[0] == "三公经费为什么变化？"


@pytest.mark.parametrize(
    "question", ["三公经费是多少", "招待费花了多少", "支出由哪些构成", "基本支出比上年变化多少"]
)
def test_every_follow_up_is_answered_in_the_conversation(sample: Ingested, question: str):
    first = sample.engine.ask(question, SAMPLE)
    assert first.follow_ups, first.answer
    for follow_up in first.follow_ups:
        again = sample.engine.ask(follow_up, Scope(), first.session_id)
        assert not again.refused and again.values, (follow_up, again.answer)
        assert all(v.department == "示例市示范区政务服务中心" for v in again.values)


def test_a_refusal_offers_nothing(sample: Ingested):
    assert sample.engine.ask("局长的工资是多少", SAMPLE).follow_ups == []
