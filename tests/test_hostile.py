"""The red team's classes, replayed over the whole service: every route the app declares
(read from the app itself, so a route added later is covered the day it exists), every
parameter of each, every CSV export.

Whatever a client sends, the service answers normally or refuses clearly: never a 500, an
error always as ``{"detail": …}`` in Chinese, every response with the security headers.
"""

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import RouteContext, iter_route_contexts
from fastapi.testclient import TestClient

from caiwen.config import Settings
from caiwen.service.api import create_app
from caiwen.service.grids import FORMULA_START, NUMBER, as_text
from tests.badfiles import FORMULA_LABELS, formula_labels
from tests.slack_mock import MockSlack, bot_settings, mock_slack, signed
from tests.support import Ingested, served
from tests.wire import MB, stream_chunked

TOKEN = "hostile-admin-token"
MM_TOKEN = "hostile-mattermost-token"
HOSTILE = "示例区测试中心"
JSON = {"Content-Type": "application/json"}
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"error|invalid|input should|field required|not found|disallowed", re.I)

NUMBERS = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e308", "9" * 400, "-1"]
BOXES = ["0,0,inf,inf", "nan,nan,nan,nan", "1e400,0,1e400,1", "0,0,1e308,1e308"]
QUERY_VALUES = [*NUMBERS, *BOXES, ";".join(["1,1,2,2"] * 500), "", "💥" * 1000]
"""Sent as every query and path parameter of every route."""
JSON_NUMBERS = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e308", "9" * 400]
"""Written raw into every numeric field of every JSON body (Python's json reads them all)."""


@pytest.fixture(scope="module")
def store(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """A sample PDF (for the page routes) and a text disclosure whose labels are formulas."""
    files = tmp_path_factory.mktemp("hostile-files")
    pdf = next(p for p in samples.iterdir() if "2018" in p.name)
    hostile = formula_labels(files / f"{HOSTILE}2018年度部门决算.txt")
    return Ingested.run(tmp_path_factory.mktemp("hostile-data"), pdf, hostile)


@pytest.fixture(scope="module")
def slack() -> Iterator[MockSlack]:
    with mock_slack() as server:
        yield server


@pytest.fixture(scope="module")
def settings(store: Ingested, slack: MockSlack) -> Settings:
    return bot_settings(
        store.data,
        slack,
        admin_token=TOKEN,
        mattermost_token=MM_TOKEN,
        public_url="http://testserver",
        chat_rate=1_000_000,
        chat_burst=1_000_000,
    )


@pytest.fixture(scope="module")
def app(settings: Settings, store: Ingested) -> FastAPI:
    return create_app(settings, store.engine)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def path_values(store: Ingested, hostile: bool = False) -> dict[str, str]:
    """A real value for every path parameter the routes have (a new one must be added here)."""
    doc = next(d for d in store.store.documents() if (d.department == HOSTILE) == hostile)
    table = store.store.tables(doc.id)[0]["id"]
    return {"document_id": doc.id, "table_id": table, "number": "1", "job_id": "0" * 32}


def routes(app: FastAPI, method: str | None = None) -> list[tuple[str, RouteContext]]:
    """(method, route) for every route of the app (the included routers' and the framework's
    own), as FastAPI's OpenAPI generation walks them."""
    found = [
        (m, route)
        for route in iter_route_contexts(app.routes)
        for m in sorted(route.methods or ())
        if m != "HEAD" and (method is None or m == method)
    ]
    assert found
    return found


def url(route: RouteContext, values: dict[str, str]) -> str:
    missing = set(route.param_convertors) - set(values)
    assert not missing, f"{route.path}: give path_values a real value for {missing}"
    return route.path.format(**values)


def query_names(route: RouteContext) -> list[str]:
    dependant = getattr(route.original_route, "dependant", None)
    return [p.alias for p in dependant.query_params] if dependant else []


def checked(response: httpx.Response, what: str) -> httpx.Response:
    """The response is an answer or a clear refusal, and carries the security headers."""
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:200]}"
    assert response.headers.get("x-content-type-options") == "nosniff", what
    assert response.headers.get("referrer-policy") == "no-referrer", what
    if response.status_code >= 400:
        detail = response.json()["detail"]
        assert CHINESE.search(detail) and not ENGLISH.search(detail), f"{what}: {detail}"
    return response


# -- non-finite and absurd numbers in every parameter -------------------------------------------


@pytest.mark.parametrize("value", QUERY_VALUES, ids=lambda v: v[:20])
def test_hostile_numbers_in_every_query_and_path_parameter(
    client: TestClient, app: FastAPI, store: Ingested, value: str
) -> None:
    values = path_values(store)
    for method, route in routes(app):
        for name in query_names(route):
            where = url(route, values)
            response = client.request(method, where, params={name: value})
            checked(response, f"{method} {where}?{name}={value[:20]}")
        for name in route.param_convertors:
            where = url(route, values | {name: value})
            checked(client.request(method, where), f"{method} {route.path} {name}={value[:20]}")


@pytest.mark.parametrize("number", JSON_NUMBERS, ids=lambda v: v[:12])
def test_hostile_numbers_in_every_numeric_field_of_every_json_body(
    client: TestClient, app: FastAPI, store: Ingested, number: str
) -> None:
    openapi = app.openapi()
    bodies = 0
    for method, route in routes(app, "POST"):
        schema = json_body_schema(openapi, route.path, method)
        if schema is None:
            continue
        for path in numeric_fields(schema, openapi):
            body = json.dumps(with_value(minimal(schema, openapi), path, "@@"), ensure_ascii=False)
            content = body.replace('"@@"', number).encode()
            where = url(route, path_values(store))
            response = client.post(where, content=content, headers=JSON)
            checked(response, f"{route.path} {'.'.join(path)}={number[:12]}")
            assert response.status_code == 422 and path[-1] in response.json()["detail"]
            bodies += 1
    assert bodies, "the chat routes have numeric fields (scope.year)"


def json_body_schema(openapi: dict[str, Any], path: str, method: str) -> dict[str, Any] | None:
    operation = openapi["paths"].get(path, {}).get(method.lower(), {})
    content = operation.get("requestBody", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def resolved(schema: dict[str, Any], openapi: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def numeric_fields(
    schema: dict[str, Any], openapi: dict[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    schema = resolved(schema, openapi)
    options = [resolved(s, openapi) for s in schema.get("anyOf", [schema])]
    if any(o.get("type") in ("integer", "number") for o in options):
        yield path
    for option in options:
        for name, field in option.get("properties", {}).items():
            yield from numeric_fields(field, openapi, (*path, name))


def minimal(schema: dict[str, Any], openapi: dict[str, Any]) -> dict[str, Any]:
    """A body with the required fields filled (text fields with a question)."""
    schema = resolved(schema, openapi)
    return dict.fromkeys(schema.get("required", []), "三公经费是多少")


def with_value(body: dict[str, Any], path: tuple[str, ...], value: str) -> dict[str, Any]:
    *parents, last = path
    node = body
    for name in parents:
        node = node.setdefault(name, {})
    node[last] = value
    return body


# -- bodies the framework cannot read, and oversize bodies on every POST route ------------------


@pytest.mark.parametrize(
    "body",
    [b'{"message": "\xff\xfe"}', b"[" * 20_000 + b"]" * 20_000, b"{", b"\x00" * 100, b""],
    ids=["invalid-utf8", "nested-20000", "truncated", "binary", "empty"],
)
def test_unreadable_bodies_on_every_post_route(
    client: TestClient, app: FastAPI, store: Ingested, body: bytes
) -> None:
    for content_type in ("application/json", "multipart/form-data; boundary=x", "text/plain"):
        for _, route in routes(app, "POST"):
            headers = {"Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"}
            where = url(route, path_values(store))
            checked(client.post(where, content=body, headers=headers), f"{where} {content_type}")


@pytest.fixture(scope="module")
def base(app: FastAPI, settings: Settings) -> Iterator[str]:
    with served(app, settings) as address:
        yield address


def test_chunked_oversize_bodies_on_every_post_route(
    app: FastAPI, base: str, settings: Settings, store: Ingested
) -> None:
    part = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    kinds = {
        "json": ({"Content-Type": "application/json"}, b""),
        "form": (
            {"Content-Type": "multipart/form-data; boundary=x", "Authorization": f"Bearer {TOKEN}"},
            part,
        ),
        "urlencoded": ({"Content-Type": "application/x-www-form-urlencoded"}, b"token="),
    }
    bound = int(settings.max_upload_mb * MB) + 32 * MB
    for _, route in routes(app, "POST"):
        for kind, (headers, first) in kinds.items():
            where = url(route, path_values(store))
            status, sent = stream_chunked(base, where, 200 * MB, headers, first)
            assert status in (401, 413) and sent < bound, f"{where} {kind}: {status}, {sent}"


# -- malformed headers on every signed route ----------------------------------------------------


def malformed_headers() -> list[dict[str, Any]]:
    now = str(int(time.time()))
    hex64 = "0" * 64
    return [
        {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": f"v0={hex64}"},
        {"X-Slack-Request-Timestamp": "9" * 40, "X-Slack-Signature": f"v0={hex64}"},
        {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": f"v0={hex64}"},
        {"X-Slack-Request-Timestamp": "１７".encode(), "X-Slack-Signature": f"v0={hex64}"},
        {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "v0=" + "z" * 64},
        {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "v1=" + hex64},
        {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "x" * 10_000},
        {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "签名".encode()},
        {"X-Slack-Request-Timestamp": now},
        {"X-Slack-Retry-Num": "nan", "X-Slack-Request-Timestamp": now},
        {"Authorization": ""},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer "},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer 令牌".encode()},
        {"Authorization": b"Bearer \xff\xfe"},
        {"Authorization": "Bearer " + "x" * 10_000},
        {"Authorization": f"Bearer {TOKEN[:-1]}"},
        {"Content-Type": "multipart/form-data"},
        {"Content-Type": "application/json; charset=utf-16"},
        {"Content-Type": "application/x-www-form-urlencoded; charset=gb2312"},
    ]


def test_malformed_headers_on_every_signed_route(
    client: TestClient, app: FastAPI, store: Ingested
) -> None:
    bodies = {
        "json": b'{"message": "\xe4\xb8\x89\xe5\x85\xac\xe7\xbb\x8f\xe8\xb4\xb9"}',
        "form": b"token=wrong&command=/caiwen&text=x&team_id=T&user_id=U",
    }
    for _, route in routes(app, "POST"):
        where = url(route, path_values(store))
        for headers in malformed_headers():
            for kind, body in bodies.items():
                content_type = (
                    "application/json" if kind == "json" else "application/x-www-form-urlencoded"
                )
                response = client.post(
                    where, content=body, headers={"Content-Type": content_type} | headers
                )
                checked(response, f"{where} {kind} {list(headers)}")


# -- formula prefixes in every export -------------------------------------------------------------


def test_formula_prefixes_are_neutralised_in_every_export(
    client: TestClient, app: FastAPI, store: Ingested, slack: MockSlack
) -> None:
    values = path_values(store, hostile=True)
    exports: dict[str, str] = {}
    for _, route in routes(app, "GET"):
        if "format" in query_names(route):
            where = url(route, values)
            response = checked(client.get(where, params={"format": "csv"}), where)
            if response.headers["content-type"].startswith("text/csv"):
                exports[where] = response.text
    assert exports, "the table route exports CSV"
    title = store.store.tables(values["document_id"])[0]["title"]
    exports["slack file"] = slack_export(client, slack, f"导出 {HOSTILE} 2018 {title}")
    exports["mattermost link"] = mattermost_export(client, f"导出 {HOSTILE} 2018 {title}")
    for name, text in exports.items():
        cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
        live = [
            c for c in cells if c.lstrip(" ").startswith(FORMULA_START) and not NUMBER.fullmatch(c)
        ]
        assert live == [], name
        assert {f"'{label}" for label in FORMULA_LABELS} <= set(cells), name


def test_tab_and_carriage_return_prefixes_are_kept_as_text() -> None:
    assert [as_text(v) for v in ("\t=1+1", "\r=1+1", " =1+1", "-0.50", "+3", "公务接待费")] == [
        "'\t=1+1",
        "'\r=1+1",
        "' =1+1",
        "-0.50",
        "+3",
        "公务接待费",
    ]


def slack_export(client: TestClient, slack: MockSlack, text: str) -> str:
    uploads = len(slack.uploads)
    body = f"team_id=T1&channel_id=C1&user_id=U1&command=/caiwen&text={text}"
    body += f"&response_url={slack.url}/response/export"
    headers = {"Content-Type": "application/x-www-form-urlencoded"} | signed(body)
    checked(client.post("/slack/events", content=body.encode(), headers=headers), "slack")
    for _ in range(200):
        if len(slack.uploads) > uploads:
            return slack.uploads[-1].decode("utf-8")
        time.sleep(0.05)
    raise AssertionError("the Slack export uploaded no file")


def mattermost_export(client: TestClient, text: str) -> str:
    form = {"token": MM_TOKEN, "team_id": "T", "channel_id": "C", "user_id": "U", "text": text}
    reply = checked(client.post("/hooks/mattermost", data=form), "mattermost").json()["text"]
    link = re.search(r"\((http://testserver[^)]*format=csv)\)", reply)
    assert link, reply
    return checked(client.get(link[1].removeprefix("http://testserver")), "link").text
