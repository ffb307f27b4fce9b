"""The widget script and the demo page that embeds it the way a customer would."""

import html
import json
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from caiwen.service.state import Service
from caiwen.service.text_views import viewer_words

router = APIRouter(tags=["widget"])


def _static(name: str) -> str:
    return resources.files("caiwen.service").joinpath("static", name).read_text(encoding="utf-8")


@router.get("/widget.js", include_in_schema=False)
def widget() -> Response:
    words = json.dumps(viewer_words(), ensure_ascii=False)
    return Response(
        _static("widget.js").replace("/*VIEWER_WORDS*/ {}", words),
        media_type="application/javascript; charset=utf-8",
        headers={"Cache-Control": "max-age=300", "Access-Control-Allow-Origin": "*"},
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def demo(request: Request, doc: str | None = None) -> HTMLResponse:
    """A government-style page with a picker over the stored documents and the widget."""
    service = Service.of(request)
    docs = [d for d in service.engine.store.documents() if not d.is_template]
    chosen = next((d for d in docs if d.id == doc), docs[0] if docs else None)
    options = "".join(
        f'<option value="{html.escape(d.id)}"{" selected" if d is chosen else ""}>'
        f"{html.escape(f'{d.department} {d.year}年{d.kind}')}</option>"
        for d in docs
    )
    attributes = (
        f' data-department="{html.escape(chosen.department)}" data-year="{chosen.year}"'
        f' data-kind="{html.escape(chosen.kind)}"'
        if chosen
        else ""
    )
    script = f'<script src="/widget.js"{attributes} data-title="财政公开问答"></script>'
    page = _static("demo.html").replace("{{DOCUMENT_OPTIONS}}", options)
    return HTMLResponse(page.replace("{{WIDGET_SCRIPT}}", script))
