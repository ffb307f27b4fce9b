"""The computation tools on the generated samples: every answer's figures, computed from
the tables (or, where only the narrative states it, from the narrative)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from caiwen.service.details import (
    Comparison,
    Definition,
    DepartmentComparison,
    Disclosed,
    Passages,
    Ranking,
)
from tests.support import Ingested, values

DEPT = "示例市示范区政务服务中心"
D2018 = "示例市示范区政务服务中心2018年度部门决算.pdf"


@pytest.fixture(scope="module")
def only_2018(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("only-2018"), samples / D2018)


def test_compare_years_from_the_narrative_when_the_year_before_is_not_ingested(
    only_2018: Ingested,
) -> None:
    result = only_2018.tools.compare_years("三公经费", "示范区政务服务中心", 2018)
    comparison = result.detail(Comparison)
    assert result.status == "ok" and comparison.source == "narrative"
    assert (
        values(result).items()
        >= {
            "2018年“三公”经费": D("3.86"),
            "2017年“三公”经费": D("4.36"),
            "“三公”经费比2017年变化": D("-0.5"),
            "“三公”经费变化率": D("-11.47"),
        }.items()
    )
    narrative = [c for c in result.citations if c.quote and "比上年决算数减少0.5万元" in c.quote]
    assert narrative and "七、" in narrative[0].section and "（一）" in narrative[0].section
    parts = {p.metric: (p.current.value, p.change.value) for p in comparison.parts}
    assert parts["公务接待费"] == (D("0.93"), D("-0.13"))
    assert parts["公务用车购置及运行费"] == (D("2.93"), D("-0.37"))
    assert {p.current.part_of for p in comparison.parts} == {"三公经费"}


def test_compare_years_from_both_tables_when_both_years_are_ingested(sample: Ingested) -> None:
    result = sample.tools.compare_years("三公经费", DEPT, 2018)
    comparison = result.detail(Comparison)
    assert comparison.source == "tables"
    assert (comparison.current.value, comparison.base.value) == (D("3.86"), D("4.36"))
    assert (comparison.current.year, comparison.base.year) == (2018, 2017)
    assert comparison.change.value == D("-0.50") and comparison.change.role == "change"
    assert {c.year for c in result.citations if c.table} == {2017, 2018}
    assert all(c.narrative is None for c in (comparison, *comparison.parts))


def test_share_breakdown_and_budget_vs_actual(sample: Ingested) -> None:
    tools = sample.tools
    assert values(tools.share("基本支出", "本年支出合计", DEPT, 2018))[
        "基本支出占本年支出合计的比例"
    ] == D("25.53")
    parts = values(tools.breakdown("基本支出", DEPT, 2018))
    assert (parts["人员经费"], parts["公用经费"]) == (D("81.51"), D("21.42"))
    completion = values(tools.budget_vs_actual("三公经费", DEPT, 2018))
    assert completion["“三公”经费预算完成率"] == D("49.49")
    assert completion["“三公”经费预算数"] == D("7.80")


def test_breakdown_of_三公_by_component(sample: Ingested) -> None:
    parts = values(sample.tools.breakdown("三公", DEPT, 2018))
    assert parts["公务用车购置及运行费"] == D("2.93") and parts["公务接待费"] == D("0.93")
    assert parts["公务接待费占“三公”经费的比例"] == D("24.09")


def test_parts_checked_against_their_whole_and_two_figures_apart(sample: Ingested) -> None:
    """check_sum adds the parts named (or the whole's own) and gives the gap to the whole;
    subtract gives how far apart two figures are."""
    tools = sample.tools
    own = values(tools.check_sum("三公经费", DEPT, year=2018))
    assert own["因公出国（境）费、公务用车购置及运行费、公务接待费合计"] == D("3.86")
    assert own["“三公”经费与因公出国（境）费、公务用车购置及运行费、公务接待费合计之差"] == 0
    named = values(tools.check_sum("本年支出合计", DEPT, parts=["基本支出", "项目支出"], year=2018))
    assert (named["基本支出、项目支出合计"], named["本年支出合计"]) == (D("403.21"), D("403.21"))
    apart = values(tools.subtract("基本支出", "项目支出", DEPT, 2018))
    assert apart["基本支出与项目支出之差"] == D("-197.35")


def test_get_metric_through_colloquial_words_and_subject_codes(sample: Ingested) -> None:
    tools = sample.tools
    reception = tools.get_metric("招待费", DEPT, 2018)
    assert values(reception) == {"公务接待费": D("0.93")}
    assert reception.citations[0].table == "一般公共预算财政拨款“三公”经费支出决算表"
    assert reception.citations[0].page == 12
    assert values(tools.get_metric("2010301", DEPT, 2018)) == {"行政运行": D("102.93")}
    assert values(tools.get_metric("几辆车", DEPT, 2018)) == {"车辆（含公务用车）": D("1")}


def test_budget_figures_in_元_come_back_in_万元(sample: Ingested) -> None:
    result = sample.tools.get_metric("本年收入合计", "城市管理局", 2024)
    assert values(result) == {"本年收入合计": D("4128.8669")}
    assert result.values[0].display == "4,128.87"


def test_rank_and_compare_departments(sample: Ingested) -> None:
    ranking = sample.tools.rank_departments("本年支出合计", 2024)
    ranked = ranking.detail(Ranking).ranked
    assert [(v.department, v.rank) for v in ranked] == [("示例市示范区城市管理局", 1)]
    both = sample.tools.compare_departments("三公经费", ["城市管理局", "政务服务中心"], 2018)
    problems = both.detail(DepartmentComparison).problems
    assert problems and "2018" in problems[0]


def test_refusals_say_why(sample: Ingested) -> None:
    tools = sample.tools
    unknown = tools.get_metric("三工经费", DEPT, 2018)
    assert (
        unknown.status == "unknown_metric"
        and not unknown.values
        and "三公经费" in unknown.candidates
    )
    missing = tools.get_metric("三公经费", DEPT, 2030)
    assert missing.status == "no_document" and "2017年决算" in (missing.message or "")
    nobody = tools.get_metric("三公经费", "教育局", 2018)
    assert nobody.status == "no_document" and DEPT in nobody.candidates
    not_disclosed = tools.get_metric("事业收入", DEPT, 2018)
    assert not_disclosed.status == "not_found" and "三公经费" in not_disclosed.candidates


def test_search_and_definitions(sample: Ingested) -> None:
    found = sample.tools.search_text("为什么三公经费减少", DEPT, 2018)
    first = found.detail(Passages).passages[0]
    assert "七、" in first.section and "从严控制公务接待规模" in first.text
    term = sample.tools.define_term("三公")
    assert "因公出国（境）费" in term.detail(Definition).text


def test_list_metrics_says_what_a_document_discloses(sample: Ingested) -> None:
    names = {m.name for m in sample.tools.list_metrics(DEPT, 2018).detail(Disclosed).metrics}
    assert {"三公经费", "基本支出", "人员经费", "车辆数", "政府采购"} <= names
    assert "事业收入" not in names
