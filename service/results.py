"""What every tool returns: values with their 口径, citations, and the formula used."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["ok", "not_found", "ambiguous", "unknown_metric", "no_document", "invalid"]
TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    """Display precision: 2 decimals, half up (exact values stay in ``value``)."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


class Citation(BaseModel):
    """Where a figure or a sentence is printed."""

    document_id: str
    file: str
    department: str
    year: int
    kind: str
    level: str = "部门"
    page: int | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    quote: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    ocr_confidence: float | None = None
    """Set when the cited page was read by OCR (a scan): the page's mean recognition
    confidence, 0–1."""


class Value(BaseModel):
    """One figure: exact ``value`` and its 2-decimal ``display``, with where it comes from."""

    name: str
    value: Decimal
    unit: str
    department: str
    year: int
    kind: str
    level: str = "部门"
    basis: str | None = None
    source: Literal["table", "narrative", "derived"] = "table"
    citations: list[int] = Field(default_factory=list)
    """Indexes into the result's citations."""

    @property
    def display(self) -> str:
        return f"{rounded(self.value):,.2f}" if self.unit in ("万元", "%") else f"{self.value:f}"


class ToolResult(BaseModel):
    tool: str
    status: Status = "ok"
    values: list[Value] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    formula: str | None = None
    message: str | None = None
    """In Chinese: why there is no figure, what differs, what to ask instead."""
    candidates: list[str] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)

    def cite(self, citation: Citation) -> int:
        """Add a citation (once) and return its index."""
        if citation in self.citations:
            return self.citations.index(citation)
        self.citations.append(citation)
        return len(self.citations) - 1

    def add(self, value: Value, *citations: Citation) -> Value:
        value.citations = [*value.citations, *(self.cite(c) for c in citations)]
        self.values.append(value)
        return value
