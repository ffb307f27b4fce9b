"""Values that say what they are — their role, and the metric, department, region, year, kind
and level they are of — and the citations of where they are printed."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pydantic import BaseModel, Field

Role = Literal[
    "figure",
    "current",
    "base",
    "change",
    "rate",
    "stated",
    "whole",
    "part",
    "share",
    "actual",
    "budget",
    "completion",
    "difference",
    "ranked",
    "finding",
    "sum",
    "average",
    "quoted",
    "target",
    "count",
]
"""What a value is in its answer:
- figure: a figure as printed (one metric of one document);
- current, base, change, rate: two periods compared (the later, the earlier, the change, the
  rate of change);
- stated: the narrative's own statement of a comparison where it disagrees with the tables;
- whole, part, share: a breakdown or a share (``part_of`` names the whole);
- actual, budget, completion, difference: 决算数 against 预算数;
- ranked: a department's figure in a ranking (``rank``);
- finding: a figure of an audit note (a sum, a gap, a recomputed rate);
- sum: figures of one document added up, as asked (水费 and 电费: their ``part`` values);
- average: an amount per one of what a count counts (平均每辆车的运行维护费);
- count: how many parts a breakdown lists, where the question counts them (涉及几个功能大类);
- quoted: an amount the question quotes (说明里写1815万), looked for in the document."""
TWO_PLACES = Decimal("0.01")


def rounded(value: Decimal) -> Decimal:
    """Display precision: 2 decimals, half up (exact values stay in ``value``)."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """2 decimals with thousands separators (formulas, discrepancies)."""
    return f"{rounded(value):,.2f}"


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
    """One figure: exact ``value`` and its 2-decimal ``display``, what it is and where it comes
    from. ``name`` is for reading only: nothing reads a value's meaning from it."""

    name: str
    value: Decimal
    unit: str
    role: Role
    metric: str | None = None
    """The catalogue metric (its id, or its subject code) the value is of."""
    part_of: str | None = None
    """For a part or a share: the metric it is a part of."""
    department: str
    region: str | None = None
    year: int
    kind: str
    level: str = "部门"
    basis: str | None = None
    source: Literal["table", "narrative", "derived"] = "table"
    rank: int | None = None
    """For a ranked value: its place (1 = first)."""
    printed: str | None = None
    """The figure as its table prints it, where that is in another unit (408,696,000元)."""
    citations: list[int] = Field(default_factory=list)
    """Indexes into the result's citations."""

    @property
    def display(self) -> str:
        return f"{rounded(self.value):,.2f}" if self.unit in ("万元", "%") else f"{self.value:f}"
