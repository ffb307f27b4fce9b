"""Which department a name means: exact, contained, containing, or a close spelling.

“政务服务中心” finds 株洲市石峰区政务服务中心; a name that fits several departments returns them
all so the caller can ask which one, instead of guessing.
"""

import difflib
import re
from collections.abc import Iterable

from caiwen.domain.catalogue import normalise
from caiwen.service.names import rules

CLOSE_ENOUGH = 0.6


def match_departments(name: str, departments: list[str]) -> list[str]:
    """The departments a name can mean, best first (one means resolved, none means unknown)."""
    query = _key(name)
    if not query:
        return []
    keyed = {d: _key(d) for d in dict.fromkeys(departments)}
    for rule in (_exact, _contained, _containing):
        found = [d for d, key in keyed.items() if rule(query, key)]
        if found:
            return sorted(found, key=lambda d: (len(keyed[d]), d))
    if _office_elsewhere(query, keyed.values()):
        return []
    return [d for d, key in keyed.items() if _close(query, key)]


def _office_elsewhere(query: str, stored: Iterable[str]) -> bool:
    """Whether the name, past its government, is an office another government has (无锡市水务局
    is a 水务局, as 北京's is, not a misspelt 无锡市商务局)."""
    own = office(query)
    return bool(own) and any(office(key) == own for key in stored)


def office(name: str) -> str:
    """A department's name past the governments it begins with (北京市口岸办 → 口岸办,
    上海市普陀区民政局 → 民政局)."""
    rest = name[len(government(name) or "") :]
    inner = re.match(rules()["inner_government"], rest)
    return rest[inner.end() :] if inner and len(rest) - inner.end() >= 2 else rest


def _close(query: str, key: str) -> bool:
    """A close spelling, judged on what differs after a shared beginning: 示例市示范区教育局 is
    not a misspelling of 示例市示范区城市管理局. Another government is no slip of the pen:
    济南市应急管理局 is not 北京市应急管理局. A name said without its government is judged
    against the names past theirs."""
    place, other = government(query), government(key)
    if place and other and place != other:
        return False
    if not place:  # 确权登记中心 of 上海市自然资源确权登记事务中心: said without its government
        key = office(key)
    shared = next(
        (i for i, (a, b) in enumerate(zip(query, key, strict=False)) if a != b),
        min(len(query), len(key)),
    )
    rest_query, rest_key = query[shared:], key[shared:]
    if not rest_query:
        return False
    return difflib.SequenceMatcher(None, rest_query, rest_key).ratio() >= CLOSE_ENOUGH


def government(name: str) -> str | None:
    """The government a name begins with (济南市, 江苏省, 示例市): up to its first level word."""
    levels = "|".join(map(re.escape, rules()["region_levels"]))
    found = re.match(rf".{{1,6}}?(?:{levels})", name)
    return found.group(0) if found else None


def _key(name: str) -> str:
    return normalise(name).removesuffix("的")


def _exact(query: str, key: str) -> bool:
    return query == key


def _contained(query: str, key: str) -> bool:
    return len(query) >= 2 and query in key


def _containing(query: str, key: str) -> bool:
    return key in query
