"""Raw HTTP over a socket, for what an HTTP client library will not send: a chunked body that
goes on after the server has answered, a request line too long; the JSON reply of the
little HTTP servers tests stand up; and waiting for a server process to answer."""

import json
import select
import socket
import subprocess
import time
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MB = 1024 * 1024


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


def read_all(sock: socket.socket) -> bytes:
    answer = b""
    while piece := sock.recv(65536):
        answer += piece
    return answer


def send_json(handler: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
    """Answer a request to a test's HTTP server with ``payload`` as JSON."""
    data = json.dumps(payload, ensure_ascii=False).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def wait_until_answering(
    process: subprocess.Popen[bytes], url: str, log: Path, seconds: float
) -> None:
    """Return once GET ``url`` is a 200; fail with the server's log when it exits first or does
    not answer in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{process.args} exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {seconds} s: {log.read_text(errors='replace')}")
