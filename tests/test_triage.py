"""What a crawler brings besides disclosures gets a one-line reason, never a crash: empty
files, web pages under a .pdf name, other formats, notices and forms, copies of a stored file.
``caiwen ingest`` exits with 1 exactly when a file was rejected or failed."""

import json
import shutil
from pathlib import Path

import pytest

from caiwen.ingest.errors import Rejected
from caiwen.ingest.triage import file_format, looks_like, sniff
from tests import badfiles
from tests.support import Ingested
from tests.test_cli import caiwen

D2018 = "示例市示范区政务服务中心2018年度部门决算.pdf"


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"", "empty"),
        (b" \r\n\t", "empty"),
        (b"%PDF-1.7\n", "pdf"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html>", "html"),
        (b"\n  <html lang='zh'><head>", "html"),
        (b"PK\x03\x04\x14\x00", "ZIP 压缩包或 Office 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel 97-2003 文档"),
        ("示例市财政局2026年部门预算\n".encode(), "text"),
    ],
)
def test_what_a_file_is_comes_from_its_bytes(data: bytes, found: str) -> None:
    assert sniff(data) == found


def test_a_file_of_another_format_under_a_pdf_name_is_rejected_naming_it() -> None:
    with pytest.raises(Rejected, match=r"^不是 PDF（实为Word/Excel 97-2003 文档）$"):
        file_format(Path("预算.pdf"), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    with pytest.raises(Rejected, match=r"^空文件（只有空白字符）$"):
        file_format(Path("预算.pdf"), b"\n\n")


@pytest.mark.parametrize(
    ("first_page", "looks"),
    [
        (
            [
                "杭政办函〔2025〕30号",
                "杭州市人民政府办公厅关于印发全面加强",
                "消防安全工作实施办法的通知",
            ],
            "通知（“杭州市人民政府办公厅关于印发全面加强消防安全工作实施办法的通知”）",
        ),
        (
            ["济南市审计局政府信息公开申请表", "申请人信息"],
            "申请表（“济南市审计局政府信息公开申请表”）",
        ),
        (
            ["2026年1—2月泉州市国民经济主要指标", "指标 单位 1—2月"],
            "统计表（“2026年1—2月泉州市国民经济主要指标”）",
        ),
        (["泉气函〔2024〕31号", "各县（市、区）气象局："], "公文（“泉气函〔2024〕31号”）"),
        (
            ["2023年度长沙市公安局交通警察支队", "专项资金绩效评价结果"],
            "绩效评价报告（“2023年度长沙市公安局交通警察支队专项资金绩效评价结果”）",
        ),
    ],
)
def test_a_first_page_that_is_not_a_disclosure_says_what_it_looks_like(
    first_page: list[str], looks: str
) -> None:
    assert looks_like(first_page) == looks


@pytest.mark.parametrize(
    "first_page",
    [
        ["2026 年深圳市交通运输局（本级）部", "门预算"],
        ["示例市财政局2026年部门预算情况说明", "根据《预算法》和财预〔2016〕143号文件的通知要求"],
        ["收支预算总表", "公开表一", "部门：江苏省人大常委会办公厅 单位：万元"],
        ["一、部门基本情况", "（一）主要职能"],
    ],
)
def test_a_disclosure_is_not_taken_for_a_notice(first_page: list[str]) -> None:
    assert looks_like(first_page) is None


@pytest.fixture
def store(tmp_path: Path) -> Ingested:
    return Ingested.run(tmp_path / "data")


def test_a_copy_under_another_name_is_a_duplicate_in_one_run_and_the_next(
    store: Ingested, samples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    shutil.copy(samples / D2018, folder / "a.pdf")
    shutil.copy(samples / D2018, folder / "b.pdf")
    first, copy = store.ingest(folder)
    assert (first.status, copy.status) == ("ingested", "duplicate")
    assert copy.error == "重复文件：与“a.pdf”字节相同"
    assert copy.document_id == first.document_id and len(store.store.documents()) == 1
    later = tmp_path / "c.pdf"
    shutil.copy(samples / D2018, later)
    [again] = store.ingest(later)
    assert (again.status, again.error) == ("duplicate", "重复文件：与已入库的“a.pdf”字节相同")
    assert [r.status for r in store.ingest(folder / "a.pdf")] == ["unchanged"]


def test_copies_of_junk_get_the_reason_of_the_first(store: Ingested, tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for name in ("1.pdf", "2.pdf"):
        badfiles.empty(folder / name)
    first, copy = store.ingest(folder)
    assert (first.status, first.error) == ("rejected", "空文件（0 字节）")
    assert (copy.status, copy.error) == ("rejected", "空文件（0 字节）（与“1.pdf”字节相同）")


def test_the_exit_status_is_1_only_for_rejected_and_failed_files(
    samples: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    shutil.copy(samples / D2018, folder / "a.pdf")
    shutil.copy(samples / D2018, folder / "b.pdf")
    stored = caiwen("ingest", str(folder), "--json", env_data=tmp_path / "data")
    assert stored.returncode == 0, stored.stderr
    badfiles.not_a_disclosure(folder / "通知.pdf")
    (folder / "网页.pdf").write_text("<html><head><title>附件下载</title></head></html>")
    junk = caiwen("ingest", str(folder), "--json", env_data=tmp_path / "data")
    assert junk.returncode == 1
    records = {Path(r["file"]).name: r for r in map(json.loads, junk.stdout.splitlines())}
    assert {name: r["status"] for name, r in records.items()} == {
        "a.pdf": "unchanged",
        "b.pdf": "duplicate",
        "通知.pdf": "rejected",
        "网页.pdf": "rejected",
    }
    assert records["网页.pdf"]["error"].startswith("不是 PDF（实为 HTML）：网页“附件下载”")
