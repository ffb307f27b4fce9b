"""The computation tools on the published disclosures (the acceptance figures)."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from caiwen.ingest.samples import load_spec, render_document
from caiwen.service.details import Comparison, Documents, Located, Passages, Ranking
from tests.support import Ingested, values

pytestmark = pytest.mark.real_corpus

SFQ = "石峰区政务服务中心2018年度部门决算.txt"
SFQ_NAME = "株洲市石峰区政务服务中心"


@pytest.fixture(scope="module")
def seed_only(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("seed"), real_corpus / SFQ)


@pytest.fixture(scope="module")
def seed_and_2017(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    folder = tmp_path_factory.mktemp("seed-2017")
    spec = load_spec("示范区政务服务中心2017决算")
    sample_2017 = render_document(spec, folder / "石峰区2017.pdf", department=SFQ_NAME)
    return Ingested.run(folder / "data", real_corpus / SFQ, sample_2017)


def test_三公_change_from_the_narrative_of_the_2018_document(seed_only: Ingested) -> None:
    result = seed_only.tools.compare_years("三公经费", SFQ_NAME, 2018)
    comparison = result.detail(Comparison)
    assert comparison.source == "narrative"
    found = values(result)
    assert (found["2018年“三公”经费"], found["2017年“三公”经费"]) == (D("3.86"), D("4.36"))
    assert (found["“三公”经费比2017年变化"], found["“三公”经费变化率"]) == (D("-0.5"), D("-11.47"))
    sections = [c.section or "" for c in result.citations if c.quote and "减少0.5万元" in c.quote]
    assert (
        sections
        and sections[0].startswith("第三部分")
        and "七、" in sections[0]
        and "（一）" in sections[0]
    )
    parts = {p.metric: (p.current.value, p.change.value) for p in comparison.parts}
    assert parts["公务接待费"] == (D("0.93"), D("-0.13"))
    assert parts["公务用车购置及运行费"] == (D("2.93"), D("-0.37"))


def test_三公_change_from_both_tables_with_the_generated_2017(seed_and_2017: Ingested) -> None:
    result = seed_and_2017.tools.compare_years("三公经费", "政务服务中心", 2018)
    assert result.detail(Comparison).source == "tables"
    found = values(result)
    assert (found["2018年“三公”经费"], found["2017年“三公”经费"]) == (D("3.86"), D("4.36"))
    assert (found["“三公”经费比2017年变化"], found["“三公”经费变化率"]) == (D("-0.50"), D("-11.47"))
    assert {(c.year, c.table) for c in result.citations if c.table} >= {
        (2018, "一般公共预算财政拨款“三公”经费支出决算表"),
        (2017, "一般公共预算财政拨款“三公”经费支出决算表"),
    }


def test_万里街道_budgets_year_on_year(real: Ingested) -> None:
    tools = real.tools
    sangong = values(tools.compare_years("三公经费", "万里街道办事处", 2024))
    assert (sangong["2024年“三公”经费"], sangong["2023年“三公”经费"]) == (D("47.91"), D("22.91"))
    assert (sangong["“三公”经费比2023年变化"], sangong["“三公”经费变化率"]) == (
        D("25.00"),
        D("109.12"),
    )
    running = values(tools.compare_years("机关运行经费", "万里街道办事处", 2024))
    assert (running["2024年机关运行经费"], running["2023年机关运行经费"]) == (
        D("443.18"),
        D("786.09"),
    )
    assert (running["机关运行经费比2023年变化"], running["机关运行经费变化率"]) == (
        D("-342.91"),
        D("-43.62"),
    )


def test_财政局_share_and_breakdown_of_基本支出(real: Ingested) -> None:
    tools = real.tools
    assert values(tools.share("基本支出", "本年支出合计", "上海市普陀区财政局", 2024))[
        "基本支出占本年支出合计的比例"
    ] == D("79.49")
    parts = values(tools.breakdown("基本支出", "上海市普陀区财政局", 2024))
    assert (parts["人员经费"], parts["公用经费"]) == (D("2152.26"), D("184.65"))


def test_石峰区_三公_budget_vs_actual(real: Ingested) -> None:
    found = values(real.tools.budget_vs_actual("三公经费", SFQ_NAME, 2018))
    assert (found["“三公”经费决算数"], found["“三公”经费预算数"]) == (D("3.86"), D("7.8"))
    assert found["“三公”经费预算完成率"] == D("49.49")


def test_rank_2024_决算_departments_by_spending(real: Ingested) -> None:
    ranking = real.tools.rank_departments("本年支出合计", 2024, "决算").detail(Ranking).ranked
    assert [(v.department, v.value) for v in ranking] == [
        ("上海市普陀区财政局", D("2940.05")),
        ("中共上海市普陀区委社会工作部", D("307.82")),
    ]


def test_search_finds_the_reason_in_section_七(real: Ingested) -> None:
    passages = real.tools.search_text("为什么三公经费减少", SFQ_NAME).detail(Passages).passages
    assert passages[0].section.split(" > ")[1].startswith("七、")


def test_department_names_are_resolved_or_offered(real: Ingested) -> None:
    tools = real.tools
    docs = tools.find_documents("政务服务中心").detail(Documents).documents
    assert [d.department for d in docs] == [SFQ_NAME]
    assert tools.find_documents("普陀区").status == "ambiguous"


def test_narrative_only_figures(real: Ingested) -> None:
    tools = real.tools
    assert values(tools.get_metric("政府采购", "上海市普陀区财政局", 2024)) == {
        "政府采购": D("251.25")
    }
    assert values(tools.get_metric("车辆", "万里街道办事处", 2024)) == {
        "车辆（含公务用车）": D("7")
    }
    assert values(tools.get_metric("接待批次", SFQ_NAME, 2018)) == {"公务接待批次": D("12")}


def test_quoted_amounts_are_found_where_the_document_prints_them(seed_only: Ingested) -> None:
    """到底是3.86万还是2.93万: 3.86 is the 三公 table's total and the text's; 2.93 the text's
    三公 (its 公车 line's subtotal in the table); 0.93 apart. 351万 is printed nowhere."""
    result = seed_only.tools.locate_amounts(["3.86万", "2.93万元"], SFQ_NAME, 2018)
    found = result.detail(Located)
    first, second = found.amounts
    assert (first.quoted.value, second.quoted.value) == (D("3.86"), D("2.93"))
    assert any(p.table and "三公" in p.table and p.exact for p in first.places)
    assert any(p.sentence and "三公" in p.sentence for p in first.places)
    assert any(p.sentence and "2.93万元" in p.sentence for p in second.places)
    assert found.gap is not None and found.gap.value == D("0.93")
    # asked whether they add up: the others against the largest (2.93 + 0.93 = 3.86)
    added = seed_only.tools.locate_amounts(
        ["3.86万", "2.93万", "0.93万"], SFQ_NAME, 2018, added=True
    )
    summed = added.detail(Located).summed
    assert summed is not None and (summed.total.value, summed.gap.value) == (D("3.86"), D("0"))
    unread = seed_only.tools.locate_amounts(["三块八"], SFQ_NAME, 2018)
    assert unread.status == "invalid" and "1815万元" in (unread.message or "")
    nowhere = seed_only.tools.locate_amounts(["3.86万", "351万"], SFQ_NAME, 2018)
    assert nowhere.detail(Located).amounts[1].places == []
    assert nowhere.detail(Located).gap is None
