"""The HTTP API on a real store built from the samples (and the published disclosures when
CAIWEN_REAL_CORPUS is set), through FastAPI's TestClient."""

import ast
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import caiwen
import caiwen.service as service_package
from caiwen.config import Settings
from caiwen.service.api import create_app
from caiwen.service.engine import Engine
from caiwen.service.feedback import Feedback
from tests.support import Ingested

SFZ = "示例市示范区政务服务中心"
TOKEN = "test-admin-token"
PNG = b"\x89PNG\r\n\x1a\n"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"error|parsing|invalid|input should|field required|not found", re.I)
SERVICE, CLI = Path(service_package.__file__).parent, Path(caiwen.__file__).parent


@pytest.fixture(scope="module")
def store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The two 决算 of the samples; the 2024 预算 is left for the upload test."""
    files = sorted(p for p in samples.iterdir() if "决算" in p.name)
    return Ingested.run(tmp_path_factory.mktemp("api-data"), *files)


@pytest.fixture(scope="module")
def client(store: Ingested) -> Iterator[TestClient]:
    """One client for the module's tests: the rate limit has a test of its own, so its burst
    is the whole module's requests, and its address is its own (the rate limit's buckets are
    shared by every app on the data dir)."""
    settings = store.settings(
        admin_token=TOKEN, allowed_origins="https://gov.example", chat_burst=1000
    )
    with TestClient(create_app(settings, store.engine), client=("192.0.2.10", 50000)) as client:
        yield client


def sse(body: str) -> list[tuple[str, dict]]:
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def ask(client: TestClient, message: str, **scope: object) -> dict:
    response = client.post("/api/chat", json={"message": message, "scope": scope})
    assert response.status_code == 200, response.text
    return response.json()


# -- health ------------------------------------------------------------------------------------


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ok" and ready["store"] == "ok" and ready["vectors"] == "ok"
    assert "/api/chat" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_without_the_vector_index_tables_still_answer_and_readyz_says_degraded(
    store: Ingested,
) -> None:
    engine = Engine(store.store, None, store.settings())
    with TestClient(create_app(store.settings(), engine)) as degraded:
        assert degraded.get("/readyz").json()["status"] == "degraded"
        scope = {"department": SFZ, "year": 2018}
        answer = degraded.post("/api/chat", json={"message": "招待费花了多少", "scope": scope})
        assert "0.93" in answer.json()["answer"]


# -- chat --------------------------------------------------------------------------------------


def test_chat_answers_with_figures_and_citations_that_open_the_page(client: TestClient) -> None:
    answer = ask(client, "三公经费比上年变化多少", department=SFZ, year=2018)
    assert "3.86" in answer["answer"] and "0.50" in answer["answer"]
    assert not answer["refused"] and answer["session_id"]
    first = answer["citations"][0]
    assert first["table"] == "一般公共预算财政拨款“三公”经费支出决算表" and first["page"] == 12
    contract = {"n", "document_id", "file", "department", "year", "kind", "page", "section"}
    assert set(first) == contract | {"table", "quote", "places", "view", "ocr_confidence"}
    assert first["ocr_confidence"] is None  # a page with a text layer
    assert first["view"]["type"] == "page" and "highlight=" in first["view"]["url"]
    assert first["view"]["url"].startswith(f"/api/documents/{first['document_id']}/pages/12.png")
    page = client.get(first["view"]["url"])
    assert page.status_code == 200 and page.headers["content-type"] == "image/png"
    assert page.content.startswith(PNG)


def test_follow_up_in_the_same_session(client: TestClient) -> None:
    first = ask(client, "三公经费是多少", department=SFZ, year=2018)
    response = client.post(
        "/api/chat", json={"message": "那公务接待费呢？", "session_id": first["session_id"]}
    )
    assert "0.93" in response.json()["answer"]


def test_a_reset_session_forgets_its_topic(client: TestClient) -> None:
    first = ask(client, "三公经费是多少", department=SFZ, year=2018)
    session = first["session_id"]
    reset = client.post("/api/chat/reset", json={"session_id": session})
    assert reset.status_code == 200 and reset.json() == {"reset": True}
    again = client.post("/api/chat", json={"message": "那公务接待费呢？", "session_id": session})
    assert "0.93" not in again.json()["answer"]
    assert client.post("/api/chat/reset", json={"session_id": "x" * 65}).status_code == 422


def test_feedback_is_kept_with_the_question_the_plan_and_the_answer(
    client: TestClient, store: Ingested
) -> None:
    liked = ask(client, "三公经费是多少", department=SFZ, year=2018)
    refused = ask(client, "局长的工资是多少", department=SFZ, year=2018)
    disliked = ask(client, "招待费花了多少", department=SFZ, year=2018)
    for answer, rating, comment in [(liked, "up", ""), (disliked, "down", "想看预算数")]:
        body = {"answer_id": answer["answer_id"], "session_id": answer["session_id"]}
        saved = client.post("/api/feedback", json=body | {"rating": rating, "comment": comment})
        assert saved.json() == {"saved": True}
    stranger = {"answer_id": liked["answer_id"], "session_id": "other", "rating": "down"}
    assert client.post("/api/feedback", json=stranger).status_code == 404
    assert client.get("/api/feedback").status_code == 401
    admin = {"Authorization": f"Bearer {TOKEN}"}
    listed = client.get("/api/feedback", params={"unanswered": True}, headers=admin).json()
    questions = [(a["question"], a["why"]) for a in listed["answers"]]
    assert ("招待费花了多少", "disliked") in questions and (
        "局长的工资是多少",
        "refused",
    ) in questions
    assert "三公经费是多少" not in [q for q, _ in questions]
    entry = next(e for e in Feedback.in_dir(store.data).entries() if e.id == disliked["answer_id"])
    assert entry.plan["intent"] == "value" and entry.comment == "想看预算数"
    assert entry.answer["values"][0]["value"] == 0.93 and entry.scope["department"] == SFZ
    assert refused["refused"] is True


def test_stream_reports_tools_then_text_then_the_answer(client: TestClient) -> None:
    body = {"message": "三公经费比上年变化多少", "scope": {"department": SFZ, "year": 2018}}
    with client.stream("POST", "/api/chat/stream", json=body) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = sse(response.read().decode())
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "progress" and events[0][1] == {
        "tool": "compare_years",
        "label": "正在比较两年的数字",
    }
    assert kinds[-1] == "answer" and set(kinds[1:-1]) == {"delta"}
    text = "".join(data["text"] for kind, data in events if kind == "delta")
    assert text == events[-1][1]["answer"] and "3.86" in text


@pytest.mark.parametrize(
    ("message", "says"), [("三" * 501, "问题太长了（501字）"), ("  ", "请输入问题")]
)
def test_questions_too_long_or_empty_get_a_clear_422(
    client: TestClient, message: str, says: str
) -> None:
    for path in ("/api/chat", "/api/chat/stream"):
        response = client.post(path, json={"message": message})
        assert response.status_code == 422 and says in response.json()["detail"]


def test_a_malformed_request_is_a_422_in_chinese(client: TestClient) -> None:
    response = client.post("/api/chat", json={"scope": {"year": "明年"}})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("请求格式不正确")


def test_chat_is_rate_limited_per_client(store: Ingested) -> None:
    settings = store.settings(chat_rate=1)
    with TestClient(create_app(settings, store.engine), client=("192.0.2.1", 50000)) as client:
        statuses = [
            client.post("/api/chat", json={"message": "三公经费是多少"}).status_code
            for _ in range(11)
        ]
        limited = client.post("/api/chat", json={"message": "三公经费是多少"})
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert "提问太频繁" in limited.json()["detail"]


def test_the_rate_limit_holds_across_workers(store: Ingested) -> None:
    """Two apps on one data dir (two workers, or replicas on one database) draw on one bucket."""
    settings = store.settings(chat_rate=1)
    one, two = (
        TestClient(create_app(settings, store.engine), client=("192.0.2.2", 50000))
        for _ in range(2)
    )
    with one, two:
        statuses = [c.post("/api/chat", json={"message": "三公经费是多少"}) for c in [one, two] * 6]
    assert [s.status_code for s in statuses] == [200] * 10 + [429] * 2


def test_a_body_too_large_is_refused(client: TestClient) -> None:
    body = b"{" + b" " * 70_000 + b"}"
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b'{"message": "\xff\xfe"}', "invalid UTF-8"),
        (b"[" * 20_000 + b"]" * 20_000, "nested 20,000 deep"),
        (b'{"message": 3, "session_id": []}', "wrong types"),
    ],
)
def test_a_body_the_framework_cannot_read_is_refused_in_chinese(
    client: TestClient, body: bytes, why: str
) -> None:
    response = client.post("/api/chat", content=body, headers={"content-type": "application/json"})
    assert response.status_code in (400, 422), why
    assert CHINESE.search(response.json()["detail"]) and not ENGLISH.search(response.text), why


def test_a_refused_cors_preflight_is_explained_in_chinese(client: TestClient) -> None:
    refused = client.options(
        "/api/chat",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert refused.status_code == 400 and "跨域" in refused.json()["detail"]


def test_every_response_carries_the_security_headers(client: TestClient, store: Ingested) -> None:
    doc_id = client.get("/api/documents").json()["documents"][0]["id"]
    responses = {
        "json": client.get("/api/documents"),
        "png": client.get(f"/api/documents/{doc_id}/pages/1.png"),
        "text view": client.get(f"/api/documents/{doc_id}/text", params={"format": "html"}),
        "demo page": client.get("/"),
        "widget": client.get("/widget.js"),
        "404": client.get("/nope"),
        "413": client.post("/api/chat", content=b"x" * 70_000),
    }
    for name, response in responses.items():
        assert response.headers["x-content-type-options"] == "nosniff", name
        assert response.headers["referrer-policy"] == "no-referrer", name
    for page in ("text view", "demo page"):
        policy = responses[page].headers["content-security-policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy


def test_secrets_are_compared_in_constant_time() -> None:
    """No token, secret or signature is compared with == or != anywhere in the service."""
    secret = re.compile(r"token|secret|signature|password|authorization", re.I)
    found = []
    for module in [*SERVICE.glob("*.py"), *CLI.glob("*.py")]:
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Compare) and any(
                isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
            ):
                text = ast.unparse(node)
                if secret.search(text):
                    found.append(f"{module.name}: {text}")
    assert found == []


def test_page_renders_count_against_the_rate_and_the_cache_keeps_its_size(
    store: Ingested, tmp_path: Path
) -> None:
    limited = Settings(data=tmp_path / "limited", chat_rate=1, chat_burst=3)
    with TestClient(create_app(limited, store.engine)) as client:
        doc_id = client.get("/api/documents").json()["documents"][0]["id"]
        url = f"/api/documents/{doc_id}/pages/1.png"
        boxes = [f"10,10,{20 + i},{20 + i}" for i in range(4)]
        statuses = [client.get(url, params={"highlight": b}).status_code for b in boxes]
        again = client.get(url, params={"highlight": boxes[0]})
    assert statuses == [200, 200, 200, 429] and again.status_code == 200
    small = Settings(data=tmp_path / "small", page_cache_mb=0.02, chat_burst=100)
    with TestClient(create_app(small, store.engine)) as client:
        for i in range(12):
            assert client.get(url, params={"highlight": f"5,5,{30 + i},40"}).status_code == 200
    sizes = [p.stat().st_size for p in (tmp_path / "small" / "cache" / "pages").iterdir()]
    assert sum(sizes) <= small.page_cache_bytes and 0 < len(sizes) < 12


def test_an_internal_error_shows_no_traceback(store: Ingested) -> None:
    class Broken(Engine):
        def ask(self, *args: object, **kwargs: object):  # type: ignore[override]
            raise RuntimeError("secret internals")

    app = create_app(store.settings(), Broken(store.store, store.index, store.settings()))
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/api/chat", json={"message": "三公经费是多少"})
        with c.stream("POST", "/api/chat/stream", json={"message": "三公经费是多少"}) as stream:
            events = sse(stream.read().decode())
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert events == [("error", {"status": 500, "message": "服务器内部错误，请稍后再试。"})]


def test_cors_allows_only_the_configured_origins(client: TestClient) -> None:
    allowed = client.options(
        "/api/chat",
        headers={"Origin": "https://gov.example", "Access-Control-Request-Method": "POST"},
    )
    other = client.options(
        "/api/chat",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert allowed.headers["access-control-allow-origin"] == "https://gov.example"
    assert "access-control-allow-origin" not in other.headers


def test_suggestions_follow_what_the_document_discloses(client: TestClient) -> None:
    questions = client.get("/api/suggestions", params={"department": SFZ, "year": 2018}).json()
    assert "三公经费比上年变化多少" in questions["questions"]


# -- documents ---------------------------------------------------------------------------------


def test_documents_filter_outline_table_and_csv(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"department": "示范区政务服务中心"}).json()
    assert {(d["year"], d["kind"]) for d in docs["documents"]} == {(2017, "决算"), (2018, "决算")}
    doc_id = next(d["id"] for d in docs["documents"] if d["year"] == 2018)
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["department"] == SFZ and doc["pages"] == 17
    assert any(s["title"].startswith("七、") for s in doc["sections"])
    table = next(t for t in doc["tables"] if "三公" in (t["title"] or ""))
    grid = client.get(f"/api/documents/{doc_id}/tables/{table['id']}").json()
    assert any("3.86" in row for row in grid["rows"])
    csv = client.get(f"/api/documents/{doc_id}/tables/{table['id']}", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "3.86" in csv.text


def test_unknown_documents_pages_and_highlights_are_clear_errors(client: TestClient) -> None:
    doc_id = client.get("/api/documents").json()["documents"][0]["id"]
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get(f"/api/documents/{doc_id}/tables/nope").status_code == 404
    out_of_range = client.get(f"/api/documents/{doc_id}/pages/99.png")
    assert out_of_range.status_code == 404 and "超出范围" in out_of_range.json()["detail"]
    bad = client.get(f"/api/documents/{doc_id}/pages/1.png", params={"highlight": "1,2,x"})
    assert bad.status_code == 422


@pytest.mark.parametrize(
    "highlight",
    ["nan,nan,nan,nan", "0,0,inf,inf", "0,0,1e308,1e308", "1e400,0,1e400,1", "-1,0,10,10"],
)
def test_non_finite_or_absurd_highlight_boxes_are_a_422(client: TestClient, highlight: str) -> None:
    doc_id = client.get("/api/documents").json()["documents"][0]["id"]
    response = client.get(f"/api/documents/{doc_id}/pages/1.png", params={"highlight": highlight})
    assert response.status_code == 422 and "高亮区域" in response.json()["detail"]


def test_the_text_of_a_cited_section(client: TestClient) -> None:
    answer = ask(client, "三公经费为什么减少", department=SFZ, year=2018)
    quoted = next(c for c in answer["citations"] if c["section"] and "七、" in c["section"])
    doc_id = quoted["document_id"]
    text = client.get(
        f"/api/documents/{doc_id}/text", params={"section": quoted["section"], "quote": "厉行节约"}
    ).json()
    assert any("厉行节约" in p for p in text["paragraphs"])
    page = client.get(
        f"/api/documents/{doc_id}/text",
        params={"section": quoted["section"], "quote": "厉行节约", "format": "html"},
    )
    assert '<mark id="cited">厉行节约</mark>' in page.text  # the first mark is #cited


# -- uploads -----------------------------------------------------------------------------------


def upload(client: TestClient, path: Path, token: str | None = TOKEN) -> object:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with path.open("rb") as f:
        return client.post(
            "/api/documents", files={"file": (path.name, f, "application/pdf")}, headers=headers
        )


def wait(client: TestClient, job_id: str) -> dict:
    for _ in range(600):
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError("the upload job did not finish in 60 s")


def test_uploads_need_the_admin_token(client: TestClient, samples: Path) -> None:
    budget = next(p for p in samples.iterdir() if "预算" in p.name)
    assert upload(client, budget, token=None).status_code == 401
    assert upload(client, budget, token="wrong").status_code == 401


def test_an_uploaded_pdf_appears_when_its_job_is_done(client: TestClient, samples: Path) -> None:
    budget = next(p for p in samples.iterdir() if "预算" in p.name)
    response = upload(client, budget)
    assert response.status_code == 202
    job = wait(client, response.json()["id"])
    assert job["status"] == "done" and job["pages_done"] == job["pages_total"] == 23
    listed = client.get("/api/documents", params={"kind": "预算"}).json()["documents"]
    assert [d["id"] for d in listed] == [job["document_id"]]
    answer = ask(client, "三公经费预算是多少", department="示范区城市管理局", year=2024)
    assert "19.80" in answer["answer"]


def test_a_corrupt_upload_fails_and_leaves_the_store_as_it_was(
    client: TestClient, store: Ingested, samples: Path, tmp_path: Path
) -> None:
    before = store.store.counts()
    broken = tmp_path / "损坏的决算.pdf"
    shutil.copyfile(next(samples.iterdir()), broken)
    broken.write_bytes(broken.read_bytes()[:5000])
    job = wait(client, upload(client, broken).json()["id"])
    assert job["status"] == "failed" and "PDF" in job["error"]
    assert store.store.counts() == before
    assert (
        client.post(
            "/api/documents",
            files={"file": ("notes.docx", b"x", "application/octet-stream")},
            headers={"Authorization": f"Bearer {TOKEN}"},
        ).status_code
        == 422
    )


def test_an_index_moved_away_under_the_server_is_reported_and_uploads_say_why(
    samples: Path, tmp_path: Path
) -> None:
    d2017 = samples / "示例市示范区政务服务中心2017年度部门决算.pdf"
    serving = Ingested.run(tmp_path / "data", d2017)
    settings = serving.settings(admin_token=TOKEN)
    with TestClient(create_app(settings, serving.engine)) as client:
        assert client.get("/readyz").json()["vectors"] == "ok"
        shutil.move(serving.data / "chroma", tmp_path / "moved-away")
        ready = client.get("/readyz").json()
        assert ready["status"] == "degraded" and "移走" in ready["vectors"]
        assert ask(client, "招待费花了多少", department=SFZ, year=2017)["citations"]
        budget = next(p for p in samples.iterdir() if "预算" in p.name)
        job = wait(client, upload(client, budget).json()["id"])
    assert job["status"] == "failed"
    assert job["error"].startswith("向量索引不可用，暂不能导入文件（向量索引文件已被移走")


# -- widget and demo page ----------------------------------------------------------------------


def test_widget_script_and_demo_page(client: TestClient) -> None:
    script = client.get("/widget.js")
    assert script.headers["content-type"].startswith("application/javascript")
    assert "attachShadow" in script.text
    page = client.get("/").text
    assert '<script src="/widget.js" data-department="示例市示范区' in page
    assert "{{" not in page and "<option" in page


# -- the published disclosures -----------------------------------------------------------------


def test_real_text_document_citations_open_the_cited_table(real: Ingested) -> None:
    with TestClient(create_app(real.settings(), real.engine)) as client:
        answer = ask(client, "三公经费比上年变化多少", department="石峰区政务服务中心", year=2018)
        table = answer["citations"][0]
        assert table["view"]["type"] == "text" and table["page"] is None
        text = client.get(table["view"]["url"]).json()
        assert any("3.86" in row for row in text["table"]["rows"])
        pdf = ask(client, "万里街道三公经费比上年增加多少")
        page = client.get(pdf["citations"][0]["view"]["url"])
        assert page.status_code == 200 and page.content.startswith(PNG)
