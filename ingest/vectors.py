"""The Chroma vector index of narrative chunks: an embedded PersistentClient under the data
dir, or a Chroma server (CAIWEN_CHROMA_URL) in a deployment.

One collection per embedding model, so switching CAIWEN_EMBED_MODEL never mixes vectors of
two models; the store is the source of truth and ``sync`` brings the collection in line with
it (embedding what is missing, deleting what no longer exists).
"""

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from caiwen.ingest.embedding import ChromaEmbeddingFunction, Embedder

CHROMA_DIR = "chroma"
BATCH = 64


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
        return chromadb.PersistentClient(path=str(data_dir / CHROMA_DIR), settings=settings)
    parts = urlsplit(url)
    return chromadb.HttpClient(
        host=parts.hostname or "localhost",
        port=parts.port or (443 if parts.scheme == "https" else 8000),
        ssl=parts.scheme == "https",
        settings=settings,
    )


class VectorIndex:
    def __init__(self, client: ClientAPI, embedder: Embedder):
        self.embedder = embedder
        self.collection = client.get_or_create_collection(
            collection_name(embedder.name),
            embedding_function=ChromaEmbeddingFunction(embedder),
            metadata={"hnsw:space": "cosine"},
        )

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
        if ids:
            self.collection.delete(ids=list(ids))

    def query(
        self, text: str, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the k nearest passages."""
        if self.collection.count() == 0:
            return []
        result = self.collection.query(
            query_embeddings=self.embedder.embed([text], "query"),
            n_results=k,
            where=where or None,
            include=["distances"],
        )
        return list(zip(result["ids"][0], result["distances"][0], strict=True))
