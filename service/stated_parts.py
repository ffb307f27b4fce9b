"""The parts a narrative lists under an amount it states, where no table divides the line
(深圳财政局: 1.预决算管理业务18,808.16万元，主要包括：…贴息资金10,000.00万元…；市本级政府采购业务
费3600.00万元…；代理银行手续费1,585.88万元…): the amounts stated after the line's own, once the
words after it say they follow (主要包括, 其中, 具体为), for as long as they fit within it."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from caiwen.domain.catalogue import normalise
from caiwen.ingest.fact_grammar import grammar
from caiwen.ingest.numbers import as_printed, parse_amount, to_wan
from caiwen.service.statements import Statement, statements
from caiwen.service.understand import planner_vocabulary

FEWEST = 2
"""A list of one is no division."""
ROUNDED = Decimal("0.01")
"""The rounding of one amount stated in 万元 to two places."""


@dataclass(frozen=True)
class StatedPart:
    statement: Statement
    value: Decimal
    """In 万元."""
    page: int | None

    @property
    def name(self) -> str:
        """Its own words: after the amount stated before it in one run of a list (…133,006.31
        万元，深圳市轨道交通13号线…) and without the words opening the list (其中，, 主要用于)."""
        own = re.split(r"(?:亿元|万元|元)[，,、]", self.statement.name)[-1]
        opening = planner_vocabulary()["statements"]["parts_open"]
        own = re.sub(opening, "", own) or own
        return re.sub(rf"^(?:{grammar().purpose.pattern})", "", own) or own


def stated_parts(name: str | None, amount: Decimal, paragraphs: Iterable[dict]) -> list[StatedPart]:
    """The parts of the first paragraph stating this line (its name and its amount in 万元)
    and listing what it includes after it; none where no paragraph does. With no name (a
    total the narrative words its own way: 收入预算共安排国库拨款资金923.1961万元), the first
    statement of the amount followed by parts adding up to it exactly."""
    listed = _listing(name, amount, paragraphs)
    return listed[1] if listed else []


def stated_line(
    name: str, paragraphs: Iterable[dict]
) -> tuple[StatedPart, list[StatedPart]] | None:
    """The first statement of a line by its name alone that lists its parts, with them: a
    piece of work the narrative prices apart from the table's line of like name (深圳公安:
    3.公安执法办案8,560.83万元，主要包括：侦查办案费962.93万元…, the 功能分类 line 执法办案
    another amount); None where no statement does."""
    return _listing(name, None, paragraphs)


def _listing(
    name: str | None, amount: Decimal | None, paragraphs: Iterable[dict]
) -> tuple[StatedPart, list[StatedPart]] | None:
    """The first statement of this line (of this amount in 万元, where one is given) followed
    by a list of its parts, with them; of no name, by parts adding up to it exactly."""
    for said in _runs(paragraphs):
        for i, (whole, page) in enumerate(said):
            stated = _wan(whole.amount)
            asked = stated if amount is None else amount
            if stated is None or not _states(whole, name, asked):
                continue
            fitted = _fitting(said[i + 1 :], stated)
            if name is None and any(_compares(p.statement) for p in fitted):
                continue  # (比2025年年初预算数125462.47万元增加8670.86万元: no parts of it)
            parts = [p for p in fitted if not _compares(p.statement)]  # (与上年相比增加…)
            opened = name and _lists_after(whole, [s for s, _ in said[i + 1 : i + 2]])
            whole_sum = abs(sum((p.value for p in parts), Decimal(0)) - stated) <= _rounding(
                len(parts)
            )
            if len(parts) >= FEWEST and (opened or whole_sum):
                return StatedPart(whole, stated, page), parts
    return None


def _runs(paragraphs: Iterable[dict]) -> Iterator[list[tuple[Statement, int | None]]]:
    """The statements of each paragraph with their pages, a paragraph cut off by a page's end
    (…提高预测、预警能力 | 3.编外人员262.50万元…) going on into the next."""
    run: list[tuple[Statement, int | None]] = []
    for paragraph in paragraphs:
        run += [(s, paragraph["page"]) for s in statements(paragraph["text"], "item_opens")]
        if re.search(r"[。！？!?]\s*$", paragraph["text"]):
            yield run
            run = []
    if run:
        yield run


@dataclass(frozen=True)
class StatedChange:
    delta: Decimal
    """In 万元, signed."""
    base: str
    quote: str
    page: int | None


def stated_change(name: str, amount: Decimal, paragraphs: Iterable[dict]) -> StatedChange | None:
    """The change the narrative states of a line within the item stating it, before the next
    numbered item: right after its amount, or in a sentence of its own after its parts
    (深圳市政府办公厅: 4.研究调研活动166.02万元，主要包括：…49.72万元，用于…。较2025年年初预算
    增加28.46万元，增幅20.7%。); a change said in a part's clause is the part's."""
    g, next_item = grammar(), planner_vocabulary()["next_item"]
    for paragraph in paragraphs:
        flat = re.sub(r"\s+", "", paragraph["text"])
        for said in statements(flat, "item_opens"):
            if not _states(said, name, amount):
                continue
            start = flat.find(said.text) + said.text.find(said.amount) + len(said.amount)
            item = flat[start:]
            item = item[: end.start()] if (end := re.search(next_item, item)) else item
            if (found := _last_change(item)) is None:
                continue
            compared, change = found
            sign = 1 if change["dir"] in g.increase else -1
            delta = sign * (parse_amount(change["num"]) or Decimal(0))
            base = re.sub(r"\s+", "", compared["base"])
            quote = item[compared.start() : change.end()]
            return StatedChange(delta, base, quote, paragraph["page"])
    return None


def _last_change(item: str) -> tuple[re.Match[str], re.Match[str]] | None:
    """The last comparison of an item stating its change in 万元, where it is the line's."""
    g = grammar()
    changes = [(c, m) for c in g.comparison.finditer(item) if (m := g.change.match(item, c.end()))]
    if not changes or changes[-1][1]["unit"] != "万元":
        return None
    return changes[-1] if _own_clause(item, changes[-1][0].start()) else None


def _own_clause(item: str, at: int) -> bool:
    """Whether a comparison is the line's: right after its amount, or after words following
    the last part's amount (…90.72万元，用于…工作。较2025年…), not right after a part's."""
    amounts = list(re.finditer(planner_vocabulary()["statements"]["amount"], item[:at]))
    if not amounts:
        return not re.sub(r"[，,。；;\s]", "", item[:at])
    return bool(re.sub(r"[，,。；;\s]", "", item[amounts[-1].end() : at]))


def _states(statement: Statement, name: str | None, amount: Decimal) -> bool:
    """Whether a statement is of this line: its amount, and its name or the name's end (of no
    name, its amount alone)."""
    stated = _wan(statement.amount)
    if stated is None or not as_printed(stated, amount):
        return False
    if name is None:
        return True
    own, asked = normalise(_subject(statement.name)), normalise(name)
    return bool(own) and (own.endswith(asked) or (len(own) >= 4 and asked.endswith(own)))


def _subject(name: str) -> str:
    """A line's name as its subject line says it, without the levels above it
    (一般公共服务支出（类）财政事务（款）其他财政事务支出（项） → 其他财政事务支出)."""
    said = grammar().subject.search(name)
    return (said["xiang"] or said["lei"]) if said else name


def _compares(statement: Statement) -> bool:
    """Whether a statement's amount is a comparison's base or change, not a part."""
    return bool(re.search(planner_vocabulary()["change_said"], statement.name))


def _lists_after(statement: Statement, following: list[Statement]) -> bool:
    """Whether the words after the amount open a list of what it includes, right after it or
    after the sentence of its use (主要用于…。其中，…)."""
    opening = planner_vocabulary()["statements"]["parts_open"]
    said = [statement.purpose, *(f.name for f in following)]
    return any(re.match(opening, words) for words in said)


def _fitting(after: list[tuple[Statement, int | None]], whole: Decimal) -> list[StatedPart]:
    """The statements after the line's own while they add up to no more than it."""
    parts: list[StatedPart] = []
    total = Decimal(0)
    for statement, page in after:
        value = _wan(statement.amount)
        if value is None or total + value > whole + _rounding(len(parts) + 1):
            break
        total += value
        parts.append(StatedPart(statement, value, page))
    return parts


def _rounding(parts: int) -> Decimal:
    """How far a number of parts each rounded to the 分 of 万元 may add up from their whole's amount
    (深圳市民政局: 3,738.92 + 976.21 + 766.57 + 100.00 + 22,701.77 = 28,283.47 of 28,283.46)."""
    return ROUNDED * parts


def _wan(printed: str) -> Decimal | None:
    """A stated amount (18,808.16万元, 3600元) in 万元."""
    unit = re.search(r"(?:亿元|万元|元)$", printed)
    value = parse_amount(printed[: unit.start()]) if unit else None
    return to_wan(value, unit.group()) if value is not None and unit else None
