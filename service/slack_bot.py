"""The staff bot on Slack: `/caiwen …` and `@caiwen …` (and direct messages), answered by the
same chat engine as the widget, mounted into the service at POST /slack/events.

Slack's rules: every request's signature is checked against the signing secret within its
5-minute window (401 in Chinese otherwise, also for a timestamp or signature that is not one);
commands and events are acknowledged at once and answered afterwards (lazy listeners); a
request is run at most once: a retried delivery (X-Slack-Retry-Num), an event seen before (its
event_id) and a request replayed with the same signature are acknowledged and not run again.
Acknowledging needs nothing from Slack's Web API (no auth.test): if Slack cannot be reached,
the request is still acknowledged and the failure to post the reply is logged. A thread is a
conversation: follow-ups in it continue the session.

A question is answered in place: “正在查询……” is posted at once and updated with the answer
(chat.update); help and errors are shown to the asker only (an ephemeral response or
chat.postEphemeral); 👍 / 👎 under an answer (block actions, delivered to this same URL) go to
the feedback store the widget's go to.
"""

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt import App, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.signature import SignatureVerifier
from starlette.concurrency import run_in_threadpool

from caiwen.service.bot_format import RATE_ACTION, slack_message
from caiwen.service.errors import status_text
from caiwen.service.feedback import FeedbackError
from caiwen.service.staff import Staff, bot_text
from caiwen.service.state import Service
from caiwen.service.statedb import open_state

router = APIRouter(tags=["bots"])
log = logging.getLogger("caiwen.slack")
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
TIMESTAMP = re.compile(r"[0-9]{1,12}")
SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
SEEN_REQUESTS = 5000
"""Signatures and event ids remembered, so that one request is run once even if it comes
twice (Slack's retries, or a replay within the 5-minute window)."""


@router.post("/slack/events", include_in_schema=False)
async def slack_events(request: Request) -> Response:
    """Slack's Events API and slash commands (503 when the Slack app is not configured)."""
    app: App | None = request.app.state.slack
    if app is None:
        return JSONResponse({"detail": bot_text()["not_configured"]}, status_code=503)
    body = await request.body()
    if not _signed(request, body, Service.of(request).settings.slack_signing_secret or ""):
        return JSONResponse({"detail": bot_text()["slack_bad_signature"]}, status_code=401)
    answer = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
    if answer.status >= 400:
        return JSONResponse({"detail": status_text(answer.status)}, status_code=answer.status)
    return to_starlette_response(answer)


def _signed(request: Request, body: bytes, secret: str) -> bool:
    """Whether the request carries a well-formed, current, valid Slack signature."""
    timestamp = request.headers.get("x-slack-request-timestamp", "")
    signature = request.headers.get("x-slack-signature", "")
    if not (TIMESTAMP.fullmatch(timestamp) and SIGNATURE.fullmatch(signature)):
        return False
    return SignatureVerifier(secret).is_valid(body, timestamp, signature)


def slack_app(service: Service) -> App | None:
    """The Bolt app for the configured Slack credentials, or None without them."""
    settings = service.settings
    if not (settings.slack_bot_token and settings.slack_signing_secret):
        return None
    app = App(
        client=WebClient(base_url=settings.slack_api_url, timeout=15),
        signing_secret=settings.slack_signing_secret,
        authorize=_token_only(settings.slack_bot_token),
    )
    SlackBot(service).register(app)
    return app


def _token_only(token: str) -> Callable[..., AuthorizeResult]:
    """Authorize every verified request with the bot token, without asking Slack (Bolt's
    default calls auth.test first, and fails the request when Slack cannot be reached)."""

    def authorize(enterprise_id: str | None, team_id: str | None, **_: Any) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, bot_token=token)

    return authorize


class SlackBot:
    def __init__(self, service: Service):
        self.staff = Staff(service, "slack")
        self.feedback = service.feedback
        self.public_url = service.settings.public_url
        self._seen, _ = open_state(service.settings.data, service.settings.database_url)
        self._lock = threading.Lock()
        """One statement at a time on this process's connection."""

    def register(self, app: App) -> None:
        app.middleware(self.skip_repeats)
        app.command("/caiwen")(ack=self.ack, lazy=[self.command])
        app.event("app_mention")(ack=self.ack, lazy=[self.mention])
        app.event("message")(ack=self.ack, lazy=[self.direct_message])
        app.action(re.compile(f"{RATE_ACTION}_(up|down)"))(ack=self.ack, lazy=[self.rate])

    @staticmethod
    def ack(ack: Any) -> None:
        ack()

    def skip_repeats(self, request: Any, next: Any) -> BoltResponse | None:
        """Acknowledge a request without running it again: a redelivery, an event seen
        before, or the same signed request replayed."""
        retried = request.headers.get("x-slack-retry-num")
        event_id = request.body.get("event_id") if isinstance(request.body, dict) else None
        signature = (request.headers.get("x-slack-signature") or [""])[0]
        keys = [f"sig:{signature}", *([f"event:{event_id}"] if event_id else [])]
        repeated = [self._seen_before(key) for key in keys]
        if retried or any(repeated):
            return BoltResponse(status=200, body="", headers={"x-slack-no-retry": "1"})
        return next()

    def _seen_before(self, key: str) -> bool:
        """Whether any process has taken this request (one statement: two replicas given the
        same request cannot both take it)."""
        with self._lock:
            taken = self._seen.execute(
                "INSERT INTO slack_requests (key, seen) VALUES (?, ?) "
                "ON CONFLICT (key) DO NOTHING RETURNING key",
                [key, time.time()],
            ).fetchone()
            self._seen.execute(
                "DELETE FROM slack_requests WHERE key NOT IN "
                "(SELECT key FROM slack_requests ORDER BY seen DESC LIMIT ?)",
                [SEEN_REQUESTS],
            )
        return taken is None

    def command(self, body: dict[str, Any], respond: Any, client: WebClient) -> None:
        """`/caiwen <question or command>`: the reply goes to the channel it was asked in (by
        the response URL when the bot may not post there); help and errors to the asker."""
        where = Where(body["channel_id"], body.get("user_id", ""), respond=respond)
        session = f"slack:{body.get('team_id')}:{where.channel}:{where.user}"
        self._converse(client, where, body.get("text", ""), session)

    def mention(self, event: dict[str, Any], body: dict[str, Any], client: WebClient) -> None:
        """`@caiwen <question>`: answered in the message's thread, which is the session."""
        self._answer_in_thread(event, body, client)

    def direct_message(self, event: dict[str, Any], body: dict[str, Any], client: WebClient):
        """A direct message to the bot (not the bot's own, not an edit)."""
        automatic = event.get("subtype") or event.get("bot_id")
        if event.get("channel_type") == "im" and not automatic:
            self._answer_in_thread(event, body, client)

    def rate(self, body: dict[str, Any], respond: Any, client: WebClient) -> None:
        """👍 / 👎 pressed under an answer: kept in the feedback store the widget's go to;
        the one who pressed is told, privately (by the action's response URL, which works in
        channels the bot is not in)."""
        action = body["actions"][0]
        rating = action["action_id"].removeprefix(f"{RATE_ACTION}_")
        words = bot_text()["rate"]
        try:
            given = json.loads(action["value"])
            self.feedback.rate(int(given["answer_id"]), str(given["session"]), rating)
            said = words["thanks"]
        except (FeedbackError, ValueError, KeyError, TypeError) as error:
            said = words["failed"].format(reason=error)
        channel = (body.get("channel") or {}).get("id", "")
        thread = (body.get("message") or {}).get("thread_ts")
        where = Where(channel, body["user"]["id"], thread, respond=respond)
        self._private(client, where, {"text": said})

    def _answer_in_thread(self, event: dict[str, Any], body: dict[str, Any], client: WebClient):
        thread = event.get("thread_ts") or event["ts"]
        where = Where(event["channel"], event.get("user", ""), thread)
        session = f"slack:{body.get('team_id')}:{where.channel}:{where.thread}"
        self._converse(client, where, MENTION.sub("", event.get("text", "")).strip(), session)

    def _converse(self, client: WebClient, where: "Where", text: str, session: str) -> None:
        """Help and usage at once and privately; anything else “正在查询……” first, then that
        message updated in place with the answer (an error replaces it privately)."""
        quick = self.staff.quick(text)
        if quick is not None:
            self._private(client, where, slack_message(quick, self.public_url))
            return
        working = self._post(client, where, {"text": bot_text()["working"]})
        reply = self.staff.reply(text, session)
        message = slack_message(reply, self.public_url)
        with _posting("reply"):
            if reply.private:
                if working:
                    client.chat_delete(channel=where.channel, ts=working)
                self._private(client, where, message)
                return
            if working:
                client.chat_update(channel=where.channel, ts=working, **message)
            elif where.respond is not None:
                where.respond(response_type="in_channel", **message)
            if reply.csv:
                name, content = reply.csv
                client.files_upload_v2(
                    channel=where.channel,
                    thread_ts=where.thread,
                    filename=name,
                    content=content,
                    title=name,
                )

    @staticmethod
    def _post(client: WebClient, where: "Where", message: dict[str, Any]) -> str | None:
        """Post a message where the conversation is; its ts, or None when the bot may not
        post there (a slash command in a channel it is not in: its response URL answers)."""
        with _posting("message"):
            return client.chat_postMessage(
                channel=where.channel, thread_ts=where.thread, **message
            ).get("ts")
        return None

    @staticmethod
    def _private(client: WebClient, where: "Where", message: dict[str, Any]) -> None:
        """A message only the asker sees: a slash command's ephemeral response, else
        chat.postEphemeral."""
        with _posting("private reply"):
            if where.respond is not None:
                where.respond(response_type="ephemeral", replace_original=False, **message)
            else:
                client.chat_postEphemeral(
                    channel=where.channel, user=where.user, thread_ts=where.thread, **message
                )


@dataclass(frozen=True)
class Where:
    """Where a conversation is: the channel, the asker, the thread (mentions and direct
    messages), and a slash command's response URL."""

    channel: str
    user: str
    thread: str | None = None
    respond: Any = None


@contextmanager
def _posting(what: str) -> Iterator[None]:
    """Log, rather than raise, a reply Slack could not be reached to take."""
    try:
        yield
    except (SlackClientError, OSError) as error:
        log.error("could not post the %s to Slack: %s: %s", what, type(error).__name__, error)
