"""POST /api/chat and /api/chat/stream (Server-Sent Events), GET /api/suggestions."""

import json
import math
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Annotated, Any, Literal

from anyio import (
    BrokenResourceError,
    create_memory_object_stream,
    create_task_group,
    from_thread,
)
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from caiwen.service.details import Disclosed
from caiwen.service.engine import QuestionError
from caiwen.service.planner import Scope
from caiwen.service.sessions import surface_key
from caiwen.service.state import Service
from caiwen.service.templates import templates

router = APIRouter(prefix="/api", tags=["chat"])
STREAM_PIECE = 12
"""Characters per ``delta`` event of a streamed answer."""
WEB = "web"


class ChatScope(BaseModel):
    department: str | None = Field(None, max_length=100)
    year: int | None = Field(None, ge=1990, le=2100)
    kind: Literal["预算", "决算"] | None = None


class ChatRequest(BaseModel):
    message: str = Field(max_length=20_000)
    session_id: str | None = Field(None, max_length=64)
    scope: ChatScope | None = None

    def scope_of(self) -> Scope:
        s = self.scope or ChatScope()
        return Scope(s.department, s.year, s.kind)


@router.post("/chat", response_model=dict[str, Any])
async def chat(body: ChatRequest, request: Request) -> JSONResponse:
    """Ask a question; the answer object of `caiwen ask --json`, each citation with a `view`
    (the page image with the cited place marked, or the cited section of a text document)."""
    service = Service.of(request)

    def rated_answer() -> dict[str, Any]:
        service.check_rate(request)
        return _answered(service, body)

    return JSONResponse(await service.answering(rated_answer))


@router.post("/chat/stream")
async def chat_stream(body: ChatRequest, request: Request) -> StreamingResponse:
    """The same as /api/chat as Server-Sent Events: `progress` while tools run, the answer
    text in `delta` pieces, then `answer` with the whole answer object (or `error`)."""
    service = Service.of(request)
    await run_in_threadpool(service.check_rate, request)
    _check(service, body)
    return StreamingResponse(
        _events(service, body),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


class ResetRequest(BaseModel):
    session_id: str = Field(min_length=1, max_length=64)


@router.post("/chat/reset")
def reset(body: ResetRequest, request: Request) -> dict[str, bool]:
    """Start a new conversation: the session forgets its turns, so the next question is read
    without them (the widget's 新对话; the bots' 新对话 command does the same)."""
    service = Service.of(request)
    service.check_rate(request)
    return {"reset": service.engine.sessions.reset(surface_key(WEB, body.session_id))}


@router.get("/chat/follow-ups")
def follow_ups(
    request: Request, session_id: Annotated[str, Query(min_length=1, max_length=64)]
) -> dict[str, list[str]]:
    """Questions the documents answer after the session's last answer (the widget asks once
    the answer is shown: checking them costs a few tool calls)."""
    service = Service.of(request)
    service.check_rate(request)
    return {"questions": service.engine.follow_ups(surface_key(WEB, session_id))}


@router.get("/suggestions")
def suggestions(
    request: Request,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> dict[str, list[str]]:
    """Questions worth asking about a document (the ones whose figures it discloses)."""
    service = Service.of(request)
    t = templates()
    if not department:
        return {"questions": [s["question"] for s in t["suggestions"]][: t["suggestions_shown"]]}
    listed = service.engine.tools.list_metrics(department, year, kind)
    disclosed = listed.maybe(Disclosed)
    have = {m.name for m in disclosed.metrics} if disclosed else set()
    chosen = [s["question"] for s in t["suggestions"] if s["needs"] in have]
    return {"questions": list(dict.fromkeys(chosen))[: t["suggestions_shown"]]}


def _check(service: Service, body: ChatRequest) -> None:
    """422 for a question the engine will not take (empty, too long), in Chinese."""
    if not body.message.strip():
        raise HTTPException(422, "请输入问题。")
    try:
        service.engine.check_question(body.message)
    except QuestionError as error:
        raise HTTPException(422, str(error)) from error


def _answered(service: Service, body: ChatRequest, on_tool: Any = None) -> dict[str, Any]:
    """The answer object with its citations' views and its ``answer_id`` (what feedback
    refers to), kept with the question and the plan (422 for a question not taken)."""
    _check(service, body)
    try:
        session = service.engine.sessions.issued(WEB, body.session_id)
        key = surface_key(WEB, session)
        return service.ask(body.message, body.scope_of(), key, session, on_tool)
    except QuestionError as error:
        raise HTTPException(422, str(error)) from error


async def _events(service: Service, body: ChatRequest) -> AsyncIterator[str]:
    """Answer on an answer thread and relay what it reports as SSE events."""
    send, events = create_memory_object_stream[tuple[str, Any]](math.inf)
    labels = templates()["tool_progress"]

    def tell(kind: str, data: Any) -> None:
        with suppress(BrokenResourceError):  # the client has gone: nobody is listening
            send.send_nowait((kind, data))

    def progress(tool: str) -> None:
        from_thread.run_sync(
            tell, "progress", {"tool": tool, "label": labels.get(tool, "正在查询")}
        )

    async def work() -> None:
        try:
            tell("answer", await service.answering(lambda: _answered(service, body, progress)))
        except HTTPException as error:
            tell("error", {"status": error.status_code, "message": error.detail})
        except Exception:  # never a traceback to the client
            tell("error", {"status": 500, "message": "服务器内部错误，请稍后再试。"})

    async with create_task_group() as tasks, events:
        tasks.start_soon(work)
        async for kind, data in events:
            if kind == "answer":
                for start in range(0, len(data["answer"]), STREAM_PIECE):
                    yield _sse("delta", {"text": data["answer"][start : start + STREAM_PIECE]})
            yield _sse(kind, data)
            if kind in ("answer", "error"):
                return


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
