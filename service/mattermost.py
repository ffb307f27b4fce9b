"""The staff bot on Mattermost (and other chats with Mattermost-style slash commands): a form
POST with the command's token, answered with ``{"response_type", "text"}`` in markdown.

With the command's ``response_url`` (Mattermost always sends one), the command is answered at
once with “正在查询……” for the asker only, and the answer follows through the response URL
(Mattermost's delayed responses post a new message: they cannot replace the first one).
Without it, the answer is the response itself. Help and errors are ephemeral. An answer
carries 👍 / 👎 buttons (interactive message actions, which need CAIWEN_PUBLIC_URL to call
back): their context is signed with the command's token, so only the buttons this service
made are taken."""

import hashlib
import hmac
import logging
from typing import Any

import httpx
from fastapi import APIRouter, BackgroundTasks, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from caiwen.service.auth import same_secret
from caiwen.service.bot_format import mattermost_text
from caiwen.service.feedback import FeedbackError, Rating
from caiwen.service.staff import Reply, Staff, absolute, bot_text
from caiwen.service.state import Service

router = APIRouter(tags=["bots"])
log = logging.getLogger("caiwen.mattermost")
ACTIONS = "/hooks/mattermost/actions"
RESPONSE_TIMEOUT = 15.0
"""Seconds to wait for Mattermost to take a delayed response."""


@router.post("/hooks/mattermost", include_in_schema=False)
async def mattermost(request: Request, background: BackgroundTasks) -> dict[str, Any]:
    """`/caiwen <question or command>` from Mattermost; one conversation per user and channel."""
    service = Service.of(request)
    token = _token(service)
    form = await request.form()
    if not same_secret(str(form.get("token", "")), token):
        raise HTTPException(401, bot_text()["mattermost_bad_token"])
    session = f"mattermost:{form.get('team_id')}:{form.get('channel_id')}:{form.get('user_id')}"
    staff = Staff(service, "mattermost")
    text = str(form.get("text", ""))
    quick = staff.quick(text)
    if quick is not None:
        return _response(service, quick)
    response_url = str(form.get("response_url", ""))
    if response_url:
        background.add_task(_answer_later, service, staff, text, session, response_url)
        return {"response_type": "ephemeral", "text": bot_text()["working"]}
    return _response(service, await run_in_threadpool(staff.reply, text, session))


class ActionContext(BaseModel):
    """What a 👍 / 👎 button of ours carries (Mattermost sends it back as it was given)."""

    answer_id: int = Field(ge=1, le=2**31 - 1)
    session: str = Field(max_length=300)
    rating: Rating
    signature: str = Field(max_length=64)


class Action(BaseModel):
    context: ActionContext


@router.post(ACTIONS, include_in_schema=False)
def mattermost_action(action: Action, request: Request) -> dict[str, Any]:
    """👍 / 👎 pressed under an answer: kept in the feedback store the widget's go to."""
    service = Service.of(request)
    given = action.context
    expected = _signature(_token(service), given.answer_id, given.session, given.rating)
    if not same_secret(given.signature, expected):
        raise HTTPException(401, bot_text()["mattermost_bad_action"])
    words = bot_text()["rate"]
    try:
        service.feedback.rate(given.answer_id, given.session, given.rating)
    except FeedbackError as error:
        return {"ephemeral_text": words["failed"].format(reason=error)}
    return {"ephemeral_text": words["thanks"]}


def _token(service: Service) -> str:
    token = service.settings.mattermost_token
    if not token:
        raise HTTPException(503, bot_text()["mattermost_off"])
    return token


def _answer_later(
    service: Service, staff: Staff, text: str, session: str, response_url: str
) -> None:
    """The answer, posted to the command's response URL (a failure is logged)."""
    body = _response(service, staff.reply(text, session))
    try:
        httpx.post(response_url, json=body, timeout=RESPONSE_TIMEOUT).raise_for_status()
    except httpx.HTTPError as error:
        log.error("could not post the reply to Mattermost: %s: %s", type(error).__name__, error)


def _response(service: Service, reply: Reply) -> dict[str, Any]:
    """A reply as Mattermost takes it: in the channel, or (help, errors) for the asker only,
    with 👍 / 👎 under an answer when the buttons can call back."""
    public = service.settings.public_url
    response: dict[str, Any] = {
        "response_type": "ephemeral" if reply.private else "in_channel",
        "text": mattermost_text(reply, public),
    }
    url = absolute(public, ACTIONS)
    if reply.answer and "answer_id" in reply.answer and url:
        response["attachments"] = [_rate_buttons(service, reply.answer, url)]
    return response


def _rate_buttons(service: Service, answer: dict[str, Any], url: str) -> dict[str, Any]:
    token = _token(service)
    words = bot_text()["rate"]
    answer_id, session = answer["answer_id"], answer["session_id"]
    return {
        "actions": [
            {
                "id": f"rate{rating}",
                "name": words[rating],
                "integration": {
                    "url": url,
                    "context": {
                        "answer_id": answer_id,
                        "session": session,
                        "rating": rating,
                        "signature": _signature(token, answer_id, session, rating),
                    },
                },
            }
            for rating in ("up", "down")
        ]
    }


def _signature(token: str, answer_id: int, session: str, rating: str) -> str:
    message = f"{answer_id}|{session}|{rating}".encode()
    return hmac.new(token.encode(), message, hashlib.sha256).hexdigest()
