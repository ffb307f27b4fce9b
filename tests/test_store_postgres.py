"""The store on PostgreSQL: a real server (tests/postgres.py), the same schema as SQLite, the
same lexical ranking, and the same answers to the same questions."""

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from caiwen.cli import app
from caiwen.eval.cases import load_cases
from caiwen.ingest.lexical import fts_tokens
from caiwen.ingest.store import Store
from caiwen.ingest.transfer import copy_store
from caiwen.service.engine import Engine
from tests.postgres import Cluster
from tests.support import Ingested, same_answers

LEXICAL_INDEX = {"chunk_terms", "chunk_words", "schema_version"}
"""Tables an engine keeps its own way (the lexical index, the schema's version)."""


REAL = "test_the_server_is_real"


def test_the_postgres_variable_fails_when_the_server_binaries_are_missing(tmp_path: Path) -> None:
    env = os.environ | {"CAIWEN_TEST_POSTGRES": "1", "CAIWEN_POSTGRES_BIN": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{REAL}"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "skipped" not in done.stdout, done.stdout
    assert "initdb/pg_ctl are missing" in done.stdout


def test_the_server_is_real(postgres: Cluster) -> None:
    store = Store(Path(postgres.folder) / "unused.sqlite3", postgres.database())
    version = store.db.execute("SELECT current_setting('server_version_num')").fetchone()[0]
    assert int(version) >= 150000
    assert store.counts()["documents"] == 0


def test_both_engines_have_the_same_tables_and_columns(postgres: Cluster, tmp_path: Path) -> None:
    lite = Store(tmp_path / "caiwen.sqlite3")
    pg = Store(tmp_path / "caiwen.sqlite3", postgres.database())
    tables = {
        row[0]
        for row in lite.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row[0].startswith("chunk_terms")
    }
    pg_tables = {
        row[0]
        for row in pg.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
    }
    assert tables == pg_tables - LEXICAL_INDEX
    for table in tables:
        columns = [row["name"] for row in lite.db.execute(f"PRAGMA table_xinfo({table})")]
        pg_columns = [
            row[0]
            for row in pg.db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            )
        ]
        assert columns == pg_columns, table
    float4 = (
        "SELECT count(*) FROM information_schema.columns "
        "WHERE table_schema = 'public' AND data_type = 'real'"
    )
    assert pg.db.execute(float4).fetchone()[0] == 0  # SQLite's REAL has 8 bytes


def test_tokens_are_cut_as_fts5_cuts_them() -> None:
    cut = ["三公经费", "3", "86", "万元", "gdp", "增长"]
    assert fts_tokens("三公经费 3.86 万元 GDP“增长”") == cut


def test_lexical_search_ranks_as_fts5_does(sample: Ingested, sample_pg: Ingested) -> None:
    """Every retrieval question over every sample document (and over all): the same chunks in
    the same order, with the same bm25 scores to the last bit."""
    questions = [c.question for c in load_cases() if c.type in ("text_reason", "definition")]
    questions += ["2018年“三公”经费支出合计3.86万元", "因公出国（境）费"]
    documents = [d.id for d in sample.store.documents()]
    for question in questions:
        for doc in [None, *documents]:
            lite = sample.store.lexical_search(question, 20, doc)
            pg = sample_pg.store.lexical_search(question, 20, doc)
            assert pg == lite, question


def test_the_same_questions_get_the_same_answers(sample: Ingested, sample_pg: Ingested) -> None:
    """Every sample case asked of both stores: the same text, values, citations and calls."""
    assert same_answers(sample, sample.engine, sample_pg.engine, ["samples.jsonl"]) > 150


def test_the_real_corpus_gets_the_same_answers_on_both_engines(
    real: Ingested, postgres: Cluster
) -> None:
    """Every case of the published disclosures, asked of the real corpus's store and of its copy
    in PostgreSQL (``migrate-store``'s copy; the vectors are the same index)."""
    url = postgres.database()
    copy_store(real.store, Store(real.store.path, url))
    engine = Engine(Store(real.store.path, url), real.index, real.settings(database_url=url))
    cases = ["real-juesuan.jsonl", "real-yusuan.jsonl"]
    assert same_answers(real, real.engine, engine, cases) > 400


def test_a_sqlite_store_moves_into_postgresql_whole(sample: Ingested, postgres: Cluster) -> None:
    url = postgres.database()
    moved = CliRunner().invoke(app, ["migrate-store", "--to", url, "--data", str(sample.data)])
    assert moved.exit_code == 0, moved.output
    target = Store(sample.data / "unused.sqlite3", url)
    assert target.counts() == sample.store.counts()
    for doc in sample.store.documents():
        for read in (Store.cells, Store.facts, Store.findings, Store.chunks, Store.sections):
            assert [tuple(r) for r in read(target, doc.id)] == [
                tuple(r) for r in read(sample.store, doc.id)
            ]
        assert target.ocr_pages(doc.id) == sample.store.ocr_pages(doc.id)
    assert target.documents() == sample.store.documents()
    for question in ("三公经费为什么减少", "机关运行经费是指什么"):
        assert target.lexical_search(question) == sample.store.lexical_search(question)
    again = CliRunner().invoke(app, ["migrate-store", "--to", url, "--data", str(sample.data)])
    assert again.exit_code == 1 and "只能迁移到空的数据库" in again.output
