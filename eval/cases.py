"""Evaluation cases (eval/cases/*.jsonl): a question, its scope, and what the answer must hold,
written by reading the documents."""

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

CASES_DIR = Path(__file__).with_name("cases")
TYPES = (
    "lookup",
    "yoy",
    "share",
    "budget_vs_actual",
    "breakdown",
    "rank",
    "count",
    "definition",
    "text_reason",
    "unanswerable",
    "followup",
    "ambiguous",
)


class GoldCitation(BaseModel):
    file: str
    page: int | None = None
    where: str | None = None


class Expect(BaseModel):
    numbers: list[float] = Field(default_factory=list)
    tolerance: float = 0.01
    must_mention: list[str] = Field(default_factory=list)
    refuse: bool = False
    citation: GoldCitation | None = None


class CaseScope(BaseModel):
    department: str | None = None
    year: int | None = None
    kind: Literal["预算", "决算"] | None = None


class Case(BaseModel):
    id: str
    question: str
    scope: CaseScope | None = None
    type: Literal[TYPES]  # type: ignore[valid-type]
    expect: Expect
    followup_of: str | None = None
    evidence: str = ""
    document: str | None = None
    """The document the case is about (for the national corpus: its MANIFEST.tsv path)."""
    tags: list[str] = Field(default_factory=list)
    """The classes of question the case exercises (alias, time_word, multipart …)."""

    @property
    def file(self) -> str | None:
        """The file name of the gold citation (a corpus-relative path keeps only its name,
        which is what the store records)."""
        return Path(self.expect.citation.file).name if self.expect.citation else None


class CaseError(ValueError):
    """A case file that does not hold valid cases; the message names the file and line."""


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    """Cases of the given files (default: every file in eval/cases), ids unique, follow-ups
    after the turn they follow."""
    files = paths or sorted(CASES_DIR.glob("*.jsonl"))
    cases: list[Case] = []
    for path in files:
        if not path.is_file():
            raise CaseError(f"{path}: no such case file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                cases.append(Case.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as error:
                raise CaseError(f"{path.name}:{number}: {error}") from error
    _check(cases)
    return cases


def _check(cases: list[Case]) -> None:
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise CaseError(f"duplicate case id {case.id}")
        if case.followup_of and case.followup_of not in seen:
            raise CaseError(f"{case.id} follows {case.followup_of}, which does not come before it")
        seen.add(case.id)
