"""The HTTP service's ASGI middleware: the body limit (counted while the body is read, so a
chunked body without Content-Length is stopped too) and the security headers of every
response."""

from collections.abc import Callable
from typing import Any

from fastapi import HTTPException
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from caiwen.service.errors import SECURITY_HEADERS, error_body, error_json, status_text, texts

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""The Content-Security-Policy of the service's own pages (the demo page, the text views):
scripts only from this origin (the widget), no inline script."""
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
"""The API documentation pages load Swagger UI and ReDoc from their CDN."""
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(HTTPException):
    """Raised from ``receive``: FastAPI passes its own HTTPException through body parsing."""

    def __init__(self) -> None:
        super().__init__(413, status_text(413))


class BodyLimit:
    """413 for a body larger than ``limit(scope)`` bytes: at once when Content-Length says
    so, else as soon as that many bytes have been read (the rest is never read)."""

    def __init__(self, app: ASGIApp, limit: Callable[[Scope], int]):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope)
        if _declared_length(scope) > limit:
            await _refuse(send)
            return
        read = 0
        started = False

        async def counted() -> Message:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > limit:
                    raise BodyTooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await _refuse(send)


class Cors(CORSMiddleware):
    """Starlette's CORS, with a refused preflight explained in Chinese JSON."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        keep = {k: v for k, v in response.headers.items() if k.lower().startswith("access-")}
        return error_json(response.status_code, texts()["cors"], keep)


class SecurityHeaders:
    """nosniff and Referrer-Policy on every response; a Content-Security-Policy on pages."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"].startswith(DOCS_PATHS) else PAGE_POLICY

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _secured(list(message.get("headers", [])), policy)
            await send(message)

        await self.app(scope, receive, with_headers)


def _secured(headers: list[Any], policy: str) -> list[Any]:
    present = {name.lower() for name, _ in headers}
    added = [
        (name.lower().encode(), value.encode())
        for name, value in SECURITY_HEADERS.items()
        if name.lower().encode() not in present
    ]
    content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
    if content_type.startswith(b"text/html") and b"content-security-policy" not in present:
        added.append((b"content-security-policy", policy.encode()))
    return headers + added


def _declared_length(scope: Scope) -> int:
    for name, value in scope["headers"]:
        if name == b"content-length" and value.isdigit():
            return int(value)
    return 0


async def _refuse(send: Send) -> None:
    body = error_body(status_text(413))
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
