"""The computation tools: pure functions over the store that every answer is computed with,
one module per family (documents, figures, arithmetic, units, comparisons, budgets, breakdowns,
rankings, text, targets).

Each returns a ToolResult: values (exact, each with its role), citations, the formula it used
and its typed details. Arithmetic is Decimal; nothing here guesses — an unknown metric returns
the closest names, an ambiguous department its candidates, a missing figure says what the
document does report.
"""

from collections.abc import Callable

from caiwen.service.findings import noting_findings
from caiwen.service.results import ToolResult
from caiwen.service.templates import templates
from caiwen.service.tools.amounts import AmountTools
from caiwen.service.tools.arithmetic import ArithmeticTools
from caiwen.service.tools.breakdowns import BreakdownTools
from caiwen.service.tools.budgets import BudgetTools
from caiwen.service.tools.comparisons import ComparisonTools
from caiwen.service.tools.documents import DocumentTools
from caiwen.service.tools.figures import FigureTools
from caiwen.service.tools.rankings import RankingTools
from caiwen.service.tools.registry import TOOLS, ToolInfo
from caiwen.service.tools.targets import TargetTools
from caiwen.service.tools.text import TextTools
from caiwen.service.tools.units import UnitTools


class Tools(
    DocumentTools,
    ArithmeticTools,
    UnitTools,
    FigureTools,
    ComparisonTools,
    BudgetTools,
    BreakdownTools,
    RankingTools,
    TextTools,
    AmountTools,
    TargetTools,
):
    """The tools, bound to a toolbox (a store and, for search, a vector index)."""

    def all(self) -> dict[str, Callable[..., ToolResult]]:
        """Every tool by name; the figure tools' results note the audit's findings on the
        figures they cite."""
        return {
            name: noting_findings(getattr(self, name), self.box)
            if info.figures
            else getattr(self, name)
            for name, info in TOOLS.items()
        }


def _check(tools: dict[str, ToolInfo]) -> None:
    """Every tool is a method of Tools, with a progress label for the chat widget."""
    labels = templates()["tool_progress"]
    for name in tools:
        if not callable(getattr(Tools, name, None)):
            raise TypeError(f"tool {name} is not a method of Tools")
        if name not in labels:
            raise KeyError(f"tool {name} has no tool_progress label in prompts/answers.yaml")


_check(TOOLS)
