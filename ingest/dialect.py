"""What differs between the store's two engines, and nothing else: connecting, transactions,
the schema version, and the lexical index. The store's SQL is written once, with ``?``
placeholders; SQLite (the embedded default) runs it as it is, PostgreSQL (``ingest/postgres.py``,
chosen by a ``postgresql://`` URL) through a connection that reads it the same way."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol

from caiwen.ingest.schema import connect, migrate

MIGRATIONS = "migrations"


@dataclass(frozen=True)
class Schema:
    """A sequence of migrations: the package whose migrations/ folder holds it, and the table
    in which PostgreSQL keeps the version applied (SQLite keeps it as the file's user_version,
    so each schema has a file of its own)."""

    package: str
    version_table: str


STORE = Schema("caiwen.ingest", "schema_version")
"""The store: documents, their tables and text, the lexical index."""


class Dialect(Protocol):
    name: str
    skip_locked: str

    def transaction(self, db: Any) -> Any: ...

    def migrate(self, db: Any, schema: Schema = STORE) -> None: ...

    def add_terms(self, db: Any, rows: list[tuple[str, list[str]]]) -> None: ...

    def lexical_search(
        self, db: Any, words: list[str], limit: int, document_id: str | None
    ) -> list[tuple[str, float]]: ...


def open_database(path: Path, url: str | None) -> tuple[Any, Dialect]:
    """The store's connection and its dialect: PostgreSQL for a ``postgresql://`` URL, else the
    SQLite file at ``path``."""
    if url:
        from caiwen.ingest.postgres import PostgreSQL

        return PostgreSQL.connect(url)
    return SQLite.connect(path)


class PerThread:
    """A connection for each thread that uses it (opened on first use), behind one object:
    the service's threads answer at once, none waiting for another's statement (neither a
    SQLite nor a psycopg connection runs two statements at once)."""

    def __init__(self, first: Any, reopen: Callable[[], Any]):
        self._reopen = reopen
        self._local = threading.local()
        self._local.db = first

    def __getattr__(self, name: str) -> Any:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._reopen()
        return getattr(db, name)


def migrations(schema: Schema, dialect: str) -> list[tuple[int, Traversable]]:
    """The schema's steps in order: migrations/NNNN_*.sql, each replaced by the dialect's own
    migrations/<dialect>/NNNN_*.sql where it has one."""
    folder = resources.files(schema.package).joinpath(MIGRATIONS)
    steps = {_version(s): s for s in folder.iterdir() if s.name.endswith(".sql")}
    own = folder.joinpath(dialect)
    if own.is_dir():
        steps |= {_version(s): s for s in own.iterdir() if s.name.endswith(".sql")}
    return sorted(steps.items(), key=lambda step: step[0])


def _version(script: Traversable) -> int:
    return int(script.name.split("_", 1)[0])


class SQLite:
    name = "sqlite"
    skip_locked = ""
    """A statement holds the whole database's write lock: no row is ever locked by another."""

    @classmethod
    def connect(cls, path: Path) -> tuple[sqlite3.Connection, "SQLite"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = connect(path)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        return db, cls()

    @contextmanager
    def transaction(self, db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def migrate(self, db: sqlite3.Connection, schema: Schema = STORE) -> None:
        migrate(db, migrations(schema, self.name))

    def add_terms(self, db: sqlite3.Connection, rows: list[tuple[str, list[str]]]) -> None:
        """Index chunks by their words (chunk id, jieba words)."""
        db.executemany(
            "INSERT INTO chunk_terms (chunk_id, terms) VALUES (?, ?)",
            [(chunk_id, " ".join(words)) for chunk_id, words in rows],
        )

    def lexical_search(
        self, db: sqlite3.Connection, words: list[str], limit: int, document_id: str | None
    ) -> list[tuple[str, float]]:
        """(chunk id, FTS5 bm25; lower is better) for chunks holding any of the words, each
        word a phrase."""
        match = " OR ".join(f'"{w}"' for w in words)
        scope = "AND k.document_id = ?" if document_id else ""
        rows = db.execute(
            "SELECT t.chunk_id, bm25(chunk_terms) AS score FROM chunk_terms t "
            f"JOIN chunks k ON k.id = t.chunk_id WHERE chunk_terms MATCH ? {scope} "
            "ORDER BY score LIMIT ?",
            [match, *([document_id] if document_id else []), limit],
        )
        return [(row[0], row[1]) for row in rows]
