"""A stored table as a grid (amounts in 万元, exact) and as CSV: for the API and the bots."""

import csv
import io
import json
import re
from typing import Any

from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument


def table_grid(store: Store, doc: StoredDocument, table_id: str) -> dict[str, Any] | None:
    """The table's rows (group, code, label, one value per column), or None if the document
    has no such table."""
    table = store.table(table_id)
    if table is None or table["document_id"] != doc.id:
        return None
    columns = json.loads(table["columns"])
    values = {(c["row"], c["col"]): c["amount"] or "" for c in store.table_cells(table_id)}
    rows = [
        [
            r["grp"],
            r["code"] or "",
            r["label"],
            *(values.get((r["row"], i), "") for i in range(len(columns))),
        ]
        for r in store.table_rows(table_id)
    ]
    return {
        "id": table_id,
        "title": table["title"],
        "unit": "万元",
        "printed_unit": table["unit"],
        "columns": ["组", "编码", "项目", *columns],
        "rows": rows,
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet program read a cell as a formula (CSV injection)."""
NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def grid_csv(grid: dict[str, Any]) -> str:
    """The grid as CSV (with a BOM, so spreadsheet programs read the Chinese right); a text
    cell that a spreadsheet would run as a formula is kept as text."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [grid["columns"], *grid["rows"]]:
        writer.writerow([as_text(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def as_text(cell: Any) -> str:
    """The cell as a spreadsheet shows it: a label starting with = + - @ or a tab or CR gets
    a leading apostrophe (OWASP's CSV-injection rule); amounts stay numbers."""
    text = str(cell)
    if text.lstrip(" ").startswith(FORMULA_START) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_name(doc: StoredDocument, grid: dict[str, Any]) -> str:
    return f"{doc.department}{doc.year}{doc.kind}-{grid['title'] or grid['id']}.csv"
