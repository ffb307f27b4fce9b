"""The answer object: the one contract of `caiwen ask --json`, the HTTP API, the widget, the
bot and the eval."""

from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

from caiwen.service.charts import Chart
from caiwen.service.values import Role


class AnswerValue(BaseModel):
    """One figure of the answer. ``role`` says what it is (service/values.py: figure, current,
    base, change, rate, part, whole, share, …), ``metric`` and ``part_of`` what it is of;
    ``name`` is for reading only."""

    name: str
    value: float
    unit: str
    department: str
    year: int
    kind: str
    basis: str | None = None
    role: Role = "figure"
    metric: str | None = None
    part_of: str | None = None
    level: str = "部门"
    region: str | None = None
    rank: int | None = None
    printed: str | None = None
    """The figure in the unit its table prints it in, where that is another (156,211,123元)."""
    citations: list[int] = Field(default_factory=list)
    """The numbers (``n``) of the answer's citations this value is printed in."""


class AnswerPlace(BaseModel):
    """A place within a cited source: a table cell (its row and column) or a sentence."""

    row: str | None = None
    column: str | None = None
    quote: str | None = None


class AnswerCitation(BaseModel):
    """One distinct source (a document's file, page, and table or section), numbered in the
    order the answer first cites it; ``places`` are the cells and sentences cited in it
    (``quote`` is the first one's)."""

    n: int
    document_id: str
    file: str
    department: str
    year: int
    kind: str
    page: int | None = None
    section: str | None = None
    table: str | None = None
    quote: str | None = None
    places: list[AnswerPlace] = Field(default_factory=list)
    ocr_confidence: float | None = None
    """Set when the cited page was read by OCR: its mean recognition confidence, 0–1."""
    _highlight: list[tuple[float, float, float, float]] = PrivateAttr(default_factory=list)
    """The boxes (x0, top, x1, bottom in PDF points) of the cited cell or lines on the page:
    not part of the contract; the HTTP API turns them into the citation's ``view``."""

    def marking(self, boxes: list[tuple[float, float, float, float]]) -> "AnswerCitation":
        self._highlight = boxes
        return self

    @property
    def highlight(self) -> list[tuple[float, float, float, float]]:
        return self._highlight


class ToolCall(BaseModel):
    name: str
    args: dict[str, Any] = Field(default_factory=dict)


class Answer(BaseModel):
    answer: str
    refused: bool = False
    session_id: str
    planner: Literal["rules", "llm"] = "rules"
    values: list[AnswerValue] = Field(default_factory=list)
    citations: list[AnswerCitation] = Field(default_factory=list)
    tool_calls: list[ToolCall] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    chart: Chart | None = None
    """What the widget draws (service/charts.py), from the tools' typed details."""
