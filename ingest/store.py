"""The store: the atomic write of one document, and read queries (its engines, connections and
migrations: ingest/dialect.py, ingest/schema.py, ingest/postgres.py).

One database (a SQLite file in WAL mode, or PostgreSQL named by a URL; ``ingest/dialect.py``)
holds documents, sections, paragraphs, tables (one row per table row and per cell, amounts
exact in 万元 with what the document printed), chunks and the jieba lexical index. A document is
replaced as a whole inside one transaction.
"""

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from caiwen.ingest.dialect import PerThread, open_database
from caiwen.ingest.document import ParsedDocument
from caiwen.ingest.identity import Identity
from caiwen.ingest.lexical import terms
from caiwen.ingest.rows import AuditRows, delete_chunk_terms, insert_audit, write_document
from caiwen.ingest.stored import StoredDocument, StoredFile, document_of

ORIGINALS_DIR = "originals"
HALF_CENT = 0.005
"""How far a printed amount (in 万元) may lie from one quoted to the last place and be it."""
DATABASE_NAME = "caiwen.sqlite3"
TABLES = [
    "documents",
    "document_files",
    "sections",
    "paragraphs",
    "tables",
    "unchecked_tables",
    "table_rows",
    "cells",
    "chunks",
    "facts",
    "findings",
    "ocr_pages",
    "printed",
]
"""The store's tables, each after the tables it refers to (the lexical index aside)."""
Audit = Callable[[sqlite3.Connection, str], AuditRows]
"""Reads a document's rows just written (same connection, same transaction) and returns its
findings and unchecked tables as rows."""


class Store:
    def __init__(self, path: Path, database_url: str | None = None):
        """The SQLite file at ``path``, or the PostgreSQL database at ``database_url``; the
        kept originals are beside ``path`` either way."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        db, self.dialect = open_database(path, database_url)
        self.dialect.migrate(db)
        self.db = PerThread(db, lambda: open_database(path, database_url)[0])

    @classmethod
    def in_dir(cls, data_dir: Path, database_url: str | None = None) -> "Store":
        return cls(data_dir / DATABASE_NAME, database_url)

    # -- the original files ----------------------------------------------------------------

    @property
    def originals(self) -> Path:
        """Where a copy of every stored file is kept, named by its content hash, so that
        answers can show the page they cite."""
        return self.path.parent / ORIGINALS_DIR

    def keep_original(self, source: Path, digest: str, fmt: str) -> None:
        """Copy a stored file next to the database (atomically; once per content), named by
        its format (a web page saved as .pdf is kept as .html)."""
        target = self.originals / f"{digest}.{fmt}"
        if target.exists():
            return
        self.originals.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(source, partial)
        partial.replace(target)

    def original(self, doc: "StoredDocument", file_name: str | None = None) -> Path | None:
        """The stored copy of a document's file (the named one, or its first), if it is kept."""
        file = next((f for f in doc.files if f.name == file_name), None) if file_name else None
        file = file or (doc.files[0] if doc.files else None)
        if file is None:
            return None
        found = self.originals / f"{file.content_hash}.{file.format}"
        return found if found.is_file() else None

    def drop_unused_originals(self) -> None:
        """Remove the copies of files no stored document comes from any more."""
        if not self.originals.is_dir():
            return
        used = {row[0] for row in self.db.execute("SELECT content_hash FROM document_files")}
        for copy in self.originals.iterdir():
            if copy.is_file() and copy.name.split(".")[0] not in used:
                copy.unlink()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.dialect.transaction(self.db) as db:
            yield db

    # -- writing ---------------------------------------------------------------------------

    def replace_document(
        self,
        doc_id: str,
        parsed: ParsedDocument,
        ids: list[str],
        rules: str = "",
        audit: Audit | None = None,
    ) -> list[str]:
        """Write a document in one transaction, replacing any older version; returns the
        chunk ids of the version it replaced. ``rules`` is the hash of the rules it was derived
        with (ingest/rules.py); ``audit`` finds what it contradicts, in the same transaction,
        so that a document and its findings are stored or not together."""
        with self.transaction() as db:
            replaced = [doc_id, *_same_identity(db, parsed.identity)]
            marks = ",".join("?" * len(replaced))
            old = [
                r[0]
                for r in db.execute(
                    f"SELECT id FROM chunks WHERE document_id IN ({marks})", replaced
                )
            ]
            delete_chunk_terms(db, old)
            db.execute(f"DELETE FROM documents WHERE id IN ({marks})", replaced)
            write_document(db, doc_id, parsed, ids, rules)
            db.execute("UPDATE generation SET n = n + 1")
            chunks = zip(ids, parsed.chunks, strict=True)
            self.dialect.add_terms(db, [(i, terms(c.text)) for i, c in chunks])
            if audit is not None:
                insert_audit(db, doc_id, audit(db, doc_id))
        return old

    # -- reading ---------------------------------------------------------------------------

    def generation(self) -> int:
        """Changes when a document is written, by any connection, process or replica."""
        return self.db.execute("SELECT n FROM generation").fetchone()[0]

    def documents(self, **filters: Any) -> list[StoredDocument]:
        """Every document, optionally filtered by department, region, year, kind or level."""
        where = " AND ".join(f"{k} = ?" for k in filters) or "1 = 1"
        rows = self.db.execute(
            f"SELECT * FROM documents WHERE {where} ORDER BY department, year, kind",
            list(filters.values()),
        ).fetchall()
        files = self._files([row["id"] for row in rows] if filters else None)
        return [document_of(row, files.get(row["id"], ())) for row in rows]

    def document(self, doc_id: str) -> StoredDocument | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
        return document_of(row, self._files([doc_id]).get(doc_id, ())) if row else None

    def document_with_hash(self, content_hash: str, rules: str) -> StoredDocument | None:
        """The stored document read from a file with these bytes (or read from files whose joint
        hash this is), if it was derived with these rules."""
        row = self.db.execute(
            "SELECT d.id FROM documents d LEFT JOIN document_files f ON d.id = f.document_id "
            "WHERE (f.content_hash = ? OR d.content_hash = ?) AND d.rules_hash = ?",
            [content_hash, content_hash, rules],
        ).fetchone()
        return self.document(row[0]) if row else None

    def _files(self, doc_ids: list[str] | None) -> dict[str, tuple[StoredFile, ...]]:
        """The files of these documents (of every document when None), by document."""
        where, params = "1 = 1", []
        if doc_ids == []:
            return {}
        if doc_ids is not None:
            where, params = f"document_id IN ({','.join('?' * len(doc_ids))})", doc_ids
        rows = self.db.execute(
            f"SELECT * FROM document_files WHERE {where} ORDER BY document_id, seq", params
        )
        found: dict[str, list[StoredFile]] = {}
        for r in rows:
            found.setdefault(r["document_id"], []).append(
                StoredFile(
                    r["file_name"],
                    r["content_hash"],
                    r["format"],
                    r["part"],
                    r["pages"],
                    r["first_page"],
                )
            )
        return {doc: tuple(files) for doc, files in found.items()}

    def tables(self, doc_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM tables WHERE document_id = ? ORDER BY seq", [doc_id]
        ).fetchall()

    def table(self, table_id: str) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM tables WHERE id = ?", [table_id]).fetchone()

    def table_cells(self, table_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM cells WHERE table_id = ? ORDER BY row, col", [table_id]
        ).fetchall()

    def table_rows(self, table_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM table_rows WHERE table_id = ? ORDER BY row", [table_id]
        ).fetchall()

    def cells(self, doc_id: str, **filters: Any) -> list[sqlite3.Row]:
        """Cells of a document joined with their table's title, optionally filtered by exact
        table title, row_code, row_label, column_path or grp."""
        clauses = ["c.document_id = ?", *(f"{_cell_column(k)} = ?" for k in filters)]
        return self.db.execute(
            "SELECT c.*, t.title AS table_title, t.code AS table_code, t.unit AS table_unit "
            "FROM cells c JOIN tables t ON t.id = c.table_id "
            f"WHERE {' AND '.join(clauses)} ORDER BY t.seq, c.row, c.col",
            [doc_id, *filters.values()],
        ).fetchall()

    def facts(self, doc_id: str, **filters: Any) -> list[sqlite3.Row]:
        """Narrative facts of a document, optionally filtered by metric, code or kind."""
        unknown = set(filters) - {"metric", "code", "kind"}
        if unknown:
            raise ValueError(f"unknown fact filter: {unknown}")
        clauses = ["document_id = ?", *(f"{k} = ?" for k in filters)]
        return self.db.execute(
            f"SELECT * FROM facts WHERE {' AND '.join(clauses)} ORDER BY seq",
            [doc_id, *filters.values()],
        ).fetchall()

    def ocr_pages(self, doc_id: str) -> dict[int, float | None]:
        """The pages of a document read by OCR, with their mean recognition confidence."""
        rows = self.db.execute(
            "SELECT page, confidence FROM ocr_pages WHERE document_id = ?", [doc_id]
        )
        return {row["page"]: row["confidence"] for row in rows}

    def findings(self, doc_id: str) -> list[sqlite3.Row]:
        """What the consistency audit found in a document (errors first)."""
        return self.db.execute(
            "SELECT * FROM findings WHERE document_id = ? ORDER BY severity != 'error', seq",
            [doc_id],
        ).fetchall()

    def unchecked_tables(self, doc_id: str) -> list[sqlite3.Row]:
        """The tables whose sums the audit did not check, with their title, page and why."""
        return self.db.execute(
            "SELECT t.title, t.page_start AS page, u.reason FROM unchecked_tables u "
            "JOIN tables t ON t.id = u.table_id WHERE u.document_id = ? ORDER BY t.seq",
            [doc_id],
        ).fetchall()

    def sections(self, doc_id: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM sections WHERE document_id = ? ORDER BY id", [doc_id]
        ).fetchall()

    def chunks(self, doc_id: str | None = None) -> list[sqlite3.Row]:
        if doc_id is None:
            return self.db.execute("SELECT * FROM chunks ORDER BY document_id, seq").fetchall()
        return self.db.execute(
            "SELECT * FROM chunks WHERE document_id = ? ORDER BY seq", [doc_id]
        ).fetchall()

    def passage_rows(self, ids: set[str]) -> list[sqlite3.Row]:
        """Chunks with the document fields the vector index keeps as metadata."""
        rows = self.db.execute(
            "SELECT c.id, c.document_id, d.department, d.year, d.kind, d.level, c.section_path, "
            "c.text, c.page FROM chunks c JOIN documents d ON d.id = c.document_id "
            "ORDER BY c.document_id, c.seq"
        )
        return [row for row in rows if row["id"] in ids]

    def document_counts(self, doc_id: str) -> dict[str, int]:
        """How many tables, cells holding a value, and chunks a document has."""
        one = self.db.execute
        return {
            "tables": one("SELECT count(*) FROM tables WHERE document_id = ?", [doc_id]).fetchone()[
                0
            ],
            "cells": one(
                "SELECT count(*) FROM cells WHERE document_id = ? AND amount IS NOT NULL", [doc_id]
            ).fetchone()[0],
            "chunks": one("SELECT count(*) FROM chunks WHERE document_id = ?", [doc_id]).fetchone()[
                0
            ],
        }

    def chunks_by_id(self, ids: list[str]) -> list[sqlite3.Row]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return self.db.execute(f"SELECT * FROM chunks WHERE id IN ({marks})", ids).fetchall()

    def paragraphs(self, doc_id: str, first_page: int, last_page: int) -> list[sqlite3.Row]:
        """A document's paragraphs printed on these pages, in reading order."""
        return self.db.execute(
            "SELECT seq, page, section_id, text, boxes FROM paragraphs WHERE document_id = ? "
            "AND page BETWEEN ? AND ? ORDER BY seq",
            [doc_id, first_page, last_page],
        ).fetchall()

    def section_paragraphs(self, doc_id: str) -> list[sqlite3.Row]:
        """Every paragraph of a document with its section id, in reading order."""
        return self.db.execute(
            "SELECT seq, page, section_id, text FROM paragraphs WHERE document_id = ? ORDER BY seq",
            [doc_id],
        ).fetchall()

    def chunk_ids_of(self, documents: set[str]) -> set[str]:
        if not documents:
            return set()
        marks = ",".join("?" * len(documents))
        rows = self.db.execute(
            f"SELECT id FROM chunks WHERE document_id IN ({marks})", list(documents)
        )
        return {row[0] for row in rows}

    def definitions(self) -> list[sqlite3.Row]:
        """Paragraphs of the 名词解释 sections, with their section and document."""
        return self.db.execute(
            "SELECT p.text, p.page, s.title, s.path, d.id AS document_id, d.file_name, "
            "d.department, d.year, d.kind, d.level FROM paragraphs p "
            "JOIN sections s ON s.document_id = p.document_id AND s.id = p.section_id "
            "JOIN documents d ON d.id = p.document_id "
            "WHERE s.path LIKE '%名词解释%' AND d.is_template = 0 ORDER BY d.year DESC, p.seq"
        ).fetchall()

    def row_labels(self) -> list[tuple[str, str | None, str]]:
        """(department, region, label) of every row a stored table prints with a figure, once."""
        rows = self.db.execute(
            "SELECT DISTINCT d.department, d.region, c.row_label FROM cells c "
            "JOIN documents d ON d.id = c.document_id WHERE d.is_template = 0 "
            "AND c.amount IS NOT NULL AND c.row_label != ''"
        )
        return [(row[0], row[1], row[2]) for row in rows]

    def departments_saying(self, phrase: str) -> list[tuple[str, str | None]]:
        """(department, region) of every document whose text says a phrase, once."""
        rows = self.db.execute(
            "SELECT DISTINCT d.department, d.region FROM paragraphs p "
            "JOIN documents d ON d.id = p.document_id WHERE d.is_template = 0 "
            "AND p.text LIKE '%' || ? || '%'",
            [re.sub("[%_]", "", phrase)],
        )
        return [(row[0], row[1]) for row in rows]

    def departments_printing(self, amount: Decimal) -> list[tuple[str, str | None]]:
        """(department, region) of every document a table of which prints an amount (in 万元,
        to the last place printed), once."""
        rows = self.db.execute(
            "SELECT DISTINCT d.department, d.region FROM cells c "
            "JOIN documents d ON d.id = c.document_id WHERE d.is_template = 0 "
            "AND c.value BETWEEN ? AND ?",
            [float(amount) - HALF_CENT, float(amount) + HALF_CENT],
        )
        return [(row[0], row[1]) for row in rows]

    def unfigured_cells(self) -> list[sqlite3.Row]:
        """Cells of every table that prints no figure as a table does (a 绩效目标表's label:
        value cells), with their table's title and unit, department and region."""
        return self.db.execute(
            "SELECT c.*, t.title AS table_title, t.unit AS table_unit, d.department, d.region "
            "FROM cells c JOIN tables t ON t.id = c.table_id "
            "JOIN documents d ON d.id = c.document_id "
            "WHERE t.empty = 1 AND d.is_template = 0 ORDER BY t.id, c.row, c.col"
        ).fetchall()

    def chunk_ids(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT id FROM chunks")}

    def counts(self) -> dict[str, int]:
        """Row counts of every table (what a failed ingest must leave unchanged)."""
        return {n: self.db.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in TABLES}

    def lexical_search(
        self, query: str, limit: int = 20, document_id: str | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, bm25 score; lower is better) for chunks sharing words with the query,
        optionally only the chunks of one document."""
        words = [w.replace('"', "") for w in terms(query)]
        if not words:
            return []
        return self.dialect.lexical_search(self.db, words, limit, document_id)


_CELL_COLUMNS = {"table": "t.title", "table_code": "t.code"}


def _cell_column(name: str) -> str:
    if name in _CELL_COLUMNS:
        return _CELL_COLUMNS[name]
    if name not in {"row_code", "row_label", "column_path", "grp", "table_id"}:
        raise ValueError(f"unknown cell filter: {name}")
    return f"c.{name}"


def _same_identity(db: sqlite3.Connection, ident: Identity) -> list[str]:
    """The stored documents with this identity (an older version, stored under another id)."""
    rows = db.execute(
        "SELECT id FROM documents WHERE coalesce(region, '') = ? AND department = ? AND year = ? "
        "AND kind = ? AND level = ?",
        [ident.region or "", ident.department, ident.year, ident.kind, ident.level],
    )
    return [row[0] for row in rows]
