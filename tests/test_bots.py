"""The staff bots through the real app: signed Slack requests (slash command, mentions, thread
follow-ups, retries) answered via slack_sdk's WebClient pointed at a local stand-in for Slack's
Web API that records every call (tests/slack_mock.py); Mattermost slash commands with their
token."""

import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from caiwen.config import Settings
from caiwen.service.api import create_app
from caiwen.service.bot_format import MAX_ROWS, mattermost_text, slack_message
from caiwen.service.grids import grid_csv, table_grid
from caiwen.service.plan import Scope
from caiwen.service.staff import Reply, bot_text
from caiwen.service.views import with_views
from tests.slack_mock import SECRET, MockSlack, bot_settings, mock_slack, signed
from tests.support import Ingested

PUBLIC = "https://caiwen.example"
MM_TOKEN = "mattermost-token"
SFZ = "示范区政务服务中心"


@pytest.fixture(scope="module")
def slack() -> Iterator[MockSlack]:
    with mock_slack() as server:
        yield server


@pytest.fixture(scope="module")
def store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("bot-data"), samples)


@pytest.fixture(scope="module")
def client(store: Ingested, slack: MockSlack) -> Iterator[TestClient]:
    settings = bot_settings(store.data, slack, public_url=PUBLIC, mattermost_token=MM_TOKEN)
    with TestClient(create_app(settings, store.engine)) as client:
        yield client


def command(client: TestClient, slack: MockSlack, text: str, **headers: str) -> Any:
    body, signed_headers = command_request(f"{slack.url}/response/{len(slack.calls)}", text)
    return client.post("/slack/events", content=body, headers=signed_headers | headers)


def command_request(response_url: str, text: str) -> tuple[str, dict[str, str]]:
    """A signed slash command: its body and headers."""
    body = urlencode(
        {
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "command": "/caiwen",
            "text": text,
            "response_url": response_url,
            "trigger_id": "1.2.3",
        }
    )
    return body, {"Content-Type": "application/x-www-form-urlencoded", **signed(body)}


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


@pytest.mark.parametrize(
    "timestamp", ["abc", "", "１７００００００００".encode(), "9" * 40, "-1", "1e9"]
)
def test_a_malformed_slack_timestamp_is_a_401_in_chinese(
    client: TestClient, timestamp: str | bytes
) -> None:
    body = "command=/caiwen&text=x"
    headers: dict[str, Any] = signed(body) | {"X-Slack-Request-Timestamp": timestamp}
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    response = client.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 401 and "签名" in response.json()["detail"]


def test_a_replayed_slash_command_is_answered_once(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    session = "slack:T1:C1:U1"
    turns = len(store.engine.sessions.turns(session))
    replies = len(slack.called("response/"))
    body, headers = command_request(f"{slack.url}/response/replay", "招待费花了多少")
    first = client.post("/slack/events", content=body, headers=headers)
    slack.wait_for("response/", replies + 1)
    replayed = client.post("/slack/events", content=body, headers=headers)
    time.sleep(1)
    assert first.status_code == replayed.status_code == 200
    assert len(slack.called("response/")) == replies + 1
    assert len(store.engine.sessions.turns(session)) == turns + 1


def test_with_slack_unreachable_requests_are_acknowledged_and_the_failure_logged(
    store: Ingested, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        nowhere = f"http://127.0.0.1:{closed.getsockname()[1]}"
    settings = Settings(
        data=store.data,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=f"{nowhere}/api/",
    )
    with TestClient(create_app(settings, store.engine)) as offline:
        body, headers = command_request(f"{nowhere}/response/1", "招待费花了多少")
        acknowledged = offline.post("/slack/events", content=body, headers=headers)
        for _ in range(200):
            if "could not post" in caplog.text:
                break
            time.sleep(0.05)
    assert acknowledged.status_code == 200
    assert "could not post the /caiwen reply to Slack" in caplog.text


def test_web_clients_cannot_reach_bot_sessions_or_choose_their_own_ids(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    replies = len(slack.called("response/"))
    command(client, slack, f"{SFZ}2018年三公经费是多少")
    slack.wait_for("response/", replies + 1)
    slack_turns = store.engine.sessions.turns("slack:T1:C1:U1")
    for given in ("slack:T1:C1:U1", "T1:C1:U1", "guessed-by-the-client"):
        answer = client.post("/api/chat", json={"message": "那公务接待费呢？", "session_id": given})
        assert answer.status_code == 200 and answer.json()["session_id"] != given
        assert "0.93" not in answer.json()["answer"]
    assert store.engine.sessions.turns("slack:T1:C1:U1") == slack_turns
    issued = client.post("/api/chat", json={"message": f"{SFZ}2018年三公经费是多少"}).json()
    assert len(issued["session_id"]) >= 32
    follow = {"message": "那公务接待费呢？", "session_id": issued["session_id"]}
    answer = client.post("/api/chat", json=follow).json()
    assert answer["session_id"] == issued["session_id"] and "0.93" in answer["answer"]


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
