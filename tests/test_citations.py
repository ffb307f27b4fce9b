"""Citations as a reader meets them: one number per distinct source (a document's file, page,
and table or section), numbered in the order the answer first cites them, each sentence citing
a source once, and every value pointing to the sources it is printed in."""

import re

import pytest

from caiwen.service.answer import Answer
from caiwen.service.citations import CitationRegistry, finish
from caiwen.service.plan import Scope
from caiwen.service.values import Citation
from tests.support import Ingested

SAMPLE = Scope("示范区政务服务中心", 2018)
WANLI = "上海市普陀区人民政府万里街道办事处"


def assert_well_cited(answer: Answer) -> None:
    marks = [int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)]
    first_use = list(dict.fromkeys(marks))
    assert first_use == list(range(1, len(first_use) + 1)), answer.answer
    assert [c.n for c in answer.citations] == first_use
    sources = [(c.document_id, c.file, c.page, c.table or c.section) for c in answer.citations]
    assert len(sources) == len(set(sources)), sources
    for sentence in re.split(r"(?<=[。！？])", answer.answer):
        cited = re.findall(r"\[(\d+)\]", sentence)
        assert len(cited) == len(set(cited)), sentence
    listed = {c.n for c in answer.citations}
    assert all(set(v.citations) <= listed for v in answer.values)


@pytest.mark.parametrize(
    "question",
    [
        "三公经费比上年变化多少",
        "三公经费由哪些构成",
        "基本支出占本年支出的比例是多少",
        "三公经费预算执行率",
        "人员经费和公用经费分别是多少",
        "为什么支出比上年变化了",
        "这份决算有没有数字对不上的地方？",
    ],
)
def test_sample_answers_number_each_source_once_in_order(sample: Ingested, question: str):
    assert_well_cited(sample.engine.ask(question, SAMPLE))


def test_a_value_points_to_the_table_it_is_printed_in(sample: Ingested):
    answer = sample.engine.ask("三公经费比上年变化多少", SAMPLE)
    current = next(v for v in answer.values if v.role == "current" and v.metric == "三公经费")
    assert current.value == 3.86
    cited = [c for c in answer.citations if c.n in current.citations]
    assert [(c.year, c.page) for c in cited if c.table] == [(2018, 12)]


def test_the_same_table_page_is_one_source_with_each_cell_a_place(real: Ingested):
    """万里街道's 2024 三公 comparison cites four cells of the 2024 table and four of the 2023
    table: two sources, each with its cells as places (the issue counted 13 chips)."""
    answer = real.engine.ask(f"{WANLI}2024年三公经费比上年变化多少", Scope())
    assert_well_cited(answer)
    tables = [c for c in answer.citations if c.table]
    assert [(c.year, c.page) for c in tables] == [(2024, 31), (2023, 28)]
    this_year = tables[0]
    quotes = {p.quote for p in this_year.places}
    assert {"47.91 万元", "46.56 万元", "1.35 万元"} <= quotes
    assert len(answer.citations) <= 6


def test_a_sentence_cites_each_source_after_its_last_figure():
    registry = CitationRegistry()
    table = Citation(document_id="d", file="f.pdf", department="甲", year=2024, kind="决算")
    one = registry.number(table.model_copy(update={"page": 3, "table": "表", "row": "甲"}))
    two = registry.number(table.model_copy(update={"page": 3, "table": "表", "row": "乙"}))
    other = registry.number(table.model_copy(update={"page": 9, "section": "说明"}))
    assert one == two
    text = f"甲1万元[{one}]，乙2万元[{two}][{other}]。丙3万元[{other}]。"
    numbered = finish(text, registry)
    assert numbered.text == "甲1万元，乙2万元[1][2]。丙3万元[2]。"
    assert [len(s.places) for s in numbered.sources] == [2, 1]
    assert finish("无出处[7]。", registry).text == "无出处。"
