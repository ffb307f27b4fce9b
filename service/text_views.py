"""The readable page of a cited place in a text-format document (a .txt file or a web page,
which have no page images): the section's paragraphs and its table as a table, with the cited
rows, cells and sentences marked. As data for the widget's viewer, and as an HTML page of its
own (every text escaped) for a link to open."""

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from sqlite3 import Row
from typing import Any

import yaml

from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.service.grids import table_grid

LABEL_COLUMN = 2
"""The grid's 项目 column (after 组 and 编码): always shown, it names the row."""


class ViewError(LookupError):
    """The cited section or table is not in the document; the message says so, in Chinese."""


@dataclass(frozen=True)
class Cited:
    """What a citation points at: a section or a table, and the places in it to mark: the
    sentences quoted, and the cells (row label, column path; a cell of a row printed without
    a label has the label "", a whole row the column "")."""

    section: str | None = None
    table: str | None = None
    quotes: tuple[str, ...] = ()
    cells: tuple[tuple[str, str], ...] = ()


@cache
def viewer_words() -> dict[str, str]:
    """The viewer's words (``prompts/viewer.yaml``)."""
    text = resources.files("caiwen.prompts").joinpath("viewer.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def text_view(store: Store, doc: StoredDocument, cited: Cited) -> dict[str, Any]:
    """The cited section's paragraphs, or the cited table (with the indexes of its cited rows
    and cells) and the paragraphs of its section when the section holds no other table."""
    if not cited.table:
        paragraphs = _paragraphs(store, doc, cited.section, within=True)
        return _view(doc, cited, cited.section, paragraphs, None)
    tables = store.tables(doc.id)
    found = next((t for t in tables if t["title"] == cited.table), None)
    if found is None:
        raise ViewError("这份文件没有这张表。")
    section = found["section_path"] or None
    # the section's paragraphs are the table's when the section holds no other table
    alone = sum(t["section_path"] == found["section_path"] for t in tables) == 1
    paragraphs = _paragraphs(store, doc, section, within=False) if alone and section else []
    table = _table(store, doc, found, cited)
    notes = {_bare(note) for note in table["notes"]}  # shown under the table
    return _view(doc, cited, section, [p for p in paragraphs if _bare(p) not in notes], table)


def _bare(text: str) -> str:
    return "".join(text.split())


def _view(
    doc: StoredDocument,
    cited: Cited,
    section: str | None,
    paragraphs: list[str],
    table: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "document": doc.file_name,
        "section": section or "",
        "paragraphs": paragraphs,
        "quote": cited.quotes[0] if cited.quotes else None,
        "quotes": list(cited.quotes),
        "table": table,
    }


def _paragraphs(store: Store, doc: StoredDocument, section: str | None, within: bool) -> list[str]:
    """The paragraphs of the section (``within``: and of the sections under it), or of the
    whole document when no section is named."""
    paths = {s["id"]: s["path"] for s in store.sections(doc.id)}
    wanted = {
        i
        for i, path in paths.items()
        if section is None or path == section or (within and path.startswith(section))
    }
    if section is not None and within and not wanted:
        raise ViewError("这份文件没有这一节。")
    return [
        row["text"]
        for row in store.section_paragraphs(doc.id)
        if row["section_id"] in wanted or (section is None and row["section_id"] is None)
    ]


def _table(store: Store, doc: StoredDocument, table: Row, cited: Cited) -> dict[str, Any]:
    """The table's printed columns (a column blank in every row is left out), rows and notes,
    with the cited rows and cells as indexes."""
    grid = table_grid(store, doc, table["id"])
    assert grid is not None  # the table was found among the document's own
    shown = [
        i
        for i in range(len(grid["columns"]))
        if i == LABEL_COLUMN or any(row[i] != "" for row in grid["rows"])
    ]
    columns = [grid["columns"][i] for i in shown]
    marked = [
        (n, columns.index(column) if column in columns else None)
        for label, column in cited.cells
        for n, row in enumerate(grid["rows"])
        if row[LABEL_COLUMN] == label
    ]
    return {
        "title": grid["title"],
        "unit": grid["unit"],
        "columns": columns,
        "rows": [[str(row[i]) for i in shown] for row in grid["rows"]],
        "notes": json.loads(table["notes"] or "[]"),
        "marked_rows": sorted({n for n, _ in marked}),
        "marked_cells": sorted({(n, i) for n, i in marked if i is not None}),
    }


def marked(text: str, quotes: list[str]) -> list[tuple[str, bool]]:
    """The text cut into pieces, each with whether it is one of the quotes."""
    wanted = sorted({q for q in quotes if q}, key=len, reverse=True)
    if not wanted:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(q) for q in wanted))
    pieces, at = [], 0
    for found in pattern.finditer(text):
        pieces += [(text[at : found.start()], False), (found[0], True)]
        at = found.end()
    return [(piece, mark) for piece, mark in [*pieces, (text[at:], False)] if piece]


def text_page(view: dict[str, Any], download: str) -> str:
    """The view as a page of its own; the first cited place has the id ``cited``."""
    words = viewer_words()
    cited = _Anchor()
    body = [f"<h1>{_e(view['document'])}</h1>"]
    if view["section"]:
        body.append(f"<h2>{_e(view['section'])}</h2>")
    for text in view["paragraphs"]:
        body.append(f"<p>{_marked_html(text, view['quotes'], cited)}</p>")
    if not view["paragraphs"] and not view["table"]:
        body.append(f'<p class="note">{_e(words["no_paragraphs"])}</p>')
    if view["table"]:
        body.append(_table_html(view["table"], cited))
    link = f'<a class="download" href="{_e(download)}" download>{_e(words["download"])}</a>'
    body.append(f"<p>{link}</p>")
    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(view['document'])}</title><style>{PAGE_CSS}</style>"
        f"<body>{''.join(body)}</body></html>"
    )


PAGE_CSS = (
    "body{font:1rem/1.7 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2933}"
    "h1{font-size:1.25rem}h2{font-size:1.0625rem}mark{background:#ffe066;color:inherit}"
    ".table{overflow-x:auto}table{border-collapse:collapse;font-size:0.9375rem}"
    "figure{margin:0 0 1rem}figcaption{font-weight:600;padding:0.5rem 0}"
    "th,td{border:1px solid #c5cfdb;padding:0.25rem 0.5rem;text-align:left}th{min-width:5rem}"
    "td.amount{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.cited td,th.cited{background:#fff3bf}tr.cited td.cited{background:#ffe066;font-weight:600}"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}"
    ".note{color:#52606d}.download{display:inline-flex;align-items:center;min-height:2.75rem;"
    "padding:0 1rem;border:1px solid #1a56a6;border-radius:0.5rem;color:#1a56a6}"
)
AMOUNT = re.compile(r"-?[\d,]+(?:\.\d+)?")


class _Anchor:
    """Gives the first marked place of a page the id ``cited`` (for ``#cited``)."""

    def __init__(self) -> None:
        self.given = False

    def __call__(self) -> str:
        if self.given:
            return ""
        self.given = True
        return ' id="cited"'


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marked_html(text: str, quotes: list[str], anchor: _Anchor) -> str:
    return "".join(
        f"<mark{anchor()}>{_e(piece)}</mark>" if mark else _e(piece)
        for piece, mark in marked(text, quotes)
    )


def _table_html(table: dict[str, Any], anchor: _Anchor) -> str:
    words = viewer_words()
    rows, cells = set(table["marked_rows"]), {tuple(cell) for cell in table["marked_cells"]}
    cited_row = f'<span class="sr">{_e(words["cited_row"])}：</span>'
    columns = {i for _, i in cells}
    head = "".join(
        f'<th scope="col"{" class=cited" if i in columns else ""}>{_e(name)}</th>'
        for i, name in enumerate(table["columns"])
    )
    body = []
    for n, row in enumerate(table["rows"]):
        cited = n in rows
        # the anchor is on the cited cell if there is one: a wide table scrolls to it sideways
        first = min((i for i in range(len(row)) if (n, i) in cells), default=None)
        cell_id = anchor() if first is not None else ""
        row_id = anchor() if cited and first is None else ""
        line = "".join(
            f'<td{cell_id if i == first else ""} class="{_cell_class(value, (n, i) in cells)}">'
            f"{cited_row if cited and i == 0 else ''}{_e(value)}</td>"
            for i, value in enumerate(row)
        )
        body.append(f'<tr class="cited"{row_id}>{line}</tr>' if cited else f"<tr>{line}</tr>")
    caption = f"{_e(table['title'])}（{_e(words['unit'].format(unit=table['unit']))}）"
    return (
        f'<figure><figcaption id="table">{caption}</figcaption><div class="table">'
        f'<table aria-labelledby="table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
        + "".join(f'<p class="note">{_e(note)}</p>' for note in table["notes"])
        + "</figure>"
    )


def _cell_class(value: str, cited: bool) -> str:
    kind = "amount" if AMOUNT.fullmatch(value) else "label"
    return f"{kind} cited" if cited else kind
