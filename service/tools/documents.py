"""The documents tools: which disclosures are ingested, what one discloses, where it
contradicts itself."""

import json

from caiwen.ingest.audit import rule_titles
from caiwen.ingest.stored import StoredDocument
from caiwen.service.details import AuditFindings, Disclosed, DocumentEntry, Documents, FindingEntry
from caiwen.service.findings import add_numbers, add_tally, side_citation
from caiwen.service.results import ToolResult
from caiwen.service.templates import say
from caiwen.service.toolbox import Problem
from caiwen.service.tools.base import Level, ToolBase
from caiwen.service.tools.registry import tool


def entry(doc: StoredDocument) -> DocumentEntry:
    return DocumentEntry(
        document_id=doc.id,
        department=doc.department,
        region=doc.region,
        year=doc.year,
        kind=doc.kind,
        level=doc.level,
        file=doc.file_name,
        pages=doc.pages,
    )


class DocumentTools(ToolBase):
    @tool()
    def find_documents(
        self, department: str | None = None, year: int | None = None, kind: str | None = None
    ) -> ToolResult:
        """List the ingested disclosures, optionally for a department (fuzzy), a year and a
        kind (预算/决算). A name that fits several departments returns them as candidates."""
        result = ToolResult(tool="find_documents")
        docs = self._documents(result, department, year, kind, several=True)
        if docs is None:
            return result
        result.details = Documents(documents=[entry(d) for d in docs])
        if not docs and result.status == "ok":
            result.status, result.message = "no_document", say("no_documents")
        return result

    @tool()
    def list_metrics(
        self,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        level: Level | None = None,
    ) -> ToolResult:
        """What a department's document of a year actually discloses (metrics with figures)."""
        result = ToolResult(tool="list_metrics")
        doc = self.box.choose(department, year, kind, level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        figures = self.box.figures(doc)
        result.details = Disclosed(
            document=entry(doc),
            metrics=self._disclosed(doc),
            tables=[t.title for t in figures.tables],
        )
        result.cite(figures.citation())
        return result

    @tool()
    def audit_document(
        self,
        department: str,
        year: int | None = None,
        kind: str | None = None,
        level: Level | None = None,
        about: str | None = None,
    ) -> ToolResult:
        """Where a department's document of a year contradicts itself: the consistency
        audit's findings (table sums, 收支平衡, the same figure in two tables, the narrative
        against the tables), each citing both sides, and how many there are. about names a
        figure (机关运行经费): only the findings that name it, and how many others there are."""
        result = ToolResult(tool="audit_document")
        doc = self.box.choose(department, year, kind, level=level)
        if isinstance(doc, Problem):
            return doc.on(result)
        rows = self.box.figures(doc).findings
        named = [r for r in rows if _plain(about) in _plain(r["message"])] if about else rows
        titles = rule_titles()
        findings = [
            FindingEntry(
                rule=row["rule"],
                title=titles.get(row["rule"], row["rule"]),
                severity=row["severity"],
                message=row["message"],
                citations=[
                    result.cite(side_citation(self.box, doc, side))
                    for side in json.loads(row["sides"])
                ],
            )
            for row in named
        ]
        result.details = AuditFindings(
            document=entry(doc),
            checked=list(titles.values()),
            findings=findings,
            others=len(rows) - len(named),
        )
        for row in named:
            add_numbers(result, row["message"], doc)
        for tally in {len(named), len(rows) - len(named)}:
            add_tally(result, tally, doc)
        result.cite(self.box.figures(doc).citation())
        return result


def _plain(text: str) -> str:
    """A name without its quotation marks (“三公”经费 names 三公经费)."""
    return text.translate(str.maketrans("", "", '“”"'))
