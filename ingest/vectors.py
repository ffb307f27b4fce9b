"""The Chroma vector index of narrative chunks: an embedded PersistentClient under the data
dir, or a Chroma server (CAIWEN_CHROMA_URL) in a deployment.

One collection per embedding model, so switching CAIWEN_EMBED_MODEL never mixes vectors of
two models; the store is the source of truth and ``sync`` brings the collection in line with
it (embedding what is missing, deleting what no longer exists).
"""

import fcntl
import hashlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from caiwen.ingest.embedding import ChromaEmbeddingFunction, Embedder

CHROMA_DIR = "chroma"
LOCK_FILE = "caiwen.lock"
CHROMA_FILE = "chroma.sqlite3"
"""The embedded index's database (Chroma's name for it)."""
BATCH = 64
DELETE_BATCH = 5000


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    metadata: dict[str, Any]


def collection_name(spec: str) -> str:
    """A valid Chroma collection name for an embedding model spec."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", spec).strip("-._")[:40] or "model"
    return f"chunks-{safe}-{hashlib.sha1(spec.encode()).hexdigest()[:8]}"


def chroma_client(data_dir: Path, url: str | None = None) -> ClientAPI:
    """An embedded client under the data dir, or a Chroma server's when ``url`` is given."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not url:
        with _one_at_a_time(data_dir / CHROMA_DIR):
            return chromadb.PersistentClient(path=str(data_dir / CHROMA_DIR), settings=settings)
    parts = urlsplit(url)
    return chromadb.HttpClient(
        host=parts.hostname or "localhost",
        port=parts.port or (443 if parts.scheme == "https" else 8000),
        ssl=parts.scheme == "https",
        settings=settings,
    )


@contextmanager
def _one_at_a_time(directory: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on the embedded index's directory: Chroma creates its schema and
    collections unsafely when processes open a new index at once (``table collections already
    exists``, ``database is locked``). A Chroma server (no directory) orders this itself."""
    if directory is None:
        yield
        return
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file: another file, or none, at the same path differs."""
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _persist_directory(client: ClientAPI) -> Path | None:
    settings = client.get_settings()
    return Path(settings.persist_directory) if settings.is_persistent else None


class VectorIndex:
    def __init__(self, client: ClientAPI, embedder: Embedder):
        self.embedder = embedder
        self.directory = _persist_directory(client)
        self._opened = file_identity(self.directory / CHROMA_FILE) if self.directory else None
        with _one_at_a_time(self.directory):
            self.collection = client.get_or_create_collection(
                collection_name(embedder.name),
                embedding_function=ChromaEmbeddingFunction(embedder),
                metadata={"hnsw:space": "cosine"},
            )

    def problem(self) -> str | None:
        """Why the index cannot be served from (its files moved away or replaced under the
        running process, or it does not answer), or None."""
        if (
            self.directory is not None
            and file_identity(self.directory / CHROMA_FILE) != self._opened
        ):
            return f"向量索引文件已被移走或替换（{self.directory}）"
        try:
            self.collection.count()
        except Exception as error:
            return f"向量索引不响应（{type(error).__name__}: {error}）"
        return None

    def count(self) -> int:
        """How many passages are indexed (also: whether the index answers at all)."""
        return self.collection.count()

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def add(self, passages: Sequence[Passage]) -> None:
        for start in range(0, len(passages), BATCH):
            batch = passages[start : start + BATCH]
            texts = [p.text for p in batch]
            self.collection.add(
                ids=[p.id for p in batch],
                documents=texts,
                embeddings=self.embedder.embed(texts, "passage"),
                metadatas=[p.metadata for p in batch],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), DELETE_BATCH):
            self.collection.delete(ids=list(ids[start : start + DELETE_BATCH]))

    def drop_orphans(self, committed: set[str]) -> int:
        """Delete the vectors whose chunk is not committed in the store; how many there were."""
        orphans = sorted(self.ids() - committed)
        self.delete(orphans)
        return len(orphans)

    def query(
        self, text: str, k: int, among: Sequence[str], where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the k nearest passages among the chunks ``among``
        (the committed chunks a reader may cite: a vector whose chunk was never committed, left
        by an ingest killed before its transaction, is never returned)."""
        if not among or self.collection.count() == 0:
            return []
        result = self.collection.query(
            query_embeddings=self.embedder.embed([text], "query"),
            ids=list(among),
            n_results=min(k, len(among)),
            where=where or None,
            include=["distances"],
        )
        return list(zip(result["ids"][0], result["distances"][0], strict=True))
