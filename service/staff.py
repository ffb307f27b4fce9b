"""What the staff bots (Slack, Mattermost) do with a message: the staff commands (文件, 排名,
导出, 核对, 帮助), and everything else as a question to the same chat engine as the widget,
kept in the same feedback store. Help and errors are ``private`` (for the asker's eyes only)."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import normalise
from caiwen.ingest.stored import StoredDocument
from caiwen.service.bot_audit import AuditReport, audit_report
from caiwen.service.engine import QuestionError
from caiwen.service.grids import csv_name, grid_csv, table_grid
from caiwen.service.planner import Scope
from caiwen.service.state import Service
from caiwen.service.toolbox import Problem

USAGE = {
    "rank": r"(?P<metric>\S+)\s+(?P<year>(?:19|20)\d{2})",
    "audit": r"(?P<department>\S+)\s+(?P<year>(?:19|20)\d{2})",
    "export": r"(?P<department>\S+)\s+(?P<year>(?:19|20)\d{2})\s+(?P<name>.+)",
}
"""What follows a command's word; anything else gets the command's usage."""
TABLE_NAME_CLOSE = 0.5
"""How alike a requested table name and a table's title must be when neither contains the
other."""


@cache
def bot_text() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("bot.yaml").read_text())


@dataclass
class Reply:
    """A bot's reply: text, and the answer object when the chat engine answered (with its
    ``answer_id`` for 👍 / 👎), or a table exported as CSV."""

    text: str
    answer: dict[str, Any] | None = None
    lines: list[str] = field(default_factory=list)
    csv: tuple[str, str] | None = None
    """(file name, content) of an exported table."""
    csv_url: str | None = None
    private: bool = False
    """Help, usage and errors: shown to the asker only."""
    audit: AuditReport | None = None
    """For 核对: the findings, listed instead of the answer's running text."""


class Staff:
    def __init__(self, service: Service, surface: str):
        """``surface``: slack or mattermost (what 帮助 describes)."""
        self.service = service
        self.surface = surface
        self.words = bot_text()

    def quick(self, message: str) -> Reply | None:
        """The reply that needs no looking up (帮助, or a command's usage), else None."""
        command, rest = self._command(message.strip())
        if command == "help":
            unlinked = [] if self.service.settings.public_url else [self.words["no_public_url"]]
            return Reply("\n".join([self.words["help"][self.surface], *unlinked]), private=True)
        pattern = USAGE.get(command or "")
        if pattern and not re.fullmatch(pattern, rest):
            return Reply(self.words["usage"][command], private=True)
        return None

    def reply(self, message: str, session_id: str) -> Reply:
        """The reply to a message (a command, or a question asked in the session)."""
        quick = self.quick(message)
        if quick is not None:
            return quick
        command, rest = self._command(message.strip())
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
        """The chat engine's answer, as the widget gets it (with the citations' views), kept
        in the feedback store; a question the engine will not take is a private error."""
        try:
            data = self.service.ask(question, Scope(), session_id, session_id)
        except QuestionError as error:
            return Reply(str(error), private=True)
        return Reply(data["answer"], answer=data)

    def _rank(self, rest: str, session_id: str) -> Reply:
        found = re.fullmatch(USAGE["rank"], rest)
        assert found is not None
        question = f"{found['year']}年各部门{found['metric']}排名"
        return self._ask(question, session_id)

    def _audit(self, rest: str, session_id: str) -> Reply:
        """核对 <部门> <年份>: asked of the engine like any question (so the session and the
        feedback store hold it); the document it audited is listed finding by finding."""
        found = re.fullmatch(USAGE["audit"], rest)
        assert found is not None
        reply = self._ask(self.words["audit_question"].format(**found.groupdict()), session_id)
        answered = reply.answer and not reply.answer["refused"]
        calls = reply.answer["tool_calls"] if reply.answer and answered else []
        call = next((c for c in calls if c["name"] == "audit_document"), None)
        if call is None:
            return reply
        box = self.service.engine.tools.box
        args = call["args"]
        doc = box.choose(
            args["department"], args.get("year"), args.get("kind"), level=args.get("level")
        )
        if not isinstance(doc, Problem):
            reply.audit = audit_report(box, doc)
        return reply

    def _documents(self) -> Reply:
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
        found = re.fullmatch(USAGE["export"], rest)
        assert found is not None
        doc = self.service.engine.tools.box.choose(found["department"], int(found["year"]), None)
        if isinstance(doc, Problem):
            return Reply(doc.message, private=True)
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
                ),
                private=True,
            )
        grid = table_grid(store, doc, table["id"])
        assert grid is not None
        text = self.words["exported"].format(
            title=grid["title"], department=doc.department, year=doc.year, kind=doc.kind
        )
        public = self.service.settings.public_url
        return Reply(
            text,
            csv=(csv_name(doc, grid), grid_csv(grid)),
            csv_url=absolute(public, f"/api/documents/{doc.id}/tables/{table['id']}?format=csv"),
        )


def absolute(public_url: str | None, path: str) -> str | None:
    """The link users open (CAIWEN_PUBLIC_URL and the path), or None when it is not set: a
    bare path opens nothing in a chat."""
    return public_url.rstrip("/") + path if public_url else None


def _closest(name: str, tables: list[Any]) -> Any | None:
    """The table a name means: one whose title contains it, else the most alike title."""
    key = normalise(name)
    containing = [t for t in tables if key in normalise(t["title"])]
    if containing:
        return min(containing, key=lambda t: len(t["title"]))
    scored = [(SequenceMatcher(None, key, normalise(t["title"])).ratio(), t) for t in tables]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best and best[0] >= TABLE_NAME_CLOSE else None
