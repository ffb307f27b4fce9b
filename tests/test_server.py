"""The service under the real server `caiwen serve` runs (uvicorn on 127.0.0.1): what only a
real connection shows — a chunked body stopped while it streams in, a request line too long
for the server, forwarded addresses believed or not."""

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from caiwen.config import Settings
from caiwen.service.api import create_app
from tests.support import Ingested, served
from tests.wire import MB, connect, read_all, status_of, stream_chunked

TOKEN = "server-admin-token"


@pytest.fixture(scope="module")
def base(sample: Ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(data=tmp_path_factory.mktemp("served"), admin_token=TOKEN)
    with served(create_app(settings, sample.engine), settings) as url:
        yield url


def test_a_chunked_body_is_stopped_at_the_limit_not_read_in_full(base: str) -> None:
    json_body = {"Content-Type": "application/json"}
    status, sent = stream_chunked(base, "/api/chat", 200 * MB, json_body)
    assert status == 413 and sent < 32 * MB
    form = {"Content-Type": "multipart/form-data; boundary=x"}
    status, sent = stream_chunked(base, "/api/documents", 200 * MB, form)
    assert status == 401 and sent < 32 * MB, "no token: refused before the body is read"
    part = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    status, sent = stream_chunked(base, "/api/documents", 200 * MB, form | bearer(TOKEN), part)
    assert status == 413 and sent < 30 * MB + 32 * MB


def test_a_url_too_long_for_the_server_is_refused_in_chinese(base: str) -> None:
    sock = connect(base)
    sock.sendall(b"GET /api/documents?department=" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n")
    head, _, body = read_all(sock).partition(b"\r\n\r\n")
    assert status_of(head) == 400
    assert b"content-type: application/json" in head and b"nosniff" in head
    assert "请求行或请求头" in json.loads(body)["detail"]


@pytest.mark.parametrize(("trusted", "passed"), [("", 2), ("127.0.0.1", 12)])
def test_forwarded_addresses_are_believed_only_from_trusted_proxies(
    sample: Ingested, tmp_path: Path, trusted: str, passed: int
) -> None:
    settings = Settings(data=tmp_path, chat_rate=1, chat_burst=2, trusted_proxies=trusted)
    with served(create_app(settings, sample.engine), settings) as url:
        statuses = [
            httpx.post(
                f"{url}/api/chat",
                json={"message": "三公经费是多少"},
                headers={"X-Forwarded-For": f"203.0.113.{i}"},
            ).status_code
            for i in range(12)
        ]
    assert statuses.count(200) == passed and set(statuses) <= {200, 429}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
