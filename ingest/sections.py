"""lines → sections and paragraphs: the narrative of a disclosure as a tree.

Page numbers, running headers, the cover and the table of contents leave the narrative (they are
kept apart, as printed lines, for the audit to check against the body); headings
(第X部分 → 一、 → （一） → 1、, or an unnumbered title set in a larger font) open sections;
lines that wrap mid-sentence are joined into paragraphs. Tables are placed in the section
they appear in, and their notes become paragraphs of that section.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from caiwen.ingest.grid import BBox
from caiwen.ingest.layout import Line
from caiwen.ingest.tables import Table
from caiwen.ingest.text import compact, ends_sentence, join_wrapped
from caiwen.ingest.vocabulary import Vocabulary, vocabulary

Item = Line | Table
EDGE_FRACTION = 0.1
"""Page numbers and running headers live in the top or bottom tenth of the page."""
REPEATED_ON_PAGES = 3
BIG_FONT = 1.15
INDENT = 0.5
WRAP_SLACK = 2.0
PART_TAIL = 8
"""A part title (第X部分) may wrap a few characters onto the next line."""


@dataclass
class Section:
    id: int
    parent: int | None
    rank: int
    title: str
    page: int | None


@dataclass
class Paragraph:
    text: str
    section: int | None
    page: int | None
    boxes: list[tuple[int, BBox]] = field(default_factory=list)
    table: str | None = None
    """For a table's note: the table's title ('' when untitled)."""


@dataclass
class Printed:
    """A line printed outside the narrative: on the cover, in the contents, a running header or
    footer, or a page's printed number."""

    role: str
    """cover | contents | running | page_number"""
    text: str
    page: int | None


@dataclass
class Outline:
    sections: list[Section]
    paragraphs: list[Paragraph]
    table_sections: list[int | None]
    printed: list[Printed] = field(default_factory=list)

    def path(self, section: int | None) -> list[str]:
        """Titles from the outermost section down to this one."""
        titles: list[str] = []
        while section is not None:
            titles.insert(0, self.sections[section].title)
            section = self.sections[section].parent
        return titles


def items_to_outline(items: list[Item], page_heights: dict[int, float]) -> Outline:
    """Build the section tree and paragraphs of a document's narrative."""
    vocab = vocabulary()
    items, furniture = _split_furniture(items, page_heights, vocab)
    items, contents = _split_toc(items, vocab)
    items, cover = _split_cover(items, vocab)
    outline = _Builder(vocab, _body_size(items), _margins(items), _right_edges(items)).build(items)
    outline.printed = [
        *_printed("cover", cover),
        *_printed("contents", contents),
        *(Printed(role, line.text, line.page) for role, line in furniture),
    ]
    return outline


def _printed(role: str, items: list[Item]) -> list[Printed]:
    return [Printed(role, it.text, it.page) for it in items if isinstance(it, Line)]


def _lines(items: list[Item]) -> list[Line]:
    return [item for item in items if isinstance(item, Line)]


def _split_furniture(
    items: list[Item], page_heights: dict[int, float], vocab: Vocabulary
) -> tuple[list[Item], list[tuple[str, Line]]]:
    """Take out page numbers and running headers/footers (PDF pages only), each with its role
    (page_number or running)."""

    def at_edge(line: Line) -> bool:
        height = page_heights.get(line.page or 0)
        if not height:
            return False
        return line.bottom < height * EDGE_FRACTION or line.top > height * (1 - EDGE_FRACTION)

    edge_lines = [line for line in _lines(items) if at_edge(line)]
    pages_by_key: dict[str, set[int | None]] = defaultdict(set)
    for line in edge_lines:
        pages_by_key[_furniture_key(line.text)].add(line.page)
    furniture = {
        id(line): "page_number" if vocab.page_number.match(line.text) else "running"
        for line in edge_lines
        if vocab.page_number.match(line.text)
        or len(pages_by_key[_furniture_key(line.text)]) >= REPEATED_ON_PAGES
    }
    kept = [item for item in items if id(item) not in furniture]
    return kept, [(furniture[id(line)], line) for line in edge_lines if id(line) in furniture]


def _furniture_key(text: str) -> str:
    return "".join(ch for ch in compact(text) if not ch.isdigit())


def _split_toc(items: list[Item], vocab: Vocabulary) -> tuple[list[Item], list[Item]]:
    """Take out the table of contents: the lines of its pages in a PDF (a table printed there
    stays a table), the listed lines in text. Returns (the rest, the contents)."""
    start = next(
        (i for i, it in enumerate(items) if isinstance(it, Line) and vocab.toc.match(it.text)), None
    )
    if start is None:
        return items, []
    page = items[start].page
    if page is not None:
        toc_pages = _toc_pages(items, page, vocab)
        rest, toc = _split(items, lambda it: not isinstance(it, Table) and it.page in toc_pages)
        carried = {id(it) for it in _toc_carried(rest, max(toc_pages) + 1, toc, vocab)}
        return [it for it in rest if id(it) not in carried], [
            *toc,
            *(it for it in rest if id(it) in carried),
        ]
    end = _toc_end(items, start, vocab)
    return items[:start] + items[end:], items[start:end]


def _split(items: list[Item], taken: Callable[[Item], bool]) -> tuple[list[Item], list[Item]]:
    return [it for it in items if not taken(it)], [it for it in items if taken(it)]


def _toc_pages(items: list[Item], first: int, vocab: Vocabulary) -> set[int]:
    pages = {first}
    page = first + 1
    while True:
        on_page = [it for it in items if it.page == page]
        if not on_page or not all(
            isinstance(it, Line) and _toc_like(it.text, vocab) for it in on_page
        ):
            return pages
        pages.add(page)
        page += 1


WRAPPED_ENTRY = 20
"""At most this many characters of a contents entry wrapped onto a line of its own."""
ENTRY_END = r"(?:\d|表|说明|情况|解释)$"
"""How a contents entry ends (its page number, or the 表 or 说明 of its name): a last line that
does not is cut short (…会议费、培训费支), and goes on at the top of the next page."""


def _toc_carried(items: list[Item], page: int, toc: list[Item], vocab: Vocabulary) -> list[Line]:
    """The contents' entries carried over to the top of the page the body begins on (江苏省委
    办公厅 2017: 十、…十二、 and 第三部分, 第四部分 above 第一部分 部门概况): its first lines,
    while they read as entries, up to the one repeating the contents' first entry."""
    lines = _lines(toc)
    headings = (it for it in lines if not vocab.toc.match(it.text))
    first = next((compact(it.text) for it in headings if vocab.heading_rank(it.text)), None)
    cut = bool(lines) and re.search(ENTRY_END, compact(lines[-1].text)) is None
    carried: list[Line] = []
    for item in (it for it in items if it.page == page):
        if not isinstance(item, Line):
            return []
        if compact(item.text) == first:
            return carried
        # …培训费支 at the contents' foot, 出预算表 at the next page's top
        going_on = carried or (cut and re.search(ENTRY_END, compact(item.text)))
        wrapped = going_on and "。" not in item.text and len(item.text) <= WRAPPED_ENTRY
        if not (_toc_like(item.text, vocab) or wrapped):
            return []
        carried.append(item)
    return []


def _toc_like(text: str, vocab: Vocabulary) -> bool:
    return "。" not in text and len(text) <= 60 and (bool(vocab.heading_rank(text)) or "…" in text)


def _toc_end(items: list[Item], start: int, vocab: Vocabulary) -> int:
    """In text, the contents end where its first entry's heading comes round again."""
    first = next(
        (it for it in items[start + 1 :] if isinstance(it, Line) and vocab.heading_rank(it.text)),
        None,
    )
    if first is None:
        return start + 1
    marker = _marker(first.text, vocab)
    for i in range(items.index(first) + 1, len(items)):
        item = items[i]
        if not isinstance(item, Line) or _marker(item.text, vocab) == marker:
            return i
    return start + 1


def _marker(text: str, vocab: Vocabulary) -> str | None:
    for _, pattern in vocab.heading_markers:
        match = pattern.match(text)
        if match:
            return match.group(0)
    return None


def _split_cover(items: list[Item], vocab: Vocabulary) -> tuple[list[Item], list[Item]]:
    """Take out the cover page of a PDF (no table, little text), or a text file's title lines.
    Returns (the rest, the cover)."""
    first = next((it for it in items if isinstance(it, Line)), None)
    if first is None:
        return items, []
    if first.page is not None:
        on_first = [it for it in items if it.page == first.page]
        chars = sum(len(it.text) for it in on_first if isinstance(it, Line))
        if all(isinstance(it, Line) for it in on_first) and chars <= 80:
            return _split(items, lambda it: it.page == first.page)
        return items, []
    lead = 0
    while (
        lead < len(items)
        and isinstance(items[lead], Line)
        and any(p.match(items[lead].text) for p in vocab.titles)
    ):
        lead += 1
    return items[lead:], items[:lead]


def _body_size(items: list[Item]) -> float:
    sizes = Counter()
    for line in _lines(items):
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _margins(items: list[Item]) -> dict[int, float]:
    """Left text margin of each page: where its wrapped lines start."""
    starts: dict[int, list[float]] = defaultdict(list)
    for line in _lines(items):
        if line.page is not None and len(line.text) >= 5:
            starts[line.page].append(line.x0)
    usual = median(min(xs) for xs in starts.values()) if starts else 0.0
    return {page: min(xs) if len(xs) >= 3 else usual for page, xs in starts.items()}


def _right_edges(items: list[Item]) -> dict[int, float]:
    """Right text edge of each page: where full lines end."""
    edges: dict[int, float] = {}
    for line in _lines(items):
        if line.page is not None:
            edges[line.page] = max(edges.get(line.page, 0.0), line.x1)
    return edges


class _Builder:
    """Walks the items once, opening sections at headings and joining wrapped lines."""

    def __init__(
        self,
        vocab: Vocabulary,
        body_size: float,
        margins: dict[int, float],
        right_edges: dict[int, float],
    ):
        self.vocab = vocab
        self.body_size = body_size
        self.margins = margins
        self.right_edges = right_edges
        self.sections: list[Section] = []
        self.paragraphs: list[Paragraph] = []
        self.table_sections: list[int | None] = []
        self.stack: list[Section] = []
        self.open: Paragraph | None = None
        self.last_line: Line | None = None
        self.heading_open = False

    def build(self, items: list[Item]) -> Outline:
        for item in items:
            if isinstance(item, Table):
                self._table(item)
            else:
                self._line(item)
        return Outline(self.sections, self.paragraphs, self.table_sections)

    @property
    def current(self) -> int | None:
        return self.stack[-1].id if self.stack else None

    def _table(self, table: Table) -> None:
        self.table_sections.append(self.current)
        self.open, self.heading_open = None, False
        for note in table.notes:
            self.paragraphs.append(
                Paragraph(note, self.current, table.page, table=table.title or "")
            )
        if table.is_form or (table.title is None and table.empty):
            for text in table.text_lines():
                self.paragraphs.append(Paragraph(text, self.current, table.page))

    def _line(self, line: Line) -> None:
        if self._continues_heading(line):
            heading = self.stack[-1]
            heading.title = join_wrapped(heading.title, line.text)
        elif (rank := self._heading_rank(line)) is not None:
            self._open_section(line, rank)
        else:
            self._body(line)
        self.last_line = line

    def _heading_rank(self, line: Line) -> int | None:
        rank = self.vocab.heading_rank(line.text)
        if rank is None and self._is_big(line) and len(line.text) <= self.vocab.title_max_chars:
            return 1
        return rank

    def _is_big(self, line: Line) -> bool:
        """Set larger than the body text (a PDF's font size; a web page's heading tags; a
        text file has no sizes)."""
        return line.size > 0 and line.size >= self.body_size * BIG_FONT

    def _continues_heading(self, line: Line) -> bool:
        """A heading wrapped onto a second line, or a bare “第一部分” whose title follows."""
        if not self.heading_open or not self.stack or self.vocab.heading_rank(line.text):
            return False
        heading, last = self.stack[-1], self.last_line
        bare = _marker(heading.title, self.vocab) == heading.title
        wrapped = last is not None and self._is_big(last) and self._is_big(line)
        part_tail = (
            heading.rank == 1 and len(line.text) <= PART_TAIL and not ends_sentence(line.text)
        )
        return bare or part_tail or (wrapped and abs(line.size - last.size) < 0.5)

    def _open_section(self, line: Line, rank: int) -> None:
        wraps = self._wraps(line) and not self._is_big(line) and rank > 1
        title, has_body = self._split_title(line.text, wraps)
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        section = Section(len(self.sections), self.current, rank, title, line.page)
        self.sections.append(section)
        self.stack.append(section)
        self.open, self.heading_open = None, not has_body
        if has_body:
            self._new_paragraph(line)

    def _wraps(self, line: Line) -> bool:
        """A line that runs to the right edge goes on below: a paragraph, not a heading."""
        edge = self.right_edges.get(line.page or 0)
        return edge is not None and line.x1 >= edge - WRAP_SLACK * line.size

    def _split_title(self, text: str, wraps: bool) -> tuple[str, bool]:
        """(title, whether the line goes on with body text after the title)."""
        limit = self.vocab.title_max_chars
        end = self.vocab.title_end.search(text)
        if end and (wraps or end.end() < len(text)):
            title = text[: end.start()]
            return (title if len(title) <= limit else title[:limit] + "…"), True
        title = text.rstrip("。")
        if len(title) <= limit and not wraps:
            return title, ends_sentence(text)
        return title[:limit] + "…", True

    def _body(self, line: Line) -> None:
        self.heading_open = False
        if self.open is not None and self._joins(line):
            self.open.text = join_wrapped(self.open.text, line.text)
            self._add_box(self.open, line)
        else:
            self._new_paragraph(line)

    def _joins(self, line: Line) -> bool:
        """A line at the page's margin goes on with the open paragraph; so does one no further
        right than the line before it, the sentence left open, where another block of the page
        starts further left (烟台市审计局 2026 p27: its 三公 block at 62, this one at 90)."""
        assert self.open is not None
        if line.page is None:
            return not ends_sentence(self.open.text)
        margin = self.margins.get(line.page, line.x0)
        last = self.last_line
        under = (
            last is not None and last.page == line.page and line.x0 <= last.x0 + INDENT * line.size
        )
        return line.x0 <= margin + INDENT * line.size or (
            under and not ends_sentence(self.open.text)
        )

    def _new_paragraph(self, line: Line) -> None:
        self.open = Paragraph(line.text, self.current, line.page)
        self._add_box(self.open, line)
        self.paragraphs.append(self.open)

    @staticmethod
    def _add_box(paragraph: Paragraph, line: Line) -> None:
        if line.page is not None:
            paragraph.boxes.append((line.page, line.bbox))
