"""Per-client rate limit for the chat endpoints: a token bucket per client address, kept in the
service's state database (service/statedb.py), so every worker and replica draws on the same
bucket."""

import math
import time
from collections.abc import Callable
from typing import Any

from caiwen.service.chores import Chore

_TAKE = """
INSERT INTO rate_buckets (client, tokens, updated, allowed) VALUES (?, ? - 1, ?, 1)
ON CONFLICT (client) DO UPDATE SET
    tokens = CASE WHEN {refilled} >= 1 THEN {refilled} - 1 ELSE {refilled} END,
    allowed = CASE WHEN {refilled} >= 1 THEN 1 ELSE 0 END,
    updated = excluded.updated
RETURNING tokens, allowed
"""
_REFILLED = (
    "(CASE WHEN rate_buckets.tokens + (excluded.updated - rate_buckets.updated) * ? > ? "
    "THEN ? ELSE rate_buckets.tokens + (excluded.updated - rate_buckets.updated) * ? END)"
)
TAKE = _TAKE.format(refilled=_REFILLED)
"""One statement takes a token or refuses, so two processes never both take the last one."""


class RateLimiter:
    """``per_minute`` requests a minute on average, up to ``burst`` at once."""

    def __init__(
        self,
        per_minute: float,
        db: Any,
        burst: int = 10,
        clock: Callable[[], float] = time.time,
    ):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.db = db
        self.clock = clock
        self.forgetting = Chore()
        """Idle buckets are deleted now and then: a bucket full again is the default anyway."""

    def retry_after(self, client: str) -> int | None:
        """Take one request for the client: None when allowed, else whole seconds to wait."""
        now = self.clock()
        refill = [self.rate, self.burst, self.burst, self.rate]
        tokens, allowed = self.db.execute(TAKE, [client, self.burst, now, *refill * 4]).fetchone()
        if self.forgetting.due():
            self.db.execute(
                "DELETE FROM rate_buckets WHERE updated < ?", [now - self.burst / self.rate]
            )
        if allowed:
            return None
        return max(1, math.ceil((1 - tokens) / self.rate))
