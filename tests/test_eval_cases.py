"""The gold cases themselves: enough of every type, paraphrased, traceable to a document."""

import re
from collections import Counter
from pathlib import Path

import pytest

from caiwen.eval.cases import CASES_DIR, TYPES, CaseError, load_cases

CASES = load_cases()
MIN_PER_TYPE = 15
BASE = re.compile(r"^(?P<base>.+-\d+)[a-z](?:-(?:t)?\d+)?$")
"""Paraphrases share an id up to their letter: wl24-lookup-01a, -01b, -01c (turns add -t2)."""


def test_at_least_250_cases_and_15_of_every_type() -> None:
    counts = Counter(case.type for case in CASES)
    assert len(CASES) >= 250
    assert {t: counts[t] for t in TYPES if counts[t] < MIN_PER_TYPE} == {}


def test_every_base_question_has_at_least_two_paraphrases() -> None:
    bases = Counter(m.group("base") for c in CASES if (m := BASE.match(c.id)) and "-t" not in c.id)
    lone = [c.id for c in CASES if not BASE.match(c.id)]
    assert lone == []
    assert {b: n for b, n in bases.items() if n < 2} == {}


def test_every_case_says_what_proves_it() -> None:
    unproven = [c.id for c in CASES if not c.evidence.strip()]
    assert unproven == []
    answered = [c for c in CASES if not c.expect.refuse and c.type != "ambiguous"]
    assert [c.id for c in answered if c.expect.citation is None] == []


def test_sample_cases_point_at_the_generated_samples(samples: Path) -> None:
    names = {p.name for p in samples.iterdir()}
    cited = {c.file for c in load_cases([CASES_DIR / "samples.jsonl"]) if c.file}
    assert cited <= names


def test_real_cases_cover_every_document_of_the_corpus(real_corpus: Path) -> None:
    files = {p.name for p in real_corpus.iterdir() if p.suffix in (".pdf", ".txt")}
    real = sorted(CASES_DIR.glob("real-*.jsonl"))
    cited = {c.file for c in load_cases(real) if c.file}
    assert cited <= files
    assert files - cited <= {"部门决算公开模板.pdf"}


def test_a_missing_or_broken_case_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="no such case file"):
        load_cases([tmp_path / "none.jsonl"])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x-01a", "question": "?"}\n', encoding="utf-8")
    with pytest.raises(CaseError, match=r"broken\.jsonl:1"):
        load_cases([broken])
