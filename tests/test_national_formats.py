"""The crawled national corpus (CAIWEN_NATIONAL_CORPUS): every file that is not a disclosure
is turned away with a one-line reason that says what it is, and a page of a real disclosure
rendered to an image gives back its printed total by OCR; a disclosure published as its text and
its tables is joined from the files as read."""

import csv
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from caiwen.eval.corpus import ingest_records
from caiwen.ingest.document import Part, parse_file, parse_parts
from caiwen.ingest.pdf import read_pdf
from caiwen.ingest.scans import page_amounts, scan

REASONS = {
    "empty": "空文件",
    "not-pdf": "不是 PDF（实为 HTML）：网页",
    "pdf-scanned": "扫描件（OCR 识别，置信度",
    "pdf-text": "不是预算或决算公开文件：像是",
}
"""What the reason of a non-disclosure starts with, by the manifest's format."""
OCR_TOTALS = 2
"""How many printed totals are read back from rendered pages (OCR is slow on 2 cores)."""


def manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_every_non_disclosure_is_rejected_saying_what_it_is(
    national_corpus: Path, national_store: Path
) -> None:
    """As the ingest of the whole folder recorded it (a copy of a file says so after its
    reason)."""
    records = {Path(str(r["file"])).resolve(): r for r in ingest_records(national_store)}
    junk = [row for row in manifest(national_corpus) if row["is_disclosure"] == "no"]
    assert len(junk) >= 30
    for row in junk:
        record = records[(national_corpus / row["path"]).resolve()]
        reason = str(record["error"]).split("（与“")[0]
        assert record["status"] == "rejected", (row["path"], record)
        assert reason.startswith(REASONS[row["format"]]), (row["path"], reason)
        assert "\n" not in reason and len(reason) <= 160, (row["path"], reason)


def test_a_rendered_page_of_a_disclosure_gives_back_its_printed_total(
    national_corpus: Path, tmp_path: Path
) -> None:
    rows = [
        row
        for row in manifest(national_corpus)
        if row["format"] == "pdf-text"
        and row["total_page"] not in ("", "1")
        and row["total_unit"] == "万元"
        and not row["duplicate_of"]
    ]
    for row in rows[:: max(len(rows) // OCR_TOTALS, 1)][:OCR_TOTALS]:
        page = int(row["total_page"])
        copy = scan(national_corpus / row["path"], tmp_path / f"{page}.pdf", [page])
        [read] = read_pdf(copy)
        assert read.ocr is not None and read.ocr.confidence > 0.9, row["path"]
        assert Decimal(row["total_expenditure_wan"]) in page_amounts(read), row["path"]


def test_parts_of_one_run_are_joined_without_reading_their_files_again(
    national_corpus: Path, tmp_path: Path
) -> None:
    """江苏省政协办公厅's 2018 budget, its text (17 pages) and its tables (12) in two files: each
    file's document keeps the file as read, so the two join into the same disclosure once the
    files are gone, the tables numbered on from page 18 (its 三公 table, page 9 of its file, is
    the disclosure's page 26)."""
    folder = national_corpus / "000_江苏省" / "江苏省政协办公厅"
    names = ["江苏省政协办公厅2018年度部门预算.pdf", "江苏省政协办公厅2018度部门预算公开表.pdf"]
    copies = [Path(shutil.copy(folder / name, tmp_path / name)) for name in names]
    docs = [parse_file(path) for path in copies]
    assert [doc.files[0].part for doc in docs] == ["text", "tables"]
    parts = [
        Part(path, path.name, doc.files[0].part) for path, doc in zip(copies, docs, strict=True)
    ]
    from_files = parse_parts(parts)
    for path in copies:
        path.unlink()
    joined = parse_parts(
        [replace(part, read=doc.read) for part, doc in zip(parts, docs, strict=True)]
    )
    assert joined == from_files
    assert [(f.part, f.first_page, f.pages) for f in joined.files] == [
        ("text", 1, 17),
        ("tables", 18, 12),
    ]
    [sangong] = [t for t in joined.tables if t.title and "三公" in t.title]
    assert sangong.pages == [26]
