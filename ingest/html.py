"""Web page → lines and raw table grids, in reading order.

A disclosure published as a web page has its narrative in ``<p>``/``<div>`` blocks and its
tables as ``<table>``s, inside a page of navigation, link lists and footers. The page's main
content is found by where its text is (link text does not count: menus and link lists are
all links); the page's ``<title>`` and headings come first, as a PDF's cover does. Table
cells keep their ``rowspan``/``colspan``, placed on an occupancy grid as a browser does, so
merged header cells cover the columns below them as in a PDF grid.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml.etree import ParserError, _Comment, _Element

from caiwen.ingest.errors import IngestError
from caiwen.ingest.grid import GridCell, RawTable
from caiwen.ingest.layout import Line
from caiwen.ingest.text import tidy

Item = Line | RawTable

DROPPED = {
    "script", "style", "noscript", "template", "iframe", "select", "option", "button",
    "input", "textarea", "svg", "nav", "footer", "header", "head", "object", "video", "audio",
}  # fmt: skip
BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "form", "hr", "br",
    "tr", "td", "th", "caption", "tbody", "thead", "tfoot", "fieldset", "address", "figure",
}  # fmt: skip
CONTAINERS = {
    "div", "section", "article", "main", "center", "form", "table", "tbody", "tr", "td", "th",
    "span", "font",
}  # fmt: skip
"""Elements the main content may be inside (a paragraph or a heading is part of it)."""
HEADINGS = {"h1": 1.6, "h2": 1.4, "h3": 1.2}
"""Relative sizes given to heading lines, so a heading reads as a title like a PDF's."""
CONTENT_SHARE = 0.6
"""The main content is the deepest element holding this share of its parent's text."""
MAX_SPAN = 100
COVER_LINES = 3
_SITE_SUFFIX = re.compile(r"\s*[-_|–—]\s*")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_WEIGHED = re.compile(r"[\w\u4e00-\u9fff]")


@dataclass
class HtmlPage:
    title: str
    headings: list[str]
    items: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        """What the page calls itself: its first heading, or the longest part of its title
        (the site's name is cut off: “…情况说明-政务公开” → “…情况说明”)."""
        if self.headings:
            return self.headings[0]
        return max(_SITE_SUFFIX.split(self.title), key=len) if self.title else ""

    @property
    def cover(self) -> list[str]:
        """The lines a PDF's cover would hold: title, headings, then the first lines."""
        first = [item.text for item in self.items[:COVER_LINES] if isinstance(item, Line)]
        return [t for t in (self.name, *self.headings[1:2], *first) if t]


def read_html(data: bytes) -> HtmlPage:
    """The title, headings and main content of a web page."""
    try:
        root = lxml.html.document_fromstring(
            decode_html(data).encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (ParserError, ValueError) as error:
        raise IngestError(f"网页无法解析（{error}）") from error
    title = squeeze(root.findtext(".//title") or "")
    for element in list(root.iter()):
        if isinstance(element, _Comment) or element.tag in DROPPED:
            _remove(element)
    body = root.find("body")
    if body is None:
        body = root
    headings = [squeeze(h.text_content()) for h in body.iter("h1", "h2")]
    items = list(_Walker().walk(main_content(body)))
    return HtmlPage(title, [h for h in headings if h], items)


def decode_html(data: bytes) -> str:
    """A page's text in the charset it declares, else UTF-8, else GB18030."""
    declared = _CHARSET.search(data[:4096])
    encodings = [declared.group(1).decode("ascii")] if declared else []
    for encoding in [*encodings, "utf-8", "gb18030"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def main_content(body: _Element) -> _Element:
    """The deepest container that holds most of the page's own (non-link) text."""
    node = body
    while True:
        weight = text_weight(node)
        children = [c for c in node if c.tag in CONTAINERS and not _is_data_table(c)]
        best = max(children, key=text_weight, default=None)
        if best is None or weight == 0 or text_weight(best) < CONTENT_SHARE * weight:
            return node
        node = best


def text_weight(element: _Element) -> int:
    """Letters, digits and CJK characters outside links."""
    total = len(_WEIGHED.findall(element.text or ""))
    for child in element:
        if isinstance(child.tag, str) and child.tag != "a":
            total += text_weight(child)
        total += len(_WEIGHED.findall(child.tail or ""))
    return total


def squeeze(text: str) -> str:
    """Whitespace as a browser shows it (newlines are spaces), tidied."""
    return tidy(" ".join(text.split()))


def _remove(element: _Element) -> None:
    """Drop an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _is_data_table(element: _Element) -> bool:
    """A ``<table>`` of cells, not a page layout (which holds further tables)."""
    return element.tag == "table" and next(element.iterdescendants("table"), None) is None


class _Walker:
    """Reads blocks into lines (one per block or ``<br>``) and data tables into grids."""

    def __init__(self) -> None:
        self.buffer: list[str] = []
        self.size = 1.0

    def walk(self, element: _Element) -> Iterator[Item]:
        yield from self._element(element)
        yield from self._flush()

    def _element(self, element: _Element) -> Iterator[Item]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if _is_data_table(element):
            yield from self._flush()
            table = table_to_grid(element)
            if table is not None:
                yield table
            return
        block = tag in BLOCKS or tag == "table"
        if block:
            yield from self._flush()
        self.size = HEADINGS.get(tag, self.size)
        self.buffer.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                yield from self._element(child)
            self.buffer.append(child.tail or "")
        if block:
            yield from self._flush()
        if tag in HEADINGS:
            self.size = 1.0

    def _flush(self) -> Iterator[Item]:
        text = squeeze("".join(self.buffer))
        self.buffer = []
        if text:
            yield Line(text, 0.0, 0.0, 0.0, 0.0, self.size, None)


def table_to_grid(table: _Element) -> RawTable | None:
    """A ``<table>`` → RawTable, spans placed on an occupancy grid."""
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    rows = list(table.iter("tr"))
    for r, tr in enumerate(rows):
        c = 0
        for td in (x for x in tr if x.tag in ("td", "th")):
            while (r, c) in taken:
                c += 1
            rowspan = min(_span(td.get("rowspan")), len(rows) - r)
            colspan = _span(td.get("colspan"))
            taken |= {(r + i, c + j) for i in range(rowspan) for j in range(colspan)}
            cells.append(GridCell(r, c, _cell_text(td), rowspan, colspan))
            c += colspan
    if not cells or all(not cell.text for cell in cells):
        return None
    n_cols = max(cell.col + cell.colspan for cell in cells)
    return RawTable(cells, len(rows), n_cols)


def _cell_text(td: _Element) -> str:
    """A cell's text; lines inside it joined as a wrapped PDF cell is."""
    return squeeze(" ".join(td.itertext()))


def _span(value: str | None) -> int:
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1
