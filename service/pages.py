"""A page of a stored PDF as a PNG, with the cited cells or lines marked; cached on disk."""

import hashlib
import math
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from caiwen.service.highlights import Box

RESOLUTION = 100
"""Dots per inch of the rendered page (an A4 page is about 830 × 1170 pixels)."""
SCALES = (1, 2)
"""Renderings of a page: ``RESOLUTION`` times 1, or 2 for a screen of two or three device pixels
to a CSS pixel (a phone), where the page is shown enlarged."""
MAX_BOXES = 40
MAX_POINT = 14_400.0
"""The largest coordinate a PDF page can have (200 inches, PDF 1.7 annex C): beyond it a
box is no place on any page."""
FILL = (255, 214, 0, 90)
STROKE = (230, 120, 0)


class PageError(ValueError):
    """A page or highlight the request cannot have; the message says why, in Chinese."""


@dataclass(frozen=True)
class PageRequest:
    pdf: Path
    content_hash: str
    number: int
    boxes: tuple[Box, ...] = ()
    scale: int = 1

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise PageError(f"scale 只能是{'或'.join(map(str, SCALES))}")

    @property
    def cache_name(self) -> str:
        marks = hashlib.sha256(repr(self.boxes).encode()).hexdigest()[:12]
        times = f"@{self.scale}x" if self.scale != 1 else ""
        return f"{self.content_hash[:16]}-{self.number}-{marks}{times}.png"


def parse_highlight(text: str | None) -> tuple[Box, ...]:
    """``x0,top,x1,bottom;x0,top,x1,bottom`` → boxes (PDF points from the page's top left)."""
    parts = [part for part in (text or "").split(";") if part]
    if len(parts) > MAX_BOXES:
        raise PageError(f"高亮区域太多（最多{MAX_BOXES}个）")
    return tuple(_box(part) for part in parts)


def _box(part: str) -> Box:
    shown = part if len(part) <= 60 else part[:60] + "…"
    try:
        x0, top, x1, bottom = (float(v) for v in part.split(","))
    except ValueError as error:
        raise PageError(f"高亮区域“{shown}”应为 x0,top,x1,bottom 四个数字") from error
    if not all(math.isfinite(v) and 0 <= v <= MAX_POINT for v in (x0, top, x1, bottom)):
        raise PageError(f"高亮区域“{shown}”的坐标应在0到{MAX_POINT:g}之间")
    if x1 < x0 or bottom < top:
        raise PageError(f"高亮区域“{shown}”不是有效的矩形")
    return (x0, top, x1, bottom)


def cached_page(request: PageRequest, cache: Path) -> Path | None:
    """The page's PNG if it is in the cache (marked as just used), else None."""
    target = cache / request.cache_name
    try:
        os.utime(target)
    except FileNotFoundError:
        return None
    return target


def render_page(request: PageRequest, cache: Path, cache_bytes: int) -> Path:
    """The PNG of the page with its boxes marked, rendered into the cache; the least recently
    used pages leave it when it holds more than ``cache_bytes``."""
    target = cache / request.cache_name
    with pdfplumber.open(request.pdf) as pdf:
        if not 1 <= request.number <= len(pdf.pages):
            raise PageError(f"页码{request.number}超出范围（共{len(pdf.pages)}页）")
        page = pdf.pages[request.number - 1]
        image = page.to_image(resolution=RESOLUTION * request.scale)
        if request.boxes:
            width = 2 * request.scale
            image.draw_rects(list(request.boxes), fill=FILL, stroke=STROKE, stroke_width=width)
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
        image.save(partial, format="PNG")
    partial.replace(target)
    _evict(cache, cache_bytes, keep=target)
    return target


def _evict(cache: Path, cache_bytes: int, keep: Path) -> None:
    """Remove the least recently used pages until the cache holds at most ``cache_bytes``."""
    pages = []
    for path in cache.glob("*.png"):
        try:
            pages.append((path.stat(), path))
        except FileNotFoundError:  # evicted by a render running at the same time
            continue
    total = sum(stat.st_size for stat, _ in pages)
    for stat, path in sorted(pages, key=lambda page: page[0].st_mtime):
        if total <= cache_bytes:
            return
        if path != keep:
            path.unlink(missing_ok=True)
            total -= stat.st_size
