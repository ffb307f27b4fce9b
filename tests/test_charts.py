"""Charts that tell the truth (service/charts.py), on the documents: a breakdown's bars add up
to the whole its caption states, one level at a time; a ranking keeps its zeros and labels each
bar's year and kind when they differ; every caption names the metric, the year and the kind."""

import pytest

from caiwen.service.answer import Answer
from caiwen.service.plan import Scope
from tests.support import Ingested

SAMPLE = Scope("示范区政务服务中心", 2018)


def bars_add_up(answer: Answer) -> None:
    chart = answer.chart
    assert chart is not None and chart.type == "breakdown", answer.answer
    assert chart.whole is not None
    assert abs(sum(b.value for b in chart.bars) - chart.whole) <= 0.01 * len(chart.bars)
    assert f"{chart.whole:,.2f}" in chart.title


@pytest.mark.parametrize("question", ["三公经费由哪些构成", "基本支出由哪些构成", "支出由哪些构成"])
def test_a_sample_breakdown_adds_up_to_its_whole(sample: Ingested, question: str):
    bars_add_up(sample.engine.ask(question, SAMPLE))


def test_a_breakdown_draws_one_level(sample: Ingested):
    """本年支出合计 is 基本支出 + 项目支出; 人员经费 and 公用经费 (parts of 基本支出) are not
    drawn beside them."""
    chart = sample.engine.ask("支出由哪些构成", SAMPLE).chart
    assert chart is not None
    assert [b.label for b in chart.bars] == ["项目支出", "基本支出"]


@pytest.mark.parametrize(
    "question",
    [
        "上海市普陀区人民政府万里街道办事处2024年本年支出由哪些构成",
        "上海市普陀区人民政府万里街道办事处2024年基本支出由哪些构成",
        "中共上海市普陀区委社会工作部2024年一般公共服务支出由哪些构成",
        "上海市普陀区财政局2024年支出由哪些构成",
    ],
)
def test_a_real_breakdown_adds_up_to_its_whole(real: Ingested, question: str):
    bars_add_up(real.engine.ask(question, Scope()))


def test_a_ranking_of_budgets_and_final_accounts_labels_each_bar(real: Ingested):
    answer = real.engine.ask("2024年各部门三公经费排名", Scope())
    chart = answer.chart
    assert chart is not None and chart.type == "ranking"
    assert "三公" in chart.title and "2024年部门预算" in chart.title
    assert "2024年部门决算" in chart.title
    finance = next(b for b in chart.bars if b.department == "上海市普陀区财政局")
    assert finance.value == 0 and finance.note == "2024年部门决算"
    assert all(b.note for b in chart.bars)
    assert "上海市普陀区财政局（2024年部门决算）" in answer.answer


def test_a_ranking_of_one_kind_names_its_year_and_kind(real: Ingested):
    chart = real.engine.ask("2024年部门决算中各部门人员经费排名", Scope()).chart
    assert chart is not None and chart.title.startswith("2024年部门决算")
    assert "人员经费" in chart.title and not any(b.note for b in chart.bars)


def test_two_years_name_both_sides(sample: Ingested):
    chart = sample.engine.ask("三公经费比上年变化多少", SAMPLE).chart
    assert chart is not None and chart.type == "years"
    assert [(b.label, b.value) for b in chart.bars] == [
        ("2017年部门决算", 4.36),
        ("2018年部门决算", 3.86),
    ]
