"""Latency of each tool, warm and in-process, over a store of the whole corpus and samples.

Baseline in the same run: one bare SQLite lookup of a cell by its document and row code.
Targets: p50 ≤ 5 ms per tool, ≤ 50 ms for search_text.

Usage: python benchmarks/tool_latency.py   (real corpus from $CAIWEN_REAL_CORPUS if set)
"""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus_store import ingested, percentiles

from caiwen.service.toolbox import Toolbox
from caiwen.service.tools import Tools

RUNS = 200
SAMPLE = "示例市示范区政务服务中心"


def timed(call: Callable[[], object]) -> tuple[float, float]:
    call()  # warm
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return percentiles(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store, index = ingested(Path(tmp))
        tools = Tools(Toolbox(store, index))
        doc = store.documents(department=SAMPLE, year=2018)[0]
        calls: dict[str, Callable[[], object]] = {
            "baseline: bare SQLite cell lookup": lambda: store.db.execute(
                "SELECT amount FROM cells WHERE document_id = ? AND row_code = ?",
                [doc.id, "2010301"],
            ).fetchall(),
            "find_documents": lambda: tools.find_documents("政务服务中心"),
            "get_metric": lambda: tools.get_metric("招待费", SAMPLE, 2018),
            "compare_years": lambda: tools.compare_years("三公经费", SAMPLE, 2018),
            "share": lambda: tools.share("基本支出", "本年支出合计", SAMPLE, 2018),
            "budget_vs_actual": lambda: tools.budget_vs_actual("三公经费", SAMPLE, 2018),
            "breakdown": lambda: tools.breakdown("基本支出", SAMPLE, 2018),
            "rank_departments": lambda: tools.rank_departments("本年支出合计", 2024),
            "compare_departments": lambda: tools.compare_departments(
                "三公经费", [SAMPLE, "城市管理局"], 2018
            ),
            "define_term": lambda: tools.define_term("三公经费"),
            "list_metrics": lambda: tools.list_metrics(SAMPLE, 2018),
            "search_text": lambda: tools.search_text("为什么三公经费减少", SAMPLE),
        }
        print(f"{len(store.documents())} documents, {RUNS} warm runs each\n")
        print("| call | p50 ms | p95 ms | p50 × baseline |\n|---|---|---|---|")
        baseline = None
        for name, call in calls.items():
            p50, p95 = timed(call)
            baseline = baseline or p50
            print(f"| {name} | {p50:.2f} | {p95:.2f} | {p50 / baseline:.0f} |")


if __name__ == "__main__":
    main()
