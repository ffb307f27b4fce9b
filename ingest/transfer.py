"""One store copied into another (a SQLite store into PostgreSQL: ``caiwen migrate-store``):
every table in the order its references need, in one transaction of the target, and the
lexical index rebuilt from the same words in the same order."""

from caiwen.ingest.store import TABLES, Store

BATCH = 5000


class TransferError(ValueError):
    """A copy refused before anything is written; the message says why, in Chinese."""


def copy_store(source: Store, target: Store) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; returns the rows per table,
    checked against the target's counts."""
    if target.db.execute("SELECT count(*) FROM documents").fetchone()[0]:
        raise TransferError("目标数据库里已经有文件：只能迁移到空的数据库")
    copied = {}
    with target.transaction() as db:
        for table in TABLES:
            copied[table] = _copy_table(source, db, table)
        words = source.db.execute("SELECT chunk_id, terms FROM chunk_terms ORDER BY rowid")
        target.dialect.add_terms(db, [(row[0], row[1].split(" ")) for row in words])
        db.execute("UPDATE generation SET n = n + 1")
    counts = target.counts()
    wrong = {t: n for t, n in copied.items() if counts[t] != n}
    if wrong:
        raise TransferError(f"迁移后行数不符：{wrong}")
    return copied


def _copy_table(source: Store, db: object, table: str) -> int:
    columns = [row["name"] for row in source.db.execute(f"PRAGMA table_info({table})")]
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    rows = source.db.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
    total = 0
    while batch := rows.fetchmany(BATCH):
        db.executemany(insert, [tuple(row) for row in batch])  # type: ignore[attr-defined]
        total += len(batch)
    return total
