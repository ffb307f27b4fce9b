"""Where the service remembers what outlives a request — conversations, the rate limit's
buckets, the Slack requests taken and the upload jobs — so that every process (workers,
replicas) agrees: a small SQLite file beside the store (one machine), or the store's
PostgreSQL database. Its schema is service/migrations/."""

from pathlib import Path
from typing import Any

from caiwen.ingest.dialect import Dialect, PerThread, Schema, open_database

STATE = Schema("caiwen.service", "state_version")
STATE_FILE = "sessions.sqlite3"


def open_state(data_dir: Path, database_url: str | None = None) -> tuple[Any, Dialect]:
    """A connection to the service's state (migrated), taking the store's ``?`` SQL, and its
    engine."""
    db, dialect = open_database(data_dir / STATE_FILE, database_url)
    dialect.migrate(db, STATE)
    return PerThread(db, lambda: open_database(data_dir / STATE_FILE, database_url)[0]), dialect
