"""Answers kept for questions asked again: the same question, scope and previous plan over
the same store give the same plan and the same answer, so the rules need not plan and call
the tools a second time. Citizens ask the same few things (三公经费多少, 招待费花了多少), and on
2 cores planning and the tools' queries are most of an answer's CPU.

A kept answer is keyed by the store's generation, which changes whenever any process writes a
document: an ingest makes every kept answer unreachable (they leave as the least recently
used). Only the rules' answers are kept; an LLM's are not, since its wording varies.
"""

import json
import threading
from collections import OrderedDict
from dataclasses import asdict
from typing import Any

from caiwen.service.answer import Answer
from caiwen.service.plan import Scope

Key = tuple[int, str, str, str]


def cache_key(generation: int, question: str, scope: Scope, previous: dict[str, Any] | None) -> Key:
    """What a rules answer depends on: the store's generation, the question, its scope and
    the plan of the turn before (what a follow-up inherits)."""
    return (
        generation,
        question,
        json.dumps(asdict(scope), ensure_ascii=False, sort_keys=True),
        json.dumps(previous, ensure_ascii=False, sort_keys=True, default=str),
    )


class AnswerCache:
    """The ``size`` most recently used answers with their plans as a session keeps them (0:
    none kept); safe to use from the server's threads at once."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict[Key, tuple[dict[str, Any], Answer]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> tuple[dict[str, Any], Answer] | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept

    def put(self, key: Key, plan: dict[str, Any], answer: Answer) -> None:
        if self.size == 0:
            return
        with self._lock:
            self._kept[key] = (plan, answer)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
