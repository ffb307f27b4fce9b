"""Per-client rate limit (a token bucket per client address) for the chat endpoints."""

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_CLIENTS = 10_000
"""Buckets kept at most; the idlest are forgotten first (a full bucket is the default)."""


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``per_minute`` requests a minute on average, up to ``burst`` at once."""

    def __init__(
        self,
        per_minute: float,
        burst: int = 10,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int | None:
        """Take one request for the client: None when allowed, else whole seconds to wait."""
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(client) or _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            self._buckets[client] = bucket
            self._forget_idle()
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return None
            return max(1, math.ceil((1 - bucket.tokens) / self.rate))

    def _forget_idle(self) -> None:
        if len(self._buckets) <= MAX_CLIENTS:
            return
        idlest = sorted(self._buckets, key=lambda k: self._buckets[k].updated)
        for key in idlest[: len(idlest) - MAX_CLIENTS]:
            del self._buckets[key]
