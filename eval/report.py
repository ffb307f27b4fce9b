"""The evaluation report (markdown and JSON) and the gate against eval/thresholds.yaml."""

import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from caiwen.eval.runner import CaseResult, Summary

SLOWEST = 10


def thresholds() -> dict[str, float]:
    return yaml.safe_load(resources.files("caiwen.eval").joinpath("thresholds.yaml").read_text())


def gate(summary: Summary, limits: dict[str, float]) -> list[str]:
    """The thresholds the run falls below (empty: it passes)."""
    metrics = summary.metrics()
    failures = _below("overall accuracy", metrics["accuracy"], limits["overall_accuracy"])
    for kind, results in summary.by("type").items():
        failures += _below(f"{kind} accuracy", summary.accuracy(results), limits["type_accuracy"])
    failures += _fabricated(metrics, limits, "")
    failures += _below("citation recall", metrics["citation_recall"], limits["citation_recall"])
    return failures


def paraphrase_gate(summary: Summary, limits: dict[str, float]) -> list[str]:
    """The paraphrase thresholds the generated questions fall below (empty: they pass)."""
    metrics = summary.metrics()
    failures = _below("paraphrase accuracy", metrics["accuracy"], limits["paraphrase_accuracy"])
    return failures + _fabricated(metrics, limits, " in paraphrases")


def _below(name: str, value: float, least: float) -> list[str]:
    return [f"{name} {value:.3f} < {least}"] if value < least else []


def _fabricated(metrics: dict[str, Any], limits: dict[str, float], where: str) -> list[str]:
    count, most = metrics["fabrication"], limits["fabrication"]
    return [f"{count} fabricated numbers{where} > {most}"] if count > most else []


def to_json(summary: Summary, failures: list[str]) -> dict[str, Any]:
    return {
        "metrics": summary.metrics(),
        "by_type": {k: _group(summary, v) for k, v in summary.by("type").items()},
        "by_document": {k: _group(summary, v) for k, v in summary.by("document").items()},
        "failures": failures,
        "skipped": summary.skipped,
        "cases": [_case(r) for r in summary.results],
    }


def _group(summary: Summary, results: list[CaseResult]) -> dict[str, Any]:
    return {
        "cases": len(results),
        "accuracy": round(summary.accuracy(results), 4),
        "failed": [r.case.id for r in results if not r.score.correct],
    }


def _case(r: CaseResult) -> dict[str, Any]:
    return {
        "id": r.case.id,
        "type": r.case.type,
        "question": r.case.question,
        "correct": r.score.correct,
        "missing_numbers": r.score.missing_numbers,
        "missing_words": r.score.missing_words,
        "refusal_ok": r.score.refusal_ok,
        "citation_hit": r.score.citation_hit,
        "fabricated": r.score.fabricated,
        "retrieval_rank": r.retrieval_rank,
        "ms": round(r.seconds * 1000, 1),
        "error": r.error,
        "answer": r.answer.answer if r.answer else None,
    }


def to_markdown(summary: Summary, failures: list[str]) -> str:
    m = summary.metrics()
    lines = [
        "# caiwen evaluation report",
        "",
        f"{m['cases']} cases run, {m['skipped']} skipped (their documents are not ingested). "
        f"Gate: {'PASSED' if not failures else 'FAILED — ' + '; '.join(failures)}",
        "",
        "| metric | value |",
        "|---|---|",
        *(f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |" for k, v in m.items()),
        "",
        "## By type",
        "",
        "| type | cases | accuracy |",
        "|---|---|---|",
        *(f"| {k} | {len(v)} | {summary.accuracy(v):.3f} |" for k, v in summary.by("type").items()),
        "",
        "## By document",
        "",
        "| document | cases | accuracy |",
        "|---|---|---|",
        *(
            f"| {k} | {len(v)} | {summary.accuracy(v):.3f} |"
            for k, v in summary.by("document").items()
        ),
        "",
        "## Slowest cases",
        "",
        "| case | ms |",
        "|---|---|",
        *(
            f"| {r.case.id} | {r.seconds * 1000:.1f} |"
            for r in sorted(summary.results, key=lambda r: -r.seconds)[:SLOWEST]
        ),
        "",
        "## Failing cases (wrong, fabricated, or citing another place than the gold)",
        "",
    ]
    for r in summary.results:
        if r.score.correct and not r.score.fabricated and r.score.citation_hit is not False:
            continue
        lines += [
            f"### {r.case.id} ({r.case.type})",
            f"- question: {r.case.question}",
            f"- expected: numbers {r.case.expect.numbers}, mention {r.case.expect.must_mention}, "
            f"refuse {r.case.expect.refuse}",
            f"- got: {r.error or (r.answer.answer if r.answer else '')}",
            f"- missing numbers {r.score.missing_numbers}, missing words {r.score.missing_words}, "
            f"fabricated {r.score.fabricated}",
            f"- expected source: {r.case.expect.citation}; cited: {_sources(r)}",
            "",
        ]
    return "\n".join(lines) + "\n"


def _sources(r: CaseResult) -> str:
    if r.answer is None:
        return "—"
    return "; ".join(
        f"{c.file} p.{c.page} {c.table or c.section or ''}".strip() for c in r.answer.citations
    )


def write(
    summary: Summary,
    failures: list[str],
    path: Path,
    sections: dict[str, tuple[Summary, list[str]]] | None = None,
) -> dict[str, Any]:
    """Write the markdown report at ``path`` and the JSON report beside it; return the JSON.
    ``sections`` are the suites reported but not gated (name → their run and their markdown
    section), appended to both."""
    data = to_json(summary, failures)
    markdown = to_markdown(summary, failures)
    for name, (run, lines) in (sections or {}).items():
        data[name] = to_json(run, [])
        markdown += "\n" + "\n".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    path.with_suffix(".json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    return data
