"""The tool decorator: each tool is registered once — for LangChain (its signature, its
description in prompts/tools.yaml) and, for the tools that return figures, for the audit's
notes on them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class ToolInfo:
    name: str
    figures: bool
    """Its result notes the audit's findings on the figures it cites."""


TOOLS: dict[str, ToolInfo] = {}
"""Every tool by name, in the order they are declared."""


def tool(*, figures: bool = False) -> Callable[[F], F]:
    """Register a method of the tools as a tool."""

    def register(method: F) -> F:
        name = method.__name__  # type: ignore[attr-defined]
        if name in TOOLS:
            raise ValueError(f"tool {name} is declared twice")
        TOOLS[name] = ToolInfo(name, figures)
        return method

    return register
