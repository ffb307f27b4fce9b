"""The consistency audit's findings (stored at ingest, ingest/audit.py) as the tools use them:
the audit of a document as a tool result, and a note on any figure an answer uses that a
finding involves."""

import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from caiwen.ingest.audit import rule_titles
from caiwen.ingest.store import StoredDocument
from caiwen.service.results import Citation, ToolResult, Value
from caiwen.service.toolbox import Toolbox

NOTED_PER_ANSWER = 2
"""Findings an answer mentions at most (the audit tool lists them all)."""
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%|万元)?")


def audit_result(box: Toolbox, department: str, year: int | None, kind: str | None) -> ToolResult:
    """The findings of one document, each with both sides cited."""
    result = ToolResult(tool="audit_document")
    choice = box.choose("audit_document", department, year, kind)
    if choice.problem:
        return choice.problem
    doc = choice.doc
    assert doc is not None
    rows = box.figures(doc).findings
    result.details["document"] = {"department": doc.department, "year": doc.year, "kind": doc.kind}
    result.details["checked"] = list(rule_titles().values())
    result.details["findings"] = [
        {
            "rule": row["rule"],
            "title": rule_titles().get(row["rule"], row["rule"]),
            "severity": row["severity"],
            "message": row["message"],
            "citations": [
                result.cite(_citation(box, doc, side)) for side in json.loads(row["sides"])
            ],
        }
        for row in rows
    ]
    for row in rows:
        _add_numbers(result, row["message"], doc)
    result.cite(box.figures(doc).citation())
    return result


def noting_findings(tool: Callable[..., ToolResult], box: Toolbox) -> Callable[..., ToolResult]:
    """The tool, its result noting the findings that involve the figures it cites."""

    @functools.wraps(tool)
    def noted(*args: Any, **kwargs: Any) -> ToolResult:
        result = tool(*args, **kwargs)
        if result.status == "ok":
            note_findings(result, box)
        return result

    return noted


def note_findings(result: ToolResult, box: Toolbox) -> None:
    """Attach (as ``details["findings"]``) what the audit found about the cited figures; the
    narrative-against-table findings are left out: the tools say those themselves."""
    docs = {d.id: d for d in box.documents()}
    noted: dict[str, Any] = {}
    for citation in list(result.citations):
        doc = docs.get(citation.document_id)
        if doc is None or not citation.table:
            continue
        key = f"{citation.table}|{citation.row or ''}|{citation.column or ''}"
        for row in box.figures(doc).findings:
            if row["rule"] != "narrative.value" and key in json.loads(row["keys"]):
                noted.setdefault(row["message"], (row, doc))
    for message, (row, doc) in list(noted.items())[:NOTED_PER_ANSWER]:
        sides = [result.cite(_citation(box, doc, s)) for s in json.loads(row["sides"])]
        result.details.setdefault("findings", []).append({"message": message, "citations": sides})
        _add_numbers(result, message, doc)


def _add_numbers(result: ToolResult, message: str, doc: StoredDocument) -> None:
    """The audit's own figures (sums, gaps, recomputed rates) as values, so that every number
    of the answer comes from a tool."""
    for number, unit in dict.fromkeys(_NUMBER.findall(message)):
        result.values.append(
            Value(
                name="核对",
                value=Decimal(number),
                unit=unit,
                department=doc.department,
                year=doc.year,
                kind=doc.kind,
                level=doc.level,
                source="derived",
            )
        )


def _citation(box: Toolbox, doc: StoredDocument, side: dict[str, Any]) -> Citation:
    return box.figures(doc).citation(
        page=side.get("page"),
        table=side.get("table"),
        row=side.get("row"),
        column=side.get("column"),
        quote=side.get("quote"),
    )
