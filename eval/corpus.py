"""The stores the evaluation runs on, built once and reused while none of their inputs changes:
the generated samples always, the shared corpus (CAIWEN_REAL_CORPUS) and the national corpus
(CAIWEN_NATIONAL_CORPUS) when their variables name them."""

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.document import PARSER_VERSION, content_hash
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor, expand
from caiwen.ingest.rules import RULE_FILES
from caiwen.ingest.samples import render_samples
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client

REAL_CORPUS = "CAIWEN_REAL_CORPUS"
NATIONAL_CORPUS = "CAIWEN_NATIONAL_CORPUS"
DONE = "complete"
RECORDS = "ingest.jsonl"
"""Beside a built store: one `caiwen ingest --json` record per input file."""


def corpus_dir(variable: str) -> Path | None:
    """The directory a corpus variable names (None when unset; an error when it names
    nothing)."""
    value = os.environ.get(variable)
    if not value:
        return None
    path = Path(value)
    if not path.is_dir():
        raise FileNotFoundError(f"{variable}={value} is not a directory")
    return path


def real_corpus() -> Path | None:
    return corpus_dir(REAL_CORPUS)


def national_corpus() -> Path | None:
    return corpus_dir(NATIONAL_CORPUS)


@dataclass(frozen=True)
class Corpora:
    """Which corpora a store holds besides the samples."""

    real: Path | None = None
    national: Path | None = None

    @classmethod
    def from_env(cls) -> "Corpora":
        return cls(real_corpus(), national_corpus())

    @property
    def mode(self) -> str:
        parts = ("samples", "real" if self.real else "", "national" if self.national else "")
        return "-".join(p for p in parts if p)


def eval_store(
    cache: Path, corpora: Corpora | Path | None, embed_model: str = DEFAULT_EMBED_MODEL
) -> Path:
    """The data dir of a store holding the samples and the given corpora; cached by the content
    hash of every input file and of everything ingest derives with (code, vocabulary, prompts),
    the parser version and the embedding model. An outdated store of the same corpora is
    removed. Every file of the samples and the shared corpus must ingest; the national corpus
    holds junk on purpose, so its failures are only recorded (in ingest.jsonl)."""
    if not isinstance(corpora, Corpora):
        corpora = Corpora(real=corpora)
    samples = render_samples(cache / "samples")
    required = sorted(samples) + (expand([corpora.real]) if corpora.real else [])
    crawled = expand([corpora.national]) if corpora.national else []
    inputs = [*(content_hash(f) for f in required + crawled), *map(_digest, _derivation_files())]
    key = hashlib.sha256("|".join([str(PARSER_VERSION), embed_model, *inputs]).encode())
    data = cache / f"store-{corpora.mode}-{key.hexdigest()[:16]}"
    if (data / DONE).exists():
        return data
    for stale in cache.glob(f"store-{corpora.mode}-*"):
        if re.fullmatch(rf"store-{corpora.mode}-[0-9a-f]{{16}}", stale.name):
            shutil.rmtree(stale)  # not store-samples-real-national-… of store-samples-real
    store = Store.in_dir(data)
    index = VectorIndex(chroma_client(data), load_embedder(embed_model))
    results = Ingestor(store, index).ingest(required + crawled)
    with (data / RECORDS).open("w", encoding="utf-8") as out:
        for result in results:
            out.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
    wanted = {str(f) for f in required}
    failed = [r for r in results if r.status == "failed" and r.file in wanted]
    if failed:
        raise RuntimeError(
            f"evaluation corpus did not ingest: {[(r.file, r.error) for r in failed]}"
        )
    (data / DONE).write_text(key.hexdigest())
    return data


def ingest_records(data: Path) -> list[dict[str, object]]:
    """The ingest records of a built evaluation store, one per input file."""
    lines = (data / RECORDS).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _derivation_files() -> list[Path]:
    """What a stored document is derived with — the ingest and domain code and the rule files
    ingest reads (ingest/rules.py): a change to any of them rebuilds the store; a change to how
    answers are worded or planned does not."""
    code = [
        path
        for package in ("caiwen.ingest", "caiwen.domain")
        for path in sorted(Path(str(resources.files(package))).glob("*.py"))
    ]
    rules = [Path(str(resources.files(package).joinpath(name))) for package, name in RULE_FILES]
    return code + rules


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
