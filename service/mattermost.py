"""The staff bot on Mattermost (and other chats with Mattermost-style slash commands): a form
POST with the command's token, answered with ``{"response_type", "text"}`` in markdown."""

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from caiwen.service.auth import same_secret
from caiwen.service.bot_format import mattermost_text
from caiwen.service.staff import Staff, bot_text
from caiwen.service.state import Service

router = APIRouter(tags=["bots"])


@router.post("/hooks/mattermost", include_in_schema=False)
async def mattermost(request: Request) -> dict[str, Any]:
    """`/caiwen <question or command>` from Mattermost; one conversation per user and channel."""
    service = Service.of(request)
    token = service.settings.mattermost_token
    if not token:
        raise HTTPException(503, bot_text()["mattermost_off"])
    form = await request.form()
    if not same_secret(str(form.get("token", "")), token):
        raise HTTPException(401, bot_text()["mattermost_bad_token"])
    session = f"mattermost:{form.get('team_id')}:{form.get('channel_id')}:{form.get('user_id')}"
    reply = await run_in_threadpool(Staff(service).reply, str(form.get("text", "")), session)
    return {
        "response_type": "in_channel",
        "text": mattermost_text(reply, service.settings.public_url),
    }
