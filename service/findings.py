"""The consistency audit's findings (stored at ingest, ingest/audit.py) as the tools use them:
a note on any figure an answer uses that a finding involves, and the audit's own figures as
values."""

import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from caiwen.ingest.stored import StoredDocument
from caiwen.service.results import FindingNote, ToolResult
from caiwen.service.templates import value_name
from caiwen.service.toolbox import Toolbox
from caiwen.service.values import Citation, Value

NOTED_PER_ANSWER = 2
"""Findings an answer mentions at most (the audit tool lists them all)."""
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(%|万元)?")


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
    """Attach (as ``findings``) what the audit found about the cited figures; the
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
        sides = [result.cite(side_citation(box, doc, s)) for s in json.loads(row["sides"])]
        result.findings.append(FindingNote(message=message, citations=sides))
        add_numbers(result, message, doc)


def add_numbers(result: ToolResult, message: str, doc: StoredDocument) -> None:
    """The audit's own figures (sums, gaps, recomputed rates) as values, so that every number
    of the answer comes from a tool."""
    for number, unit in dict.fromkeys(_NUMBER.findall(message)):
        result.values.append(
            Value(
                name=value_name("finding"),
                value=Decimal(number),
                unit=unit,
                role="finding",
                department=doc.department,
                region=doc.region,
                year=doc.year,
                kind=doc.kind,
                level=doc.level,
                source="derived",
            )
        )


def add_tally(result: ToolResult, count: int, doc: StoredDocument) -> None:
    """How many findings there are (发现2处不一致), as a value like the audit's own figures."""
    result.values.append(
        Value(
            name=value_name("finding_tally"),
            value=Decimal(count),
            unit="处",
            role="finding",
            department=doc.department,
            region=doc.region,
            year=doc.year,
            kind=doc.kind,
            level=doc.level,
            source="derived",
        )
    )


def side_citation(box: Toolbox, doc: StoredDocument, side: dict[str, Any]) -> Citation:
    """Where one side of a finding is printed (with the cell's box when a cell prints it)."""
    figures = box.figures(doc)
    where = {k: side.get(k) for k in ("page", "table", "row", "column")}
    return figures.citation(
        quote=side.get("quote"),
        bbox=figures.cell_box(**where, value=str(side.get("value") or "")),
        **where,
    )
