"""What the staff bots (Slack, Mattermost) do with a message: the staff commands (文件, 排名,
导出, 帮助), and everything else as a question to the same chat engine as the widget."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import normalise
from caiwen.ingest.stored import StoredDocument
from caiwen.service.grids import csv_name, grid_csv, table_grid
from caiwen.service.planner import Scope
from caiwen.service.state import Service
from caiwen.service.toolbox import Problem
from caiwen.service.views import with_views

TABLE_NAME_CLOSE = 0.5
"""How alike a requested table name and a table's title must be when neither contains the
other."""


@cache
def bot_text() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("bot.yaml").read_text())


@dataclass
class Reply:
    """A bot's reply: text, and the answer object when the chat engine answered, or a table
    exported as CSV."""

    text: str
    answer: dict[str, Any] | None = None
    lines: list[str] = field(default_factory=list)
    csv: tuple[str, str] | None = None
    """(file name, content) of an exported table."""
    csv_url: str | None = None


class Staff:
    def __init__(self, service: Service):
        self.service = service
        self.words = bot_text()

    def reply(self, message: str, session_id: str) -> Reply:
        """The reply to a message (a command, or a question asked in the session)."""
        command, rest = self._command(message.strip())
        if command == "help":
            return Reply(self.words["help"])
        if command == "documents":
            return self._documents()
        if command == "export":
            return self._export(rest)
        if command == "rank":
            return self._rank(rest, session_id)
        if command == "audit":
            return self._audit(rest, session_id)
        return self._ask(message, session_id)

    def _command(self, message: str) -> tuple[str | None, str]:
        for command, words in self.words["commands"].items():
            for word in words:
                if message == word or message.startswith(word + " "):
                    return command, message[len(word) :].strip()
        return None, message

    def _ask(self, question: str, session_id: str) -> Reply:
        """The chat engine's answer, as the widget gets it (with the citations' views)."""
        with self.service.lock:
            answer = self.service.engine.ask(question, Scope(), session_id)
            data = with_views(answer, self.service.engine.store)
        return Reply(data["answer"], answer=data)

    def _rank(self, rest: str, session_id: str) -> Reply:
        found = re.fullmatch(r"(?P<metric>\S+)\s+(?P<year>(?:19|20)\d{2})", rest)
        if not found:
            return Reply(self.words["usage"]["rank"])
        question = f"{found['year']}年各部门{found['metric']}排名"
        return self._ask(question, session_id)

    def _audit(self, rest: str, session_id: str) -> Reply:
        """核对 <部门> <年份>: the audit's findings, asked of the engine like any question."""
        found = re.fullmatch(r"(?P<department>\S+)\s+(?P<year>(?:19|20)\d{2})", rest)
        if not found:
            return Reply(self.words["usage"]["audit"])
        question = self.words["audit_question"].format(**found.groupdict())
        return self._ask(question, session_id)

    def _documents(self) -> Reply:
        with self.service.lock:
            docs = [d for d in self.service.engine.store.documents() if not d.is_template]
        by_department: dict[str, list[str]] = {}
        for doc in docs:
            by_department.setdefault(doc.department, []).append(f"{doc.year}年{doc.kind}")
        lines = [
            self.words["documents_line"].format(department=d, years="、".join(years))
            for d, years in sorted(by_department.items())
        ]
        return Reply("\n".join(lines), lines=lines)

    def _export(self, rest: str) -> Reply:
        found = re.fullmatch(r"(?P<department>\S+)\s+(?P<year>(?:19|20)\d{2})\s+(?P<name>.+)", rest)
        if not found:
            return Reply(self.words["usage"]["export"])
        with self.service.lock:
            doc = self.service.engine.tools.box.choose(
                found["department"], int(found["year"]), None
            )
            if isinstance(doc, Problem):
                return Reply(doc.message)
            return self._table_csv(doc, found["name"])

    def _table_csv(self, doc: StoredDocument, name: str) -> Reply:
        store = self.service.engine.store
        tables = [t for t in store.tables(doc.id) if t["title"]]
        table = _closest(name, tables)
        if table is None:
            return Reply(
                self.words["no_table"].format(
                    name=name,
                    department=doc.department,
                    year=doc.year,
                    kind=doc.kind,
                    tables="、".join(t["title"] for t in tables),
                )
            )
        grid = table_grid(store, doc, table["id"])
        assert grid is not None
        text = self.words["exported"].format(
            title=grid["title"], department=doc.department, year=doc.year, kind=doc.kind
        )
        url = f"{self.service.settings.public_url.rstrip('/')}/api/documents/{doc.id}"
        return Reply(
            text,
            csv=(csv_name(doc, grid), grid_csv(grid)),
            csv_url=f"{url}/tables/{table['id']}?format=csv",
        )


def _closest(name: str, tables: list[Any]) -> Any | None:
    """The table a name means: one whose title contains it, else the most alike title."""
    key = normalise(name)
    containing = [t for t in tables if key in normalise(t["title"])]
    if containing:
        return min(containing, key=lambda t: len(t["title"]))
    scored = [(SequenceMatcher(None, key, normalise(t["title"])).ratio(), t) for t in tables]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= TABLE_NAME_CLOSE else None
