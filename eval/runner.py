"""Run every case through the engine (the same entry point as the API) and aggregate."""

import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from caiwen.domain.catalogue import normalise
from caiwen.eval.cases import Case
from caiwen.eval.scorer import Score, score
from caiwen.service.answer import Answer
from caiwen.service.details import Passages
from caiwen.service.engine import Engine
from caiwen.service.planner import Scope

RETRIEVAL_K = 5


@dataclass
class CaseResult:
    case: Case
    answer: Answer | None
    score: Score
    seconds: float
    error: str | None = None
    retrieval_rank: int | None = None
    """For text_reason cases: the rank of the first passage holding the reason (None: not in
    the top passages)."""


@dataclass
class Summary:
    results: list[CaseResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def accuracy(self, results: Iterable[CaseResult] | None = None) -> float:
        chosen = list(self.results if results is None else results)
        return sum(r.score.correct for r in chosen) / len(chosen) if chosen else 1.0

    def by(self, key: str) -> dict[str, list[CaseResult]]:
        groups: dict[str, list[CaseResult]] = {}
        for r in self.results:
            name = r.case.type if key == "type" else (r.case.file or "（无出处）")
            groups.setdefault(name, []).append(r)
        return dict(sorted(groups.items()))

    def metrics(self) -> dict[str, Any]:
        hits = [r.score.citation_hit for r in self.results if r.score.citation_hit is not None]
        precision = [
            r.score.citation_precision
            for r in self.results
            if r.score.citation_precision is not None
        ]
        asked = [r for r in self.results if r.answer is not None]
        refused = [r for r in asked if r.answer and r.answer.refused]
        should = [r for r in asked if r.case.expect.refuse]
        retrieval = [r for r in self.results if r.case.type == "text_reason"]
        seconds = sorted(r.seconds * 1000 for r in self.results)
        return {
            "cases": len(self.results),
            "skipped": len(self.skipped),
            "accuracy": self.accuracy(),
            "citation_recall": sum(hits) / len(hits) if hits else 1.0,
            "citation_precision": statistics.fmean(precision) if precision else 1.0,
            "refusal_precision": _ratio(sum(r.case.expect.refuse for r in refused), len(refused)),
            "refusal_recall": _ratio(
                sum(bool(r.answer and r.answer.refused) for r in should), len(should)
            ),
            "fabrication": sum(len(r.score.fabricated) for r in self.results),
            "retrieval_recall_at_5": _ratio(
                sum(r.retrieval_rank is not None for r in retrieval), len(retrieval)
            ),
            "retrieval_mrr": _ratio(
                sum(1 / r.retrieval_rank for r in retrieval if r.retrieval_rank), len(retrieval)
            ),
            "latency_p50_ms": statistics.median(seconds) if seconds else 0.0,
            "latency_p95_ms": seconds[max(0, int(len(seconds) * 0.95) - 1)] if seconds else 0.0,
            "errors": sum(r.error is not None for r in self.results),
        }


def _unanswered(case: Case, missing: bool) -> CaseResult:
    why = f"{case.file} 未入库" if missing else f"前一轮 {case.followup_of} 没有回答"
    return CaseResult(case, None, Score(correct=False), 0.0, error=why)


def _ratio(part: float, whole: int) -> float:
    return part / whole if whole else 1.0


class Runner:
    def __init__(self, engine: Engine, planner: str = "rules"):
        self.engine = engine
        self.planner = planner

    def run(self, cases: list[Case], available: set[str], strict: bool = False) -> Summary:
        """Answer every case whose documents are ingested, follow-ups in their session. With
        ``strict`` (blind cases) a case whose document did not ingest is a failed case, not a
        skipped one."""
        summary = Summary()
        sessions: dict[str, str] = {}
        for case in cases:
            missing = case.file is not None and case.file not in available
            orphan = case.followup_of is not None and case.followup_of not in sessions
            if strict and (missing or orphan):
                summary.results.append(_unanswered(case, missing))
                continue
            if missing or orphan:
                summary.skipped.append(case.id)
                continue
            result = self._one(case, sessions.get(case.followup_of or ""))
            if result.answer is not None:
                sessions[case.id] = result.answer.session_id
            summary.results.append(result)
        return summary

    def _one(self, case: Case, session: str | None) -> CaseResult:
        scope = Scope(**case.scope.model_dump()) if case.scope else Scope()
        started = time.perf_counter()
        try:
            answer = self.engine.ask(case.question, scope, session, self.planner)
        except Exception as error:  # a crash is a failed case, reported with its message
            return CaseResult(
                case,
                None,
                Score(correct=False),
                time.perf_counter() - started,
                error=f"{type(error).__name__}: {error}",
            )
        seconds = time.perf_counter() - started
        rank = self._retrieval_rank(case, scope) if case.type == "text_reason" else None
        return CaseResult(case, answer, score(case, answer), seconds, retrieval_rank=rank)

    def _retrieval_rank(self, case: Case, scope: Scope) -> int | None:
        plan = self.engine.planner().plan(case.question, scope)
        found = self.engine.tools.search_text(
            plan.query, plan.department_name, plan.period.year, plan.period.kind, RETRIEVAL_K
        ).maybe(Passages)
        wanted = [normalise(w) for w in case.expect.must_mention]
        for rank, passage in enumerate(found.passages if found else [], 1):
            if all(w in normalise(passage.text) for w in wanted):
                return rank
        return None
