"""The stored documents over HTTP: list, outline and tables, a table as a grid or CSV, a page
as an image with the cited place marked, the text of a cited section; and uploads."""

from itertools import zip_longest
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote as quote_url

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.datastructures import UploadFile

from caiwen.ingest.audit import finding_record
from caiwen.ingest.stored import StoredDocument, StoredFile
from caiwen.service.audit_page import audit_page
from caiwen.service.auth import check_admin
from caiwen.service.bot_audit import audit_report
from caiwen.service.departments import match_departments
from caiwen.service.grids import csv_name, grid_csv, table_grid
from caiwen.service.jobs import UploadError
from caiwen.service.pages import (
    PageError,
    PageRequest,
    cached_page,
    parse_highlight,
    render_page,
)
from caiwen.service.state import Service
from caiwen.service.text_views import Cited, ViewError, text_page, text_view
from caiwen.service.views import ORIGINAL_TYPES, original_url

router = APIRouter(prefix="/api", tags=["documents"])


@router.get("/documents")
def list_documents(
    request: Request,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Every stored disclosure, optionally of one department (short names work), year, kind."""
    service = Service.of(request)
    docs = service.engine.store.documents()
    if department:
        names = set(match_departments(department, [d.department for d in docs]))
        docs = [d for d in docs if d.department in names]
    docs = [
        d for d in docs if (year is None or d.year == year) and (kind is None or d.kind == kind)
    ]
    return {"documents": [_summary(d) for d in docs]}


@router.get("/documents/{document_id}")
def get_document(document_id: str, request: Request) -> dict[str, Any]:
    """A document's metadata, section tree and tables."""
    service = Service.of(request)
    doc = _document(service, document_id)
    sections = service.engine.store.sections(doc.id)
    tables = service.engine.store.tables(doc.id)
    return _summary(doc) | {
        "sections": [
            {k: s[k] for k in ("id", "parent", "rank", "title", "path", "page")} for s in sections
        ],
        "tables": [
            {
                "id": t["id"],
                "title": t["title"],
                "code": t["code"],
                "unit": t["unit"],
                "page_start": t["page_start"],
                "page_end": t["page_end"],
                "section": t["section_path"],
                "empty": bool(t["empty"]),
            }
            for t in tables
        ],
    }


@router.get("/documents/{document_id}/tables/{table_id}", response_model=None)
def get_table(
    document_id: str, table_id: str, request: Request, format: str = "json"
) -> dict[str, Any] | Response:
    """A table as a grid (amounts in 万元, exact), or ``?format=csv``."""
    service = Service.of(request)
    doc = _document(service, document_id)
    grid = _grid(service, doc, table_id)
    if format == "csv":
        disposition = f"attachment; filename*=UTF-8''{quote_url(csv_name(doc, grid))}"
        return Response(
            grid_csv(grid),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": disposition},
        )
    if format != "json":
        raise HTTPException(422, "format 只能是 json 或 csv")
    return grid


@router.get("/documents/{document_id}/pages/{number}.png", response_class=FileResponse)
def get_page(
    document_id: str,
    number: int,
    request: Request,
    highlight: str | None = None,
    file: str | None = None,
    scale: int = 1,
) -> FileResponse:
    """Page ``number`` of a PDF as PNG, with ``highlight=x0,top,x1,bottom;…`` marked; ``file``
    names which of the document's files (default: its first); ``scale=2`` for twice the
    pixels (a phone's screen). A page not yet rendered counts against the client's rate, like
    a question."""
    service = Service.of(request)
    source, original = _original(service, document_id, file)
    if source.format != "pdf":
        raise HTTPException(404, "这是文本文件，没有页面图像；请用 /text 查看引用的段落。")
    try:
        boxes = parse_highlight(highlight)
        page = PageRequest(original, source.content_hash, number, boxes, scale)
        path = cached_page(page, service.page_cache)
        if path is None:
            service.check_rate(request)
            path = render_page(page, service.page_cache, service.settings.page_cache_bytes)
    except PageError as error:
        status = 404 if "超出范围" in str(error) else 422
        raise HTTPException(status, str(error)) from error
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "max-age=86400"})


@router.get("/documents/{document_id}/text", response_model=None)
def get_text(
    document_id: str,
    request: Request,
    section: str | None = None,
    table: str | None = None,
    quote: Annotated[list[str] | None, Query()] = None,
    row: Annotated[list[str] | None, Query()] = None,
    column: Annotated[list[str] | None, Query()] = None,
    file: str | None = None,
    format: str | None = None,
) -> dict[str, Any] | HTMLResponse:
    """The cited section's paragraphs, or the cited table with its notes (and its section's
    paragraphs when the section holds no other table). The i-th ``row`` label and ``column``
    path name a cited cell (its row is marked; "" for a row without a label or a whole row);
    each ``quote`` is marked where it occurs. For text documents, which have no page images.
    ``?format=html`` (or, without ``format``, a browser's ``Accept: text/html``: a link
    opened from a bot) for a readable page (the first cited place is ``#cited``)."""
    service = Service.of(request)
    cells = zip_longest(row or [], column or [], fillvalue="")
    cited = Cited(section, table, tuple(quote or ()), tuple(cells))
    doc = _document(service, document_id)
    try:
        view = text_view(service.engine.store, doc, cited)
    except ViewError as error:
        raise HTTPException(404, str(error)) from error
    download = original_url(doc.id, file or doc.file_name)
    if format is None:
        format = "html" if "text/html" in request.headers.get("accept", "") else "json"
    if format == "html":
        return HTMLResponse(text_page(view, download))
    if format != "json":
        raise HTTPException(422, "format 只能是 json 或 html")
    return view | {"download": download}


@router.get("/documents/{document_id}/original", response_class=FileResponse)
def get_original(document_id: str, request: Request, file: str | None = None) -> FileResponse:
    """The original file as it was published (``file`` names which of the document's files;
    default: its first), to download; never run as a page of this site."""
    source, original = _original(Service.of(request), document_id, file)
    return FileResponse(
        original,
        media_type=ORIGINAL_TYPES.get(source.format, "application/octet-stream"),
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote_url(source.name)}",
            "Content-Security-Policy": "sandbox",
            "Cache-Control": "max-age=86400",
        },
    )


@router.get("/documents/{document_id}/audit", response_model=None)
def get_audit(
    document_id: str, request: Request, format: str = "json"
) -> dict[str, Any] | HTMLResponse:
    """Where the document contradicts itself: the consistency audit's findings, errors first,
    each with both sides (table, row, column, page, or the sentence); ``?format=html`` for a
    page to open (each side linked to its marked page)."""
    service = Service.of(request)
    doc = _document(service, document_id)
    if format == "html":
        report = audit_report(service.engine.tools.box, doc)
        return HTMLResponse(audit_page(report, str(request.base_url)))
    rows = service.engine.store.findings(doc.id)
    unchecked = service.engine.store.unchecked_tables(doc.id)
    return _summary(doc) | {
        "findings": [finding_record(row) for row in rows],
        "unchecked_tables": [dict(row) for row in unchecked],
    }


UPLOAD_FORM = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A disclosure: PDF or TXT",
                        }
                    },
                }
            }
        },
    }
}


@router.post("/documents", status_code=202, openapi_extra=UPLOAD_FORM)
async def upload(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    """Upload a disclosure (admin token required); returns the job that ingests it. The token
    is checked before the body is read."""
    service = Service.of(request)
    check_admin(service.settings.admin_token, authorization)
    limit = int(service.settings.max_upload_mb * 1024 * 1024)
    async with request.form(max_files=1, max_fields=10) as form:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise HTTPException(422, "请用表单字段 file 上传文件。")
        data = await file.read(limit + 1)
        name = file.filename or "upload"
    if len(data) > limit:
        raise HTTPException(413, f"文件超过{service.settings.max_upload_mb:g}MB上限。")
    if not data:
        raise HTTPException(422, "文件为空。")
    try:
        job = service.jobs.submit(name, data)
    except UploadError as error:
        raise HTTPException(422, str(error)) from error
    return job.record()


@router.get("/jobs/{job_id}")
def get_job(job_id: str, request: Request) -> dict[str, Any]:
    """An upload's status: queued, running (pages done of total), done or failed (why)."""
    job = Service.of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "没有这个导入任务。")
    return job.record()


def _summary(doc: StoredDocument) -> dict[str, Any]:
    return {
        "id": doc.id,
        "department": doc.department,
        "region": doc.region,
        "year": doc.year,
        "kind": doc.kind,
        "level": doc.level,
        "file": doc.file_name,
        "format": doc.format,
        "pages": doc.pages,
        "is_template": doc.is_template,
    }


def _document(service: Service, document_id: str) -> StoredDocument:
    doc = service.engine.store.document(document_id)
    if doc is None:
        raise HTTPException(404, "没有这份文件。")
    return doc


def _grid(service: Service, doc: StoredDocument, table_id: str) -> dict[str, Any]:
    grid = table_grid(service.engine.store, doc, table_id)
    if grid is None:
        raise HTTPException(404, "这份文件没有这张表。")
    return grid


def _original(service: Service, document_id: str, file: str | None) -> tuple[StoredFile, Path]:
    """The document's named file (or its first) and the stored copy of it."""
    doc = _document(service, document_id)
    original = service.engine.store.original(doc, file)
    source = next((f for f in doc.files if f.name == file), doc.files[0] if doc.files else None)
    if file and (source is None or source.name != file):
        raise HTTPException(404, f"这份文件不包含“{file}”")
    if source is None or original is None:
        raise HTTPException(404, "没有保存这份文件的原件，请重新导入。")
    return source, original
