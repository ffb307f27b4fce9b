"""chars → lines: rebuild text lines from positioned characters.

Disclosure PDFs set digits (and the quote marks of “三公”) in a second font whose baseline is
shifted by a third of the font size. pdfplumber's default ``y_tolerance`` then puts
“上海市普陀区财政局 年度收入支出总计 万元” and “2024 2995.39” on separate lines. Here a
character joins the line it overlaps most vertically, so shifted numbers go back into their
sentences, and characters are ordered by x within the line.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

from caiwen.ingest.text import join_wrapped, tidy

Char = Mapping[str, Any]


@dataclass(frozen=True)
class LayoutSettings:
    """Tolerances of the line builder, validated like pdfplumber's TableSettings."""

    line_overlap: float = 0.5
    """A char joins a line when at least this fraction of its height overlaps the line band."""
    word_gap: float = 0.6
    """A horizontal gap wider than this many font sizes becomes a space."""
    lookback: int = 6
    """How many of the most recent lines a char is compared with (lines arrive sorted by top)."""

    def __post_init__(self) -> None:
        if not 0 < self.line_overlap <= 1:
            raise ValueError(f"line_overlap must be in (0, 1], got {self.line_overlap}")
        if self.word_gap <= 0:
            raise ValueError(f"word_gap must be positive, got {self.word_gap}")
        if self.lookback < 1:
            raise ValueError(f"lookback must be at least 1, got {self.lookback}")


@dataclass
class Line:
    """One rebuilt line of text with its box on the page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass
class _Band:
    top: float
    bottom: float
    chars: list[Char] = field(default_factory=list)

    def overlap(self, char: Char) -> float:
        height = max(char["bottom"] - char["top"], 1e-6)
        inter = min(self.bottom, char["bottom"]) - max(self.top, char["top"])
        return max(inter, 0.0) / height

    def add(self, char: Char) -> None:
        self.chars.append(char)
        self.top = min(self.top, char["top"])
        self.bottom = max(self.bottom, char["bottom"])


def chars_to_lines(
    chars: Iterable[Char], settings: LayoutSettings | None = None, page: int | None = None
) -> list[Line]:
    """Group chars into lines by vertical overlap, then read each line left to right."""
    settings = settings or LayoutSettings()
    bands: list[_Band] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if not char["text"].strip():
            continue
        recent = bands[-settings.lookback :]
        best = max(recent, key=lambda band: band.overlap(char), default=None)
        if best is not None and best.overlap(char) >= settings.line_overlap:
            best.add(char)
        else:
            bands.append(_Band(char["top"], char["bottom"], [char]))
    lines = [_band_to_line(band, settings, page) for band in bands]
    return sorted(lines, key=lambda line: (line.top, line.x0))


def _band_to_line(band: _Band, settings: LayoutSettings, page: int | None) -> Line:
    chars = sorted(band.chars, key=lambda c: c["x0"])
    size = median(c["size"] for c in chars)
    text = chars[0]["text"]
    for prev, char in pairwise(chars):
        gap = char["x0"] - prev["x1"]
        text += (" " if gap > settings.word_gap * size else "") + char["text"]
    return Line(
        text=tidy(text),
        x0=chars[0]["x0"],
        top=band.top,
        x1=max(c["x1"] for c in chars),
        bottom=band.bottom,
        size=size,
        page=page,
    )


def lines_to_text(lines: Iterable[Line]) -> str:
    """Text of a cell or a block whose lines wrap: joined without a space next to CJK."""
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text)
    return text
