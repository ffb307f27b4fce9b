"""What the latency benchmarks share: a store of the samples (and the published corpus when
$CAIWEN_REAL_CORPUS names it), and the median and 95th percentile of a run."""

import os
import statistics
from pathlib import Path

from caiwen.config import DEFAULT_EMBED_MODEL
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import Ingestor
from caiwen.ingest.samples import render_samples
from caiwen.ingest.store import Store
from caiwen.ingest.vectors import VectorIndex, chroma_client


def ingested(data: Path) -> tuple[Store, VectorIndex]:
    """The samples (and the real corpus) rendered and ingested into ``data``."""
    render_samples(data / "samples")
    sources = [data / "samples"]
    if os.environ.get("CAIWEN_REAL_CORPUS"):
        sources.append(Path(os.environ["CAIWEN_REAL_CORPUS"]))
    store = Store.in_dir(data)
    index = VectorIndex(chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL))
    Ingestor(store, index).ingest(sources)
    return store, index


def stored(data: Path) -> tuple[Store, VectorIndex]:
    """A store already built in ``data`` (an evaluation store of a whole corpus)."""
    return Store.in_dir(data), VectorIndex(chroma_client(data), load_embedder(DEFAULT_EMBED_MODEL))


def percentiles(times: list[float]) -> tuple[float, float]:
    """(median, 95th percentile)."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]
