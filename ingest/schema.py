"""SQLite's connections and migrations (the embedded engine; ``ingest/dialect.py`` chooses it):
a connection that waits for other processes' locks on a database in WAL mode, and a schema's
versioned steps applied above the database's user_version."""

import sqlite3
import time
from collections.abc import Iterator, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path

BUSY_MS = 5000
"""How long a statement waits for another process's lock."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode that waits for other processes' locks, to a database in
    WAL mode, synced to disk at checkpoints rather than at every commit (synchronous=NORMAL:
    a crash of the process loses nothing, a power cut at most the last commits, never the
    database's consistency; a chat request's commits of its session, rate bucket and answer
    record each waited for the disk). Switching a new file to WAL needs an exclusive lock that
    SQLite does not wait for, so it is retried while another process opening the same new file
    holds one."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            return db
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def migrate(db: sqlite3.Connection, scripts: Sequence[tuple[int, Traversable]]) -> None:
    """Apply the steps (version, script) above the database's user_version, each in a
    transaction.

    Each transaction takes the write lock before it reads the version, so of processes opening
    a new store at once one creates the schema and the others find it in place. Foreign keys
    are off while migrating, so a migration may rebuild a table (SQLite's way of changing a
    constraint) without cascading deletes; each migration must leave every reference intact,
    or it is rolled back."""
    if _schema_version(db) >= scripts[-1][0]:
        return
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        for version, script in scripts:
            _apply(db, version, script)
    finally:
        db.execute("PRAGMA foreign_keys = ON")


def _apply(db: sqlite3.Connection, version: int, script: Traversable) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        if _schema_version(db) < version:
            for statement in _statements(script.read_text()):
                db.execute(statement)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"迁移 {script.name} 破坏了外键引用：{broken[:3]}")
            db.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _schema_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _statements(script: str) -> Iterator[str]:
    """A migration's statements one by one (``executescript`` would commit the transaction)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
