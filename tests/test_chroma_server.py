"""The vector index on a real Chroma server (`chroma run`, tests/chroma.py) through
CAIWEN_CHROMA_URL: the samples ingested into it, and the same passages found and the same
answers given as with the embedded index."""

from pathlib import Path

import pytest

from caiwen.eval.cases import CASES_DIR, load_cases
from caiwen.ingest.vectors import VectorIndex, chroma_client
from caiwen.service.engine import open_engine
from tests.support import Ingested, same_answers

TEXT_CASES = ("text_reason", "definition")


@pytest.fixture(scope="module")
def served(samples: Path, chroma: str, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    return Ingested.run(tmp_path_factory.mktemp("chroma-server"), samples, chroma_url=chroma)


def test_the_server_holds_the_stores_chunks_and_no_others(served: Ingested, chroma: str) -> None:
    assert served.index.problem() is None
    reopened = VectorIndex(chroma_client(Path("/nonexistent"), chroma), served.index.embedder)
    assert reopened.ids() == served.store.chunk_ids() != set()


def test_the_server_finds_what_the_embedded_index_finds(served: Ingested, sample: Ingested) -> None:
    """The nearest passages of every text question, at the embedded index's distances (passages
    printed alike in two documents tie, and may come in either order)."""
    chunks = sorted(served.store.chunk_ids())
    assert chunks == sorted(sample.store.chunk_ids())
    for case in load_cases([CASES_DIR / "samples.jsonl"]):
        if case.type in TEXT_CASES:
            found = served.index.query(case.question, 5, chunks)
            embedded = dict(sample.index.query(case.question, len(chunks), chunks))
            nearest = sorted(embedded.values())[:5]
            assert [d for _, d in found] == pytest.approx(nearest, abs=1e-5), case.id
            for chunk, distance in found:  # the same passages (in any order where tied)
                assert distance == pytest.approx(embedded[chunk], abs=1e-5), case.id


def test_questions_are_answered_through_caiwen_chroma_url(
    served: Ingested, sample: Ingested
) -> None:
    """The engine the service opens from its settings (CAIWEN_CHROMA_URL) answers every sample
    case as the embedded index's engine does."""
    engine = open_engine(served.settings())
    assert same_answers(served, sample.engine, engine, ["samples.jsonl"]) > 150
