"""Test helpers: an ingested store and lookups that read like the documents do."""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from caiwen.config import DEFAULT_EMBED_MODEL, Settings
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import FileResult, Ingestor
from caiwen.ingest.store import Store
from caiwen.ingest.stored import StoredDocument
from caiwen.ingest.text import compact
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.engine import Engine
from caiwen.service.results import ToolResult
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
    _engine: Engine | None = None

    @classmethod
    def run(cls, data: Path, *paths: Path) -> "Ingested":
        store = Store.in_dir(data)
        index = VectorIndex(chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL))
        results = Ingestor(store, index).ingest(list(paths))
        return cls(data, store, index, results)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.store, self.index, Settings(data=self.data))
        return self._engine

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
