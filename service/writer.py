"""What every composer shares: the answer templates (prompts/answers.yaml), figures formatted
for reading, and the citation marks [n] of the values a sentence rests on."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from caiwen.service.citations import CitationRegistry
from caiwen.service.results import ToolResult
from caiwen.service.templates import templates
from caiwen.service.values import Citation, Value, rounded


@dataclass
class Composed:
    text: str
    refused: bool = False
    focus: str | None = None
    """The item the answer names as what was asked (the biggest project: its metric key),
    what 这个项目 means in the next question."""
    listed: list[str] = field(default_factory=list)
    """The items the answer lists, by name in the order it names them (a ranking's, a
    breakdown's parts): what 排第一那个, or a word of one's name, means in the next question."""


@dataclass
class Results:
    """The tool results of one answer, looked up by tool."""

    items: list[ToolResult]

    def find(self, tool: str) -> ToolResult | None:
        return next((r for r in self.items if r.tool == tool), None)

    def one(self, tool: str) -> ToolResult:
        found = self.find(tool)
        if found is None:
            raise LookupError(f"no {tool} result to compose from")
        return found

    def every(self, tool: str) -> list[ToolResult]:
        return [r for r in self.items if r.tool == tool]


def money(value: Decimal) -> str:
    """An amount without its sign (the sentence says 增加 or 减少)."""
    return f"{abs(rounded(value)):.2f}" if value < 0 else f"{rounded(value):.2f}"


def number(value: Value) -> str:
    if value.unit in ("万元", "%"):
        return f"{rounded(value.value):.2f}"
    return f"{value.value.normalize():f}"


class Writer:
    def __init__(self, registry: CitationRegistry):
        self.registry = registry
        self.t = templates()

    def fill(self, key: str, **fields: Any) -> str:
        return self.t[key].format(**fields)

    def counted(self, n: int) -> str:
        """A small count in words (三项, 最多的两个: no digit a tool did not give), else digits."""
        words = self.t["counted"]
        return words[n] if n < len(words) else str(n)

    def marks(self, result: ToolResult, *values: Value | None) -> str:
        """The marks of every citation of these values, each once."""
        indexes = dict.fromkeys(i for v in values if v is not None for i in v.citations)
        return self.cited(result, indexes)

    def cited(self, result: ToolResult, indexes: Iterable[int]) -> str:
        """The marks of these citations of a result."""
        return "".join(f"[{self.registry.number(result.citations[i])}]" for i in indexes)

    def mark(self, result: ToolResult, citation: Citation) -> str:
        """The mark of a citation, added to the result if it is new."""
        return self.cited(result, [result.cite(citation)])

    def kind_name(self, value: Value) -> str:
        return f"{value.level}{value.kind}"

    def kind_of(self, kind: str) -> str:
        """部门预算 or 部门决算."""
        return self.t["kinds"].get(kind, kind)

    def change(
        self,
        change: Decimal,
        percent: Decimal | None,
        base: str,
        written: str | None = None,
        flat: str | None = None,
    ) -> str:
        """比上年增加…万元（增长…%）, 减少…, 与上年持平; with the rate, and the words for no
        change (基本持平), as the text writes them."""
        if change == 0:
            return self.fill("change_flat", base=base, flat=flat or self.t["flat"])
        up = change > 0
        if percent is None:
            key = "change_up_no_percent" if up else "change_down_no_percent"
            return self.fill(key, base=base, change=money(change))
        key = ("change_up" if up else "change_down") + ("_written" if written else "")
        return self.fill(
            key, base=base, change=money(change), percent=money(percent), written=written
        )
