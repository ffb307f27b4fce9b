"""items → items: give each table the title, code and unit printed above it and the notes
printed below it; those lines leave the narrative (the notes come back as paragraphs of the
table's section)."""

import re

from caiwen.ingest.grid import RawTable
from caiwen.ingest.layout import Line
from caiwen.ingest.text import is_column_letters, join_wrapped
from caiwen.ingest.vocabulary import Vocabulary, vocabulary

Item = Line | RawTable
LOOKBACK_LINES = 4
NUMBERED_NOTE = re.compile(r"[:：]\s*1\s*[.．、]")


def attach_context(items: list[Item]) -> list[Item]:
    """Label every table from the lines around it and drop the consumed label lines."""
    vocab = vocabulary()
    consumed: set[int] = set()
    for index, item in enumerate(items):
        if isinstance(item, RawTable):
            read_label_rows(item, vocab)
            read_note_rows(item, vocab)
            consumed |= _label_from_above(items, index, vocab)
            consumed |= _notes_below(items, index, vocab)
    return [item for i, item in enumerate(items) if i not in consumed]


def read_label_rows(table: RawTable, vocab: Vocabulary) -> None:
    """Title, 编制单位, 单位 and code rows drawn inside the grid (and empty or A B C rows above
    the header) are labels, not rows: read them off the top of the table."""
    drop: set[int] = set()
    for r in range(table.n_rows):
        texts = [t for t in table.row_text(r) if t]
        title = vocab.table_title_of(texts[0]) if len(texts) == 1 and not table.title else None
        labels = bool(texts) and (
            all(vocab.is_table_label(t) for t in texts) or vocab.is_table_label("".join(texts))
        )
        if texts and not (title or labels or is_column_letters(texts)):
            break
        table.title = table.title or title
        for text in texts:  # a title cell may hold the code and the unit too
            table.code = table.code or vocab.table_code_of(text)
            table.unit = table.unit or vocab.table_unit_of(text)
        table.labels.extend(texts)
        drop.add(r)
    table.drop_rows(drop)


def read_note_rows(table: RawTable, vocab: Vocabulary) -> None:
    """注：… rows drawn at the bottom of the grid are the table's notes."""
    drop: set[int] = set()
    for r in range(table.n_rows - 1, -1, -1):
        texts = [t for t in table.row_text(r) if t]
        if len(texts) != 1 or not vocab.note.match(texts[0]):
            break
        table.notes.insert(0, texts[0])
        drop.add(r)
    table.drop_rows(drop)


def _label_from_above(items: list[Item], index: int, vocab: Vocabulary) -> set[int]:
    table = items[index]
    assert isinstance(table, RawTable)
    above = _lines_above(items, index, vocab)
    title_at = None if table.title else _closest_title(items, above, vocab)
    if title_at is not None:
        table.title = _title_of(items, title_at, vocab)
    labels = [
        i
        for i in above
        if (title_at is not None and i >= title_at) or vocab.is_table_label(items[i].text)
    ]
    for i in labels:
        text = items[i].text
        table.code = table.code or vocab.table_code_of(text)
        table.unit = table.unit or vocab.table_unit_of(text)
        table.labels.append(text)
    return set(labels)


def _lines_above(items: list[Item], index: int, vocab: Vocabulary) -> list[int]:
    """Indexes of the lines just above a table on its page, stopping at a table or a heading
    (a heading that names the table, “一、收支预算总表”, is its title)."""
    page = items[index].page
    found: list[int] = []
    for i in range(index - 1, max(index - 1 - LOOKBACK_LINES, -1), -1):
        line = items[i]
        if not isinstance(line, Line) or line.page != page:
            break
        if vocab.heading_rank(line.text):
            found += [i] if _title_of(items, i, vocab) else []
            break
        found.append(i)
    return sorted(found)


def _closest_title(items: list[Item], above: list[int], vocab: Vocabulary) -> int | None:
    """The last title line above the table; the line before it when the two are one wrapped
    title (“公开09表：一般公共预算“三公”经费、会议费、培训费 / 支出预算表”)."""
    at = next((i for i in reversed(above) if _title_of(items, i, vocab)), None)
    before = at - 1 if at is not None else None
    if before in above and not vocab.table_title_of(items[before].text):
        return before if _title_of(items, before, vocab) else at
    return at


def _title_of(items: list[Item], i: int, vocab: Vocabulary) -> str | None:
    """The table title a line states, alone or with the next line (a title wrapped over two
    lines: “十一、一般公共预算“三公”经费、会议费、培训费支出预 / 算表”)."""
    line, after = items[i], items[i + 1] if i + 1 < len(items) else None
    assert isinstance(line, Line)
    title = vocab.table_title_of(line.text)
    if title is None and isinstance(after, Line) and after.page == line.page:
        joined = vocab.table_title_of(join_wrapped(line.text, after.text))
        title = joined if joined and joined not in line.text else None
    return title


def _notes_below(items: list[Item], index: int, vocab: Vocabulary) -> set[int]:
    """Read the 注：/说明： paragraphs right under a table (wrapped lines and numbered points
    joined) into the table; returns the indexes of the lines read."""
    table = items[index]
    assert isinstance(table, RawTable)
    read: set[int] = set()
    for i in range(index + 1, len(items)):
        line = items[i]
        if (
            not isinstance(line, Line)
            or line.page != table.page
            or vocab.page_number.match(line.text)
        ):
            break
        rank = vocab.heading_rank(line.text)
        if vocab.note.match(line.text):
            table.notes.append(line.text)
        elif table.notes and (
            rank is None or (rank == 4 and NUMBERED_NOTE.search(table.notes[-1]))
        ):
            table.notes[-1] = join_wrapped(table.notes[-1], line.text)
        else:
            break
        read.add(i)
    return read
