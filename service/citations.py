"""Numbered citations for one answer: every tool result's sources get a number [n] once,
in the order the tools ran, so the answer text, the model and the response agree. The same
context carries who wants to hear which tool is running (the streaming API)."""

from collections.abc import Callable
from contextvars import ContextVar

from caiwen.service.results import Citation


class CitationRegistry:
    def __init__(self) -> None:
        self.items: list[Citation] = []

    def number(self, citation: Citation) -> int:
        """The citation's number (1-based), given on first sight."""
        if citation not in self.items:
            self.items.append(citation)
        return self.items.index(citation) + 1


current_registry: ContextVar[CitationRegistry | None] = ContextVar("current_registry", default=None)

ToolListener = Callable[[str], None]
"""Told the name of each tool as it starts."""
current_listener: ContextVar[ToolListener | None] = ContextVar("current_listener", default=None)
