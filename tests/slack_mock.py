"""A stand-in for Slack's Web API on 127.0.0.1 (a real HTTP server that answers what the bot
calls and records it), and Slack's request signing."""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
from slack_sdk.signature import SignatureVerifier

from caiwen.config import Settings
from tests.wire import send_json

SECRET = "test-signing-secret"
OUTSIDE = "C-OUTSIDE"
"""A channel the bot is not in: chat.postMessage there fails with not_in_channel."""


class MockSlack(ThreadingHTTPServer):
    """Slack's Web API on 127.0.0.1: answers what the bot calls and records it."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SlackHandler)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.uploads: list[bytes] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def called(self, method: str) -> list[dict[str, Any]]:
        """The calls of a Web API method, or (``response/``) the posts to response URLs."""
        return [params for name, params in self.calls if name.startswith(method)]

    def wait_for(self, method: str, count: int = 1) -> list[dict[str, Any]]:
        for _ in range(200):
            if len(self.called(method)) >= count:
                return self.called(method)
            time.sleep(0.05)
        raise AssertionError(f"{method} was not called {count} time(s): {self.calls}")


class _SlackHandler(BaseHTTPRequestHandler):
    server: MockSlack

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        path = self.path.split("?")[0]
        if path.startswith("/upload/"):
            self.server.uploads.append(body)
            send_json(self, 200, {"ok": True})
            return
        if self.headers.get("content-type", "").startswith("application/json"):
            params = json.loads(body or b"{}")
        else:
            params = dict(parse_qsl(body.decode()))
        method = path.removeprefix("/api/").lstrip("/")
        self.server.calls.append((method, params))
        if method == "chat.postMessage" and params.get("channel") == OUTSIDE:
            send_json(self, 200, {"ok": False, "error": "not_in_channel"})
            return
        send_json(
            self,
            200,
            {
                "auth.test": {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"},
                "chat.postMessage": {
                    "ok": True,
                    "ts": f"200.{len(self.server.calls):04d}",
                    "channel": params.get("channel"),
                },
                "chat.postEphemeral": {"ok": True, "message_ts": "300.0001"},
                "files.getUploadURLExternal": {
                    "ok": True,
                    "upload_url": f"{self.server.url}/upload/F1",
                    "file_id": "F1",
                },
                "files.completeUploadExternal": {"ok": True, "files": [{"id": "F1"}]},
            }.get(method, {"ok": True}),
        )

    def log_message(self, *args: object) -> None:
        pass


def mention(client: httpx.Client, text: str, event_id: str, thread: str | None = None, **h: str):
    """A signed app_mention event with its id, posted to the service."""
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {text}", "channel": "C1"}
    event |= {"ts": f"{100 + len(event_id)}.1", "event_ts": "100.1"}
    if thread:
        event["thread_ts"] = thread
    body = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "api_app_id": "A1",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        },
        ensure_ascii=False,
    )
    headers = {"Content-Type": "application/json", **signed(body), **h}
    return client.post("/slack/events", content=body.encode(), headers=headers)


def signed(body: str, age: int = 0, secret: str = SECRET) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


@contextmanager
def mock_slack() -> Iterator[MockSlack]:
    server = MockSlack()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()


def bot_settings(data: Path, slack: MockSlack, **more: Any) -> Settings:
    """Settings with the Slack app configured and its Web API at the stand-in."""
    return Settings(
        data=data,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=f"{slack.url}/api/",
        **more,
    )
