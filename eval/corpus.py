"""The store the evaluation runs on: the real corpus (when available) and the samples, built
once and reused while none of its inputs changes."""

import hashlib
import os
import shutil
from importlib import resources
from pathlib import Path

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.document import PARSER_VERSION, content_hash
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor, expand
from caiwen.ingest.samples import render_samples
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client

REAL_CORPUS = "CAIWEN_REAL_CORPUS"
DONE = "complete"


def real_corpus() -> Path | None:
    """The published disclosures, when CAIWEN_REAL_CORPUS names them (an error if it names
    nothing)."""
    value = os.environ.get(REAL_CORPUS)
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise FileNotFoundError(f"{REAL_CORPUS}={value} is not a directory")
    return path


def eval_store(cache: Path, real: Path | None, embed_model: str = DEFAULT_EMBED_MODEL) -> Path:
    """The data dir of a store holding the samples (and the real corpus); cached by the content
    hash of every input file and of the ingest code and vocabulary, the parser version and the
    embedding model. An outdated store (of the same corpus) is removed."""
    samples = render_samples(cache / "samples")
    files = sorted(samples) + (expand([real]) if real else [])
    inputs = [*(content_hash(f) for f in files), *(_digest(g) for g in _ingest_files())]
    key = hashlib.sha256("|".join([str(PARSER_VERSION), embed_model, *inputs]).encode())
    mode = "real" if real else "samples"
    data = cache / f"store-{mode}-{key.hexdigest()[:16]}"
    if (data / DONE).exists():
        return data
    for stale in cache.glob(f"store-{mode}-*"):
        shutil.rmtree(stale)
    store = Store.in_dir(data)
    index = VectorIndex(chroma_client(data), load_embedder(embed_model))
    failed = [r for r in Ingestor(store, index).ingest(files) if r.status == "failed"]
    if failed:
        raise RuntimeError(
            f"evaluation corpus did not ingest: {[(r.file, r.error) for r in failed]}"
        )
    (data / DONE).write_text(key.hexdigest())
    return data


def _ingest_files() -> list[Path]:
    """The code and vocabulary ingest runs on: a change to any of them rebuilds the store."""
    prompts, ingest = resources.files("caiwen.prompts"), resources.files("caiwen.ingest")
    code = sorted(Path(str(ingest)).glob("*.py")) + sorted(Path(str(ingest)).glob("*.yaml"))
    return [
        *code,
        Path(str(prompts.joinpath("metrics.yaml"))),
        Path(str(prompts.joinpath("subjects.yaml"))),
    ]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
