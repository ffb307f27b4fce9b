"""Every error a client can cause, as ``{"detail": "…"}`` in Chinese: the endpoints' own
reasons as they give them, and the framework's (a body that is not JSON, a malformed field, an
unknown address) in the words of ``prompts/errors.yaml``; never a traceback."""

import json
import logging
import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

log = logging.getLogger("caiwen.api")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
"""Sent with every response (the middleware adds them; the responses made outside it, a crash
or the server's own 400, carry them themselves)."""


@cache
def texts() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("errors.yaml").read_text())


def status_text(status: int) -> str:
    """The service's words for a status code it refuses a request with."""
    return texts()["status"].get(status, texts()["other"])


def error_json(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def error_body(detail: str) -> bytes:
    return json.dumps({"detail": detail}, ensure_ascii=False).encode()


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    """An endpoint's reason as it gave it (in Chinese); the framework's English by status."""
    detail = error.detail if isinstance(error.detail, str) else ""
    if not _CHINESE.search(detail):
        detail = status_text(error.status_code)
    return error_json(error.status_code, detail, error.headers)


async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
    """A malformed field: which one, and what it should be."""
    words = texts()
    problems = "；".join(
        words["invalid_field"].format(
            field=".".join(str(p) for p in e["loc"][1:]) or words["whole_request"],
            message=_field_message(e),
        )
        for e in error.errors()
    )
    return error_json(422, words["invalid"].format(problems=problems))


async def crash(request: Request, error: Exception) -> JSONResponse:
    log.exception("unhandled error on %s", request.url.path)
    return error_json(500, status_text(500), SECURITY_HEADERS)


def _field_message(error: dict[str, Any]) -> str:
    fields = texts()["fields"]
    context = {k: str(v).replace(" or ", " 或 ") for k, v in (error.get("ctx") or {}).items()}
    try:
        return fields.get(error["type"], fields["other"]).format(**context)
    except (KeyError, IndexError):
        return fields["other"]
