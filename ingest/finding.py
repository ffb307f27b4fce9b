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
    rounding: bool = False
    """A difference no larger than rounding makes: reported as a warning (提示), never as an
    error, whatever the rule's severity."""

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
    department: str = ""
    level: str = "部门"
    paragraphs: list[sqlite3.Row] = field(default_factory=list)
    """With their section's path (section_path)."""
    sections: list[sqlite3.Row] = field(default_factory=list)
    printed: list[sqlite3.Row] = field(default_factory=list)
    """The cover, the contents, running headers and page numbers (ingest/sections.py)."""

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


def sentence_side(paragraph: sqlite3.Row, quote: str, value: str = "") -> Side:
    """A sentence of a narrative paragraph, as one side of a finding."""
    return Side(
        label=f"说明文字·{paragraph['section_path'] or '正文'}",
        value=value,
        page=paragraph["page"],
        quote=quote,
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


def places(value: Decimal) -> int:
    """Decimals as written (“49.49” → 2, “0.5” → 1, “100” → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def grade_amount(stated: Decimal, printed: Decimal) -> str | None:
    """A stated amount against the one it names: None when they agree at the precision it is
    stated in, “rounding” when they differ by no more than the tolerance, else “error”."""
    if round(printed, places(stated)) == stated:
        return None
    return "rounding" if abs(stated - printed) <= tolerance() else "error"


def grade_rate(stated: Decimal, low: Decimal, high: Decimal) -> str | None:
    """A stated percentage against the range the amounts it is computed from allow (each
    amount ± half a unit of its last digit): None when it is in the range at its own
    precision, “rounding” when it is one unit of that precision off, else “error”."""
    half = Decimal(5).scaleb(-places(stated) - 1)
    if low - half <= stated <= high + half:
        return None
    return "rounding" if low - 3 * half <= stated <= high + 3 * half else "error"


def ratio_range(
    part: Decimal, part_half: Decimal, whole: Decimal, whole_half: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The percentages part ÷ whole can be, with each printed to half a unit of its last
    digit (None for a whole that may be zero)."""
    if whole - whole_half <= 0:
        return None
    low = max(part - part_half, Decimal(0)) / (whole + whole_half) * 100
    return low, (part + part_half) / (whole - whole_half) * 100
