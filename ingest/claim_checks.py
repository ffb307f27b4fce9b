"""The audit's checks of what the narrative says about its own amounts (ingest/claims.py):
comparison words, completion rates, shares and the direction of stated reasons."""

import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from caiwen.domain.catalogue import Metric, normalise
from caiwen.domain.locate import find_cell, group_tables
from caiwen.ingest.claims import Amount, Rate, Reading, Relation, read_claims
from caiwen.ingest.finding import (
    Audited,
    Finding,
    Side,
    audit_rules,
    cell_side,
    fmt,
    grade_rate,
    message,
    places,
    ratio_range,
    sentence_side,
    tolerance,
)

_HALF_CELL = Decimal("0.005")
"""Half a unit of a table's last printed digit (0.01 万元)."""


def _readings(doc: Audited) -> Iterator[tuple[sqlite3.Row, Reading]]:
    for paragraph in doc.paragraphs:
        yield paragraph, read_claims(paragraph["text"], doc.year, doc.kind)


def check_comparisons(doc: Audited) -> Iterator[Finding]:
    """Comparison words (大于, 小于, 持平, 比上年增加 X 万元 …) against the two amounts the
    paragraph states for what they compare."""
    for paragraph, reading in _readings(doc):
        for relation in reading.relations:
            a = reading.before(relation.start, relation.a)
            b = reading.before(relation.start, relation.b)
            if a is None or b is None or _sides_apart(reading, relation, a, b):
                continue
            graded = _grade_relation(relation, a, b)
            if graded is None:
                continue
            grade, actual = graded
            yield Finding(
                "narrative.comparison",
                "",
                message(
                    "narrative.comparison",
                    words=relation.words,
                    a_name=_role_name(relation.a, doc),
                    b_name=_role_name(relation.b, doc),
                    a=fmt(a.value),
                    b=fmt(b.value),
                    actual=actual,
                ),
                _sides(paragraph, reading, relation.start, a, b),
                rounding=grade == "rounding",
            )


def _sides_apart(reading: Reading, relation: Relation, a: Amount, b: Amount) -> bool:
    """A side stated outside the comparison's own sentence: another subject's (“…购置支出…上年
    预算数为0万元；运行维护费支出424.80万元，比上年预算数减少32.00万元”; “…项目49.50万元，用于…；
    …项目上年结转66.73万元，用于…。较2025年年初预算增加569.63万元”)."""
    own = reading.sentence(relation.start)
    return any(reading.sentence(side.start) != own for side in (a, b))


def _grade_relation(relation: Relation, a: Amount, b: Amount) -> tuple[str, str] | None:
    """(error | rounding, what the amounts say) when the words do not fit them."""
    said = audit_rules()["claims"]["relation_said"]
    gap, slack = a.value - b.value, a.half + b.half
    sign = (gap > 0) - (gap < 0)
    if relation.sign == 0:
        within = Decimal(str(audit_rules()["claims"]["roughly_within"])) * max(a.value, b.value)
        if gap == 0 or (relation.roughly and abs(gap) <= within):
            return None
        grade = "rounding" if abs(gap) <= max(slack, tolerance()) else "error"
        return grade, said[str(sign)]
    if sign != relation.sign:
        grade = "rounding" if abs(gap) <= slack else "error"
        return grade, said[str(sign)]
    if relation.delta is None:
        return None
    stated = relation.delta.value
    if abs(abs(gap) - stated) <= relation.delta.half + slack:
        return None
    grade = "rounding" if abs(abs(gap) - stated) <= tolerance() else "error"
    return grade, said["gap"].format(gap=fmt(abs(gap)))


def _role_name(role: str, doc: Audited) -> str:
    names = audit_rules()["claims"]["role_names"]
    return names.get(f"{role}_{doc.kind}", names.get(role, role))


def _sides(paragraph: sqlite3.Row, reading: Reading, position: int, *amounts: Amount) -> list[Side]:
    """The sentence that claims, then the sentences that state its amounts (once each)."""
    claim = reading.sentence(position)
    stated = [reading.sentence(a.start) for a in amounts]
    values = [a.written for a in amounts]
    sides = [sentence_side(paragraph, claim)]
    for quote in dict.fromkeys(stated):
        value = "、".join(v for v, q in zip(values, stated, strict=True) if q == quote)
        sides.append(sentence_side(paragraph, quote, value))
    return sides


def check_completion(doc: Audited) -> Iterator[Finding]:
    """完成预算的 X% recomputed from the actual and the budget amounts the paragraph states
    (with any budget it states when it names more than one: 年初预算, 全年预算)."""
    if doc.kind != "决算":
        return
    for paragraph, reading in _readings(doc):
        for rate in (r for r in reading.rates if r.kind == "completion"):
            actual = reading.before(rate.start, "level")
            budgets = _budgets(reading, rate)
            if actual is None or not budgets:
                continue
            graded = _grade_share(
                rate.percent, (actual.value, actual.half), [(b.value, b.half) for b in budgets]
            )
            if graded is None:
                continue
            grade, closest = graded
            budget = budgets[closest].value
            yield Finding(
                "narrative.completion",
                "",
                message(
                    "narrative.completion",
                    words=reading.text[rate.start : rate.end],
                    actual=fmt(actual.value),
                    budget=fmt(budget),
                    computed=_percent(actual.value, budget),
                ),
                _sides(paragraph, reading, rate.start, actual, budgets[closest]),
                rounding=grade == "rounding",
            )


def _budgets(reading: Reading, rate: Rate) -> list[Amount]:
    """The budgets a completion rate may be of: the one its words name first, then the rest."""
    found = [
        a
        for a in reading.stated_before(rate.start)
        if a.role == "budget" and reading.before(rate.start, "budget") is not None
    ]
    named = [a for a in found if rate.whole.rstrip("数") in a.label]
    return named + [a for a in found if a not in named]


def _grade_share(
    percent: Decimal, part: tuple[Decimal, Decimal], wholes: list[tuple[Decimal, Decimal]]
) -> tuple[str, int] | None:
    """None when the percentage fits one of the wholes (each amount as (value, half its last
    digit)); else its best grade (rounding when it is one unit off with some whole) and the
    index of the whole it came closest with."""
    graded = []
    for index, (whole, half) in enumerate(wholes):
        span = ratio_range(part[0], part[1], whole, half)
        if span is None:
            continue
        grade = grade_rate(percent, *span)
        if grade is None:
            return None
        graded.append((grade != "rounding", abs(_ratio(part[0], whole) - percent), index))
    if not graded:
        return None
    error, _, index = min(graded)
    return ("error" if error else "rounding"), index


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * 100


def _percent(part: Decimal, whole: Decimal) -> str:
    return f"{_ratio(part, whole).quantize(Decimal('0.01')):f}"


def check_shares(doc: Audited) -> Iterator[Finding]:
    """占 X% recomputed from its part (the amount just before it, or the figure the clause
    names) and its whole. Every plausible whole counts: what the sentence names it (stated
    earlier, or printed in a table), every larger amount stated before, the sum of the parts
    the sentence gives shares of; only a disagreement with all of them is reported."""
    tables = group_tables(doc.cells, doc.catalogue)
    for paragraph, reading in _readings(doc):
        for rate in (r for r in reading.rates if r.kind == "share"):
            if any(c.start <= rate.start < c.end for c in reading.rates if c.kind != "share"):
                continue
            part = _part(doc, tables, paragraph, reading, rate)
            if part is None:
                continue
            wholes = _wholes(doc, tables, paragraph, reading, rate, part[0])
            graded = _grade_share(rate.percent, part[0], [(w, h) for w, h, _ in wholes])
            if (
                graded is None
                or _fits_printed_part(doc, tables, reading, rate, wholes)
                or (graded[0] == "error" and _fits_another_share(reading, rate, part[0]))
            ):
                continue
            grade, closest = graded
            whole, _, side = wholes[closest]
            yield Finding(
                "narrative.share",
                "",
                message(
                    "narrative.share",
                    part=f"{fmt(part[0][0])}万元",
                    words=reading.text[rate.start : rate.end],
                    whole_name=rate.whole or audit_rules()["claims"]["whole_unnamed"],
                    whole=fmt(whole),
                    computed=_percent(part[0][0], whole),
                ),
                [sentence_side(paragraph, reading.sentence(rate.start)), part[1], side],
                rounding=grade == "rounding",
            )


Sided = tuple[Decimal, Decimal, Side]
"""An amount, half a unit of its last digit, where it is printed."""


def _part(
    doc: Audited, tables: Any, paragraph: sqlite3.Row, reading: Reading, rate: Rate
) -> tuple[tuple[Decimal, Decimal], Side] | None:
    """The part a share is of: the amount right before 占, or the table figure the clause
    before it names (“…事务支出金额占总支出百分比为69.4%”)."""
    amount = _stated_part(reading, rate)
    if amount is not None:
        return (amount.value, amount.half), _stated_side(paragraph, reading, amount)
    metric = _named_at_end(doc, reading.text[: rate.start])
    found = _printed(doc, tables, metric) if metric else []
    return ((found[0][0], found[0][1]), found[0][2]) if found else None


def _stated_part(reading: Reading, rate: Rate) -> Amount | None:
    """The amount written right before 占 (“人员经费81.51万元，占79.19%”), if any."""
    before = [a for a in reading.amounts if a.end <= rate.start and a.role != "change"]
    after = audit_rules()["claims"]["share_after"]
    if before and re.fullmatch(after, reading.text[before[-1].end : rate.start]):
        return before[-1]
    return None


def _fits_printed_part(
    doc: Audited, tables: Any, reading: Reading, rate: Rate, wholes: list[Sided]
) -> bool:
    """The share fits the figure the tables print for the part it follows: the stated amount is
    what is wrong, and the narrative value check reports that, once."""
    amount = _stated_part(reading, rate)
    metric = _named_at_end(doc, reading.text[: amount.start]) if amount else None
    printed = _printed(doc, tables, metric) if metric else []
    whole_amounts = [(w, h) for w, h, _ in wholes]
    return any(_grade_share(rate.percent, (p, h), whole_amounts) is None for p, h, _ in printed)


def _fits_another_share(reading: Reading, rate: Rate, part: tuple[Decimal, Decimal]) -> bool:
    """The share fits the whole another share of the paragraph, of a whole named alike,
    implies: a list of parts, 占 X% each, of a whole the paragraph does not state (“其中：一般
    公共预算拨款收入…，占62.3%；政府性基金预算收入…，占33.3%；…”). Asked only of a share
    no stated whole explains even within rounding (one that is a 提示 stays one)."""
    own = _whole_span(part, rate.percent)
    for other in reading.rates:
        if other is rate or other.kind != "share" or other.whole != rate.whole:
            continue
        amount = _stated_part(reading, other)
        span = _whole_span((amount.value, amount.half), other.percent) if amount else None
        if own and span and span[0] <= own[1] and own[0] <= span[1]:
            return True
    return False


def _whole_span(part: tuple[Decimal, Decimal], percent: Decimal) -> tuple[Decimal, Decimal] | None:
    """The wholes a part (value, half its last digit) can be “percent”% of, at the precision
    the percentage is written in."""
    half = Decimal(5).scaleb(-places(percent) - 1)
    if percent - half <= 0:
        return None
    low, high = part[0] - part[1], part[0] + part[1]
    return low * 100 / (percent + half), high * 100 / (percent - half)


def _named_at_end(doc: Audited, text: str) -> Metric | None:
    """The metric or subject whose name ends the text (but for words like 金额): what a share
    stated without its amount is of."""
    words = audit_rules()["claims"]
    clause = normalise(re.split(words["sentence"], text)[-1])
    clause = re.sub(words["part_noise"], "", clause)
    cat = doc.catalogue
    names = [n for n in (*cat.names, *cat.subject_names) if n and clause.endswith(n)]
    if not names:
        return None
    resolved = cat.resolve(max(names, key=len)).metrics
    return resolved[0] if len(resolved) == 1 else None


def _printed(doc: Audited, tables: Any, metric: Metric) -> list[Sided]:
    """Where the tables print a metric (a catalogue metric, or a subject line)."""
    found = []
    for location in metric.find:
        if location.table and (cell := find_cell(tables, location, doc.basis)):
            found.append((Decimal(cell[1]["amount"]), _HALF_CELL, cell_side(cell[1])))
    return found


def _stated_side(paragraph: sqlite3.Row, reading: Reading, amount: Amount) -> Side:
    return sentence_side(paragraph, reading.sentence(amount.start), amount.written)


def _wholes(
    doc: Audited,
    tables: Any,
    paragraph: sqlite3.Row,
    reading: Reading,
    rate: Rate,
    part: tuple[Decimal, Decimal],
) -> list[Sided]:
    """The plausible wholes of a share, named first (an amount with a share of its own is a
    part, not a whole)."""
    name = normalise(rate.whole)
    stated = reading.stated_before(rate.start)
    named = [a for a in stated if name and name in normalise(a.label)]
    metrics = [doc.catalogue.metrics[i] for i in doc.catalogue.names.get(name, [])]
    parts = [p for r in reading.rates if r.kind == "share" and (p := _stated_part(reading, r))]
    larger = [a for a in stated if a.value > part[0] and a not in parts]
    found = [
        *(f for metric in metrics for f in _printed(doc, tables, metric)),
        *((a.value, a.half, _stated_side(paragraph, reading, a)) for a in [*named, *larger]),
    ]
    sentence = reading.sentence(rate.start)
    parts = _shared_parts(reading, rate)
    if len(parts) > 1:
        written = "+".join(a.written for a in parts)
        found.append(
            (
                sum((a.value for a in parts), Decimal(0)),
                sum((a.half for a in parts), Decimal(0)),
                sentence_side(paragraph, sentence, written),
            )
        )
    return found


def _shared_parts(reading: Reading, rate: Rate) -> list[Amount]:
    """The amounts each followed by their share of the same whole: in the rate's sentence, or
    anywhere in the paragraph when the share names its whole (“因公出国（境）费…占“三公”经费
    的26.86%；公务用车…占“三公”经费的45.43%；…”)."""
    after = audit_rules()["claims"]["share_after"]
    sentence = reading.sentence(rate.start)
    return [
        a
        for a in reading.amounts
        if any(
            r.kind == "share"
            and r.start >= a.end
            and re.fullmatch(after, reading.text[a.end : r.start])
            and (reading.sentence(a.start) == sentence or (rate.whole and r.whole == rate.whole))
            for r in reading.rates
        )
    ]


def check_reasons(doc: Audited) -> Iterator[Finding]:
    """A stated reason whose words point the other way from the change or comparison it
    explains (“比上年增加…，主要原因是压减了…开支”)."""
    said = audit_rules()["claims"]["reason_said"]
    for paragraph, reading in _readings(doc):
        for reason in reading.reasons:
            relation = reading.relation_before(reason.start)
            if relation is None or relation.sign == 0 or reason.sign != -relation.sign:
                continue
            if relation.delta is not None and relation.delta.value == 0:
                continue  # “增加0.00万元”: no change, so no direction for a reason to go against
            yield Finding(
                "narrative.reason",
                "",
                message(
                    "narrative.reason",
                    relation=relation.words,
                    reason=re.sub(r"^[：:，,\s]+", "", reason.words),
                    implied=said[str(reason.sign)],
                ),
                [
                    sentence_side(paragraph, reading.sentence(relation.start)),
                    sentence_side(paragraph, reading.sentence(reason.start)),
                ],
            )
