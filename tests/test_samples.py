"""The generated sample disclosures: the same kinds of figures as the real ones, so the
project is tested on a fresh machine without the published PDFs."""

from decimal import Decimal as D
from pathlib import Path

from typer.testing import CliRunner

from caiwen.cli import app
from tests.support import Ingested

D2018 = "示例市示范区政务服务中心2018年度部门决算.pdf"
D2017 = "示例市示范区政务服务中心2017年度部门决算.pdf"
B2024 = "示例市示范区城市管理局2024年部门预算.pdf"


def test_samples_are_ingested_with_their_identity(sample: Ingested) -> None:
    assert {r.status for r in sample.results} == {"ingested"}, [r.error for r in sample.results]
    doc = sample.doc(D2018)
    assert (doc.department, doc.region, doc.year, doc.kind, doc.level) == (
        "示例市示范区政务服务中心",
        "示例市示范区",
        2018,
        "决算",
        "部门",
    )
    assert (sample.doc(D2017).year, sample.doc(B2024).kind) == (2017, "预算")


def test_2018_三公_table_with_预算数_and_决算数_on_top(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    table = "“三公”经费支出决算表"
    assert sample.value(doc, table, column="决算数/合计") == D("3.86")
    assert sample.value(doc, table, column="决算数/公务用车购置及运行费/小计") == D("2.93")
    assert sample.value(doc, table, column="决算数/公务接待费") == D("0.93")
    assert sample.value(doc, table, column="预算数/合计") == D("7.80")


def test_2018_side_by_side_总表(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    assert sample.value(doc, "收入支出决算总表", "本年收入合计") == D("403.08")
    assert sample.value(doc, "收入支出决算总表", "本年支出合计") == D("403.21")
    assert sample.value(doc, "收入支出决算总表", "总计", group="收入") == D("403.21")
    assert sample.value(doc, "收入支出决算总表", "年初结转和结余") == D("0.13")


def test_2018_codes_split_over_类款项_cells_are_joined(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    assert sample.value(doc, "一般公共预算财政拨款支出决算表", "2010302", "项目支出") == D("20.22")
    assert sample.value(doc, "支出决算表", "2010301", "基本支出") == D("102.93")


def test_2018_基本支出表_three_groups_continued_without_header(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    table = "一般公共预算财政拨款基本支出决算表"
    assert sample.value(doc, table, "人员经费合计") == D("81.51")
    assert sample.value(doc, table, "30226") == D("11.73")
    assert sample.value(doc, table, "30217") == D("0.93")
    pages = {c["page"] for c in sample.cells(doc, table)}
    assert pages == {10, 11}
    groups = {c["grp"] for c in sample.cells(doc, table)}
    assert groups == {"人员经费", "公用经费"}


def test_2018_empty_table_is_stored_empty(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    table = next(t for t in sample.store.tables(doc.id) if t["code"] == "财决公开08表")
    assert table["empty"] == 1
    assert "本表为空表" in table["notes"]


def test_2017_derived_from_the_2018_statements(sample: Ingested) -> None:
    doc = sample.doc(D2017)
    assert sample.value(doc, "“三公”经费支出决算表", column="决算数/合计") == D("4.36")
    assert sample.value(doc, "收入支出决算总表", "本年收入合计") == D("177.19")
    assert sample.value(doc, "收入支出决算总表", "本年支出合计") == D("188.33")


def test_budget_tables_in_元_normalised_to_万元(sample: Ingested) -> None:
    doc = sample.doc(B2024)
    total = sample.cells(doc, "部门财务收支预算总表", "收入总计")[0]
    assert (total["amount"], total["original"], total["original_unit"]) == (
        "4128.8669",
        "41,288,669",
        "元",
    )
    assert sample.value(doc, "三公", column="合计") == D("19.80")
    assert {c["original_unit"] for c in sample.cells(doc, "三公")} == {"万元"}


def test_budget_continuation_with_repeated_header_and_total_only_page(sample: Ingested) -> None:
    doc = sample.doc(B2024)
    tables = {t["title"]: t for t in sample.store.tables(doc.id)}
    income = next(t for title, t in tables.items() if "收入预算总表" in title)
    assert (income["page_start"], income["page_end"]) == (10, 12)
    assert sample.cells(doc, income["title"], "合计")[0]["page"] == 12
    function = next(t for title, t in tables.items() if "一般公共预算支出功能分类" in title)
    labels = [r["label"] for r in sample.store.table_rows(function["id"])]
    assert labels.count("合计") == 1 and not any("科目名称" in label for label in labels)


def test_narrative_numbers_and_quotes_rejoin_their_sentences(sample: Ingested) -> None:
    text = "\n".join(sample.chunk_texts(sample.doc(D2018)))
    assert "2018年“三公”经费支出合计3.86万元，比上年决算数减少0.5万元" in text


def test_page_numbers_running_headers_and_contents_are_not_narrative(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    paragraphs = [
        p["text"]
        for p in sample.store.db.execute(
            "SELECT text FROM paragraphs WHERE document_id = ?", [doc.id]
        )
    ]
    assert not any(p.strip("-— ").isdigit() for p in paragraphs)
    assert not any(p == "示例市示范区政务服务中心2018年度部门决算" for p in paragraphs)
    assert not any(p.startswith("目录") for p in paragraphs)


def test_section_tree_and_chunk_sections(sample: Ingested) -> None:
    doc = sample.doc(D2018)
    paths = [s["path"] for s in sample.store.sections(doc.id)]
    assert (
        "第三部分示例市示范区政务服务中心2018年度部门决算情况说明 > "
        "七、一般公共预算财政拨款“三公”经费支出决算情况说明 > "
        "（一）“三公”经费财政拨款支出决算总体情况说明"
    ) in paths
    chunk = next(c for c in sample.store.chunks(doc.id) if "3.86万元" in c["text"])
    assert "七、一般公共预算财政拨款“三公”经费支出决算情况说明" in chunk["section_path"]
    assert chunk["page"] == 15
    assert all(len(c["text"]) <= 700 for c in sample.store.chunks(doc.id))


def test_generated_samples_are_the_samples_under_other_names(tmp_path: Path) -> None:
    """`caiwen samples OUTDIR --count N`: each turn of the bundled specs under another
    government and department, stored with that identity and the same figures, and as
    consistent as the samples (the audit finds nothing)."""
    done = CliRunner().invoke(app, ["samples", str(tmp_path / "docs"), "--count", "4"])
    assert done.exit_code == 0, done.output
    names = [Path(line).name for line in done.output.split()]
    assert names == [
        "样本市东城区政务服务中心2024年部门预算.pdf",
        "样本市东城区政务服务中心2017年度部门决算.pdf",
        "样本市东城区政务服务中心2018年度部门决算.pdf",
        "样本市西城区政务服务中心2024年部门预算.pdf",
    ]
    generated = Ingested.run(tmp_path / "data", tmp_path / "docs" / names[2])
    doc = generated.doc(names[2])
    assert (doc.region, doc.department, doc.year) == (
        "样本市东城区",
        "样本市东城区政务服务中心",
        2018,
    )
    assert generated.value(doc, "“三公”经费支出决算表", column="决算数/公务接待费") == D("0.93")
    assert generated.store.findings(doc.id) == []


def test_more_generated_samples_than_names_is_refused_in_chinese(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["samples", str(tmp_path), "--count", "100000"])
    assert done.exit_code == 2 and "可生成 1 到" in done.output
    assert not any(tmp_path.iterdir())
