"""Every form a disclosure is published in: a web page reads like its PDF, a web page saved
under a .pdf name is recognised by its bytes, and a scanned page is read by OCR into the same
tables and sentences its text layer gives."""

import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from caiwen.ingest.document import ParsedDocument, Part, parse_file, parse_parts
from caiwen.ingest.errors import Rejected
from caiwen.ingest.html import read_html
from caiwen.ingest.sample_web import render_web_samples
from caiwen.ingest.samples import document_title, load_spec
from caiwen.ingest.scans import figures, scan
from tests.support import Ingested

D2018 = "示例市示范区政务服务中心2018年度部门决算"
SCANNED_PAGES = {1, 4, 12}
"""The cover, 收入支出决算总表 and the “三公” table of the 2018 sample."""


def stated(doc: ParsedDocument) -> set[tuple[str, str | None, str]]:
    """Every figure the narrative states: (metric, value, quote)."""
    return {(f.metric, str(f.value), f.quote) for f in doc.facts}


@pytest.fixture(scope="module")
def web_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web")
    render_web_samples(out)
    return out


@pytest.mark.parametrize(
    "spec", ["示范区政务服务中心2018决算", "示范区政务服务中心2017决算", "示范区城市管理局2024预算"]
)
def test_a_disclosure_published_as_a_web_page_reads_like_its_pdf(
    samples: Path, web_pages: Path, spec: str
) -> None:
    name = document_title(load_spec(spec))
    pdf, web = parse_file(samples / f"{name}.pdf"), parse_file(web_pages / f"{name}.html")
    assert web.format == "html" and web.pages is None
    assert web.identity == pdf.identity
    assert figures(web) == figures(pdf) and len(figures(web)) > 100
    assert stated(web) == stated(pdf)
    sections = {" > ".join(c.section_path) for c in web.chunks}
    assert all(c.page is None for c in web.chunks) and all(sections)


def test_a_web_page_is_stored_and_its_figures_cited_by_table_and_section(
    web_pages: Path, tmp_path: Path
) -> None:
    web = Ingested.run(tmp_path / "data", web_pages / f"{D2018}.html")
    [result] = web.results
    assert (result.status, result.format, result.pages) == ("ingested", "html", None)
    answer = web.tools.compare_years("三公经费", "示范区政务服务中心", 2018)
    assert {v.value for v in answer.values} >= {D("3.86"), D("4.36"), D("-0.5")}
    assert all(c.page is None and c.file == f"{D2018}.html" for c in answer.citations)
    narrative = [c for c in answer.citations if c.quote and "比上年决算数减少0.5万元" in c.quote]
    assert narrative and "七、" in narrative[0].section and "（一）" in narrative[0].section
    assert web.store.original(web.store.document(result.document_id)).suffix == ".html"


def test_a_web_page_saved_under_a_pdf_name_is_read_by_its_bytes(
    web_pages: Path, tmp_path: Path
) -> None:
    disguised = tmp_path / f"{D2018}.pdf"
    shutil.copy(web_pages / f"{D2018}.html", disguised)
    doc = parse_file(disguised)
    assert doc.format == "html" and doc.identity.year == 2018 and len(doc.tables) == 8


def test_a_web_page_that_only_links_its_attachment_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "2026年示例市财政局部门预算.pdf"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<title>示例市财政局2026年部门预算公开_示例市财政局</title></head><body>"
        "<ul><li><a href='/'>首页</a></li><li><a href='/gk'>政务公开</a></li></ul>"
        "<div><h1>示例市财政局2026年部门预算公开</h1><p>详情见附件。</p>"
        "<p>附件下载：</p><p><a href='/f.pdf'>示例市财政局2026年部门预算.pdf</a></p></div>"
        "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(Rejected) as rejected:
        parse_file(page)
    assert str(rejected.value) == (
        "不是 PDF（实为 HTML）：网页“示例市财政局2026年部门预算公开”没有预算数字，"
        "只有附件链接“示例市财政局2026年部门预算.pdf”"
    )


def test_merged_cells_of_a_web_table_cover_the_columns_below_them() -> None:
    page = read_html(
        "<html><body><table>"
        "<tr><th rowspan='2'>项目</th><th colspan='2'>本年支出</th></tr>"
        "<tr><th>基本支出</th><th>项目支出</th></tr>"
        "<tr><td>合计</td><td>1,200.50</td><td>300</td></tr>"
        "</table></body></html>".encode()
    )
    [grid] = page.items
    cells = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in grid.cells}
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    assert cells[(0, 0)] == ("项目", 2, 1) and cells[(0, 1)] == ("本年支出", 1, 2)
    assert cells[(1, 1)] == ("基本支出", 1, 1) and cells[(2, 1)] == ("1,200.50", 1, 1)
    assert read_html(b"<html><body><table><tr><td> </td></tr></table></body></html>").items == []


def test_the_main_content_of_a_page_leaves_its_menus_and_link_lists_out(web_pages: Path) -> None:
    page = read_html((web_pages / f"{D2018}.html").read_bytes())
    texts = [getattr(item, "text", "") for item in page.items]
    assert page.name == D2018
    assert "首页" not in texts and "国务院部门网站" not in texts
    assert not any("主办单位" in t for t in texts)


@pytest.fixture(scope="module")
def scanned(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The 2018 sample with its cover and two table pages scanned (no text layer), the other
    pages as printed: a text PDF with some scanned pages, read by OCR."""
    folder = tmp_path_factory.mktemp("scanned")
    out = scan(
        samples / f"{D2018}.pdf",
        folder / f"{D2018}.pdf",
        pages=range(1, 18),
        keep_text=set(range(1, 18)) - SCANNED_PAGES,
    )
    return Ingested.run(folder / "data", out)


def test_scanned_pages_give_back_the_figures_of_their_text(
    samples: Path, scanned: Ingested
) -> None:
    [result] = scanned.results
    assert result.status == "ingested" and result.ocr_pages == len(SCANNED_PAGES)
    text = parse_file(samples / f"{D2018}.pdf")
    ocr = parse_file(Path(result.file))
    assert ocr.identity == text.identity
    assert set(ocr.ocr_pages) == SCANNED_PAGES
    assert all(confidence > 0.9 for confidence in ocr.ocr_pages.values())
    assert figures(ocr) == figures(text)
    assert stated(ocr) == stated(text)


def test_a_figure_read_by_ocr_is_cited_as_such_with_its_confidence(scanned: Ingested) -> None:
    result = scanned.tools.get_metric("三公经费", "示范区政务服务中心", 2018)
    assert [v.value for v in result.values] == [D("3.86")]
    [table] = [c for c in result.citations if c.table and "三公" in c.table]
    assert table.page == 12 and table.ocr_confidence is not None and table.ocr_confidence > 0.9
    printed = scanned.tools.get_metric("2010301", "示范区政务服务中心", 2018)
    assert [v.value for v in printed.values] == [D("102.93")]
    assert all(c.page not in SCANNED_PAGES for c in printed.citations)
    assert all(c.ocr_confidence is None for c in printed.citations)


def test_a_scanned_page_of_a_tables_file_is_a_page_of_the_whole_disclosure(
    samples: Path, tmp_path: Path
) -> None:
    """The 2018 sample published as two files, its narrative (pages 1–3) and its tables (4–17)
    with the 三公 table scanned: OCR reads page 9 of the tables file, the document's page 12."""
    source = samples / f"{D2018}.pdf"
    text = scan(source, tmp_path / "公开说明.pdf", range(1, 4), keep_text=range(1, 4))
    tables = scan(source, tmp_path / "公开表格.pdf", range(4, 18), set(range(4, 18)) - {12})
    doc = parse_parts([Part(text, text.name, "text"), Part(tables, tables.name, "tables")])
    assert [(f.name, f.part, f.first_page, f.pages) for f in doc.files] == [
        ("公开说明.pdf", "text", 1, 3),
        ("公开表格.pdf", "tables", 4, 14),
    ]
    assert set(doc.ocr_pages) == {12}
    [sangong] = [t for t in doc.tables if t.title and "三公" in t.title]
    assert sangong.pages == [12]
