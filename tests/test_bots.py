"""The staff bots through the real app: signed Slack requests (slash command, mentions, thread
follow-ups, retries, button presses) answered via slack_sdk's WebClient pointed at a local
stand-in for Slack's Web API that records every call (tests/slack_mock.py); Mattermost slash
commands with their token, their delayed responses posted to a real local server, and their
buttons. The store holds the samples and one sample with errors injected, for 核对."""

import copy
import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from caiwen.config import Settings
from caiwen.ingest.samples import load_spec, render_document
from caiwen.service.api import create_app
from caiwen.service.bot_format import MAX_ROWS, mattermost_text, slack_message, viewer_url
from caiwen.service.feedback import Feedback
from caiwen.service.grids import grid_csv, table_grid
from caiwen.service.plan import Scope
from caiwen.service.staff import Reply, bot_text
from caiwen.service.views import with_views
from tests.slack_mock import OUTSIDE, SECRET, MockSlack, bot_settings, mention, mock_slack, signed
from tests.support import Ingested
from tests.test_audit import INJECTIONS, SAMPLE_2018, _replace

PUBLIC = "https://caiwen.example"
MM_TOKEN = "mattermost-token"
SFZ = "示范区政务服务中心"
AUDITED = "示例市核对中心"
"""The 2018 sample with seven errors injected (table sums, balance, the same figure in two
tables, the narrative against a table, an empty-table note, a missing table) and one
difference within rounding (“下降11.48%” where 3.86 against 4.36 is 11.47%)."""


@pytest.fixture(scope="module")
def slack() -> Iterator[MockSlack]:
    with mock_slack() as server:
        yield server


@pytest.fixture(scope="module")
def store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    folder = tmp_path_factory.mktemp("bot-files")
    for sample in samples.iterdir():
        (folder / sample.name).symlink_to(sample)
    spec = load_spec(SAMPLE_2018)
    for rule, inject in INJECTIONS.items():
        if rule != "narrative.change":
            spec = inject(copy.deepcopy(spec))
    spec = _replace(spec, "下降11.47%", "下降11.48%")
    render_document(spec, folder / "audited.pdf", AUDITED)
    return Ingested.run(tmp_path_factory.mktemp("bot-data"), folder)


@pytest.fixture(scope="module")
def settings(store: Ingested, slack: MockSlack) -> Settings:
    return bot_settings(store.data, slack, public_url=PUBLIC, mattermost_token=MM_TOKEN)


@pytest.fixture(scope="module")
def client(store: Ingested, settings: Settings) -> Iterator[TestClient]:
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


def blocks_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message["blocks"]
    return json.loads(blocks) if isinstance(blocks, str) else blocks


def block_text(message: dict[str, Any]) -> str:
    return "\n".join(
        b["text"]["text"] if b["type"] == "section" else b["elements"][0]["text"]
        for b in blocks_of(message)
        if b["type"] != "actions"
    )


def press(
    client: TestClient, slack: MockSlack, message: dict[str, Any], rating: str, user: str = "U1"
) -> Any:
    """Press 👍 or 👎 under a posted answer: Slack's signed block_actions payload."""
    button = next(
        e
        for b in blocks_of(message)
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].endswith(rating)
    )
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user},
        "channel": {"id": message["channel"]},
        "message": {"ts": message["ts"]},
        "actions": [{"action_id": button["action_id"], "value": button["value"]}],
        "response_url": f"{slack.url}/response/action",
        "trigger_id": "1.2.3",
    }
    body = urlencode({"payload": json.dumps(payload, ensure_ascii=False)})
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signed(body)}
    return client.post("/slack/events", content=body, headers=headers)


# -- Slack -------------------------------------------------------------------------------------


def test_slack_refuses_bad_signatures_and_stale_requests(client: TestClient, slack: MockSlack):
    body = "command=/caiwen&text=x"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    forged = client.post("/slack/events", content=body, headers=form | signed(body, secret="x"))
    stale = client.post("/slack/events", content=body, headers=form | signed(body, age=600))
    unsigned = client.post("/slack/events", content=body, headers=form)
    assert [forged.status_code, stale.status_code, unsigned.status_code] == [401, 401, 401]


def test_slash_command_says_working_then_updates_that_message_with_the_answer(
    client: TestClient, slack: MockSlack
) -> None:
    before = len(slack.called("chat.update"))
    started = time.perf_counter()
    response = command(client, slack, f"{SFZ}2018年三公经费比上年变化多少")
    assert response.status_code == 200 and time.perf_counter() - started < 3
    reply = slack.wait_for("chat.update", before + 1)[-1]
    working = slack.called("chat.postMessage")[-1]
    assert working["text"] == "正在查询……" and working["channel"] == "C1"
    posted = [name for name, _ in slack.calls]
    assert posted.index("chat.postMessage") < posted.index("chat.update")
    assert reply["channel"] == "C1" and reply["ts"].startswith("200.")
    text = block_text(reply)
    assert "3.86" in text and "0.50" in text
    assert f"<{PUBLIC}/api/documents/" in text and "第12页" in text
    assert "示例市示范区政务服务中心 · 2018年决算" in text
    link = text.split(f"<{PUBLIC}", 1)[1].split("|", 1)[0]
    assert client.get(link).status_code == 200


def test_a_mention_is_answered_in_its_thread_and_follow_ups_continue(
    client: TestClient, slack: MockSlack
) -> None:
    before = len(slack.called("chat.update"))
    assert mention(client, f"{SFZ}2018年三公经费是多少", "Ev-first").status_code == 200
    first = slack.wait_for("chat.update", before + 1)[-1]
    assert "3.86" in block_text(first)
    assert slack.called("chat.postMessage")[-1]["thread_ts"] == "108.1"
    assert mention(client, "那公务接待费呢？", "Ev-follow", thread="108.1").status_code == 200
    follow = slack.wait_for("chat.update", before + 2)[-1]
    assert "0.93" in block_text(follow)
    assert slack.called("chat.postMessage")[-1]["thread_ts"] == "108.1"


def test_a_retried_event_is_not_answered_twice(client: TestClient, slack: MockSlack) -> None:
    before = len(slack.called("chat.postMessage"))
    mention(client, "招待费花了多少", "Ev-retry")
    slack.wait_for("chat.postMessage", before + 1)
    retried = mention(client, "招待费花了多少", "Ev-retry", **{"X-Slack-Retry-Num": "1"})
    again = mention(client, "招待费花了多少", "Ev-retry")
    time.sleep(1)
    assert retried.status_code == again.status_code == 200
    assert len(slack.called("chat.postMessage")) == before + 1


def test_an_event_redelivered_to_another_worker_is_answered_once(
    client: TestClient, slack: MockSlack, store: Ingested, settings: Settings
) -> None:
    before = len(slack.called("chat.postMessage"))
    mention(client, "招待费花了多少", "Ev-twice")
    slack.wait_for("chat.postMessage", before + 1)
    with TestClient(create_app(settings, store.engine)) as other:
        assert mention(other, "招待费花了多少", "Ev-twice").status_code == 200
        time.sleep(1)
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
    replies = len(slack.called("chat.update"))
    body, headers = command_request(f"{slack.url}/response/replay", "招待费花了多少")
    first = client.post("/slack/events", content=body, headers=headers)
    slack.wait_for("chat.update", replies + 1)
    replayed = client.post("/slack/events", content=body, headers=headers)
    time.sleep(1)
    assert first.status_code == replayed.status_code == 200
    assert len(slack.called("chat.update")) == replies + 1
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
        for _ in range(400):  # the answer, then its reply: the session's turn is recorded
            if "could not post the reply" in caplog.text:
                break
            time.sleep(0.05)
    assert acknowledged.status_code == 200
    assert "could not post the message to Slack" in caplog.text
    assert "could not post the reply to Slack" in caplog.text


def test_web_clients_cannot_reach_bot_sessions_or_choose_their_own_ids(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    replies = len(slack.called("chat.update"))
    command(client, slack, f"{SFZ}2018年三公经费是多少")
    slack.wait_for("chat.update", replies + 1)
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
    doc = next(d for d in store.store.documents() if d.year == 2018 and SFZ in d.department)
    table = next(t for t in store.store.tables(doc.id) if "三公" in (t["title"] or ""))
    grid = table_grid(store.store, doc, table["id"])
    assert grid is not None
    assert slack.uploads[-1].decode("utf-8") == grid_csv(grid)
    assert "3.86" in slack.uploads[-1].decode("utf-8")


def test_staff_commands_list_documents_and_rank(client: TestClient, slack: MockSlack) -> None:
    before = len(slack.called("chat.update"))
    command(client, slack, "文件")
    listing = block_text(slack.wait_for("chat.update", before + 1)[-1])
    command(client, slack, "排名 三公经费 2018")
    ranking = block_text(slack.wait_for("chat.update", before + 2)[-1])
    assert "示例市示范区城市管理局：2024年预算" in listing
    assert "3.86" in ranking
    assert ranking.endswith("2个部门 · 2018年决算 · 规则回答"), "not the first one's name"


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


# -- 核对, help and errors, buttons, links (issue 15) ------------------------------------------


def test_the_audit_is_a_numbered_list_with_rule_figures_and_places(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    """Each finding on its own line: the rule in words, the message with both figures, and
    both places linked to the page viewer; the difference within rounding (11.48% against
    11.47%) in one line of its own, not as an error; the seventh behind a link to the whole
    audit."""
    before = len(slack.called("chat.update"))
    command(client, slack, f"核对 {AUDITED} 2018")
    blocks = blocks_of(slack.wait_for("chat.update", before + 1)[-1])
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert texts[0] == f"核对{AUDITED}2018年决算，发现7处不一致："
    numbered = texts[1:7]
    assert [t.split(".", 1)[0] for t in numbered] == ["1", "2", "3", "4", "5", "6"]
    balance = next(t for t in numbered if "收支平衡" in t)
    assert "收入总计为403.21万元，支出总计为403.31万元" in balance
    places = re.findall(rf"<{re.escape(PUBLIC)}(/api/documents/[^|]+)\|([^>]+)>", balance)
    assert [p[1] for p in places] == ["第4页《收入支出决算总表》“总计”行“决算数”列"] * 2
    income, expense = (parse_qs(urlsplit(p[0]).query)["highlight"][0] for p in places)
    assert income != expense, "each figure's own cell is marked (the two 总计 of the table)"
    assert client.get(places[0][0]).headers["content-type"] == "image/png"
    empty_note = next(t for t in numbered if "空表说明（提示）" in t)
    assert "第12页《一般公共预算财政拨款“三公”经费支出决算表》原文“注：本表为空表。”" in empty_note
    rounding = texts[7]
    assert rounding.startswith("差异在四舍五入范围内（1处，不算错误）：")
    assert "下降11.48%" in rounding and "11.48" not in "".join(numbered)
    doc = store.doc("audited.pdf")
    assert texts[8] == f"另有1处 <{PUBLIC}/api/documents/{doc.id}/audit?format=html|查看全部>"
    page = client.get(f"/api/documents/{doc.id}/audit?format=html")
    assert page.headers["content-type"].startswith("text/html")
    assert re.findall(r"<p>(\d)\. ", page.text) == [str(n) for n in range(1, 8)]
    assert '<a href="http://testserver/api/documents/' in page.text
    assert not any("*数字*" in t or "*出处*" in t for t in texts)


def test_mattermost_lists_the_audit_the_same_way(client: TestClient) -> None:
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C-audit", "user_id": "U"}
    text = client.post("/hooks/mattermost", data=form | {"text": f"核对 {AUDITED} 2018"}).json()
    lines = text["text"].split("\n")
    assert lines[0] == f"核对{AUDITED}2018年决算，发现7处不一致："
    assert [line[:2] for line in lines if re.match(r"\d\.", line)] == [f"{n}." for n in range(1, 7)]
    assert any(line.startswith("差异在四舍五入范围内") for line in lines)
    assert f"[查看全部]({PUBLIC}/api/documents/" in text["text"]
    assert "](/api/" not in text["text"]


def test_help_and_usage_are_shown_to_the_asker_only(client: TestClient, slack: MockSlack) -> None:
    updates, posts = len(slack.called("chat.update")), len(slack.called("chat.postMessage"))
    responses = len(slack.called("response/"))
    command(client, slack, "帮助")
    command(client, slack, "核对")
    help_reply, usage = slack.wait_for("response/", responses + 2)[-2:]
    assert help_reply["response_type"] == usage["response_type"] == "ephemeral"
    assert "消息串" in block_text(help_reply) and "用法：`核对" in block_text(usage)
    ephemerals = len(slack.called("chat.postEphemeral"))
    mention(client, "帮助", "Ev-help", thread="150.1")
    private = slack.wait_for("chat.postEphemeral", ephemerals + 1)[-1]
    assert private["user"] == "U1" and private["thread_ts"] == "150.1"
    assert "/caiwen 帮助" in block_text(private)
    time.sleep(0.5)
    assert len(slack.called("chat.update")) == updates
    assert len(slack.called("chat.postMessage")) == posts


def test_an_error_replaces_the_working_message_privately(
    client: TestClient, slack: MockSlack
) -> None:
    deleted, responses = len(slack.called("chat.delete")), len(slack.called("response/"))
    command(client, slack, "导出 没有这个部门 2018 三公")
    gone = slack.wait_for("chat.delete", deleted + 1)[-1]
    names = [name for name, _ in slack.calls]
    working = max(i for i, name in enumerate(names) if name == "chat.postMessage") + 1
    assert gone == {"channel": "C1", "ts": f"200.{working:04d}", "team_id": "T1"}
    error = slack.wait_for("response/", responses + 1)[-1]
    assert error["response_type"] == "ephemeral" and "没有这个部门" in block_text(error)


def test_outside_the_bots_channels_the_answer_comes_by_the_response_url(
    client: TestClient, slack: MockSlack
) -> None:
    responses = len(slack.called("response/"))
    body = urlencode(
        {
            "team_id": "T1",
            "channel_id": OUTSIDE,
            "user_id": "U1",
            "command": "/caiwen",
            "text": f"{SFZ}2018年三公经费是多少",
            "response_url": f"{slack.url}/response/outside",
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", **signed(body)}
    client.post("/slack/events", content=body, headers=headers)
    reply = slack.wait_for("response/", responses + 1)[-1]
    assert reply["response_type"] == "in_channel" and "3.86" in block_text(reply)


def test_thumbs_down_in_slack_is_kept_with_question_plan_and_answer(
    client: TestClient, slack: MockSlack, store: Ingested
) -> None:
    question = f"{SFZ}2018年公务接待费是多少"
    before = len(slack.called("chat.update"))
    command(client, slack, question)
    answer = slack.wait_for("chat.update", before + 1)[-1]
    responses = len(slack.called("response/action"))
    assert press(client, slack, answer, "down", user="U2").status_code == 200
    thanks = slack.wait_for("response/action", responses + 1)[-1]
    assert thanks["text"] == "谢谢反馈，已记录。" and thanks["response_type"] == "ephemeral"
    assert thanks["replace_original"] is False
    disliked = Feedback.in_dir(store.data).entries(unanswered=True)[0]
    assert disliked.question == question and disliked.rating == "down"
    assert disliked.plan["intent"] == "value" and "0.93" in disliked.answer["answer"]
    assert disliked.session_id == "slack:T1:C1:U1"
    other = json.dumps({"answer_id": disliked.id, "session": "slack:T1:C9:U9"})
    forged = answer | {
        "blocks": json.dumps(blocks_of(answer)).replace(
            json.dumps(
                next(b for b in blocks_of(answer) if b["type"] == "actions")["elements"][0]["value"]
            ),
            json.dumps(other),
        )
    }
    press(client, slack, forged, "up")
    refused = slack.wait_for("response/action", responses + 2)[-1]
    assert refused["text"].startswith("没有记录这条反馈：找不到这条回答")
    assert Feedback.in_dir(store.data).entries(unanswered=True)[0].rating == "down"


def test_mattermost_says_working_then_posts_the_answer_to_the_response_url(
    client: TestClient, slack: MockSlack
) -> None:
    responses = len(slack.called("response/"))
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C-later", "user_id": "U"}
    url = {"response_url": f"{slack.url}/response/mattermost"}
    first = client.post("/hooks/mattermost", data=form | url | {"text": "招待费花了多少"})
    assert first.json() == {"response_type": "ephemeral", "text": "正在查询……"}
    later = slack.wait_for("response/", responses + 1)[-1]
    assert later["response_type"] == "in_channel"


def test_mattermost_buttons_feed_the_feedback_store(client: TestClient, store: Ingested) -> None:
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C-rate", "user_id": "U"}
    reply = client.post("/hooks/mattermost", data=form | {"text": f"{SFZ}2018年三公经费是多少"})
    actions = reply.json()["attachments"][0]["actions"]
    down = next(a for a in actions if a["id"] == "ratedown")["integration"]
    assert down["url"] == f"{PUBLIC}/hooks/mattermost/actions"
    forged = down["context"] | {"answer_id": down["context"]["answer_id"] - 1}
    assert client.post(down["url"], json={"context": forged}).status_code == 401
    pressed = client.post(down["url"], json={"user_id": "U", "context": down["context"]})
    assert pressed.json() == {"ephemeral_text": "谢谢反馈，已记录。"}
    entry = Feedback.in_dir(store.data).entries(unanswered=True)[0]
    assert entry.id == down["context"]["answer_id"] and entry.rating == "down"
    assert entry.question == f"{SFZ}2018年三公经费是多少" and "3.86" in entry.answer["answer"]


def test_mattermost_help_says_what_slash_commands_can_do(client: TestClient) -> None:
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C", "user_id": "U", "text": "帮助"}
    reply = client.post("/hooks/mattermost", data=form).json()
    assert reply["response_type"] == "ephemeral"
    assert "消息串" not in reply["text"] and "@caiwen" not in reply["text"]
    assert "同一频道" in reply["text"] and "CAIWEN_PUBLIC_URL" not in reply["text"]


def test_without_a_public_url_there_are_no_bare_paths_and_help_says_so(store: Ingested) -> None:
    settings = Settings(data=store.data, mattermost_token=MM_TOKEN)
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C-bare", "user_id": "U"}
    with TestClient(create_app(settings, store.engine)) as bare:
        answer = bare.post("/hooks/mattermost", data=form | {"text": f"{SFZ}2018年三公经费是多少"})
        audit = bare.post("/hooks/mattermost", data=form | {"text": f"核对 {AUDITED} 2018"})
        help_text = bare.post("/hooks/mattermost", data=form | {"text": "帮助"}).json()["text"]
    assert "3.86" in answer.json()["text"] and "attachments" not in answer.json()
    assert "/api/" not in answer.json()["text"] + audit.json()["text"]
    assert "另有1处" in audit.json()["text"]
    assert help_text.count("CAIWEN_PUBLIC_URL") == 1


def test_a_text_view_opens_as_its_html_page() -> None:
    text = {"type": "text", "url": "/api/documents/d1/text?section=%E4%B8%80"}
    page = {"type": "page", "url": "/api/documents/d1/pages/3.png?file=a.pdf"}
    assert viewer_url(text) == "/api/documents/d1/text?section=%E4%B8%80&format=html"
    assert viewer_url({"type": "text", "url": "/api/documents/d1/text"}).endswith("?format=html")
    assert viewer_url(page) == page["url"]
