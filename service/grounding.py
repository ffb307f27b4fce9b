"""Every number in an answer must come from a tool result (or from the question).

The check collects every number the tool results hold — values exact and rounded to two
decimals, and the numbers inside quotes, passages and messages — and reports the numbers of
the answer text that are in none of them. Citation marks like [2] are not numbers.
"""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from caiwen.service.results import ToolResult
from caiwen.service.values import rounded

_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?")
_MARK = re.compile(r"\[\d+\]")
TOLERANCE = Decimal("0.005")


def numbers_in(text: str) -> list[Decimal]:
    found = []
    for match in _NUMBER.findall(_MARK.sub(" ", text)):
        try:
            found.append(Decimal(match.replace(",", "")))
        except InvalidOperation:
            continue
    return found


def supported_numbers(results: Iterable[ToolResult], question: str = "") -> set[Decimal]:
    allowed: set[Decimal] = set(numbers_in(question))
    for result in results:
        allowed.update(numbers_in(result.model_dump_json()))
        for value in result.values:
            allowed.update({value.value, rounded(value.value)})
    return allowed | {abs(n) for n in allowed}


def unsupported(text: str, results: Iterable[ToolResult], question: str = "") -> list[Decimal]:
    """Numbers of the text that no tool result (nor the question) holds."""
    allowed = supported_numbers(list(results), question)
    return [n for n in numbers_in(text) if not any(abs(abs(n) - a) < TOLERANCE for a in allowed)]
