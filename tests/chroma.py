"""A real Chroma server for the tests: the `chroma run` the chromadb package installs, on a
free loopback port with its data in a temp directory, stopped and removed afterwards."""

import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.wire import wait_until_answering

HEARTBEAT = "/api/v2/heartbeat"
START_SECONDS = 60


def chroma_program() -> Path | None:
    """The `chroma` command beside this Python (the chromadb package's CLI), if installed."""
    found = Path(sys.executable).parent / "chroma"
    return found if found.is_file() else None


@contextmanager
def chroma_server(program: Path) -> Iterator[str]:
    """A running server's URL (http://127.0.0.1:PORT)."""
    folder = Path(tempfile.mkdtemp(prefix="caiwen-chroma-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(program), "run", "--path", str(folder), "--host", "127.0.0.1"]
    log = (folder / "server.log").open("wb")
    server = subprocess.Popen([*command, "--port", str(port)], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(server, url + HEARTBEAT, folder / "server.log", START_SECONDS)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)
