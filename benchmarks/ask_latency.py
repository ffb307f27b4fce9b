"""Latency and memory of the rules planner end to end (question → answer object), warm and
in-process, over a store of the whole corpus and samples.

Every answer is computed (no answer cache: a question asked again would otherwise be a kept
answer). Baseline in the same run: the get_metric tool called directly (what the engine
wraps). Also the follow-up questions checked after each answer (the widget's second request).
Targets: p50 ≤ 30 ms and p95 ≤ 100 ms for table questions.

Usage: python benchmarks/ask_latency.py [DATA_DIR]   (real corpus from $CAIWEN_REAL_CORPUS if
set; with DATA_DIR, a store already built there, e.g. the evaluation store of the national
corpus under .cache/eval/store-both-*)
"""

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from corpus_store import ingested, percentiles, stored

from caiwen.config import Settings
from caiwen.ingest.store import Store
from caiwen.service.engine import Engine
from caiwen.service.planner import Scope

ROUNDS = 20
REASON = "为什么三公经费减少"
SCOPE = Scope("示例市示范区政务服务中心", 2018)
TABLE_QUESTIONS = [
    "三公经费比上年变化多少",
    "招待费花了多少",
    "基本支出占比多少",
    "三公经费预算完成率",
    "三公经费由哪些构成",
    "人员经费是多少",
    "行政运行支出多少",
    "2024年哪个部门支出最多",
]
NAMED = 8  # questions naming a stored department, asked with no scope (the directory resolves it)


def named_questions(store: Store) -> list[str]:
    """The 三公经费 of NAMED stored disclosures spread over the store, each named in words."""
    documents = [d for d in store.documents() if not d.is_template]
    step = max(1, len(documents) // NAMED)
    return [f"{d.department}{d.year}年三公经费多少" for d in documents[::step][:NAMED]]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        store, index = stored(data) if len(sys.argv) > 1 else ingested(data)
        tracemalloc.start()
        engine = Engine(store, index, Settings(data=data, answer_cache=0))
        named = named_questions(store)
        for question in [*TABLE_QUESTIONS, REASON, *named]:
            engine.ask(question, SCOPE if question not in named else None)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()  # tracing every allocation would slow the timed calls 3-4×
        asks, tools, follow_ups, named_asks = [], [], [], []
        for _ in range(ROUNDS):
            for question in named:
                start = time.perf_counter()
                engine.ask(question)
                named_asks.append((time.perf_counter() - start) * 1000)
            for question in TABLE_QUESTIONS:
                start = time.perf_counter()
                session = engine.ask(question, SCOPE).session_id
                asks.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                engine.follow_ups(session)
                follow_ups.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            engine.tools.get_metric("公务接待费", SCOPE.department or "", 2018)
            tools.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        engine.ask(REASON, SCOPE)
        reason = (time.perf_counter() - start) * 1000
        (a50, a95), (t50, t95) = percentiles(asks), percentiles(tools)
        f50, f95 = percentiles(follow_ups)
        n50, n95 = percentiles(named_asks)
        docs, questions = len(store.documents()), len(TABLE_QUESTIONS)
        print(f"{docs} documents; {len(asks)} warm asks of {questions} table questions\n")
        print("| call | p50 ms | p95 ms | p50 × baseline |\n|---|---|---|---|")
        print(f"| baseline: get_metric tool directly | {t50:.2f} | {t95:.2f} | 1 |")
        ratio = a50 / t50
        print(
            f"| Engine.ask, rules planner, table questions | {a50:.2f} | {a95:.2f} | {ratio:.0f} |"
        )
        row = f"Engine.ask, {len(named)} departments named, no scope"
        print(f"| {row} | {n50:.2f} | {n95:.2f} | {n50 / t50:.0f} |")
        print(f"| Engine.follow_ups after each answer | {f50:.2f} | {f95:.2f} | {f50 / t50:.0f} |")
        print(f"\nreason question (search + compare), warm: {reason:.1f} ms")
        print(f"peak Python memory while building and warming the engine: {peak / 2**20:.1f} MiB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory (with the embedding model and Chroma): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
