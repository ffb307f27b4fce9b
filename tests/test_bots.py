"""The staff bots through the real app: signed Slack requests (slash command, mentions, thread
follow-ups, retries) answered via slack_sdk's WebClient pointed at a local mock of Slack's Web
API that records every call; Mattermost slash commands with their token."""

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from fastapi.testclient import TestClient
from slack_sdk.signature import SignatureVerifier

from caiwen.config import Settings
from caiwen.service.api import create_app
from caiwen.service.bot_format import MAX_ROWS, mattermost_text, slack_message
from caiwen.service.grids import grid_csv, table_grid
from caiwen.service.plan import Scope
from caiwen.service.staff import Reply, bot_text
from caiwen.service.views import with_views
from tests.support import Ingested

SECRET = "test-signing-secret"
PUBLIC = "https://caiwen.example"
MM_TOKEN = "mattermost-token"
SFZ = "示范区政务服务中心"


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
            self._reply({"ok": True})
            return
        if self.headers.get("content-type", "").startswith("application/json"):
            params = json.loads(body or b"{}")
        else:
            params = dict(parse_qsl(body.decode()))
        method = path.removeprefix("/api/").lstrip("/")
        self.server.calls.append((method, params))
        self._reply(
            {
                "auth.test": {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"},
                "chat.postMessage": {"ok": True, "ts": "200.0001", "channel": "C1"},
                "files.getUploadURLExternal": {
                    "ok": True,
                    "upload_url": f"{self.server.url}/upload/F1",
                    "file_id": "F1",
                },
                "files.completeUploadExternal": {"ok": True, "files": [{"id": "F1"}]},
            }.get(method, {"ok": True})
        )

    def _reply(self, data: dict[str, Any]) -> None:
        payload = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def slack() -> Iterator[MockSlack]:
    server = MockSlack()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("bot-data"), samples)


@pytest.fixture(scope="module")
def client(store: Ingested, slack: MockSlack) -> Iterator[TestClient]:
    settings = Settings(
        data=store.data,
        public_url=PUBLIC,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=f"{slack.url}/api/",
        mattermost_token=MM_TOKEN,
    )
    with TestClient(create_app(settings, store.engine)) as client:
        yield client


def signed(body: str, age: int = 0, secret: str = SECRET) -> dict[str, str]:
    timestamp = str(int(time.time()) - age)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


def command(client: TestClient, slack: MockSlack, text: str, **headers: str) -> Any:
    body = urlencode(
        {
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "command": "/caiwen",
            "text": text,
            "response_url": f"{slack.url}/response/{len(slack.calls)}",
            "trigger_id": "1.2.3",
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signed(body), **headers}
    return client.post("/slack/events", content=body, headers=headers)


def mention(client: TestClient, text: str, event_id: str, thread: str | None = None, **h: str):
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


def block_text(message: dict[str, Any]) -> str:
    blocks = message["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return "\n".join(
        b["text"]["text"] if b["type"] == "section" else b["elements"][0]["text"] for b in blocks
    )


# -- Slack -------------------------------------------------------------------------------------


def test_slack_refuses_bad_signatures_and_stale_requests(client: TestClient, slack: MockSlack):
    body = "command=/caiwen&text=x"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    forged = client.post("/slack/events", content=body, headers=form | signed(body, secret="x"))
    stale = client.post("/slack/events", content=body, headers=form | signed(body, age=600))
    unsigned = client.post("/slack/events", content=body, headers=form)
    assert [forged.status_code, stale.status_code, unsigned.status_code] == [401, 401, 401]


def test_slash_command_answers_with_figures_sources_and_context(
    client: TestClient, slack: MockSlack
) -> None:
    before = len(slack.called("response/"))
    started = time.perf_counter()
    response = command(client, slack, f"{SFZ}2018年三公经费比上年变化多少")
    assert response.status_code == 200 and time.perf_counter() - started < 3
    reply = slack.wait_for("response/", before + 1)[-1]
    assert reply["response_type"] == "in_channel"
    text = block_text(reply)
    assert "3.86" in text and "0.50" in text
    assert f"<{PUBLIC}/api/documents/" in text and "第12页" in text
    assert "示例市示范区政务服务中心 · 2018年决算" in text
    link = text.split(f"<{PUBLIC}", 1)[1].split("|", 1)[0]
    assert client.get(link).status_code == 200


def test_a_mention_is_answered_in_its_thread_and_follow_ups_continue(
    client: TestClient, slack: MockSlack
) -> None:
    before = len(slack.called("chat.postMessage"))
    assert mention(client, f"{SFZ}2018年三公经费是多少", "Ev-first").status_code == 200
    first = slack.wait_for("chat.postMessage", before + 1)[-1]
    assert "3.86" in block_text(first) and first["thread_ts"] == "108.1"
    assert mention(client, "那公务接待费呢？", "Ev-follow", thread="108.1").status_code == 200
    follow = slack.wait_for("chat.postMessage", before + 2)[-1]
    assert "0.93" in block_text(follow) and follow["thread_ts"] == "108.1"


def test_a_retried_event_is_not_answered_twice(client: TestClient, slack: MockSlack) -> None:
    before = len(slack.called("chat.postMessage"))
    mention(client, "招待费花了多少", "Ev-retry")
    slack.wait_for("chat.postMessage", before + 1)
    retried = mention(client, "招待费花了多少", "Ev-retry", **{"X-Slack-Retry-Num": "1"})
    again = mention(client, "招待费花了多少", "Ev-retry")
    time.sleep(1)
    assert retried.status_code == again.status_code == 200
    assert len(slack.called("chat.postMessage")) == before + 1


def test_export_uploads_the_stored_table_as_csv(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    command(client, slack, f"导出 {SFZ} 2018 三公")
    slack.wait_for("files.completeUploadExternal")
    doc = next(d for d in store.store.documents() if d.year == 2018)
    table = next(t for t in store.store.tables(doc.id) if "三公" in (t["title"] or ""))
    grid = table_grid(store.store, doc, table["id"])
    assert grid is not None
    assert slack.uploads[-1].decode("utf-8") == grid_csv(grid)
    assert "3.86" in slack.uploads[-1].decode("utf-8")


def test_staff_commands_list_documents_and_rank(client: TestClient, slack: MockSlack) -> None:
    before = len(slack.called("response/"))
    command(client, slack, "文件")
    listing = block_text(slack.wait_for("response/", before + 1)[-1])
    command(client, slack, "排名 三公经费 2018")
    ranking = block_text(slack.wait_for("response/", before + 2)[-1])
    assert "示例市示范区城市管理局：2024年预算" in listing
    assert "3.86" in ranking


def test_slack_is_503_when_not_configured(store: Ingested) -> None:
    with TestClient(create_app(Settings(data=store.data), store.engine)) as bare:
        response = bare.post("/slack/events", content=b"{}")
        assert response.status_code == 503 and "SLACK_BOT_TOKEN" in response.json()["detail"]
        assert bare.post("/hooks/mattermost", data={"token": "x"}).status_code == 503


# -- Mattermost --------------------------------------------------------------------------------


def test_mattermost_slash_command(client: TestClient) -> None:
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C", "user_id": "U"}
    wrong = client.post("/hooks/mattermost", data=form | {"token": "nope", "text": "x"})
    assert wrong.status_code == 401
    reply = client.post("/hooks/mattermost", data=form | {"text": f"{SFZ}2018年三公经费是多少"})
    data = reply.json()
    assert data["response_type"] == "in_channel" and "3.86" in data["text"]
    assert f"]({PUBLIC}/api/documents/" in data["text"]
    follow = client.post("/hooks/mattermost", data=form | {"text": "那公务接待费呢？"})
    assert "0.93" in follow.json()["text"]
    exported = client.post("/hooks/mattermost", data=form | {"text": f"导出 {SFZ} 2018 三公"})
    assert "format=csv" in exported.json()["text"]


def test_every_mark_of_a_long_answer_is_in_the_bot_source_list(store: Ingested) -> None:
    """An answer citing more sources than the list's MAX_ROWS (a real answer's sources, taken
    again under further numbers, the text citing the last): each [n] of the text is listed, in
    Slack and in Mattermost."""
    answer = with_views(store.engine.ask("三公经费比上年变化多少", Scope(SFZ, 2018)), store.store)
    sources = answer["citations"]
    answer["citations"] = [sources[i % len(sources)] | {"n": i + 1} for i in range(MAX_ROWS + 3)]
    answer["answer"] += f"另见[{MAX_ROWS + 2}]。"
    marks = set(re.findall(r"\[(\d+)\]", answer["answer"]))
    reply = Reply(answer["answer"], answer=answer)
    listed = mattermost_text(reply, PUBLIC).split(bot_text()["sources_title"])[1]
    assert marks <= set(re.findall(r"^- \[\[(\d+)\]", listed, re.M))
    assert str(MAX_ROWS + 3) not in re.findall(r"^- \[\[(\d+)\]", listed, re.M)
    blocks = slack_message(reply, PUBLIC)["blocks"]
    shown = next(b["text"]["text"] for b in blocks if bot_text()["sources_title"] in str(b))
    assert marks <= set(re.findall(r"\|\[(\d+)\]", shown))
