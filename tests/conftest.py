"""Fixtures: the real disclosures (CAIWEN_REAL_CORPUS) and the generated samples, each
ingested once per session into a real store (SQLite + Chroma) under a temp directory."""

import os
from pathlib import Path

import pytest

from caiwen.ingest.samples import render_samples
from tests.support import Ingested

REAL_CORPUS = "CAIWEN_REAL_CORPUS"


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """The published disclosures; tests using them skip without the variable and fail when
    it names a directory that does not exist."""
    value = os.environ.get(REAL_CORPUS)
    if not value:
        pytest.skip(f"{REAL_CORPUS} is not set")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"{REAL_CORPUS}={value} is not a directory")
    return path


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    render_samples(out)
    return out


@pytest.fixture(scope="session")
def real(real_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("real-data"), real_corpus)


@pytest.fixture(scope="session")
def sample(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("sample-data"), samples)
