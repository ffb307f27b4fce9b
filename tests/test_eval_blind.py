"""The blind tier: a case whose document is not stored is a failure, not a skip; the held-out
regions are regions of the national corpus."""

from pathlib import Path

from caiwen.eval.blind import HELD_OUT, SHARED, TUNED, heldout_regions, regions, split
from caiwen.eval.cases import Case
from caiwen.eval.runner import CaseResult, Runner, Summary
from caiwen.eval.scorer import Score


def _case(id: str, file: str | None, followup_of: str | None = None) -> Case:
    citation = {"file": file, "page": 1} if file else None
    return Case.model_validate(
        {
            "id": id,
            "question": "三公经费是多少？",
            "type": "lookup",
            "expect": {"numbers": [1.0], "citation": citation},
            "followup_of": followup_of,
            "document": file,
        }
    )


def test_strict_runs_fail_the_cases_of_documents_that_did_not_ingest() -> None:
    cases = [_case("a", "003_深圳/不存在.pdf"), _case("a-t2", None, followup_of="a")]
    runner = Runner(engine=None, planner="rules")  # type: ignore[arg-type]
    assert runner.run(cases, available=set()).skipped == ["a", "a-t2"]
    strict = runner.run(cases, available=set(), strict=True)
    assert [(r.case.id, r.score.correct, r.error) for r in strict.results] == [
        ("a", False, "不存在.pdf 未入库"),
        ("a-t2", False, "前一轮 a 没有回答"),
    ]


def test_held_out_regions_are_regions_of_the_national_corpus(national_corpus: Path) -> None:
    known = set(regions(national_corpus).values())
    assert heldout_regions() <= known
    assert len(heldout_regions()) >= 8


def test_blind_results_split_by_where_their_document_comes_from(national_corpus: Path) -> None:
    region_of = regions(national_corpus)
    held = next(p for p, r in region_of.items() if r in heldout_regions())
    tuned = next(p for p, r in region_of.items() if r and r not in heldout_regions())
    summary = Summary()
    for i, document in enumerate([held, tuned, "石峰区政务服务中心2018年度部门决算.txt"]):
        summary.results.append(_result(_case(f"c{i}", document)))
    groups = split(summary, national_corpus)
    assert [len(groups[g]) for g in (HELD_OUT, TUNED, SHARED)] == [1, 1, 1]


def _result(case: Case) -> CaseResult:
    return CaseResult(case, None, Score(correct=True), 0.0)
