"""Server-side conversation sessions: the turns of a session_id, bounded and expiring, kept in
the service's state database (service/statedb.py: a small SQLite file beside the store, or
PostgreSQL), so the CLI, every server worker and every replica share them.

Each surface keeps its sessions in its own namespace (``web:…``, ``cli:…``, ``slack:…``,
``mattermost:…``), so an id given on one surface never reads or extends another's
conversation; web ids are issued by the server and cannot be guessed.
"""

import json
import secrets
import time
from pathlib import Path
from typing import Any

from caiwen.service.chores import Chore
from caiwen.service.statedb import open_state


class Sessions:
    def __init__(
        self, db: Any, ttl_seconds: int = 7200, max_sessions: int = 10000, max_turns: int = 10
    ):
        self.db = db
        self.ttl, self.max_sessions, self.max_turns = ttl_seconds, max_sessions, max_turns
        self.pruning = Chore()

    @classmethod
    def in_dir(cls, data_dir: Path, database_url: str | None = None, **limits: int) -> "Sessions":
        return cls(open_state(data_dir, database_url)[0], **limits)

    @staticmethod
    def new_id() -> str:
        """An unguessable id (192 random bits)."""
        return secrets.token_urlsafe(24)

    def issued(self, surface: str, session_id: str | None) -> str:
        """``session_id`` if it names a live session of this surface, else a new id: a client
        continues only a conversation the server gave it the id of."""
        if session_id and self.turns(surface_key(surface, session_id)):
            return session_id
        return self.new_id()

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """The session's turns, oldest first; none when it is unknown or expired."""
        row = self.db.execute(
            "SELECT turns FROM sessions WHERE id = ? AND updated >= ?",
            [session_id, time.time() - self.ttl],
        ).fetchone()
        return json.loads(row[0]) if row else []

    def add(self, session_id: str, turn: dict[str, Any]) -> None:
        turns = [*self.turns(session_id), turn][-self.max_turns :]
        now = time.time()
        self.db.execute(
            "INSERT INTO sessions (id, updated, turns) VALUES (?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET updated = excluded.updated, turns = excluded.turns",
            [session_id, now, json.dumps(turns, ensure_ascii=False, default=str)],
        )
        if self.pruning.due():
            self._prune(now)

    def reset(self, session_id: str) -> bool:
        """Forget the session's turns (a new conversation starts under the same id); whether
        there was anything to forget."""
        return self.db.execute("DELETE FROM sessions WHERE id = ?", [session_id]).rowcount > 0

    def _prune(self, now: float) -> None:
        """Forget expired sessions, and the oldest beyond the most kept (both by the index on
        ``updated``: a full sort per turn made every answer 17 ms slower at 2,000 sessions).
        Done once a chore period per process, so the table may hold more than the most kept by
        the sessions started meanwhile; an expired one is never read (``turns``)."""
        self.db.execute("DELETE FROM sessions WHERE updated < ?", [now - self.ttl])
        oldest_kept = self.db.execute(
            "SELECT updated FROM sessions ORDER BY updated DESC LIMIT 1 OFFSET ?",
            [self.max_sessions - 1],
        ).fetchone()
        if oldest_kept:
            self.db.execute("DELETE FROM sessions WHERE updated < ?", [oldest_kept[0]])


def surface_key(surface: str, session_id: str) -> str:
    """The stored id of a surface's session."""
    return f"{surface}:{session_id}"
