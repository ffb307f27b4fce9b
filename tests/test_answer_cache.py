"""Answers kept for questions asked again (service/answer_cache.py): the same question, scope
and previous turn over the same store give the kept answer in the asker's own session; a
follow-up is kept apart by the turn it follows, and any ingest makes kept answers stale."""

from pathlib import Path

from caiwen.service.answer_cache import Key, cache_key
from caiwen.service.engine import Engine
from caiwen.service.plan import Scope
from tests.support import Ingested

CENTRE = Scope("示范区政务服务中心", 2018)
DECISIONS = "示例市示范区政务服务中心{}年度部门决算.pdf"


def test_a_question_asked_again_gets_the_kept_answer_in_its_own_session(sample: Ingested):
    engine = sample.engine
    first = engine.ask("招待费花了多少", CENTRE)
    again = engine.ask("招待费花了多少", CENTRE)
    assert again.session_id != first.session_id
    assert again.model_dump(exclude={"session_id"}) == first.model_dump(exclude={"session_id"})
    assert engine.kept.get(_key(engine, "招待费花了多少", CENTRE, None)) is not None
    kept_plan = engine.sessions.turns(again.session_id)[-1]["plan"]
    assert kept_plan == engine.sessions.turns(first.session_id)[-1]["plan"]


def test_a_follow_up_is_answered_from_the_turn_it_follows(sample: Ingested):
    engine = sample.engine
    fees = engine.ask("三公经费是多少", CENTRE).session_id
    hosting = engine.ask("招待费花了多少", CENTRE).session_id
    after_fees = engine.ask("那2017年呢", Scope(), fees)
    after_hosting = engine.ask("那2017年呢", Scope(), hosting)
    assert {v.metric for v in after_fees.values} != {v.metric for v in after_hosting.values}
    assert after_fees.values == engine.ask("三公经费是多少", Scope(CENTRE.department, 2017)).values


def test_an_ingest_leaves_no_kept_answer_in_use(samples: Path, tmp_path: Path):
    store = Ingested.run(tmp_path, samples / DECISIONS.format(2017))
    question = "政务服务中心2018年三公经费是多少"
    assert store.engine.ask(question).refused
    store.ingest(samples / DECISIONS.format(2018))
    answered = store.engine.ask(question)
    assert not answered.refused and {v.year for v in answered.values} == {2018}


def test_no_answer_is_kept_when_the_cache_has_no_room(sample: Ingested):
    engine = Engine(sample.store, sample.index, sample.settings(answer_cache=0))
    engine.ask("招待费花了多少", CENTRE)
    assert engine.kept.get(_key(engine, "招待费花了多少", CENTRE, None)) is None


def _key(engine: Engine, question: str, scope: Scope, previous: dict | None) -> Key:
    return cache_key(engine.store.generation(), question, scope, previous)
