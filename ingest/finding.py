"""What the consistency audit's checks share: a finding and its sides, the document as the
checks read it, and how a finding is written (prompts/audit.yaml: messages, tolerance)."""

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.bases import basis_of
from caiwen.domain.catalogue import Catalogue, Metric, normalise
from caiwen.domain.ordinals import strip_ordinal


@cache
def audit_rules() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("audit.yaml").read_text())


@dataclass
class Side:
    """One side of a contradiction: a table cell or a sentence."""

    label: str
    value: str
    page: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    quote: str | None = None


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    sides: list[Side] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """What the finding is about, as answers name it: table|row|column, or quote|…"""
        return [
            f"{s.table}|{s.row or ''}|{s.column or ''}" if s.table else f"quote|{s.quote}"
            for s in self.sides
        ]


@dataclass
class Audited:
    """What the checks read of one stored document."""

    kind: str
    year: int
    cells: list[sqlite3.Row]
    facts: list[sqlite3.Row]
    tables: list[sqlite3.Row]
    catalogue: Catalogue

    @property
    def basis(self) -> str:
        return basis_of(self.kind)


def by_table(cells: list[sqlite3.Row]) -> dict[str, list[sqlite3.Row]]:
    tables: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for cell in cells:
        tables[cell["table_title"] or ""].append(cell)
    return tables


def metric_of(fact: sqlite3.Row, cat: Catalogue) -> Metric | None:
    """The metric a fact states: a catalogue metric by name, else the subject line of its code."""
    if fact["metric"] in cat.metrics:
        return cat.metrics[fact["metric"]]
    return cat.subject(fact["code"]) if fact["code"] else None


# -- notes and completeness --------------------------------------------------------------------


def column_name(cell: sqlite3.Row) -> str:
    return (cell["column_path"] or "").replace("/", "·")


def label(cell: sqlite3.Row) -> str:
    return normalise(strip_ordinal(cell["row_label"] or ""))


def cell_side(cell: sqlite3.Row) -> Side:
    return Side(
        label=f"{cell['table_title']}·{label(cell)}·{column_name(cell)}",
        value=f"{Decimal(cell['amount']):f}",
        page=cell["page"],
        table=cell["table_title"],
        row=cell["row_label"],
        column=cell["column_path"],
        quote=f"{cell['original']} {cell['original_unit'] or '万元'}",
    )


def fact_side(fact: sqlite3.Row) -> Side:
    return Side(
        label=f"说明文字·{fact['section_path'] or '正文'}",
        value=fact["value"] or fact["percent"] or "",
        page=fact["page"],
        quote=fact["quote"],
    )


def note_side(table: sqlite3.Row, note: str) -> Side:
    return Side(
        label=f"{table['title']}·表注",
        value="",
        page=table["page_start"],
        table=table["title"],
        quote=note,
    )


def message(rule: str, **fields: Any) -> str:
    template = next(r["message"] for r in audit_rules()["rules"] if r["id"] == rule)
    return template.format(**fields)


def tolerance() -> Decimal:
    return Decimal(str(audit_rules()["tolerance"]))


def fmt(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"
