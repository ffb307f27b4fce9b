"""Fixtures: the real disclosures (CAIWEN_REAL_CORPUS) and the generated samples, each
ingested once per session into a real store (SQLite + Chroma) under a temp directory."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from caiwen.eval.corpus import Corpora, eval_store
from caiwen.ingest.sample_web import render_web_page
from caiwen.ingest.samples import document_title, load_spec, render_samples
from tests.chroma import chroma_program, chroma_server
from tests.postgres import Cluster, server_binaries
from tests.support import Ingested

REAL_CORPUS = "CAIWEN_REAL_CORPUS"
NATIONAL_CORPUS = "CAIWEN_NATIONAL_CORPUS"
TEST_POSTGRES = "CAIWEN_TEST_POSTGRES"
TEST_STORE = "CAIWEN_TEST_STORE"
"""``postgresql``: the stores the fixtures ingest are on the test server (CI runs the store and
service tests again so)."""
EVAL_CACHE = Path(".cache/eval")
"""Where `caiwen eval` keeps its stores: a store built by the tests is the one it runs on."""


def corpus(variable: str) -> Path:
    """A corpus directory; tests using it skip without the variable and fail when it names a
    directory that does not exist."""
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"{variable} is not set")
    path = Path(value)
    if not path.is_dir():
        pytest.fail(f"{variable}={value} is not a directory")
    return path


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """The published disclosures of the shared corpus."""
    return corpus(REAL_CORPUS)


@pytest.fixture(scope="session")
def national_corpus() -> Path:
    """The crawled national corpus, junk included (its MANIFEST.tsv says what each file is)."""
    return corpus(NATIONAL_CORPUS)


@pytest.fixture(scope="session")
def national_store(national_corpus: Path) -> Path:
    """The data dir of the evaluation store holding the national corpus (beside the samples
    and, when set, the shared corpus): parsed once, in worker processes, then reused while no
    input changes; its ingest.jsonl holds the record of every file."""
    corpora = Corpora.from_env()
    return eval_store(EVAL_CACHE, Corpora(real=corpora.real, national=national_corpus))


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server; tests using it skip without CAIWEN_TEST_POSTGRES and fail
    when it is set and Debian's server binaries are missing."""
    if not os.environ.get(TEST_POSTGRES):
        pytest.skip(f"{TEST_POSTGRES} is not set")
    bindir = server_binaries()
    if bindir is None:
        pytest.fail(f"{TEST_POSTGRES} is set but PostgreSQL's initdb/pg_ctl are missing")
    with Cluster.running(bindir) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def chroma() -> Iterator[str]:
    """The URL of a real Chroma server (`chroma run`, from the chromadb package the project
    depends on: missing, the tests fail), one per test module: a store and its vector index go
    together, and a second store's ingest would drop the first one's vectors as orphans."""
    program = chroma_program()
    if program is None:
        pytest.fail("the chromadb package's `chroma` command is missing")
    with chroma_server(program) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def store_engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The engine of the stores the fixtures ingest: SQLite, or with CAIWEN_TEST_STORE=postgresql
    a new database of the test server for each."""
    engine = os.environ.get(TEST_STORE, "sqlite")
    if engine not in ("sqlite", "postgresql"):
        pytest.fail(f"{TEST_STORE} is sqlite or postgresql, not {engine!r}")
    if engine == "postgresql":
        cluster: Cluster = request.getfixturevalue("postgres")
        Ingested.new_database = cluster.database
    yield engine
    Ingested.new_database = None


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


@pytest.fixture(scope="session")
def sample_pg(
    samples: Path, postgres: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> Ingested:
    """The samples ingested into PostgreSQL (the kept originals and vectors in a temp dir)."""
    return Ingested.run(tmp_path_factory.mktemp("sample-pg"), samples, url=postgres.database())


@pytest.fixture(scope="session")
def web_page(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    """The 2018 sample published as a web page (a text-format document: no page images)."""
    spec = load_spec("示范区政务服务中心2018决算")
    page = render_web_page(spec, tmp_path_factory.mktemp("web") / f"{document_title(spec)}.html")
    return Ingested.run(tmp_path_factory.mktemp("web-data"), page)
