"""`caiwen serve`: the app under uvicorn.

Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are believed only from the proxies of
CAIWEN_TRUSTED_PROXIES, so a client cannot choose the address it is rate limited by; and a
request the server cannot parse (a URL or header too long, a malformed request line) is
refused like every other error: a Chinese ``{"detail": …}``.
"""

import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from caiwen.config import Settings
from caiwen.service.errors import SECURITY_HEADERS, error_body, texts


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


def server_config(app: FastAPI, settings: Settings, host: str, port: int) -> uvicorn.Config:
    proxies = settings.proxies()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info",
        http=_Protocol,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )


def serve(app: FastAPI, settings: Settings, host: str, port: int) -> None:
    uvicorn.Server(server_config(app, settings, host, port)).run()
