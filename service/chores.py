"""Housekeeping a request may do, at most once a period per process: forgetting expired
sessions and idle rate buckets needs no request to wait for it every time (each such DELETE
is a write, and every worker's writes queue for the same database lock)."""

import threading
import time
from collections.abc import Callable

PERIOD = 30.0
"""Seconds between two runs of a chore in one process."""


class Chore:
    """``due()`` is true at the first call and then once per ``period`` seconds, in one thread
    only (the others go on without waiting)."""

    def __init__(self, period: float = PERIOD, clock: Callable[[], float] = time.monotonic):
        self.period, self.clock = period, clock
        self._next = float("-inf")
        self._lock = threading.Lock()

    def due(self) -> bool:
        now = self.clock()
        if now < self._next or not self._lock.acquire(blocking=False):
            return False
        try:
            if now < self._next:
                return False
            self._next = now + self.period
            return True
        finally:
            self._lock.release()
