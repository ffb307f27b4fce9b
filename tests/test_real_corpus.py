"""The published disclosures, ingested as a directory: the figures each table states."""

from decimal import Decimal as D

import pytest

from tests import badfiles
from tests.support import Ingested

pytestmark = pytest.mark.real_corpus

CZJ = "上海市普陀区财政局2024年度部门决算.pdf"
SFQ = "石峰区政务服务中心2018年度部门决算.txt"
WL24 = "上海市普陀区人民政府万里街道办事处2024年部门预算.pdf"
WL23 = "上海市普陀区人民政府万里街道办事处2023年部门预算.pdf"
SGB = "中共上海市普陀区委社会工作部2024年度部门决算.pdf"
FLY = "上海市普陀区社会福利院2024年单位预算.pdf"
TEMPLATE = "部门决算公开模板.pdf"


def test_every_file_of_the_directory_is_ingested(real: Ingested) -> None:
    assert {r.status for r in real.results} == {"ingested"}, [r.error for r in real.results]
    assert len(real.results) == 7


def test_财政局_identity(real: Ingested) -> None:
    doc = real.doc(CZJ)
    assert (doc.department, doc.region, doc.year, doc.kind, doc.level) == (
        "上海市普陀区财政局",
        "上海市普陀区",
        2024,
        "决算",
        "部门",
    )
    assert doc.pages == 25 and doc.format == "pdf" and len(doc.content_hash) == 64


def test_财政局_收入支出决算总表(real: Ingested) -> None:
    doc = real.doc(CZJ)
    table = "收入支出决算总表"
    assert real.value(doc, table, "本年收入合计") == D("2946.25")
    assert real.value(doc, table, "本年支出合计") == D("2940.05")
    assert real.value(doc, table, "年初结转和结余") == D("49.14")
    assert real.value(doc, table, "年末结转和结余") == D("55.34")
    # 总计 is printed on both halves of the side-by-side table, on the continuation page
    assert real.value(doc, table, "总计", group="收入") == D("2995.39")
    assert real.value(doc, table, "总计", group="支出") == D("2995.39")
    assert real.cells(doc, table, "总计", group="收入")[0]["page"] == 7


def test_财政局_支出决算表(real: Ingested) -> None:
    doc = real.doc(CZJ)
    assert real.value(doc, "支出决算表", "合计", "基本支出") == D("2336.91")
    assert real.value(doc, "支出决算表", "合计", "项目支出") == D("603.14")
    # 201 06 01 printed over three code cells
    assert real.value(doc, "支出决算表", "2010601", "本年支出合计") == D("1511.89")
    assert real.value(doc, "支出决算表", "2010601", "基本支出") == D("1503.52")
    assert real.value(doc, "支出决算表", "2010601", "项目支出") == D("8.37")
    # “机关事业单位基本养老保险缴 / 费支出” wraps inside its cell, the figures beside it
    [label] = {c["row_label"] for c in real.cells(doc, "支出决算表", "2080505")}
    assert label == "机关事业单位基本养老保险缴费支出"
    assert real.value(doc, "支出决算表", "2080505", "基本支出") == D("160.75")


def test_财政局_基本支出决算表_two_column_groups(real: Ingested) -> None:
    doc = real.doc(CZJ)
    table = "一般公共预算财政拨款基本支出决算表"
    assert real.value(doc, table, "人员经费合计") == D("2152.26")
    assert real.value(doc, table, "公用经费合计") == D("184.65")
    assert real.value(doc, table, "30201") == D("21.21")
    # a label letter-spaced over two lines is one label
    assert real.cells(doc, table, "30212")[0]["row_label"] == "因公出国（境）费用"


def test_财政局_三公_values_by_position_not_text_order(real: Ingested) -> None:
    doc = real.doc(CZJ)
    table = "三公"
    assert real.value(doc, table, column="合计/预算数") == D("0.95")
    assert real.value(doc, table, column="公务接待费/预算数") == D("0.95")
    assert all(c["amount"] is None for c in real.cells(doc, table, column="决算数"))


def test_财政局_narrative_keeps_numbers_in_their_sentences(real: Ingested) -> None:
    text = "\n".join(real.chunk_texts(real.doc(CZJ)))
    assert "上海市普陀区财政局2024年度收入支出总计2995.39万元" in text
    assert (
        "七、财政拨款“三公”经费支出决算情况说明" in text
        or "“三公”经费财政拨款支出年初预算为0.95万元" in text
    )


def test_石峰区_text_disclosure(real: Ingested) -> None:
    doc = real.doc(SFQ)
    assert (doc.department, doc.year, doc.kind, doc.format) == (
        "株洲市石峰区政务服务中心",
        2018,
        "决算",
        "txt",
    )
    table07 = "“三公”经费支出决算表"
    assert real.value(doc, table07, column="决算数/合计") == D("3.86")
    assert real.value(doc, table07, column="决算数/公务用车购置及运行费/小计") == D("2.93")
    assert real.value(doc, table07, column="决算数/公务接待费") == D("0.93")
    assert real.value(doc, table07, column="预算数/合计") == D("7.8")
    assert real.value(doc, "收入支出决算总表", "一、财政拨款收入") == D("403.08")
    assert real.value(doc, "基本支出决算表", "30226") == D("11.73")


def test_石峰区_tables_carry_their_codes_and_units(real: Ingested) -> None:
    tables = {t["code"]: t for t in real.store.tables(real.doc(SFQ).id)}
    assert sorted(tables) == [f"财决公开0{n}表" for n in range(1, 9)]
    assert {t["unit"] for t in tables.values()} == {"万元"}
    assert tables["财决公开01表"]["title"] == "收入支出决算总表"


def test_石峰区_misaligned_text_row_keeps_its_figure(real: Ingested) -> None:
    # “公用经费合计\t\t\t21.42” sits one cell too far right in the text file
    assert real.value(real.doc(SFQ), "基本支出决算表", "公用经费合计") == D("21.42")


def test_万里街道_2024_budget_in_元(real: Ingested) -> None:
    doc = real.doc(WL24)
    assert (doc.department, doc.year, doc.kind, doc.level) == (
        "上海市普陀区人民政府万里街道办事处",
        2024,
        "预算",
        "部门",
    )
    total = real.cells(doc, "部门财务收支预算总表", "收入总计")[0]
    assert (total["amount"], total["original"], total["original_unit"]) == (
        "15621.1123",
        "156,211,123",
        "元",
    )
    assert round(D(total["amount"]), 2) == D("15621.11")
    # the PDF prints 30102 as “301 2”
    assert real.value(doc, "经济分类预算表", "30102", "合计") == D("1662.381")


def test_万里街道_2024_三公_table_in_万元(real: Ingested) -> None:
    doc = real.doc(WL24)
    table = "三公"
    assert real.value(doc, table, column="三公”经费预算数/合计") == D("47.91")
    assert real.value(doc, table, column="购置费") == D("25")
    assert real.value(doc, table, column="运行费") == D("21.56")
    assert real.value(doc, table, column="公务接待费") == D("1.35")
    assert real.value(doc, table, column="机关运行经费预算数") == D("443.18")
    assert {c["original_unit"] for c in real.cells(doc, table)} == {"万元"}


def test_万里街道_2023_三公(real: Ingested) -> None:
    doc = real.doc(WL23)
    assert real.value(doc, "三公", column="经费预算数/合计") == D("22.91")
    assert real.value(doc, "三公", column="机关运行经费预算数") == D("786.09")


def test_万里街道_2024_continued_table_and_total_only_page(real: Ingested) -> None:
    doc = real.doc(WL24)
    tables = {t["title"]: t for t in real.store.tables(doc.id)}
    income = tables["2024年部门收入预算总表"]
    assert (income["page_start"], income["page_end"]) == (11, 15)
    # page 15 holds only the 合计 row, drawn as one wide cell plus five figures
    assert real.value(doc, "收入预算总表", "合计", "收入预算/合计") == D("15621.1123")
    assert real.cells(doc, "收入预算总表", "合计")[0]["page"] == 15
    # the repeated header of pages 23–26 is not data
    labels = [
        r["label"]
        for r in real.store.table_rows(tables["2024年部门一般公共预算支出功能分类预算表"]["id"])
    ]
    assert "功能分类科目名称" not in labels and labels.count("合计") == 1


def test_社会工作部(real: Ingested) -> None:
    doc = real.doc(SGB)
    assert doc.department == "中共上海市普陀区委社会工作部"
    assert real.value(doc, "收入支出决算总表", "本年收入合计") == D("307.82")
    assert real.value(doc, "基本支出决算表", "人员经费合计") == D("95.36")
    assert real.value(doc, "基本支出决算表", "公用经费合计") == D("10.23")


def test_社会工作部_empty_三公_table_is_empty_not_zero(real: Ingested) -> None:
    doc = real.doc(SGB)
    table = next(t for t in real.store.tables(doc.id) if "三公" in (t["title"] or ""))
    assert table["empty"] == 1
    assert all(c["amount"] is None for c in real.cells(doc, "三公"))
    assert "本年度没有财政拨款“三公”经费支出，故本表无数据" in table["notes"]


def test_社会福利院_unit_budget(real: Ingested) -> None:
    doc = real.doc(FLY)
    assert (doc.department, doc.year, doc.kind, doc.level) == (
        "上海市普陀区社会福利院",
        2024,
        "预算",
        "单位",
    )
    assert real.value(doc, "财务收支预算总表", "收入总计") == D("1212.1164")
    assert real.value(doc, "财务收支预算总表", "二、事业收入") == D("262")
    assert real.value(doc, "财务收支预算总表", "支出总计", "基本支出/公用经费") == D("212.095")
    assert real.value(doc, "经济分类预算表", "30101", "人员经费") == D("75.8448")
    assert real.value(doc, "经济分类预算表", "30209", "公用经费") == D("120.6")
    assert real.value(doc, "三公", column="运行费") == D("6.4")


def test_社会福利院_misprinted_code_is_kept_raw(real: Ingested) -> None:
    # “7 11 02 事业单位医疗”: the 类 is misprinted; no code is invented
    rows = [r for t in real.store.tables(real.doc(FLY).id) for r in real.store.table_rows(t["id"])]
    misprinted = [r for r in rows if r["code_raw"] == "7 11 02"]
    assert misprinted and all(
        r["code"] is None and r["label"] == "事业单位医疗" for r in misprinted
    )


def test_blank_template_is_stored_as_a_template_without_figures(real: Ingested) -> None:
    result = real.result(TEMPLATE)
    doc = real.doc(TEMPLATE)
    assert doc.is_template and doc.department == "上海市XX局"
    assert result.cells == 0 and result.tables == 10


def test_reingesting_the_directory_reports_every_file_unchanged(
    real: Ingested, real_corpus
) -> None:
    before = (real.store.counts(), real.index.ids())
    assert {r.status for r in real.ingest(real_corpus)} == {"unchanged"}
    assert (real.store.counts(), real.index.ids()) == before


@pytest.mark.parametrize("corrupt", [badfiles.truncated, badfiles.garbled_xref])
def test_a_corrupted_copy_fails_and_changes_nothing(
    real: Ingested, real_corpus, tmp_path, corrupt
) -> None:
    copy = corrupt(real_corpus / CZJ, tmp_path / CZJ)
    before = (real.store.counts(), real.index.ids())
    [result] = real.ingest(copy)
    assert result.status == "failed"
    assert "PDF 文件" in (result.error or "") and ("截断" in result.error or "损坏" in result.error)
    assert (real.store.counts(), real.index.ids()) == before
