"""Migrations upgrade a store written by an older version without losing what it holds."""

import sqlite3
from importlib import resources
from pathlib import Path

import pytest

from caiwen.ingest.store import Store


def _old_store(path: Path, version: int) -> None:
    """A database at ``version``, holding one document with a table and a cell."""
    db = sqlite3.connect(path, isolation_level=None)
    folder = resources.files("caiwen.ingest").joinpath("migrations")
    for script in sorted(p for p in folder.iterdir() if p.name.endswith(".sql")):
        if int(script.name.split("_", 1)[0]) <= version:
            db.executescript(script.read_text())
    db.execute(f"PRAGMA user_version = {version}")
    db.execute(
        "INSERT INTO documents (id, department, region, year, kind, level, file_name, format, "
        "content_hash, pages, ingested_at) VALUES ('d1', '上海市普陀区财政局', '上海市普陀区', "
        "2024, '决算', '部门', '财政局.pdf', 'pdf', 'abc', 25, '2026-01-01')"
    )
    db.execute(
        "INSERT INTO tables (id, document_id, seq, columns, header, notes, empty) "
        "VALUES ('d1-t0', 'd1', 0, '[]', '[]', '[]', 0)"
    )
    db.execute(
        "INSERT INTO cells (table_id, row, col, document_id, grp, row_label, column_path, amount, "
        "original) VALUES ('d1-t0', 0, 0, 'd1', '', '本年支出合计', '决算数', '2940.05', "
        "'2,940.05')"
    )
    db.close()


def test_a_version_3_store_keeps_its_documents_and_gains_their_files(tmp_path: Path) -> None:
    path = tmp_path / "caiwen.sqlite3"
    _old_store(path, 3)
    store = Store(path)
    [doc] = store.documents()
    assert (doc.department, doc.region, doc.format) == ("上海市普陀区财政局", "上海市普陀区", "pdf")
    assert [(f.name, f.content_hash, f.part, f.pages) for f in doc.files] == [
        ("财政局.pdf", "abc", "whole", 25)
    ]
    assert [c["amount"] for c in store.cells("d1")] == ["2940.05"]
    # the children still cascade with their document
    store.db.execute("DELETE FROM documents WHERE id = 'd1'")
    assert store.counts()["cells"] == 0


def test_identity_includes_the_region_and_html_is_a_format(tmp_path: Path) -> None:
    store = Store(tmp_path / "caiwen.sqlite3")
    row = (
        "INSERT INTO documents (id, department, region, year, kind, level, file_name, format, "
        "content_hash, ingested_at) VALUES (?, '财政局', ?, 2026, '预算', '部门', 'a', ?, 'h', '')"
    )
    store.db.execute(row, ["d1", "广州市", "pdf"])
    store.db.execute(row, ["d2", "深圳市", "html"])
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(row, ["d3", "深圳市", "txt"])
