"""Where the widget opens a citation: the page image with the cited place marked (PDF), or
the cited section or table (text documents); and where to download the original file."""

from typing import Any
from urllib.parse import quote, urlencode

from caiwen.ingest.store import Store
from caiwen.service.answer import Answer
from caiwen.service.highlights import Box
from caiwen.service.pages import RESOLUTION

ORIGINAL_TYPES = {"pdf": "application/pdf", "html": "text/html", "text": "text/plain"}
"""The media type of an original file by the format it was read as."""
PIXELS_PER_POINT = RESOLUTION / 72


def with_views(answer: Answer, store: Store) -> dict[str, Any]:
    """The answer object with a ``view`` for each citation: the contract, plus where to show
    the cited place (the page image with the cell or lines marked)."""
    data = answer.model_dump(mode="json")
    files: dict[tuple[str, str], str] = {}  # (document, file name) → format, cited only
    for doc_id in {citation["document_id"] for citation in data["citations"]}:
        if doc := store.document(doc_id):
            files |= {(doc_id, f.name): f.format for f in doc.files}
    for citation, cited in zip(data["citations"], answer.citations, strict=True):
        file_format = files.get((citation["document_id"], cited.file))
        citation["view"] = view_of(citation, cited.highlight, file_format)
    return data


def view_of(
    citation: dict[str, Any], highlight: list[Box], file_format: str | None
) -> dict[str, Any]:
    """The page image of the cited file (``file`` names it: a document may be read from two
    files) with its marked ``boxes`` in the image's pixels, or the text view of the cited
    section or table with the cited sentences and cells; and the original to ``download``."""
    doc = citation["document_id"]
    download = original_url(doc, citation["file"])
    if file_format == "pdf" and citation["page"]:
        marks = ";".join(",".join(f"{v:.1f}" for v in box) for box in highlight)
        query = urlencode({"file": citation["file"]} | ({"highlight": marks} if marks else {}))
        return {
            "type": "page",
            "url": f"/api/documents/{doc}/pages/{citation['page']}.png?{query}",
            "boxes": [[round(v * PIXELS_PER_POINT, 1) for v in box] for box in highlight],
            "download": download,
        }
    return {"type": "text", "url": text_url(citation), "download": download}


def text_url(citation: dict[str, Any]) -> str:
    """The text view of a citation: its section or table, each quote, and each cited cell
    as the i-th ``row`` and ``column``."""
    places = citation.get("places") or []
    wanted = [(k, citation[k]) for k in ("section", "table") if citation[k]]
    quotes = [p["quote"] for p in places if p.get("quote")] or [citation["quote"]]
    wanted += [("quote", q) for q in dict.fromkeys(quotes) if q]
    for place in places if citation["table"] else []:
        if place.get("row") or place.get("column"):
            wanted += [("row", place.get("row") or ""), ("column", place.get("column") or "")]
    query = urlencode([*wanted, ("file", citation["file"])])
    return f"/api/documents/{citation['document_id']}/text?{query}"


def original_url(document_id: str, file: str) -> str:
    """Where the original file is downloaded."""
    return f"/api/documents/{document_id}/original?file={quote(file)}"
