"""What every tool returns: its values (service/values.py), citations, the formula used, and
the typed details of its operation (service/details.py)."""

from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from caiwen.service.details import Details
from caiwen.service.values import Citation, Value

Status = Literal["ok", "not_found", "ambiguous", "unknown_metric", "no_document", "invalid"]
REFUSING = frozenset({"not_found", "unknown_metric", "no_document", "invalid"})
"""Statuses of a result that has no answer (ambiguous asks back instead)."""
T = TypeVar("T")


class FindingNote(BaseModel):
    """An audit finding about a figure the result cites."""

    message: str
    citations: list[int]


class ToolResult(BaseModel):
    tool: str
    status: Status = "ok"
    values: list[Value] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    formula: str | None = None
    message: str | None = None
    """In Chinese: why there is no figure, what differs, what to ask instead."""
    candidates: list[str] = Field(default_factory=list)
    details: Details | None = None
    """What the operation found, typed (a comparison, a breakdown, passages …)."""
    findings: list[FindingNote] = Field(default_factory=list)

    def cite(self, citation: Citation) -> int:
        """Add a citation (once) and return its index."""
        for at, cited in enumerate(self.citations):
            if cited == citation:
                return at
        self.citations.append(citation)
        return len(self.citations) - 1

    def add(self, value: Value, *citations: Citation) -> Value:
        value.citations = [*value.citations, *(self.cite(c) for c in citations)]
        self.values.append(value)
        return value

    def detail(self, kind: type[T]) -> T:
        """The details, which must be of this kind."""
        if not isinstance(self.details, kind):
            raise TypeError(f"{self.tool} holds {type(self.details).__name__}, not {kind.__name__}")
        return self.details

    def maybe(self, kind: type[T]) -> T | None:
        """The details, if they are of this kind (a refusing result may have none)."""
        return self.details if isinstance(self.details, kind) else None

    @property
    def refused(self) -> bool:
        return self.status in REFUSING
