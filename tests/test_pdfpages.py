"""A lean page's characters are pdfplumber's, attribute for attribute, for every attribute it
keeps; its rulings and images are pdfplumber's own. Checked on the samples and on real
disclosures of several regions and templates (CAIWEN_NATIONAL_CORPUS)."""

from pathlib import Path

import pdfplumber
import pytest

from caiwen.ingest.pdfpages import lean_pages

NATIONAL = [
    "000_江苏省/江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf",
    "002_北京/2026年北京市公安局部门预算.pdf",
    "003_深圳/2026年深圳市工业和信息化局部门预算.pdf",
    "015_长沙/公安局_2026年部门预算.pdf",
    "025_烟台/2026年烟台市司法局部门预算.pdf",
]
"""Files whose parse differed while the lean chars computed their bottoms from their heights
(top + height is not pdfplumber's page height − y0 to the last bit)."""


def assert_same_pages(path: Path) -> None:
    with pdfplumber.open(path) as plain, pdfplumber.open(path) as lean:
        pages = lean_pages(lean)
        assert len(pages) == len(plain.pages)
        for mine, theirs in zip(pages, plain.pages, strict=True):
            assert (mine.page_number, mine.initial_doctop) == (
                theirs.page_number,
                theirs.initial_doctop,
            )
            assert len(mine.chars) == len(theirs.chars), (path.name, mine.page_number)
            for char, full in zip(mine.chars, theirs.chars, strict=True):
                assert char == {key: full[key] for key in char}, (path.name, mine.page_number)
            assert mine.rects == theirs.rects and mine.lines == theirs.lines
            assert mine.curves == theirs.curves


def test_the_samples_read_lean_as_pdfplumber_reads_them(samples: Path) -> None:
    pdfs = sorted(samples.glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert_same_pages(path)


@pytest.mark.parametrize("name", NATIONAL)
def test_a_real_disclosure_reads_lean_as_pdfplumber_reads_it(
    national_corpus: Path, name: str
) -> None:
    assert_same_pages(national_corpus / name)
