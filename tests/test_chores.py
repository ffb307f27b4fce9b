"""Housekeeping writes (expired sessions, idle rate buckets) are done once a period per process,
not at every request: what a request reads is the same either way."""

import time
from pathlib import Path

from caiwen.service.chores import Chore
from caiwen.service.limits import RateLimiter
from caiwen.service.sessions import Sessions
from caiwen.service.statedb import open_state


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_chore_is_due_at_first_and_then_once_a_period() -> None:
    clock = Clock()
    chore = Chore(30, clock)
    assert [chore.due(), chore.due()] == [True, False]
    clock.now += 29.9
    assert not chore.due()
    clock.now += 0.1
    assert [chore.due(), chore.due()] == [True, False]


def test_an_expired_session_is_never_read_though_not_yet_pruned(tmp_path: Path) -> None:
    sessions = Sessions(open_state(tmp_path)[0], ttl_seconds=1)
    sessions.add("web:a", {"question": "三公经费多少"})
    sessions.add("web:b", {"question": "招待费呢"})  # no prune: the chore ran at the first add
    stored = sessions.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert stored == 2 and sessions.turns("web:a") == [{"question": "三公经费多少"}]
    time.sleep(1.1)
    assert sessions.turns("web:a") == [] and sessions.issued("web", "a") != "a"


def test_idle_buckets_are_forgotten_when_the_chore_is_due(tmp_path: Path) -> None:
    clock = Clock()
    db = open_state(tmp_path)[0]
    limiter = RateLimiter(60, db, burst=2, clock=clock)
    limiter.forgetting = Chore(30, clock)
    assert limiter.retry_after("192.0.2.1") is None
    clock.now += 10  # idle long enough to be full again (2 tokens at 1 a second)
    assert limiter.retry_after("192.0.2.2") is None
    assert db.execute("SELECT count(*) FROM rate_buckets").fetchone()[0] == 2
    clock.now += 30
    assert limiter.retry_after("192.0.2.2") is None
    clients = db.execute("SELECT client FROM rate_buckets").fetchall()
    assert [c[0] for c in clients] == ["192.0.2.2"]
