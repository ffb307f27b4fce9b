"""Test helpers: an ingested store and lookups that read like the documents do."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import uvicorn
from fastapi import FastAPI

from caiwen.config import DEFAULT_EMBED_MODEL, Settings
from caiwen.eval.cases import CASES_DIR, load_cases
from caiwen.eval.runner import Runner
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import FileResult, Ingestor
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.ingest.text import compact
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.engine import Engine
from caiwen.service.results import ToolResult
from caiwen.service.server import server_config
from caiwen.service.toolbox import Toolbox
from caiwen.service.tools import Tools


def values(result: ToolResult) -> dict[str, Decimal]:
    """A tool result's figures by name."""
    return {v.name: v.value for v in result.values}


@dataclass
class Ingested:
    data: Path
    store: Store
    index: VectorIndex
    results: list[FileResult]
    url: str | None = None
    """The PostgreSQL database of the store and the service's state (None: SQLite in data)."""
    chroma_url: str | None = None
    """The Chroma server of the vector index (None: embedded in data)."""
    _engine: Engine | None = None
    new_database: ClassVar[Callable[[], str] | None] = None
    """Where ``run`` puts a store given no URL: a new PostgreSQL database (CAIWEN_TEST_STORE),
    or SQLite in the data dir (None)."""

    @classmethod
    def run(
        cls, data: Path, *paths: Path, url: str | None = None, chroma_url: str | None = None
    ) -> "Ingested":
        """``paths`` ingested into a store in ``data`` (or the PostgreSQL database at ``url``,
        and the Chroma server at ``chroma_url``)."""
        if url is None and cls.new_database is not None:
            url = cls.new_database()
        store = Store.in_dir(data, url)
        index = VectorIndex(chroma_client(data, chroma_url), load_embedder(DEFAULT_EMBED_MODEL))
        results = Ingestor(store, index).ingest(list(paths))
        return cls(data, store, index, results, url, chroma_url)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.store, self.index, self.settings())
        return self._engine

    def settings(self, **changes: Any) -> Settings:
        own = {"data": self.data, "database_url": self.url, "chroma_url": self.chroma_url}
        return Settings(**(own | changes))

    @property
    def tools(self) -> Tools:
        return Tools(Toolbox(self.store, self.index))

    def ingest(self, *paths: Path) -> list[FileResult]:
        return Ingestor(self.store, self.index).ingest(list(paths))

    def result(self, file_name: str) -> FileResult:
        return next(r for r in self.results if Path(r.file).name == file_name)

    def doc(self, file_name: str) -> StoredDocument:
        doc_id = self.result(file_name).document_id
        assert doc_id, f"{file_name} was not ingested: {self.result(file_name).error}"
        doc = self.store.document(doc_id)
        assert doc is not None
        return doc

    def cells(
        self, doc: StoredDocument, table: str, row: str = "", column: str = "", group: str = ""
    ):
        """Cells of the table titled ``table`` (or, if none is, whose title contains it),
        whose row code or label is ``row``, whose column path ends with ``column``, in the
        side-by-side group ``group``."""
        cells = self.store.cells(doc.id)
        titles = {c["table_title"] or "" for c in cells}
        wanted = {table} if table in titles else {t for t in titles if table in t}
        return [
            c
            for c in cells
            if (c["table_title"] or "") in wanted
            and (not row or c["row_code"] == row or compact(c["row_label"]) == compact(row))
            and c["column_path"].endswith(column)
            and (not group or c["grp"] == group)
        ]

    def value(
        self, doc: StoredDocument, table: str, row: str = "", column: str = "", group: str = ""
    ) -> Decimal:
        """The one figure (in 万元) at this place of the document; fails if ambiguous or empty."""
        found = self.cells(doc, table, row, column, group)
        values = {c["amount"] for c in found}
        seen = [(c["row_label"], c["column_path"], c["amount"]) for c in found]
        assert len(values) == 1, f"{table}/{row}/{column}: {seen}"
        amount = values.pop()
        assert amount is not None, f"{table}/{row}/{column} holds no value"
        return Decimal(amount)

    def chunk_texts(self, doc: StoredDocument) -> list[str]:
        return [row["text"] for row in self.store.chunks(doc.id)]


def same_answers(ingested: Ingested, one: Engine, two: Engine, case_files: list[str]) -> int:
    """How many cases of ``case_files`` (those of the documents ``ingested`` holds) the two
    engines answer alike: the same text, values, citations and calls; fails on the first
    that differs."""
    cases = load_cases([CASES_DIR / name for name in case_files])
    files = {Path(r.file).name for r in ingested.results if r.document_id}
    first, second = Runner(one).run(cases, files), Runner(two).run(cases, files)
    assert len(first.results) == len(second.results)
    for a, b in zip(first.results, second.results, strict=True):
        assert a.answer is not None and b.answer is not None, a.case.id
        assert b.answer.model_dump(exclude={"session_id"}) == a.answer.model_dump(
            exclude={"session_id"}
        ), a.case.id
    return len(first.results)


@contextmanager
def served(app: FastAPI, settings: Settings) -> Iterator[str]:
    """The app under the real server `caiwen serve` runs (uvicorn, with its configuration),
    on a free port of 127.0.0.1, in a thread; yields the base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(server_config(app, settings, "127.0.0.1", port))
    server.config.log_level = "warning"
    thread = threading.Thread(target=server.run, name="caiwen-test-server", daemon=True)
    thread.start()
    for _ in range(300):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
