"""Text disclosure → lines and raw table grids, in reading order.

Plain-text disclosures (a report copied out of a word processor) keep their tables as
tab-separated rows under a title line; a table may carry its own title row, a
“部门：… 财决公开05表 金额单位：万元” row and a row of spreadsheet column letters.
"""

from caiwen.ingest.errors import IngestError
from caiwen.ingest.grid import GridCell, RawTable
from caiwen.ingest.layout import Line
from caiwen.ingest.text import tidy

Item = Line | RawTable
ENCODINGS = ("utf-8-sig", "gb18030")
BULLETS = "-*•·#> "


def read_lines(text: str) -> list[Item]:
    """Every line and tab-separated table of a text disclosure."""
    lines = text.splitlines()
    items: list[Item] = []
    start = 0
    while start < len(lines):
        if "\t" in lines[start]:
            end = start
            while end < len(lines) and "\t" in lines[end]:
                end += 1
            items.append(block_to_table([line.split("\t") for line in lines[start:end]]))
            start = end
            continue
        text = tidy(lines[start].strip().lstrip(BULLETS))
        if text:
            items.append(Line(text, 0.0, 0.0, 0.0, 0.0, 0.0, None))
        start += 1
    if not items:
        raise IngestError("文本文件没有内容")
    return items


def decode(data: bytes) -> str:
    """The text of a file in UTF-8 or GB18030; IngestError for binary or empty files."""
    if not data.strip():
        raise IngestError("文件为空")
    if b"\x00" in data[:4096]:
        raise IngestError("不是文本文件（含二进制内容）")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("无法识别文本编码（既不是 UTF-8 也不是 GB18030）")


def block_to_table(rows: list[list[str]]) -> RawTable:
    """Tab-separated rows → RawTable (labels and notes inside it are read off later)."""
    table = RawTable(cells=[], n_rows=len(rows), n_cols=max(len(_trimmed(r)) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(_trimmed(row)):
            table.cells.append(GridCell(r, c, tidy(text)))
    return table


def _trimmed(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row[:end]
