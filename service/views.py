"""Where the widget opens a citation: the page image with the cited place marked (PDF), or
the cited section or table (text documents)."""

from typing import Any
from urllib.parse import urlencode

from caiwen.ingest.store import Store
from caiwen.service.answer import Answer
from caiwen.service.highlights import Box


def with_views(answer: Answer, store: Store) -> dict[str, Any]:
    """The answer object with a ``view`` for each citation: the contract, plus where to show
    the cited place (the page image with the cell or lines marked)."""
    data = answer.model_dump(mode="json")
    formats = {f.name: f.format for d in store.documents() for f in d.files}
    for citation, cited in zip(data["citations"], answer.citations, strict=True):
        citation["view"] = view_of(citation, cited.highlight, formats.get(cited.file))
    return data


def view_of(
    citation: dict[str, Any], highlight: list[Box], file_format: str | None
) -> dict[str, str]:
    """The page image of the cited file (``file`` names it: a document may be read from two
    files), or the text view."""
    doc = citation["document_id"]
    if file_format == "pdf" and citation["page"]:
        marks = ";".join(",".join(f"{v:.1f}" for v in box) for box in highlight)
        query = urlencode({"file": citation["file"]} | ({"highlight": marks} if marks else {}))
        return {"type": "page", "url": f"/api/documents/{doc}/pages/{citation['page']}.png?{query}"}
    query = urlencode({k: citation[k] for k in ("section", "table", "quote") if citation[k]})
    return {"type": "text", "url": f"/api/documents/{doc}/text" + (f"?{query}" if query else "")}
