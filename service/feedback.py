"""What the product learns from its visitors: every answer given over the API or in the bots
(the question, its scope, the plan and the answer object), and the 👍 / 👎 (with an optional
comment) given to it; kept in a small SQLite file beside the store, with versioned migrations.

The unanswered ones (disliked, refused, or answered with a question back) become draft eval
cases (``caiwen feedback --unanswered --export cases.jsonl``) for a person to complete with
the gold figures."""

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from caiwen.ingest.dialect import PerThread
from caiwen.ingest.schema import connect
from caiwen.service.answer import Answer
from caiwen.service.plan import Scope

FEEDBACK_FILE = "feedback.sqlite3"
MIGRATIONS = [
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        asked REAL NOT NULL,
        session_id TEXT NOT NULL,
        question TEXT NOT NULL,
        scope TEXT NOT NULL,
        plan TEXT NOT NULL,
        answer TEXT NOT NULL,
        refused INTEGER NOT NULL,
        asks_back INTEGER NOT NULL
    );
    CREATE TABLE ratings (
        answer_id INTEGER PRIMARY KEY REFERENCES answers (id),
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        comment TEXT NOT NULL DEFAULT '',
        rated REAL NOT NULL
    );
    """,
]
"""Migration n takes the file from user_version n to n + 1; never edit one, add the next."""
ASKS_BACK = frozenset({"ambiguous", "need_department", "unknown_department"})
"""The operations whose answer is a question back to the asker (which one? which department?)."""
CASE_TYPES = {
    "value": "lookup",
    "several": "lookup",
    "sum": "lookup",
    "average": "lookup",
    "prior_year": "lookup",
    "count": "count",
    "yoy": "yoy",
    "share": "share",
    "budget_vs_actual": "budget_vs_actual",
    "execution_rank": "budget_vs_actual",
    "breakdown": "breakdown",
    "rank": "rank",
    "rank_within": "rank",
    "definition": "definition",
    "reason": "text_reason",
    "units": "breakdown",
    "ambiguous": "ambiguous",
    "need_department": "ambiguous",
    "unknown_department": "ambiguous",
    "undisclosed": "unanswerable",
    "filed": "unanswerable",
}
"""The eval case type (eval/cases.py) of a plan's operation; any other drafts as a lookup."""
Rating = Literal["up", "down"]


class FeedbackError(ValueError):
    """Feedback that cannot be stored (an answer that is not this session's); in Chinese."""


@dataclass(frozen=True)
class Entry:
    """An answer with what the asker said of it."""

    id: int
    asked: float
    session_id: str
    question: str
    scope: dict[str, Any]
    plan: dict[str, Any]
    answer: dict[str, Any]
    refused: bool
    asks_back: bool
    rating: Rating | None
    comment: str

    @property
    def why(self) -> str:
        """Why it is unanswered: 👎, refused, or asked back (empty for a liked answer)."""
        if self.rating == "down":
            return "disliked"
        return "refused" if self.refused else "asks_back" if self.asks_back else ""

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "asked": self.asked,
            "question": self.question,
            "scope": self.scope,
            "intent": self.plan.get("intent"),
            "answer": self.answer.get("answer", ""),
            "refused": self.refused,
            "asks_back": self.asks_back,
            "rating": self.rating,
            "comment": self.comment,
            "why": self.why,
        }

    def draft_case(self) -> dict[str, Any]:
        """A draft eval case (eval/cases.py): the question and its scope as asked; what the
        answer must hold is for a person to write from the documents."""
        return {
            "id": f"feedback-{self.id}",
            "question": self.question,
            "scope": {k: v for k, v in self.scope.items() if v is not None} or None,
            "type": CASE_TYPES.get(self.plan.get("intent", ""), "lookup"),
            "expect": {"numbers": [], "must_mention": [], "refuse": False},
            "evidence": f"TODO: 从原文核对金额（{self.why}：{self.comment or '无说明'}）",
            "tags": ["feedback", self.why],
        }


class Feedback:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = PerThread(connect(path), lambda: connect(path))
        self._migrate()

    @classmethod
    def in_dir(cls, data_dir: Path) -> "Feedback":
        return cls(data_dir / FEEDBACK_FILE)

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    def record(self, question: str, scope: Scope, plan: dict[str, Any], answer: Answer) -> int:
        """Keep an answer as given; its id (the answer_id the feedback refers to)."""
        cursor = self.db.execute(
            "INSERT INTO answers (asked, session_id, question, scope, plan, answer, refused,"
            " asks_back) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                time.time(),
                answer.session_id,
                question,
                json.dumps(asdict(scope), ensure_ascii=False),
                json.dumps(plan, ensure_ascii=False, default=str),
                answer.model_dump_json(),
                int(answer.refused),
                int(plan.get("intent") in ASKS_BACK),
            ],
        )
        return int(cursor.lastrowid or 0)

    def rate(self, answer_id: int, session_id: str, rating: Rating, comment: str = "") -> None:
        """👍 or 👎 (the last one counts) on an answer of the asker's session."""
        row = self.db.execute(
            "SELECT 1 FROM answers WHERE id = ? AND session_id = ?", [answer_id, session_id]
        ).fetchone()
        if row is None:
            raise FeedbackError("找不到这条回答（或它不属于当前对话）。")
        self.db.execute(
            "INSERT INTO ratings (answer_id, rating, comment, rated) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (answer_id) DO UPDATE SET rating = excluded.rating,"
            " comment = excluded.comment, rated = excluded.rated",
            [answer_id, rating, comment.strip(), time.time()],
        )

    def entries(self, unanswered: bool = False) -> list[Entry]:
        """The rated answers, newest first; ``unanswered``: the disliked ones, the refusals and
        the questions asked back, rated or not."""
        where = (
            "r.rating = 'down' OR a.refused OR a.asks_back"
            if unanswered
            else "r.rating IS NOT NULL"
        )
        rows = self.db.execute(
            "SELECT a.id, a.asked, a.session_id, a.question, a.scope, a.plan, a.answer,"
            " a.refused, a.asks_back, r.rating, COALESCE(r.comment, '')"
            f" FROM answers a LEFT JOIN ratings r ON r.answer_id = a.id WHERE {where}"
            " ORDER BY a.id DESC"
        ).fetchall()
        return [
            Entry(
                id=row[0],
                asked=row[1],
                session_id=row[2],
                question=row[3],
                scope=json.loads(row[4]),
                plan=json.loads(row[5]),
                answer=json.loads(row[6]),
                refused=bool(row[7]),
                asks_back=bool(row[8]),
                rating=row[9],
                comment=row[10],
            )
            for row in rows
        ]
