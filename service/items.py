"""The items a table lists (projects) that make up a line no subject lines divide: those named
in the line's words whose amounts add up to it (福州医保局: 财政对城乡居民基本医疗保险基金的
补助 333,405.00 is its three 城乡居民医保财政补助 projects, 141,405 + 110,000 + 82,000)."""

from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from caiwen.domain.catalogue import normalise
from caiwen.service.figures import DISAGREE, Figure
from caiwen.service.labels import rules as label_rules


def items_making(whole: Figure, items: list[Figure]) -> list[Figure]:
    """The items named in the whole's words that add up to it, at least two; the most such
    items where several sets do; none where no set does."""
    rule = label_rules()["items_making"]
    named = [i for i in items if _shared(whole.name, i.name) >= rule["shared_pairs"]]
    if len(named) > rule["most_named"]:
        return []
    for size in range(len(named), 1, -1):
        for chosen in combinations(named, size):
            total = sum((i.value for i in chosen), Decimal(0))
            if abs(total - whole.value) <= DISAGREE * size:
                return list(chosen)
    return []


def _shared(one: str, other: str) -> int:
    """How many pairs of characters two names share."""
    return len(set(_pairs(one)) & set(_pairs(other)))


def _pairs(name: str) -> Iterator[str]:
    text = normalise(name)
    return (text[i : i + 2] for i in range(len(text) - 1))
