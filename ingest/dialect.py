"""What differs between the store's two engines, and nothing else: connecting, transactions,
the schema version, and the lexical index. The store's SQL is written once, with ``?``
placeholders; SQLite (the embedded default) runs it as it is, PostgreSQL (``ingest/postgres.py``,
chosen by a ``postgresql://`` URL) through a connection that reads it the same way."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol

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

    @classmethod
    def connect(cls, path: Path) -> tuple[sqlite3.Connection, "SQLite"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
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
        """Apply the steps above the database's user_version, each in a transaction.

        Foreign keys are off while migrating, so a migration may rebuild a table (SQLite's way
        of changing a constraint) without cascading deletes; each migration must leave every
        reference intact, or it is rolled back."""
        current = db.execute("PRAGMA user_version").fetchone()[0]
        steps = migrations(schema, self.name)
        pending = [(version, s) for version, s in steps if version > current]
        if not pending:
            return
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            for version, script in pending:
                db.executescript(f"BEGIN;\n{script.read_text()}")
                broken = db.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    db.execute("ROLLBACK")
                    raise RuntimeError(f"迁移 {script.name} 破坏了外键引用：{broken[:3]}")
                db.execute(f"PRAGMA user_version = {version}")
                db.execute("COMMIT")
        finally:
            db.execute("PRAGMA foreign_keys = ON")

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
