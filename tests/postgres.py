"""A throwaway PostgreSQL server for the tests: Debian's server binaries (initdb, pg_ctl) run a
cluster in a temp directory on a free loopback port, and it is removed afterwards."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

SERVER_OWNER = "postgres"
"""initdb refuses to run as root; as root, the cluster runs as Debian's postgres user."""


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: CAIWEN_POSTGRES_BIN, else the one on PATH, else the
    newest of Debian's /usr/lib/postgresql/N/bin."""
    if os.environ.get("CAIWEN_POSTGRES_BIN"):
        named = Path(os.environ["CAIWEN_POSTGRES_BIN"])
        return named if (named / "pg_ctl").is_file() else None
    if shutil.which("pg_ctl") and shutil.which("initdb"):
        return Path(str(shutil.which("pg_ctl"))).resolve().parent
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path
    created: int = 0

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://caiwen@127.0.0.1:{self.port}/{database}"

    def database(self) -> str:
        """The URL of a new, empty database (the C collation the store asks for)."""
        self.created += 1
        name = f"caiwen_{self.created}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(
                f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C' LC_CTYPE 'C'"
            )
        return self.url(name)

    @classmethod
    @contextmanager
    def running(cls, bindir: Path) -> Iterator["Cluster"]:
        folder = Path(tempfile.mkdtemp(prefix="caiwen-pg-"))
        cluster = cls(folder, _free_port(), bindir)
        try:
            if os.geteuid() == 0:
                owner = pwd.getpwnam(SERVER_OWNER)
                os.chown(folder, owner.pw_uid, owner.pw_gid)
            cluster._run(
                "initdb",
                "-D",
                "data",
                "-U",
                "caiwen",
                "--auth=trust",
                "--no-sync",
                "--encoding=UTF8",
                "--locale=C",
            )
            options = (
                f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            cluster._run("pg_ctl", "-D", "data", "-l", "server.log", "-w", "-o", options, "start")
            yield cluster
        finally:
            if (folder / "data" / "postmaster.pid").exists():
                cluster._run("pg_ctl", "-D", "data", "-m", "immediate", "-w", "stop")
            shutil.rmtree(folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_OWNER, "--", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.folder / "server.log"
            raise RuntimeError(
                f"{program} failed: {done.stderr}{log.read_text() if log.exists() else ''}"
            )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
