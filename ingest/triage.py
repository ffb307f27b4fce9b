"""What a file is, from its bytes and its first page: a disclosure to read, or junk with a
one-line reason.

A crawler's folder holds, beside the disclosures, empty files, web pages saved under a .pdf
name, scans, and other government documents (notices, forms, reports). Each is turned away
with a ``Rejected`` error that says what it is, as early as that can be known: from the bytes
(empty, HTML, another binary format), from the first page (a notice, a form), or from a web
page's content (no figures, only attachment links). The words live in ``triage.yaml``.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from caiwen.ingest.errors import Rejected
from caiwen.ingest.grid import RawTable
from caiwen.ingest.html import HtmlPage
from caiwen.ingest.layout import Line
from caiwen.ingest.numbers import parse_amount
from caiwen.ingest.ocr import OcrPage
from caiwen.ingest.text import compact, ends_sentence

QUOTE_CHARS = 40
"""How much of a title a reason quotes."""
TITLE_LINES = 3
WRAPPED_MIN_CHARS = 8
"""A title line that wraps onto the next is at least this long."""
MAGIC = (
    (b"PK\x03\x04", "ZIP 压缩包或 Office 文档"),
    (b"\xd0\xcf\x11\xe0", "Word/Excel 97-2003 文档"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文档"),
)
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
FORMAT_NAMES = {"html": "HTML", "text": "文本文件"}


@dataclass(frozen=True)
class Kind:
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    disclosure: re.Pattern[str]
    looks_like: tuple[Kind, ...]
    amount: re.Pattern[str]
    min_figures: int
    attachment: re.Pattern[str]


@cache
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("caiwen.ingest").joinpath("triage.yaml").read_text())
    return Rules(
        disclosure=re.compile(raw["disclosure"]),
        looks_like=tuple(Kind(k["name"], re.compile(k["pattern"])) for k in raw["looks_like"]),
        amount=re.compile(raw["amount"]),
        min_figures=int(raw["min_figures"]),
        attachment=re.compile(raw["attachment"]),
    )


def sniff(data: bytes) -> str:
    """What the bytes are: 'empty', 'pdf', 'html', 'text', or the name of another format."""
    if not data.strip():
        return "empty"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if _HTML.search(head[:1024]):
        return "html"
    for magic, name in MAGIC:
        if head.startswith(magic):
            return name
    if b"\x00" in data[:4096]:
        return "二进制文件"
    return "text"


def file_format(path: Path, data: bytes) -> str:
    """'pdf', 'html' or 'text': how to read the file, by its bytes whatever its name says;
    Rejected for an empty file or another format."""
    found = sniff(data)
    if found == "empty":
        raise Rejected("空文件" + ("（0 字节）" if not data else "（只有空白字符）"))
    if found in ("pdf", "html", "text"):
        return found
    expected = "PDF" if path.suffix.lower() == ".pdf" else "支持的文件"
    raise Rejected(f"不是 {expected}（实为{found}）")


def disguise(path: Path, found: str) -> str:
    """'不是 PDF（实为 HTML）：' when the name says one format and the bytes another."""
    if path.suffix.lower() == ".pdf" and found != "pdf":
        return f"不是 PDF（实为 {FORMAT_NAMES[found]}）："
    return ""


def check_first_page(items: list[Line | RawTable], ocr: OcrPage | None = None) -> None:
    """Rejected when the first page shows another kind of document than a disclosure (its
    lines, and the cells of its tables: a form is a table, and some notes are boxed)."""
    kind = looks_like(item_texts(items))
    if kind:
        raise Rejected(scanned(ocr) + f"不是预算或决算公开文件：像是{kind}")


def item_texts(items: list[Line | RawTable]) -> list[str]:
    """The text of lines, and of table cells row by row, in reading order."""
    texts: list[str] = []
    for item in items:
        if isinstance(item, RawTable):
            texts.extend(c.text for c in sorted(item.cells, key=lambda c: (c.row, c.col)))
        else:
            texts.append(item.text)
    return texts


def looks_like(lines: list[str]) -> str | None:
    """'通知（“…”）' when a line names another kind of document before any line names a
    disclosure; None otherwise."""
    texts = [compact(unicodedata.normalize("NFKC", line)) for line in lines if line.strip()]
    end = next((i for i in range(len(texts)) if _is_disclosure(texts, i)), len(texts))
    found = [
        (order, i)
        for i, text in enumerate(texts[:end])
        for order, kind in enumerate(rules().looks_like)
        if kind.pattern.search(text)
    ]
    if not found:
        return None
    order, i = min(found)
    return f"{rules().looks_like[order].name}（“{quote(_title_at(texts, i))}”）"


def _title_at(texts: list[str], i: int) -> str:
    """The line with the lines of the same title above it (a title wraps: “…关于印发” /
    “…实施办法的通知”), as far as a line that ends a sentence or a blank-free short line."""
    start = i
    while start > 0 and i - start < TITLE_LINES - 1 and _wraps_into(texts[start - 1]):
        start -= 1
    return "".join(texts[start : i + 1])


def _wraps_into(text: str) -> bool:
    return (
        len(text) >= WRAPPED_MIN_CHARS
        and not ends_sentence(text)
        and not any(kind.pattern.search(text) for kind in rules().looks_like)
    )


def _is_disclosure(texts: list[str], i: int) -> bool:
    """The line, or the line joined with the next (a title split over two lines), names a
    disclosure."""
    joined = texts[i] + (texts[i + 1] if i + 1 < len(texts) else "")
    return bool(rules().disclosure.search(joined))


def check_web_page(page: HtmlPage, path: Path) -> None:
    """Rejected when a web page states no budget figures (an index or attachment page)."""
    if count_figures(page.items) >= rules().min_figures:
        return
    lines = [item.text for item in page.items if isinstance(item, Line)]
    links = [compact(t) for t in lines if rules().attachment.search(compact(t))]
    name = f"网页“{quote(page.name)}”" if page.name else "网页"
    reason = f"{name}没有预算数字"
    if links:
        more = f"等{len(links)}个" if len(links) > 1 else ""
        reason += f"，只有附件链接“{quote(links[0])}”{more}"
    prefix = disguise(path, "html") or "不是预算或决算公开文件："
    raise Rejected(prefix + reason)


def count_figures(items: list[Line | RawTable]) -> int:
    """Amounts stated in the text, and table cells that hold a figure with decimals."""
    count = 0
    for item in items:
        if isinstance(item, Line):
            count += len(rules().amount.findall(item.text))
        else:
            count += sum(
                1 for c in item.cells if parse_amount(c.text) is not None and "." in c.text
            )
    return count


def scanned(ocr: OcrPage | None) -> str:
    """'扫描件（OCR 识别，置信度 0.97）：' for a page read by OCR."""
    if ocr is None:
        return ""
    confidence = ocr.confidence
    said = f"，置信度 {confidence:.2f}" if confidence is not None else "，没有识别出文字"
    return f"扫描件（OCR 识别{said}）："


def quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…"
