"""The HTTP service: the chat API, the documents API, the staff bots (Slack, Mattermost), the
widget and the demo page.

`caiwen serve` runs ``create_app`` under uvicorn. Errors come back as ``{"detail": "…"}`` in
Chinese, never with a traceback; chat requests are rate limited per client; bodies are
limited in size; the allowed origins (CORS) come from CAIWEN_ALLOWED_ORIGINS.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from caiwen.config import Settings
from caiwen.service import (
    chat_api,
    documents_api,
    errors,
    feedback_api,
    health,
    mattermost,
    slack_bot,
    web,
)
from caiwen.service.engine import Engine, open_engine
from caiwen.service.middleware import BodyLimit, Cors, SecurityHeaders
from caiwen.service.state import Service

MAX_JSON_BODY = 64 * 1024
"""Largest body of a non-upload request (bytes)."""
UPLOAD_ROUTE = ("POST", "/api/documents")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="caiwen 财问",
        description="政府部门预算、决算公开文件问答：每个数字由工具从表格计算，并注明出处。",
        version="1",
    )
    app.state.service = Service.start(settings, engine or open_engine(settings))
    app.state.slack = slack_bot.slack_app(app.state.service)
    upload_limit = int(settings.max_upload_mb * 1024 * 1024) + 65536
    app.add_middleware(BodyLimit, limit=lambda scope: _body_limit(scope, upload_limit))
    app.add_middleware(
        Cors,
        allow_origins=settings.origins(),
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
        expose_headers=["Retry-After"],
    )
    app.add_middleware(SecurityHeaders)
    app.add_exception_handler(RequestValidationError, errors.invalid)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, errors.http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, errors.crash)
    for module in (chat_api, documents_api, feedback_api, slack_bot, mattermost, web, health):
        app.include_router(module.router)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    with app.state.service.ingesting():
        yield


def _body_limit(scope: Scope, upload_limit: int) -> int:
    """The largest body an endpoint takes (uploads have their own, larger limit)."""
    return upload_limit if (scope["method"], scope["path"]) == UPLOAD_ROUTE else MAX_JSON_BODY
