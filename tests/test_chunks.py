"""outline → chunks, on real documents: what a passage holds for retrieval and quoting."""

from pathlib import Path

import pytest

from caiwen.ingest.document import parse_file

pytestmark = pytest.mark.national_corpus


def test_a_list_read_as_headings_stays_in_its_sections_text(national_corpus: Path) -> None:
    """烟台司法局 lists its 二级预算单位 one a line (1.烟台市司法局 … 8.烟台市鼎新学校) with
    nothing under each: the items are read as headings, and the passage of 机构设置情况 keeps
    them after their lead-in, in order."""
    parsed = parse_file(national_corpus / "025_烟台/2026年烟台市司法局部门预算.pdf")
    chunk = next(c for c in parsed.chunks if "二级预算单位包括：" in c.text)
    lines = chunk.text.split("\n")
    assert chunk.section_path[-1] == "二、机构设置情况"
    assert lines[-9].endswith("二级预算单位包括：")
    assert [line.split(".")[0] for line in lines[-8:]] == [str(i) for i in range(1, 9)]
    assert lines[-1] == "8.烟台市鼎新学校"
