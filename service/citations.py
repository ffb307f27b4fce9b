"""Numbered sources for one answer.

A source is what a reader opens: a document's file, a page of it, and the table or section on
that page. The cells and sentences an answer cites are places within a source, all marked when
it is opened. Each distinct source gets one number, in the order the answer first cites it, and
a sentence cites each source once (after the last figure it supports, not after every one).

Composers (and the LLM, through its tool results) mark sources with provisional numbers; once
the text is written, ``finish`` gives them their final numbers and drops repeated marks.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from caiwen.service.values import Citation

SourceKey = tuple[str, str, int | None, str | None, str | None]
MARK = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？\n]*(?:[。！？\n]+|$)")


def source_key(citation: Citation) -> SourceKey:
    """What makes a source distinct: document, file, page, and the table (or else the
    section)."""
    section = None if citation.table else citation.section
    return (citation.document_id, citation.file, citation.page, citation.table, section)


def place_key(citation: Citation) -> tuple[str | None, ...]:
    """What makes a place within a source distinct: the cell, or the sentence quoted."""
    return (citation.row, citation.column, citation.quote)


@dataclass
class Source:
    """One numbered source and the places of it the answer cites, in the order cited."""

    places: list[Citation] = field(default_factory=list)

    @property
    def citation(self) -> Citation:
        """The source as a citation (its first place)."""
        return self.places[0]

    def add(self, place: Citation) -> None:
        if all(place_key(place) != place_key(p) for p in self.places):
            self.places.append(place)


class CitationRegistry:
    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._at: dict[SourceKey, int] = {}

    def number(self, citation: Citation) -> int:
        """The (provisional) number of the citation's source, given on first sight; the
        citation is one of the source's places."""
        key = source_key(citation)
        if key not in self._at:
            self._at[key] = len(self.sources)
            self.sources.append(Source())
        self.sources[self._at[key]].add(citation)
        return self._at[key] + 1

    def number_all(self, citations: list[Citation]) -> list[int]:
        """Numbers for every citation of a tool result, as the tool returns it."""
        return [self.number(c) for c in citations]


@dataclass
class Numbered:
    """The answer text with its final marks, and its sources in the order of those marks."""

    text: str
    sources: list[Source]

    def numbers(self) -> dict[SourceKey, int]:
        return {source_key(s.citation): n for n, s in enumerate(self.sources, 1)}


def finish(text: str, registry: CitationRegistry) -> Numbered:
    """Final numbers: each sentence keeps one mark per source (the last), marks naming no
    source are dropped, and sources are numbered in the order the text first cites them."""
    text = "".join(_once(sentence) for sentence in _SENTENCE.findall(text))
    final: dict[int, int] = {}

    def renumber(mark: re.Match[str]) -> str:
        given = int(mark[1])
        if not 1 <= given <= len(registry.sources):
            return ""
        final.setdefault(given, len(final) + 1)
        return f"[{final[given]}]"

    text = MARK.sub(renumber, text)
    return Numbered(text, [registry.sources[given - 1] for given in final])


def _once(sentence: str) -> str:
    """The sentence with each source's mark only where it last occurs."""
    marks = MARK.findall(sentence)
    if len(marks) == len(set(marks)):
        return sentence
    remaining = {n: marks.count(n) for n in marks}

    def keep_last(mark: re.Match[str]) -> str:
        remaining[mark[1]] -= 1
        return mark[0] if remaining[mark[1]] == 0 else ""

    return MARK.sub(keep_last, sentence)


ToolListener = Callable[[str], None]
"""Told the name of each tool as it starts (the streaming API)."""
