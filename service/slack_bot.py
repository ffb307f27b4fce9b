"""The staff bot on Slack: `/caiwen …` and `@caiwen …` (and direct messages), answered by the
same chat engine as the widget, mounted into the service at POST /slack/events.

Slack's rules: every request's signature is checked against the signing secret within its
5-minute window (by Bolt: 401 otherwise); commands and events are acknowledged at once and
answered afterwards (lazy listeners); a retried delivery (X-Slack-Retry-Num) is acknowledged
and never answered twice. A thread is a conversation: follow-ups in it continue the session.
"""

import re
import threading
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt import App, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from starlette.concurrency import run_in_threadpool

from caiwen.service.bot_format import slack_message
from caiwen.service.staff import Staff, bot_text
from caiwen.service.state import Service
from caiwen.service.statedb import open_state

router = APIRouter(tags=["bots"])
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
SEEN_EVENTS = 2000
"""Event ids remembered, so that one event is answered once even if Slack sends it twice."""


@router.post("/slack/events", include_in_schema=False)
async def slack_events(request: Request) -> Response:
    """Slack's Events API and slash commands (503 when the Slack app is not configured)."""
    app: App | None = request.app.state.slack
    if app is None:
        return JSONResponse({"detail": bot_text()["not_configured"]}, status_code=503)
    body = await request.body()
    answer = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
    return to_starlette_response(answer)


def slack_app(service: Service) -> App | None:
    """The Bolt app for the configured Slack credentials, or None without them."""
    settings = service.settings
    if not (settings.slack_bot_token and settings.slack_signing_secret):
        return None
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret,
        token_verification_enabled=False,
    )
    SlackBot(service).register(app)
    return app


class SlackBot:
    def __init__(self, service: Service):
        self.staff = Staff(service)
        self.public_url = service.settings.public_url
        self._seen = open_state(service.settings.data, service.settings.database_url)
        self._lock = threading.Lock()
        """One statement at a time on this process's connection."""

    def register(self, app: App) -> None:
        app.middleware(self.skip_retries)
        app.command("/caiwen")(ack=self.ack, lazy=[self.command])
        app.event("app_mention")(ack=self.ack, lazy=[self.mention])
        app.event("message")(ack=self.ack, lazy=[self.direct_message])

    @staticmethod
    def ack(ack: Any) -> None:
        ack()

    def skip_retries(self, request: Any, next: Any) -> BoltResponse | None:
        """Acknowledge a redelivered request without running it again."""
        retried = request.headers.get("x-slack-retry-num")
        event_id = request.body.get("event_id") if isinstance(request.body, dict) else None
        if retried or (event_id and self._seen_before(event_id)):
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        return next()

    def _seen_before(self, event_id: str) -> bool:
        """Whether any process has taken this event (one statement: two replicas given the
        same event cannot both take it)."""
        with self._lock:
            taken = self._seen.execute(
                "INSERT INTO slack_events (event_id, seen) VALUES (?, ?) "
                "ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
                [event_id, time.time()],
            ).fetchone()
            self._seen.execute(
                "DELETE FROM slack_events WHERE event_id NOT IN "
                "(SELECT event_id FROM slack_events ORDER BY seen DESC LIMIT ?)",
                [SEEN_EVENTS],
            )
        return taken is None

    def command(self, body: dict[str, Any], respond: Any, client: WebClient) -> None:
        """`/caiwen <question or command>`: the reply goes to the channel it was asked in."""
        session = f"slack:{body.get('team_id')}:{body.get('channel_id')}:{body.get('user_id')}"
        reply = self.staff.reply(body.get("text", ""), session)
        respond(response_type="in_channel", **slack_message(reply, self.public_url))
        if reply.csv:
            name, content = reply.csv
            client.files_upload_v2(
                channel=body["channel_id"], filename=name, content=content, title=name
            )

    def mention(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """`@caiwen <question>`: answered in the message's thread, which is the session."""
        self._answer_in_thread(event, body, client)

    def direct_message(self, event: dict[str, Any], body: dict[str, Any], client: WebClient):
        """A direct message to the bot (not the bot's own, not an edit)."""
        if event.get("channel_type") == "im" and not event.get("subtype"):
            self._answer_in_thread(event, body, client)

    def _answer_in_thread(self, event: dict[str, Any], body: dict[str, Any], client: WebClient):
        thread = event.get("thread_ts") or event["ts"]
        channel = event["channel"]
        session = f"slack:{body.get('team_id')}:{channel}:{thread}"
        reply = self.staff.reply(MENTION.sub("", event.get("text", "")).strip(), session)
        client.chat_postMessage(
            channel=channel, thread_ts=thread, **slack_message(reply, self.public_url)
        )
        if reply.csv:
            name, content = reply.csv
            client.files_upload_v2(
                channel=channel, thread_ts=thread, filename=name, content=content, title=name
            )
