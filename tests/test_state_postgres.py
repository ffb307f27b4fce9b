"""Two API replicas on one PostgreSQL database, each with its own data dir and connections,
agree on what outlives a request: conversations and the rate limit."""

from pathlib import Path

from fastapi.testclient import TestClient

from caiwen.ingest.store import Store
from caiwen.service.api import create_app
from caiwen.service.engine import Engine
from caiwen.service.planner import Scope
from tests.support import Ingested

SCOPE = Scope(department="示例市示范区政务服务中心", year=2018, kind="决算")
TURNS = ["三公经费花了多少？", "那公务接待费呢？", "2017年呢？"]


def replica(sample_pg: Ingested, data: Path, **settings: float) -> Engine:
    """An engine of its own over the samples' PostgreSQL database (nothing shared on disk)."""
    store = Store.in_dir(data, sample_pg.url)
    return Engine(store, sample_pg.index, sample_pg.settings(data=data, **settings))


def test_a_conversation_started_on_one_replica_continues_on_the_other(
    sample_pg: Ingested, tmp_path: Path
) -> None:
    one, two = replica(sample_pg, tmp_path / "one"), replica(sample_pg, tmp_path / "two")
    alone = one.ask(TURNS[0], SCOPE)
    alone_answers = [alone] + [one.ask(q, SCOPE, alone.session_id) for q in TURNS[1:]]
    first = one.ask(TURNS[0], SCOPE)
    second = two.ask(TURNS[1], SCOPE, first.session_id)
    third = one.ask(TURNS[2], SCOPE, first.session_id)
    for a, b in zip(alone_answers, [first, second, third], strict=True):
        assert b.model_dump(exclude={"session_id"}) == a.model_dump(exclude={"session_id"})
    assert [v.value for v in third.values if v.role == "figure"] == [
        v.value for v in alone_answers[2].values if v.role == "figure"
    ]
    assert "公务接待费" in third.answer


def test_the_rate_limit_holds_across_replicas(sample_pg: Ingested, tmp_path: Path) -> None:
    apps = [
        create_app(sample_pg.settings(data=tmp_path / name, chat_rate=1), sample_pg.engine)
        for name in ("one", "two")
    ]
    one, two = (TestClient(app, client=("192.0.2.3", 50000)) for app in apps)
    with one, two:
        statuses = [c.post("/api/chat", json={"message": "三公经费是多少"}) for c in [one, two] * 6]
    assert [s.status_code for s in statuses] == [200] * 10 + [429] * 2
