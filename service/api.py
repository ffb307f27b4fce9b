"""The HTTP service: the chat API, the documents API, the staff bots (Slack, Mattermost), the
widget and the demo page.

`caiwen serve` runs ``create_app`` under uvicorn. Errors come back as ``{"detail": "…"}`` in
Chinese, never with a traceback; chat requests are rate limited per client; bodies are
limited in size; the allowed origins (CORS) come from CAIWEN_ALLOWED_ORIGINS.
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from caiwen.config import Settings
from caiwen.service import chat_api, documents_api, feedback_api, mattermost, slack_bot, web
from caiwen.service.engine import Engine, open_engine
from caiwen.service.state import Service

MAX_JSON_BODY = 64 * 1024
"""Largest body of a non-upload request (bytes)."""
log = logging.getLogger("caiwen.api")
_STANDARD = {"Not Found": "没有这个地址。", "Method Not Allowed": "不支持这种请求方法。"}
"""The framework's own messages, in the service's language."""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="caiwen 财问",
        description="政府部门预算、决算公开文件问答：每个数字由工具从表格计算，并注明出处。",
        version="1",
    )
    app.state.service = Service.start(settings, engine or open_engine(settings))
    app.state.slack = slack_bot.slack_app(app.state.service)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.origins(),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Retry-After"],
    )
    app.middleware("http")(_limit_body)
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _crash)
    for module in (chat_api, documents_api, feedback_api, slack_bot, mattermost, web):
        app.include_router(module.router)
    app.get("/healthz", tags=["health"])(_healthz)
    app.get("/readyz", tags=["health"])(_readyz)
    return app


async def _limit_body(request: Request, call_next: Any) -> Any:
    """413 for a body larger than the endpoint takes (uploads have their own, larger limit)."""
    length = request.headers.get("content-length")
    service = Service.of(request)
    upload = request.url.path == "/api/documents" and request.method == "POST"
    limit = int(service.settings.max_upload_mb * 1024 * 1024) + 65536 if upload else MAX_JSON_BODY
    if length and length.isdigit() and int(length) > limit:
        return JSONResponse({"detail": "请求内容太大。"}, status_code=413)
    return await call_next(request)


def _healthz() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


def _readyz(request: Request) -> JSONResponse:
    """Whether the store and the vector index answer; without the index, table questions still
    work and text search falls back to words (status ``degraded``)."""
    service = Service.of(request)
    checks: dict[str, str] = {}
    try:
        with service.lock:
            checks["documents"] = str(len(service.engine.store.documents()))
        checks["store"] = "ok"
    except Exception as error:
        checks["store"] = f"unavailable: {type(error).__name__}"
    index = service.engine.tools.box.index
    try:
        checks["vectors"] = "ok" if index is not None and index.count() >= 0 else "unavailable"
    except Exception as error:
        checks["vectors"] = f"unavailable: {type(error).__name__}"
    if checks["store"] != "ok":
        return JSONResponse({"status": "unavailable", **checks}, status_code=503)
    status = "ok" if checks["vectors"] == "ok" else "degraded"
    return JSONResponse({"status": status, **checks})


async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = "；".join(
        f"{'.'.join(str(p) for p in e['loc'][1:]) or '请求'}：{e['msg']}" for e in error.errors()
    )
    return JSONResponse({"detail": f"请求格式不正确（{problems}）"}, status_code=422)


async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    detail = error.detail if isinstance(error.detail, str) else "请求有误。"
    detail = _STANDARD.get(detail, detail)
    return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)


async def _crash(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return JSONResponse({"detail": "服务器内部错误，请稍后再试。"}, status_code=500)
