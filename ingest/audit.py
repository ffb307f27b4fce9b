"""stored document → findings: where a disclosure contradicts itself.

Runs at ingest on the rows just written (same transaction), so findings are stored with the
document. Each rule of prompts/audit.yaml has a check (ingest/table_checks.py,
ingest/narrative_checks.py); a finding names the rule, says what
is wrong in Chinese, and cites both sides (table, row, column, page — or the sentence).
"""

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from caiwen.domain.catalogue import catalogue
from caiwen.ingest.claim_checks import (
    check_comparisons,
    check_completion,
    check_reasons,
    check_shares,
)
from caiwen.ingest.document_checks import (
    check_contents_pages,
    check_contents_tables,
    check_department_names,
    check_placeholders,
    check_years,
)
from caiwen.ingest.finding import Audited, Finding, audit_rules
from caiwen.ingest.narrative_checks import (
    check_completeness,
    check_empty_notes,
    check_narrative_changes,
    check_narrative_values,
)
from caiwen.ingest.rows import AuditRows
from caiwen.ingest.table_checks import (
    check_balance,
    check_column_sums,
    check_cross_tables,
    check_row_sums,
    unchecked_tables,
)

Check = Callable[[Audited], Iterator[Finding]]


@dataclass
class Audit:
    """What the audit found in a document, and the tables whose sums it did not check (table
    id → why)."""

    findings: list[Finding]
    unchecked: dict[str, str]


def audit(db: sqlite3.Connection, doc_id: str) -> Audit:
    """Every finding of every rule for one stored document (none for a blank template)."""
    meta = db.execute("SELECT * FROM documents WHERE id = ?", [doc_id]).fetchone()
    if meta is None or meta["is_template"]:
        return Audit([], {})
    doc = Audited(
        kind=meta["kind"],
        year=meta["year"],
        department=meta["department"],
        level=meta["level"],
        cells=db.execute(
            "SELECT c.*, t.title AS table_title FROM cells c JOIN tables t ON t.id = c.table_id "
            "WHERE c.document_id = ? ORDER BY t.seq, c.row, c.col",
            [doc_id],
        ).fetchall(),
        facts=_rows(db, "facts", doc_id),
        tables=_rows(db, "tables", doc_id),
        catalogue=catalogue(),
        paragraphs=db.execute(
            "SELECT p.*, s.path AS section_path FROM paragraphs p LEFT JOIN sections s "
            "ON s.document_id = p.document_id AND s.id = p.section_id "
            "WHERE p.document_id = ? ORDER BY p.seq",
            [doc_id],
        ).fetchall(),
        sections=_rows(db, "sections", doc_id, "id"),
        printed=_rows(db, "printed", doc_id),
    )
    rules = audit_rules()
    severity = {r["id"]: r["severity"] for r in rules["rules"]}
    findings = list({f.message: f for check in CHECKS for f in check(doc)}.values())
    for finding in findings:
        finding.severity = "warning" if finding.rounding else severity[finding.rule]
        if finding.rounding:
            finding.message += rules["rounding_note"]
    return Audit(findings, unchecked_tables(doc))


def _rows(db: sqlite3.Connection, table: str, doc_id: str, order: str = "seq") -> list[sqlite3.Row]:
    """A document's rows of one of the store's tables, in order."""
    return db.execute(
        f"SELECT * FROM {table} WHERE document_id = ? ORDER BY {order}", [doc_id]
    ).fetchall()


def audit_rows(db: sqlite3.Connection, doc_id: str) -> AuditRows:
    """The findings of a document just written and its unchecked tables, as rows for the
    store."""
    found = audit(db, doc_id)
    return AuditRows(finding_rows(found.findings), list(found.unchecked.items()))


@cache
def rule_titles() -> dict[str, str]:
    """Each rule's title (what it checks, in Chinese)."""
    return {r["id"]: r["title"] for r in audit_rules()["rules"]}


def finding_record(row: sqlite3.Row) -> dict[str, Any]:
    """A stored finding as JSON: rule, its title, severity, message, and both sides."""
    return {
        "rule": row["rule"],
        "title": rule_titles().get(row["rule"], row["rule"]),
        "severity": row["severity"],
        "message": row["message"],
        "rounding": is_rounding(row["message"]),
        "sides": json.loads(row["sides"]),
    }


def is_rounding(message: str) -> bool:
    """Whether a stored finding is a difference no larger than rounding makes: the audit ends
    the message of those, and only those, with rounding_note (stored documents carry no other
    mark of it, and need no migration for it)."""
    return message.endswith(audit_rules()["rounding_note"])


def finding_rows(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """(seq, rule, severity, message, sides JSON, keys JSON) for the store."""
    return [
        (
            seq,
            f.rule,
            f.severity,
            f.message,
            json.dumps([asdict(s) for s in f.sides], ensure_ascii=False),
            json.dumps(f.keys, ensure_ascii=False),
        )
        for seq, f in enumerate(findings)
    ]


CHECKS: list[Check] = [
    check_row_sums,
    check_column_sums,
    check_balance,
    check_cross_tables,
    check_narrative_values,
    check_narrative_changes,
    check_empty_notes,
    check_completeness,
    check_comparisons,
    check_reasons,
    check_completion,
    check_shares,
    check_years,
    check_placeholders,
    check_department_names,
    check_contents_tables,
    check_contents_pages,
]
