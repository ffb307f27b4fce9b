"""The parts a narrative lists under an amount it states, where no table divides the line
(深圳财政局: 1.预决算管理业务18,808.16万元，主要包括：…贴息资金10,000.00万元…；市本级政府采购业务
费3600.00万元…；代理银行手续费1,585.88万元…): the amounts stated after the line's own, once the
words after it say they follow (主要包括, 其中, 具体为), for as long as they fit within it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from caiwen.domain.catalogue import normalise
from caiwen.ingest.numbers import as_printed, parse_amount, to_wan
from caiwen.service.statements import Statement, statements
from caiwen.service.understand import planner_vocabulary

FEWEST = 2
"""A list of one is no division."""


@dataclass(frozen=True)
class StatedPart:
    statement: Statement
    value: Decimal
    """In 万元."""
    page: int | None

    @property
    def name(self) -> str:
        """Its own words: after the amount stated before it in one run of a list (…133,006.31
        万元，深圳市轨道交通13号线…) and without the words opening the list (其中，)."""
        own = re.split(r"(?:亿元|万元|元)[，,、]", self.statement.name)[-1]
        return re.sub(planner_vocabulary()["statements"]["parts_open"], "", own) or own


def stated_parts(name: str, amount: Decimal, paragraphs: Iterable[dict]) -> list[StatedPart]:
    """The parts of the first paragraph stating this line (its name and its amount in 万元)
    and listing what it includes after it; none where no paragraph does."""
    for paragraph in paragraphs:
        said = statements(paragraph["text"], "item_opens")
        for i, whole in enumerate(said):
            if _states(whole, name, amount) and _lists_after(whole, said[i + 1 : i + 2]):
                parts = _fitting(said[i + 1 :], amount, paragraph["page"])
                if len(parts) >= FEWEST:
                    return parts
    return []


def _states(statement: Statement, name: str, amount: Decimal) -> bool:
    """Whether a statement is of this line: its amount, and its name or the name's end."""
    stated = _wan(statement.amount)
    if stated is None or not as_printed(stated, amount):
        return False
    own, asked = normalise(statement.name), normalise(name)
    return bool(own) and (own.endswith(asked) or (len(own) >= 4 and asked.endswith(own)))


def _lists_after(statement: Statement, following: list[Statement]) -> bool:
    """Whether the words after the amount open a list of what it includes, right after it or
    after the sentence of its use (主要用于…。其中，…)."""
    opening = planner_vocabulary()["statements"]["parts_open"]
    said = [statement.purpose, *(f.name for f in following)]
    return any(re.match(opening, words) for words in said)


def _fitting(after: list[Statement], whole: Decimal, page: int | None) -> list[StatedPart]:
    """The statements after the line's own while they add up to no more than it."""
    parts: list[StatedPart] = []
    total = Decimal(0)
    for statement in after:
        value = _wan(statement.amount)
        if value is None or total + value > whole:
            break
        total += value
        parts.append(StatedPart(statement, value, page))
    return parts


def _wan(printed: str) -> Decimal | None:
    """A stated amount (18,808.16万元, 3600元) in 万元."""
    unit = re.search(r"(?:亿元|万元|元)$", printed)
    value = parse_amount(printed[: unit.start()]) if unit else None
    return to_wan(value, unit.group()) if value is not None and unit else None
