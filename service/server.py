"""`caiwen serve`: the app under uvicorn.

Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the proxies of
CAIWEN_TRUSTED_PROXIES, so a client cannot choose the address it is rate limited by; and a
request the server cannot parse (a URL or header too long, a malformed request line) is
refused like every other error: a Chinese ``{"detail": …}``.
"""

import os

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.auto import AutoHTTPProtocol
from uvicorn.supervisors import Multiprocess

from caiwen.config import Settings
from caiwen.service.api import create_app
from caiwen.service.errors import SECURITY_HEADERS, error_body, texts

WORKER_HEALTHCHECK = 120
"""Seconds a worker process may take to answer its supervisor: loading the embedding model
holds the interpreter for long stretches on a busy machine (uvicorn's 5 s restarted workers
over and over while they started)."""
APP_FACTORY = "caiwen.service.api:create_app"
"""What each of several server processes builds its app with (from the environment)."""


class _Protocol(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP protocol, answering what it cannot parse in the service's words."""

    def send_400_response(self, msg: str) -> None:
        body = error_body(texts()["bad_request"])
        headers = [
            *self.server_state.default_headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()),
        ]
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(b"HTTP/1.1 400 Bad Request\r\n" + head + b"\r\n" + body)
        self.transport.close()


def server_config(
    app: FastAPI | str, settings: Settings, host: str, port: int, workers: int = 1
) -> uvicorn.Config:
    """uvicorn's settings for the app, or for ``workers`` processes each building it from
    the factory ``app`` names."""
    proxies = settings.proxies()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        workers=workers,
        factory=isinstance(app, str),
        timeout_worker_healthcheck=WORKER_HEALTHCHECK,
        log_level="info",
        http=_Protocol,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """The app in this process, or in ``workers`` processes sharing the listening socket, each
    with its own engine and connections (they agree through the database: sessions, rate
    limits, Slack requests, upload jobs). Each worker reads its settings from the environment,
    so the data directory given on the command line is passed to them there."""
    if workers == 1:
        uvicorn.Server(server_config(create_app(settings), settings, host, port)).run()
        return
    os.environ["CAIWEN_DATA"] = str(settings.data)
    config = server_config(APP_FACTORY, settings, host, port, workers)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
