"""The service under the real server `caiwen serve` runs (uvicorn on 127.0.0.1): what only a
real connection shows — a chunked body stopped while it streams in, a request line too long
for the server, forwarded addresses believed or not."""

import json
import select
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from caiwen.config import Settings
from caiwen.service.api import create_app
from tests.support import Ingested, served

TOKEN = "server-admin-token"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def base(sample: Ingested, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(data=tmp_path_factory.mktemp("served"), admin_token=TOKEN)
    with served(create_app(settings, sample.engine), settings) as url:
        yield url


def stream_chunked(
    base: str, path: str, total: int, headers: dict[str, str], first: bytes = b""
) -> tuple[int, int]:
    """POST ``first`` and then ``total`` bytes with Transfer-Encoding: chunked and no
    Content-Length, 1 MB at a time, until the server answers; returns (status, bytes sent
    before the answer)."""
    sock = connect(base)
    head = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked"]
    head += [f"{name}: {value}" for name, value in headers.items()]
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    if first:
        sock.sendall(b"%x\r\n" % len(first) + first + b"\r\n")
    chunk = b"%x\r\n" % MB + b"7" * MB + b"\r\n"
    sent = 0
    try:
        while sent < total and not select.select([sock], [], [], 0)[0]:
            sock.sendall(chunk)
            sent += MB
    except OSError:  # the server closed the connection after answering
        pass
    return status_of(read_head(sock)), sent


def connect(base: str) -> socket.socket:
    address = urlsplit(base)
    return socket.create_connection((address.hostname, address.port), timeout=10)


def read_head(sock: socket.socket) -> bytes:
    answer = b""
    while b"\r\n\r\n" not in answer:
        piece = sock.recv(65536)
        if not piece:
            break
        answer += piece
    return answer


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


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


def read_all(sock: socket.socket) -> bytes:
    answer = b""
    while piece := sock.recv(65536):
        answer += piece
    return answer


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
