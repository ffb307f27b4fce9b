"""The 核对 reply of the bots: a document's audit findings as a list, each with its rule, both
figures and both places (each place with the view the widget opens for it), and the
differences no larger than rounding apart from the errors."""

import json
from dataclasses import dataclass, field
from typing import Any

from caiwen.ingest.audit import finding_record
from caiwen.ingest.stored import StoredDocument
from caiwen.service.findings import side_citation
from caiwen.service.highlights import place_boxes
from caiwen.service.toolbox import Toolbox
from caiwen.service.views import view_of


@dataclass(frozen=True)
class Place:
    """One side of a finding: its figure (if it is one) and where it is printed."""

    value: str
    page: int | None
    table: str | None
    row: str | None
    column: str | None
    quote: str | None
    view: dict[str, str]
    """Where the widget opens it (service/views.py): the page image or the text view."""


@dataclass(frozen=True)
class Listed:
    rule: str
    """The rule's title (prompts/audit.yaml), what it checks in words."""
    severity: str
    message: str
    places: list[Place]


@dataclass
class AuditReport:
    """A document's findings: ``findings`` (errors first, then the other 提示) and
    ``rounding`` (the differences no larger than rounding makes)."""

    document_id: str
    department: str
    year: int
    kind: str
    findings: list[Listed] = field(default_factory=list)
    rounding: list[Listed] = field(default_factory=list)


def audit_report(box: Toolbox, doc: StoredDocument) -> AuditReport:
    """The stored findings of a document, with the view of each side."""
    formats = {f.name: f.format for f in doc.files}
    report = AuditReport(doc.id, doc.department, doc.year, doc.kind)
    for row in box.store.findings(doc.id):
        record = finding_record(row)
        places = [_place(box, doc, side, formats) for side in record["sides"]]
        listed = Listed(record["title"], record["severity"], record["message"], places)
        (report.rounding if record["rounding"] else report.findings).append(listed)
    return report


def _place(
    box: Toolbox, doc: StoredDocument, side: dict[str, Any], formats: dict[str, str]
) -> Place:
    citation = side_citation(box, doc, side)
    view = view_of(
        json.loads(citation.model_dump_json()),
        place_boxes(box.store, citation),
        formats.get(citation.file),
    )
    return Place(
        value=side.get("value") or "",
        page=side.get("page"),
        table=side.get("table"),
        row=side.get("row"),
        column=side.get("column"),
        quote=side.get("quote"),
        view=view,
    )
