"""Numbered citations for one answer: every tool result's sources get a number [n] once,
in the order they are first cited, so the answer text, the model and the response agree."""

from collections.abc import Callable

from caiwen.service.values import Citation


class CitationRegistry:
    def __init__(self) -> None:
        self.items: list[Citation] = []

    def number(self, citation: Citation) -> int:
        """The citation's number (1-based), given on first sight."""
        if citation not in self.items:
            self.items.append(citation)
        return self.items.index(citation) + 1

    def number_all(self, citations: list[Citation]) -> list[int]:
        """Numbers for every citation of a tool result, as the tool returns it."""
        return [self.number(c) for c in citations]


ToolListener = Callable[[str], None]
"""Told the name of each tool as it starts (the streaming API)."""
