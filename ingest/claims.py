"""paragraph → claims: what a paragraph of the narrative asserts about its own amounts, read for
the audit.

“年初预算为120.00万元，支出决算为118.50万元，决算数大于预算数” holds two amounts, each with the
role the words before it give (预算 → budget, 决算 → actual, 上年 → previous, after 增加/减少 a
change; the document's own figures are its level), and a relation between two roles (actual >
budget). “比上年增加 X 万元” is a relation of the level to last year's. Completion rates (完成预算的
X%), shares (占 X%) and the direction a reason implies (主要原因是压减了…) are claims too. The
words are in prompts/audit.yaml (claims) and prompts/metrics.yaml (facts: comparison bases,
directions, shares); the checks are in ingest/claim_checks.py.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.ingest.finding import audit_rules

_SENTENCE_END = re.compile(r"[。；;！？!?]")


@dataclass(frozen=True)
class Amount:
    value: Decimal
    """In 万元."""
    written: str
    role: str
    """budget | actual | previous | level (the document's own figure) | change | carried"""
    label: str
    """The words before it in its clause: what it is the amount of."""
    half: Decimal
    """Half a unit of its last written digit, in 万元: how far rounding may have moved it."""
    start: int
    end: int


@dataclass(frozen=True)
class Relation:
    """Two roles compared (a against b), the sign the words give a − b (1, −1, 0), whether 0
    holds only roughly (基本持平), and a difference stated with them."""

    a: str
    b: str
    sign: int
    roughly: bool
    words: str
    start: int
    end: int
    delta: Amount | None = None


@dataclass(frozen=True)
class Rate:
    """A completion rate (完成预算的 X%) or a share (占 X%), with the whole its words name."""

    kind: str
    percent: Decimal
    whole: str
    start: int
    end: int


@dataclass(frozen=True)
class Reason:
    """A stated reason (主要原因是…) whose words all point one way."""

    sign: int
    words: str
    start: int


@dataclass
class Reading:
    text: str
    amounts: list[Amount] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    bounds: list[int] = field(default_factory=lambda: [0])
    """Where a new subject begins (其中, an enumerated item): amounts are not looked for across."""

    def sentence(self, position: int) -> str:
        """The sentence holding a position, as quoted."""
        start = max((m.end() for m in _SENTENCE_END.finditer(self.text, 0, position)), default=0)
        end = _SENTENCE_END.search(self.text, position)
        return self.text[start : end.end() if end else len(self.text)].strip()

    def before(self, position: int, role: str) -> Amount | None:
        """The nearest amount of a role before a position, within its subject."""
        bound = max(b for b in self.bounds if b <= position)
        found = [a for a in self.amounts if bound <= a.start < position and a.role == role]
        return found[-1] if found else None

    def stated_before(self, position: int) -> list[Amount]:
        """Every amount (not a change) stated before a position, nearest first."""
        return [a for a in reversed(self.amounts) if a.start < position and a.role != "change"]

    def relation_before(self, position: int) -> Relation | None:
        bound = max(b for b in self.bounds if b <= position)
        found = [r for r in self.relations if bound <= r.start < position]
        return found[-1] if found else None


@dataclass(frozen=True)
class _Words:
    amount: re.Pattern[str]
    units: dict[str, Decimal]
    clause: re.Pattern[str]
    roles: list[tuple[str, re.Pattern[str]]]
    role_noise: re.Pattern[str]
    carried: re.Pattern[str]
    compared: re.Pattern[str]
    with_base: re.Pattern[str]
    signs: dict[str, int]
    roughly: re.Pattern[str]
    change: re.Pattern[str]
    completion: re.Pattern[str]
    share: re.Pattern[str]
    share_noise: re.Pattern[str]
    not_share: re.Pattern[str]
    reason: re.Pattern[str]
    negated: re.Pattern[str]
    reason_more: re.Pattern[str]
    reason_of_base: re.Pattern[str]
    reason_signs: list[tuple[int, re.Pattern[str]]]
    bound: re.Pattern[str]


@cache
def _words() -> _Words:
    raw: dict[str, Any] = audit_rules()["claims"]
    facts = yaml.safe_load(resources.files("caiwen.prompts").joinpath("metrics.yaml").read_text())[
        "facts"
    ]
    signs = {w: int(s) for s, words in raw["relation_words"].items() for w in words}
    signs |= dict.fromkeys(facts["increase"], 1) | dict.fromkeys(facts["decrease"], -1)
    compared = raw["relation_words"]["1"] + raw["relation_words"]["-1"]
    verbs = "|".join(sorted(compared, key=len, reverse=True))
    flat = "|".join(raw["relation_words"]["0"])
    side = raw["side"]
    directions = "|".join(facts["increase"] + facts["decrease"])
    return _Words(
        amount=re.compile(raw["amount"]),
        units={unit: Decimal(str(scale)) for unit, scale in raw["units"].items()},
        clause=re.compile(raw["clause"]),
        roles=[(role, re.compile(p)) for role, p in raw["roles"].items()],
        role_noise=re.compile(raw["role_noise"]),
        carried=re.compile(raw["carried"]),
        compared=re.compile(rf"(?P<a>{side})(?P<rel>{verbs})(?P<b>{side})"),
        with_base=re.compile(
            rf"(?P<a>{side})?(?:与|和|同|比|较)(?P<b>{side})(?:相比)?[，,]?(?P<rough>基本)?"
            rf"(?P<rel>{verbs}|{flat})"
        ),
        signs=signs,
        roughly=re.compile(raw["roughly"]),
        change=re.compile(rf"{facts['comparison']}[，,]?\s*(?P<dir>{directions})了?"),
        completion=re.compile(raw["completion"]),
        share=re.compile(facts["share"]),
        share_noise=re.compile(facts["share_of_noise"]),
        not_share=re.compile(raw["not_share"]),
        reason=re.compile(raw["reason"]),
        negated=re.compile(raw["negated"]),
        reason_more=re.compile(raw["reason_more"]),
        reason_of_base=re.compile(raw["reason_of_base"]),
        reason_signs=[(1, re.compile(raw["reason_up"])), (-1, re.compile(raw["reason_down"]))],
        bound=re.compile(raw["bound"]),
    )


def read_claims(text: str, year: int, kind: str) -> Reading:
    """The claims of one paragraph of a document of this year and kind."""
    words = _words()
    reading = Reading(text)
    reading.bounds += [m.start() for m in words.bound.finditer(text)]
    reading.amounts = list(_amounts(text, year, kind, words))
    relations = [*_relations(text, year, kind, words), *_changes(reading, year, kind, words)]
    reading.relations = sorted(relations, key=lambda r: r.start)
    reading.rates = [
        Rate("completion", Decimal(m["num"]), m["of"], m.start(), m.end())
        for m in words.completion.finditer(text)
    ] + [
        Rate("share", Decimal(m["num"]), words.share_noise.sub("", m["of"] or ""), *m.span())
        for m in words.share.finditer(text)
        if not words.not_share.match(text, m.end())
    ]
    reading.reasons = list(_reasons(text, words))
    return reading


def _amounts(text: str, year: int, kind: str, words: _Words) -> Iterator[Amount]:
    for match in words.amount.finditer(text):
        number = Decimal(match["num"].replace(",", ""))
        scale = words.units[match["unit"]]
        clause = max((m.end() for m in words.clause.finditer(text, 0, match.start())), default=0)
        label = text[clause : match.start()]
        change = any(label.rstrip("了 ").endswith(w) for w, s in words.signs.items() if s)
        yield Amount(
            value=number * scale,
            written=match.group(0),
            role="change" if change else role_of(label, year, kind),
            label=label,
            half=Decimal(5).scaleb(number.as_tuple().exponent - 1) * scale,  # type: ignore[operator]
            start=match.start(),
            end=match.end(),
        )


def role_of(words: str, year: int, kind: str) -> str:
    """What the words before an amount, or a side of a comparison, name: last year's figure,
    a budget or an actual one, or (the document's own: 预算 in a budget, 决算 in a final account,
    本年, no word at all) its level."""
    if _words().carried.search(words):
        return "carried"
    if re.search(rf"(?<!\d){year - 1}\s*年", words):
        return "previous"
    words = _words().role_noise.sub("", words)
    for role, pattern in _words().roles:
        if pattern.search(words):
            own = {"预算": "budget", "决算": "actual"}[kind]
            return "level" if role in (own, "current") else role
    return "level"


def _relations(text: str, year: int, kind: str, words: _Words) -> Iterator[Relation]:
    """“决算数小于预算数”, “本年数与上年数持平”, “与上年持平”: two sides and the word between."""
    taken: list[tuple[int, int]] = []
    for pattern in (words.compared, words.with_base):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            a, b = role_of(match["a"] or "", year, kind), role_of(match["b"], year, kind)
            if a == b:
                continue
            taken.append((match.start(), match.end()))
            yield Relation(
                a,
                b,
                words.signs[match["rel"]],
                bool(words.roughly.search(match.group(0))),
                match.group(0),
                match.start(),
                match.end(),
            )


def _changes(reading: Reading, year: int, kind: str, words: _Words) -> Iterator[Relation]:
    """“比上年增加 X 万元”: the level against the base the words name, with the difference
    stated right after."""
    for match in words.change.finditer(reading.text):
        base = role_of(match["base"], year, kind)
        if base == "level" or any(r.start <= match.start() < r.end for r in reading.relations):
            continue
        delta = next(
            (a for a in reading.amounts if match.end() <= a.start <= match.end() + 2), None
        )
        yield Relation(
            "level",
            base,
            words.signs[match["dir"]],
            False,
            match.group(0) + (delta.written if delta else ""),
            match.start(),
            match.end(),
            delta,
        )


def _reasons(text: str, words: _Words) -> Iterator[Reason]:
    """Each 主要原因 clause (to the end of its sentence; not a list, 一是…；二是…) whose
    direction words all point one way (negated ones, 未增加, left out)."""
    for match in words.reason.finditer(text):
        end = _SENTENCE_END.search(text, match.end())
        if end and words.reason_more.match(text, end.end()):
            continue  # a list of reasons (一是…；二是…): its direction is its amounts', not words'
        body = text[match.end() : end.start() if end else len(text)]
        if words.reason_of_base.match(body):
            continue  # 2025年执行数中含追加的…: what the base held, no direction of the change
        plain = words.negated.sub("", body)
        signs = {sign for sign, pattern in words.reason_signs if pattern.search(plain)}
        if len(signs) == 1:
            yield Reason(signs.pop(), body, match.start())
