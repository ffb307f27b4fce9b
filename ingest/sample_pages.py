"""The pages of the sample PDFs: a reportlab canvas with page bookkeeping (orientation,
margins, page numbers, running header) and narrative text set like the published
disclosures — Chinese in STSong-Light, Latin runs (digits, ., %, “ ”) in Times-Roman below the
baseline, justified lines that wrap mid-sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

CJK_FONT = "STSong-Light"
LATIN_FONT = "Times-Roman"
RISE = -0.4  # Latin runs in narrative sit 40 % of the font size below the Chinese baseline
CELL_SIZE = 9.0
CELL_LEADING = 11.0
CELL_PAD = 3.0
SMALL_SIZE = 9.0
TITLE_SIZE = 15.0
TOC_LEADING = 26.0
MARGINS = {"portrait": (72.0, 78.0, 64.0), "landscape": (48.0, 56.0, 52.0)}  # side, top, bottom

TOKEN = re.compile(r"[0-9.%]+|.", re.DOTALL)
_LATIN = frozenset("0123456789.%“”")
_NO_LINE_START = frozenset("，。、；：？！）》”")
_NO_LINE_END = frozenset("（《“")

rl_config.invariant = 1  # byte-identical output for the same spec
pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


class Writer:
    """Page bookkeeping on a reportlab canvas: orientation, margins, cursor, decorations."""

    def __init__(self, path: Path, title: str, decimals: int) -> None:
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1)
        self.title = title
        self.decimals = decimals
        self.page = 0
        self.orientation = "portrait"
        self.running = False
        self.y = 0.0

    @property
    def size(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else A4

    @property
    def left(self) -> float:
        return MARGINS[self.orientation][0]

    @property
    def right(self) -> float:
        return self.size[0] - self.left

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def bottom(self) -> float:
        return MARGINS[self.orientation][2]

    def new_page(self, orientation: str = "portrait", running: bool = False) -> None:
        """Start a page; every page but the cover gets a centred number, text pages a header."""
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.orientation, self.running = orientation, running
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGINS[orientation][1]
        if self.page > 1:
            self.canvas.setFont(LATIN_FONT, 10.5)
            self.canvas.drawCentredString(self.size[0] / 2, 30, f"- {self.page - 1} -")
        if running:
            self.canvas.setFont(CJK_FONT, SMALL_SIZE)
            self.canvas.drawCentredString(self.size[0] / 2, self.size[1] - 44, self.title)

    def ensure(self, height: float) -> None:
        """Continue on a fresh page of the same kind unless ``height`` still fits."""
        if self.y - height < self.bottom:
            self.new_page(self.orientation, self.running)


# Narrative text: Chinese in STSong-Light, Latin runs in Times-Roman shifted off the baseline.


@dataclass(frozen=True)
class Style:
    size: float
    leading: float
    indent: float  # first-line indent, in characters
    justify: bool
    center: bool = False
    keep: int = 1  # lines that must fit before the block starts on the current page


HEADING = Style(12.0, 24.0, 2, justify=False, keep=2)
STYLES = {
    "h1": Style(16.0, 32.0, 0, justify=False, center=True, keep=2),
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "p": Style(12.0, 22.0, 2, justify=True),
}


def _is_latin(token: str) -> bool:
    return token[0] in _LATIN


def tokens_width(tokens: list[str], size: float) -> float:
    return sum(
        pdfmetrics.stringWidth(token, LATIN_FONT if _is_latin(token) else CJK_FONT, size)
        for token in tokens
    )


def _carry(line: list[str], token: str) -> list[str]:
    """Tokens moved to the next line so that no line starts closed or ends open."""
    carry = [line.pop()] if token[0] in _NO_LINE_START and len(line) > 1 else []
    while len(line) > 1 and line[-1][0] in _NO_LINE_END:
        carry.insert(0, line.pop())
    return carry


def _wrap(text: str, size: float, width: float, indent: float) -> list[list[str]]:
    """Greedy line breaking on tokens: numbers stay whole, punctuation obeys :func:`_carry`."""
    lines: list[list[str]] = []
    line: list[str] = []
    used = indent
    for token in TOKEN.findall(text):
        token_width = tokens_width([token], size)
        if line and used + token_width > width:
            carry = _carry(line, token)
            lines.append(line)
            line, used = carry, tokens_width(carry, size)
        line.append(token)
        used += token_width
    return [*lines, line]


def draw_tokens(
    canvas: Canvas, x: float, y: float, tokens: list[str], size: float, spacing: float = 0.0
) -> None:
    text = canvas.beginText(x, y)
    text.setCharSpace(spacing)
    for latin, group in groupby(tokens, key=_is_latin):
        text.setFont(LATIN_FONT if latin else CJK_FONT, size)
        text.setRise(RISE * size if latin else 0.0)
        text.textOut("".join(group))
    canvas.drawText(text)


def _line_placement(
    writer: Writer, style: Style, tokens: list[str], offset: float, last: bool
) -> tuple[float, float]:
    """Start x and character spacing of one line: centred, justified or ragged."""
    extra = writer.width - offset - tokens_width(tokens, style.size)
    chars = sum(len(token) for token in tokens)
    if style.center:
        return writer.left + extra / 2, 0.0
    if style.justify and not last and chars > 1:
        return writer.left + offset, extra / (chars - 1)
    return writer.left + offset, 0.0


def text_block(writer: Writer, style: Style, text: str) -> None:
    indent = style.indent * style.size
    lines = _wrap(text, style.size, writer.width, indent)
    writer.ensure(style.leading * style.keep)
    for number, tokens in enumerate(lines):
        writer.ensure(style.leading)
        writer.y -= style.leading
        offset = indent if number == 0 else 0.0
        x, spacing = _line_placement(writer, style, tokens, offset, number == len(lines) - 1)
        draw_tokens(writer.canvas, x, writer.y, tokens, style.size, spacing)
