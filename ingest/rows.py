"""A parsed document as the rows of the store's tables (documents, sections, paragraphs,
tables, table rows, cells, chunks, facts, findings), written inside the store's transaction
(the chunks' words go to the lexical index of the store's dialect)."""

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from caiwen.ingest.document import PARSER_VERSION, ParsedDocument
from caiwen.ingest.numbers import plain
from caiwen.ingest.tables import Table


def write_document(
    db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument, ids: list[str], rules: str
) -> None:
    """Every row of a parsed document (its chunks under ``ids``), derived with ``rules``."""
    insert_document(db, doc_id, parsed, rules)
    insert_files(db, doc_id, parsed)
    insert_outline(db, doc_id, parsed)
    insert_printed(db, doc_id, parsed)
    for seq, table in enumerate(parsed.tables):
        insert_table(db, doc_id, seq, table, parsed.outline.table_sections[seq], parsed)
    insert_chunks(db, doc_id, parsed, ids)
    insert_facts(db, doc_id, parsed)
    db.executemany(
        "INSERT INTO ocr_pages (document_id, page, confidence) VALUES (?, ?, ?)",
        [(doc_id, page, conf) for page, conf in parsed.ocr_pages.items()],
    )


def insert_document(
    db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument, rules: str
) -> None:
    ident = parsed.identity
    db.execute(
        "INSERT INTO documents (id, department, region, year, kind, level, is_template, "
        "file_name, format, content_hash, pages, page_sizes, ingested_at, parser_version, "
        "rules_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            doc_id,
            ident.department,
            ident.region,
            ident.year,
            ident.kind,
            ident.level,
            int(ident.is_template),
            parsed.file_name,
            parsed.format,
            parsed.content_hash,
            parsed.pages,
            json.dumps(parsed.page_sizes),
            datetime.now(UTC).isoformat(timespec="seconds"),
            PARSER_VERSION,
            rules,
        ],
    )


def insert_files(db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument) -> None:
    db.executemany(
        "INSERT INTO document_files (document_id, seq, file_name, content_hash, format, part, "
        "pages, first_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, seq, f.name, f.content_hash, f.format, f.part, f.pages, f.first_page)
            for seq, f in enumerate(parsed.files)
        ],
    )


def insert_outline(db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument) -> None:
    outline = parsed.outline
    db.executemany(
        "INSERT INTO sections (document_id, id, parent, rank, title, path, page) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (doc_id, s.id, s.parent, s.rank, s.title, " > ".join(outline.path(s.id)), s.page)
            for s in outline.sections
        ],
    )
    db.executemany(
        "INSERT INTO paragraphs (document_id, seq, section_id, page, text, boxes) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (doc_id, seq, p.section, p.page, p.text, json.dumps(p.boxes))
            for seq, p in enumerate(outline.paragraphs)
        ],
    )


def insert_printed(db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument) -> None:
    db.executemany(
        "INSERT INTO printed (document_id, seq, role, text, page) VALUES (?, ?, ?, ?, ?)",
        [(doc_id, seq, p.role, p.text, p.page) for seq, p in enumerate(parsed.outline.printed)],
    )


def insert_table(
    db: sqlite3.Connection,
    doc_id: str,
    seq: int,
    table: Table,
    section: int | None,
    parsed: ParsedDocument,
) -> None:
    table_id = f"{doc_id}-t{seq}"
    db.execute(
        "INSERT INTO tables (id, document_id, seq, title, code, unit, page_start, page_end, "
        "section_id, section_path, columns, header, notes, empty, labels) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            table_id,
            doc_id,
            seq,
            table.title,
            table.code,
            table.unit,
            table.pages[0] if table.pages else None,
            table.pages[-1] if table.pages else None,
            section,
            " > ".join(parsed.outline.path(section)),
            json.dumps(table.columns, ensure_ascii=False),
            json.dumps(table.header, ensure_ascii=False),
            json.dumps(table.notes, ensure_ascii=False),
            int(table.empty),
            json.dumps(table.labels, ensure_ascii=False),
        ],
    )
    for r, row in enumerate(table.rows):
        db.execute(
            "INSERT INTO table_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                table_id,
                r,
                row.group,
                row.code,
                row.code_raw,
                row.label,
                row.page,
                *(row.bbox or (None, None, None, None)),
            ],
        )
        db.executemany(
            "INSERT INTO cells (table_id, row, col, document_id, grp, row_code, row_label, "
            "column_path, amount, original, original_unit, page, x0, top, x1, bottom) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    table_id,
                    r,
                    col,
                    doc_id,
                    row.group,
                    row.code,
                    row.label,
                    cell.column,
                    plain(cell.value) if cell.value is not None else None,
                    cell.original,
                    table.unit,
                    cell.page,
                    *(cell.bbox or (None, None, None, None)),
                )
                for col, cell in enumerate(row.cells)
            ],
        )


def insert_chunks(
    db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument, ids: list[str]
) -> None:
    db.executemany(
        "INSERT INTO chunks (id, document_id, seq, section_id, section_path, page, page_end, "
        "text, boxes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                chunk_id,
                doc_id,
                c.index,
                c.section,
                " > ".join(c.section_path),
                c.page,
                c.page_end,
                c.text,
                json.dumps(c.boxes),
            )
            for chunk_id, c in zip(ids, parsed.chunks, strict=True)
        ],
    )


def insert_facts(db: sqlite3.Connection, doc_id: str, parsed: ParsedDocument) -> None:
    def text(value: Decimal | None) -> str | None:
        return plain(value) if value is not None else None

    db.executemany(
        "INSERT INTO facts (document_id, seq, metric, code, kind, value, unit, year, basis, base, "
        "delta, percent, direction, page, section_id, section_path, quote) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                doc_id,
                seq,
                f.metric,
                f.code,
                f.kind,
                text(f.value),
                f.unit,
                f.year,
                f.basis,
                f.base,
                text(f.delta),
                text(f.percent),
                f.direction,
                f.page,
                f.section,
                " > ".join(parsed.outline.path(f.section)),
                f.quote,
            )
            for seq, f in enumerate(parsed.facts)
        ],
    )


@dataclass
class AuditRows:
    """What the audit writes with a document: its findings as (seq, rule, severity, message,
    sides, keys) and its unchecked tables as (table id, why)."""

    findings: list[tuple[Any, ...]]
    unchecked: list[tuple[str, str]]


def insert_audit(db: sqlite3.Connection, doc_id: str, rows: AuditRows) -> None:
    db.executemany(
        "INSERT INTO findings (document_id, seq, rule, severity, message, sides, keys) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc_id, *row) for row in rows.findings],
    )
    db.executemany(
        "INSERT INTO unchecked_tables (document_id, table_id, reason) VALUES (?, ?, ?)",
        [(doc_id, *row) for row in rows.unchecked],
    )


def delete_chunk_terms(db: sqlite3.Connection, ids: list[str]) -> None:
    db.executemany("DELETE FROM chunk_terms WHERE chunk_id = ?", [(i,) for i in ids])
