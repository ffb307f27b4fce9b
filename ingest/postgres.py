"""The store on PostgreSQL (psycopg 3): a connection that runs the store's SQL as SQLite's does
(``?`` placeholders, rows read by name or position), migrations under an advisory lock, and
the lexical index ranked by FTS5's own bm25 over the same words."""

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import RowMaker

from caiwen.ingest.dialect import STORE, Schema, migrations
from caiwen.ingest.lexical import fts_tokens

LEXICAL_INDEX = """
CREATE TABLE chunk_terms (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    chunk_id TEXT PRIMARY KEY,
    terms TEXT NOT NULL,
    tokens TEXT NOT NULL,
    length INTEGER NOT NULL
);
CREATE TABLE chunk_words (
    word TEXT NOT NULL,
    chunk_id TEXT NOT NULL REFERENCES chunk_terms (chunk_id) ON DELETE CASCADE,
    hits INTEGER NOT NULL,
    PRIMARY KEY (word, chunk_id)
);
CREATE INDEX chunk_words_chunk ON chunk_words (chunk_id);
"""
"""The lexical index in PostgreSQL, for FTS5's table: the jieba words of a chunk (terms), their
FTS5 tokens in order between spaces (tokens, for phrases) and their number (length), each
token's count (chunk_words); seq is the order of indexing (FTS5's rowid), which breaks ties."""
DDL = [
    (re.compile(r"CREATE VIRTUAL TABLE chunk_terms USING fts5 \([^)]*\);"), LEXICAL_INDEX),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),  # SQLite's REAL has 8 bytes, PostgreSQL's 4
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"(GENERATED ALWAYS AS \(.*\)) VIRTUAL"), r"\1 STORED"),
]
"""A migration written for SQLite as PostgreSQL runs it: the few words that differ."""
MIGRATION_LOCK = 0x0CA1_0001
"""The advisory lock that lets one process at a time migrate the schema."""
K1, B = 1.2, 0.75
"""FTS5's bm25 parameters."""


class Row(tuple):
    """A row read by position or by column name, as ``sqlite3.Row`` is."""

    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _rows(cursor: psycopg.Cursor[Any]) -> RowMaker[Row]:
    names: dict[str, int] = {}
    for i, column in reversed(list(enumerate(cursor.description or []))):
        names[column.name] = i  # the first of two columns of one name wins, as in SQLite

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._names = names
        return row

    return make


def ddl(script: str) -> str:
    """A migration written for SQLite, in PostgreSQL's words (``DDL``)."""
    for pattern, replacement in DDL:
        script = pattern.sub(replacement, script)
    return script


@lru_cache(maxsize=4096)
def placeholders(sql: str) -> str:
    """SQL written for SQLite (``?``) as psycopg takes it (``%s``, a literal ``%`` doubled);
    a ``?`` inside a quoted string stays."""
    out, quoted = [], False
    for char in sql:
        if char == "'":
            quoted = not quoted
        out.append("%%" if char == "%" else "%s" if char == "?" and not quoted else char)
    return "".join(out)


class Connection:
    """A psycopg connection in autocommit mode that runs the store's SQL unchanged."""

    def __init__(self, url: str):
        self.pg = psycopg.connect(url, autocommit=True, row_factory=_rows)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Row]:
        return self.pg.execute(placeholders(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.pg.cursor() as cursor:
                cursor.executemany(placeholders(sql), rows)

    def close(self) -> None:
        self.pg.close()


class PostgreSQL:
    name = "postgresql"
    skip_locked = "FOR UPDATE SKIP LOCKED"
    """How a claim leaves the rows that other transactions hold to them."""

    @classmethod
    def connect(cls, url: str) -> tuple[Connection, "PostgreSQL"]:
        db = Connection(url)
        collation = db.execute(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()"
        ).fetchone()[0]
        if collation not in ("C", "POSIX"):
            db.close()
            raise RuntimeError(
                f"数据库的排序规则是 {collation}，财问需要 C（按字符编码排序，与 SQLite 一致）："
                "CREATE DATABASE … TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
            )
        return db, cls()

    @contextmanager
    def transaction(self, db: Connection) -> Iterator[Connection]:
        with db.pg.transaction():
            yield db

    def migrate(self, db: Connection, schema: Schema = STORE) -> None:
        """Apply the steps above the version in the schema's version table, each in a
        transaction; replicas starting together wait for each other on an advisory lock."""
        table = schema.version_table
        with db.pg.transaction():
            db.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} (version INTEGER NOT NULL)")
            current = db.execute(f"SELECT max(version) FROM {table}").fetchone()[0] or 0
        for version, script in migrations(schema, self.name):
            if version <= current:
                continue
            with db.pg.transaction():
                db.execute("SELECT pg_advisory_xact_lock(?)", [MIGRATION_LOCK])
                done = db.execute(f"SELECT max(version) FROM {table}").fetchone()[0] or 0
                if done >= version:
                    continue
                db.pg.execute(ddl(script.read_text()).encode())
                db.execute(f"INSERT INTO {table} (version) VALUES (?)", [version])

    def add_terms(self, db: Connection, rows: list[tuple[str, list[str]]]) -> None:
        """Index chunks by their words: the words in order (for phrases) and each word's count,
        cut into FTS5's tokens."""
        tokens = {chunk_id: fts_tokens(" ".join(words)) for chunk_id, words in rows}
        db.executemany(
            "INSERT INTO chunk_terms (chunk_id, terms, tokens, length) VALUES (?, ?, ?, ?)",
            [
                (chunk, " ".join(words), f" {' '.join(tokens[chunk])} ", len(tokens[chunk]))
                for chunk, words in rows
            ],
        )
        db.executemany(
            "INSERT INTO chunk_words (chunk_id, word, hits) VALUES (?, ?, ?)",
            [
                (chunk_id, word, hits)
                for chunk_id, found in tokens.items()
                for word, hits in sorted(Counter(found).items())
            ],
        )

    def lexical_search(
        self, db: Connection, words: list[str], limit: int, document_id: str | None
    ) -> list[tuple[str, float]]:
        """(chunk id, FTS5's bm25; lower is better), as SQLite's ``bm25(chunk_terms)`` for the
        query ``"w1" OR "w2" …``: each word a phrase of its tokens, the phrases' terms added in
        the query's order (so the sums are FTS5's to the last bit), ties in the order the
        chunks were indexed."""
        phrases = [" ".join(t) for t in map(fts_tokens, words) if t]
        if not phrases:
            return []
        several = sorted({p for p in phrases if " " in p})
        hits = ["SELECT chunk_id, word, hits FROM chunk_words WHERE word = ANY(?)"]
        params: list[Any] = [phrases, [p for p in phrases if " " not in p]]
        for phrase in several:
            hits.append(
                "SELECT t.chunk_id, ? AS word, regexp_count(t.tokens, ?) AS hits "
                "FROM chunk_terms t JOIN chunk_words w ON w.chunk_id = t.chunk_id AND w.word = ? "
                "WHERE regexp_count(t.tokens, ?) > 0"
            )
            pattern = f" {phrase}(?= )"
            params += [phrase, pattern, phrase.split(" ")[0], pattern]
        scope = "JOIN chunks k ON k.id = h.chunk_id AND k.document_id = ?" if document_id else ""
        rows = db.execute(
            "WITH phrase (word, ord) AS (SELECT * FROM unnest(?::text[]) WITH ORDINALITY), "
            "stats AS (SELECT count(*)::float8 AS n, "
            "coalesce(sum(length), 0)::float8 / greatest(count(*), 1) AS avgdl FROM chunk_terms), "
            f"hit AS ({' UNION ALL '.join(hits)}), "
            "idf AS (SELECT p.word, greatest(ln((s.n - count(h.chunk_id) + 0.5) / "
            "(count(h.chunk_id) + 0.5)), 1e-6::float8) AS idf FROM (SELECT DISTINCT word "
            "FROM phrase) p CROSS JOIN stats s LEFT JOIN hit h ON h.word = p.word "
            "GROUP BY p.word, s.n) "
            "SELECT h.chunk_id, -1.0::float8 * sum(i.idf * ((h.hits * (?::float8 + 1.0::float8)) "
            "/ (h.hits + ?::float8 * (1.0::float8 - ?::float8 + ?::float8 * t.length / s.avgdl))) "
            "ORDER BY p.ord) AS score FROM hit h JOIN idf i ON i.word = h.word "
            "JOIN phrase p ON p.word = h.word "
            f"JOIN chunk_terms t ON t.chunk_id = h.chunk_id CROSS JOIN stats s {scope} "
            "GROUP BY h.chunk_id, t.seq ORDER BY score, t.seq LIMIT ?",
            [*params, K1, K1, B, B, *([document_id] if document_id else []), limit],
        )
        return [(row[0], row[1]) for row in rows]
