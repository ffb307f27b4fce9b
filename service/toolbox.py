"""What the tools share: the store, the catalogue, which document a question is about, and
each document's figures (read once, then served from memory)."""

from dataclasses import dataclass, field

from caiwen.domain.bases import kind_printing
from caiwen.domain.catalogue import Catalogue, Metric, Resolution, catalogue
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.ingest.vectors import VectorIndex
from caiwen.service.departments import match_departments
from caiwen.service.figures import DocumentFigures, Figure
from caiwen.service.results import Status, ToolResult
from caiwen.service.templates import say


@dataclass(frozen=True)
class Problem:
    """Why there is no document to answer from, in Chinese, with what to ask instead."""

    status: Status
    message: str
    candidates: list[str] = field(default_factory=list)

    def on(self, result: ToolResult) -> ToolResult:
        """The result, refusing for this reason."""
        result.status, result.message = self.status, self.message
        result.candidates = list(self.candidates)
        return result


class Toolbox:
    def __init__(
        self, store: Store, index: VectorIndex | None = None, cat: Catalogue | None = None
    ):
        self.store = store
        self.index = index
        self.catalogue = cat or catalogue()
        self._figures: dict[tuple[str, str], DocumentFigures] = {}

    # -- documents ---------------------------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        """Every disclosure with figures (blank templates left out)."""
        return [d for d in self.store.documents() if not d.is_template]

    def departments(self, name: str) -> list[str]:
        return match_departments(name, [d.department for d in self.documents()])

    def choose(
        self, department: str, year: int | None, kind: str | None, basis: str | None = None
    ) -> StoredDocument | Problem:
        """The document of a department and year; kind or basis break a tie (决算 first)."""
        names = self.departments(department)
        if not names:
            return self.no_department(department)
        if len(names) > 1:
            message = say("ambiguous_department", department=department, names="、".join(names))
            return Problem("ambiguous", message, names)
        docs = [d for d in self.documents() if d.department == names[0]]
        if kind:
            docs = [d for d in docs if d.kind == kind]
        years = sorted({d.year for d in docs})
        year = year or (years[-1] if years else None)
        picked = sorted((d for d in docs if d.year == year), key=lambda d: _kind_order(d, basis))
        if not picked:
            return _missing_year(names[0], year, kind, docs)
        return picked[0]

    def no_department(self, department: str) -> Problem:
        known = sorted({d.department for d in self.documents()})
        message = say("no_department", department=department, known="、".join(known))
        return Problem("no_document", message, known)

    def others(
        self, doc: StoredDocument, year: int, kind: str | None = None
    ) -> list[StoredDocument]:
        """The same department's documents of another year (same kind first)."""
        docs = [d for d in self.documents() if d.department == doc.department and d.year == year]
        return sorted(docs, key=lambda d: (d.kind != (kind or doc.kind), d.level != doc.level))

    # -- figures -----------------------------------------------------------------------------

    def figures(self, doc: StoredDocument) -> DocumentFigures:
        key = (doc.id, doc.content_hash)
        if key not in self._figures:
            self._figures[key] = DocumentFigures(self.store, doc, self.catalogue)
        return self._figures[key]

    def resolve(self, phrase: str) -> Resolution:
        return self.catalogue.resolve(phrase)

    def read(
        self, doc: StoredDocument, metrics: list[Metric], basis: str | None = None
    ) -> Figure | None:
        """The first of the candidate metrics this document reports."""
        figures = self.figures(doc)
        return next((f for m in metrics if (f := figures.read(m, basis)) is not None), None)


def _missing_year(
    department: str, year: int | None, kind: str | None, docs: list[StoredDocument]
) -> Problem:
    have = "、".join(f"{d.year}年{d.kind}" for d in sorted(docs, key=lambda d: d.year))
    message = say(
        "no_year",
        department=department,
        year=year,
        kind=kind or "",
        have=have or say("none_had"),
    )
    return Problem("no_document", message)


def _kind_order(doc: StoredDocument, basis: str | None) -> tuple[bool, bool]:
    return (doc.kind != kind_printing(basis), doc.level != "部门")
