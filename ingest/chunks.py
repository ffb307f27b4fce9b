"""outline → chunks: section-aware passages of about 200–600 characters for retrieval.

A chunk never cuts a sentence. It stays inside one section, except that a section too short
to stand alone takes in its own subsections, or its next sibling (the chunk then belongs to
their parent). Each chunk starts with the titles of the sections that begin in it, so the
passage says what it is about. The notes of tables make chunks of their own, headed by the
table's title, so that boilerplate like “本表反映…” never runs on from the narrative. A list
whose items were read as headings (“二级预算单位包括：” then “1.烟台市司法局”, “2.烟台市法律援助
中心”, each with nothing under it) stays in its section's text, one item a line.
"""

import re
from dataclasses import dataclass, field

from caiwen.ingest.grid import BBox
from caiwen.ingest.sections import Outline, Paragraph, Section

MIN_CHARS = 200
MAX_CHARS = 600
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")


@dataclass
class Chunk:
    index: int
    text: str
    section: int | None
    section_path: list[str]
    page: int | None
    page_end: int | None
    boxes: list[tuple[int, BBox]] = field(default_factory=list)


@dataclass
class _Draft:
    section: int | None
    table: str | None = None
    lines: list[str] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(line) for line in self.lines)

    def add_title(self, title: str) -> None:
        self.lines.append(title)

    def add_sentence(self, paragraph: Paragraph, sentence: str) -> None:
        """Sentences of one paragraph share a line; a new paragraph starts a new line."""
        if self.paragraphs and self.paragraphs[-1] is paragraph and self.lines:
            self.lines[-1] += sentence
        else:
            self.lines.append(sentence)
            self.paragraphs.append(paragraph)


def sentences(text: str) -> list[str]:
    """Split after 。！？ (keeping closing quotes with their sentence)."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def outline_to_chunks(outline: Outline) -> list[Chunk]:
    drafts: list[_Draft] = []
    for (section, table), paragraphs in _by_section(outline):
        draft = _continue_or_start(drafts, outline, section, table)
        title = table if table is not None else _title(outline, section)
        if title and not paragraphs[0].text.startswith(title.rstrip("…")):
            draft.add_title(title)
        for paragraph in paragraphs:
            for sentence in sentences(paragraph.text):
                draft = drafts[-1]
                if draft.size + len(sentence) > MAX_CHARS and draft.size >= MIN_CHARS:
                    draft = _Draft(draft.section, table)
                    drafts.append(draft)
                draft.add_sentence(paragraph, sentence)
    kept = [d for d in drafts if d.paragraphs]
    return [_finish(i, draft, outline) for i, draft in enumerate(kept)]


_Key = tuple[int | None, str | None]


def _by_section(outline: Outline) -> list[tuple[_Key, list[Paragraph]]]:
    """Runs of paragraphs of one section, and of the notes of one table."""
    groups: list[tuple[_Key, list[Paragraph]]] = []
    for paragraph in _with_list_items(outline):
        key = (paragraph.section, paragraph.table)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(paragraph)
        else:
            groups.append((key, [paragraph]))
    return groups


def _with_list_items(outline: Outline) -> list[Paragraph]:
    """The paragraphs, with the items of a list read as headings put back as paragraphs of the
    section the list is in, where they stand. An item is a section with nothing in it (no
    paragraph, table or subsection) next to a sibling of the same kind."""
    filled = {p.section for p in outline.paragraphs} | set(outline.table_sections)
    filled |= {s.parent for s in outline.sections}
    empty = [s for s in outline.sections if s.id not in filled and s.parent is not None]
    items = [s for s in empty if any(_next_to(s, t) for t in empty)]
    paragraphs: list[Paragraph] = []
    for paragraph in outline.paragraphs:
        while items and paragraph.section is not None and paragraph.section > items[0].id:
            item = items.pop(0)
            paragraphs.append(Paragraph(item.title, item.parent, item.page))
        paragraphs.append(paragraph)
    return paragraphs + [Paragraph(i.title, i.parent, i.page) for i in items]


def _next_to(section: Section, other: Section) -> bool:
    return section.parent == other.parent and abs(section.id - other.id) == 1


def _title(outline: Outline, section: int | None) -> str:
    return outline.sections[section].title if section is not None else ""


def _continue_or_start(
    drafts: list[_Draft], outline: Outline, section: int | None, table: str | None
) -> _Draft:
    """Keep filling a short draft with its own subsections or its next sibling (narrative with
    narrative, a table's notes with more of the same table's); else start anew."""
    last = drafts[-1] if drafts else None
    if last and last.size < MIN_CHARS and last.table == table and table is None:
        merged = _merged_section(outline, last.section, section)
        if merged is not None or last.section == section:
            last.section = merged
            return last
    drafts.append(_Draft(section, table))
    return drafts[-1]


def _merged_section(outline: Outline, current: int | None, section: int | None) -> int | None:
    """The section a chunk belongs to after adding ``section`` to one of ``current``."""
    if current == section or current in _ancestors(outline, section):
        return current
    if current is None or section is None:
        return None
    parent = outline.sections[current].parent
    return parent if parent is not None and parent == outline.sections[section].parent else None


def _ancestors(outline: Outline, section: int | None) -> list[int]:
    chain = []
    while section is not None:
        chain.append(section)
        section = outline.sections[section].parent
    return chain


def _finish(index: int, draft: _Draft, outline: Outline) -> Chunk:
    pages = [p.page for p in draft.paragraphs if p.page is not None]
    return Chunk(
        index=index,
        text="\n".join(draft.lines),
        section=draft.section,
        section_path=outline.path(draft.section) + ([draft.table] if draft.table else []),
        page=pages[0] if pages else None,
        page_end=pages[-1] if pages else None,
        boxes=[box for p in draft.paragraphs for box in p.boxes],
    )
