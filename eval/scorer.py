"""Scoring one answer against its case: figures, words, refusal, citation, fabrication."""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from caiwen.domain.catalogue import catalogue, normalise
from caiwen.eval.cases import Case
from caiwen.service.answer import Answer
from caiwen.service.grounding import numbers_in

_LIST_MARKER = re.compile(r"(?:^|[：；，])\s*\d{1,2}\.\s")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)")
_IDENTIFIER = re.compile(r"[A-Za-z0-9_/]*[A-Za-z][A-Za-z0-9_/]*")  # d1183ea197b15, /api/…
FABRICATION_TOLERANCE = Decimal("0.005")


@dataclass
class Score:
    correct: bool
    missing_numbers: list[float] = field(default_factory=list)
    missing_words: list[str] = field(default_factory=list)
    refusal_ok: bool = True
    citation_hit: bool | None = None
    citation_precision: float | None = None
    fabricated: list[str] = field(default_factory=list)


def score(case: Case, answer: Answer) -> Score:
    expect = case.expect
    text = normalise(answer.answer)
    shown = [abs(n) for n in numbers_in(answer.answer)] + [
        abs(Decimal(str(v.value))) for v in answer.values
    ]
    missing = [
        n
        for n in expect.numbers
        if not any(abs(abs(Decimal(str(n))) - s) <= Decimal(str(expect.tolerance)) for s in shown)
    ]
    words = [w for w in expect.must_mention if normalise(w) not in text]
    refusal_ok = answer.refused == expect.refuse
    return Score(
        correct=not missing and not words and refusal_ok,
        missing_numbers=missing,
        missing_words=words,
        refusal_ok=refusal_ok,
        citation_hit=_citation_hit(case, answer),
        citation_precision=_citation_precision(case, answer),
        fabricated=_fabricated(case, answer),
    )


def _citation_hit(case: Case, answer: Answer) -> bool | None:
    gold = case.expect.citation
    if gold is None or case.expect.refuse:
        return None
    for c in answer.citations:
        quotes = [c.quote, *(p.quote for p in c.places)]
        place = normalise(" ".join(filter(None, (c.table, c.section, *quotes))))
        if c.file != case.file or (gold.page is not None and c.page != gold.page):
            continue
        if gold.where is None or normalise(gold.where) in place:
            return True
    return False


def _citation_precision(case: Case, answer: Answer) -> float | None:
    """The share of the answer's citations that point into the case's document."""
    gold = case.expect.citation
    if gold is None or not answer.citations or case.type == "rank":
        return None
    return sum(c.file == case.file for c in answer.citations) / len(answer.citations)


def _figures_of(text: str) -> str:
    """The text without its years (2026年) and identifiers (a document's id in a link), read
    the same way in the answer and in what it quotes (说明1.2026年 is item 1, not 1.2026)."""
    return _YEAR.sub(" ", _IDENTIFIER.sub(" ", text))


def _fabricated(case: Case, answer: Answer) -> list[str]:
    """Numbers of the answer that come from no tool value (nor the label it is printed under,
    nor its amount in the table's unit), no quoted source or cited title (预算表11), not the
    question and not the gold: made up."""
    allowed: set[Decimal] = {abs(Decimal(str(n))) for n in case.expect.numbers}
    allowed |= {abs(n) for n in numbers_in(case.question)}
    for v in answer.values:
        exact = abs(Decimal(str(v.value)))
        allowed |= {exact, round(exact, 2), Decimal(v.year)}
        allowed |= {abs(n) for n in numbers_in(v.name)}  # a printed label's (12345热线中心)
        allowed |= {abs(n) for n in numbers_in(v.printed or "")}  # in the table's own unit
    for c in answer.citations:
        for quote in (c.quote, c.table, c.section, *(p.quote for p in c.places)):
            allowed |= {abs(n) for n in numbers_in(quote or "")}
            allowed |= {abs(n) for n in numbers_in(_figures_of(quote or ""))}
        allowed.add(Decimal(c.year))
    for name in _numbered_names():  # 单价100万元以上设备数 said by its name: no figure
        if name in answer.answer:
            allowed |= {abs(n) for n in numbers_in(name)}
    text = _figures_of(_LIST_MARKER.sub(" ", answer.answer))
    return [
        f"{n:f}"
        for n in numbers_in(text)
        if not any(abs(abs(n) - a) <= FABRICATION_TOLERANCE for a in allowed)
    ]


@cache
def _numbered_names() -> tuple[str, ...]:
    """The catalogue's names with a number in them (单价100万元以上设备数, 50万元以上设备)."""
    names = (n for m in catalogue().metrics.values() for n in (m.display, *m.names))
    return tuple(sorted({n for n in names if re.search(r"\d", n)}))
