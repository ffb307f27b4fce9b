"""Page image → characters and ruling lines: the OCR front end of the PDF reader.

A scanned page has no text layer. It is rendered to an image and read with RapidOCR (the
PP-OCRv4 Chinese models inside the ``rapidocr-onnxruntime`` wheel; nothing is downloaded).
Each recognised text box becomes one "character" of the line builder (its text may be a
whole phrase), with its recognition confidence, and the table rulings drawn in the image
become line objects for pdfplumber's table finder. From there the page goes through the
same steps as a page with a text layer: ``layout.chars_to_lines`` rebuilds lines by
position and ``pdf`` places the boxes in table cells.
"""

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from caiwen.ingest.ocr_words import correct

Char = dict[str, Any]
LineObject = dict[str, Any]
CACHE_VARIABLE = "CAIWEN_OCR_CACHE"
_SPACE_IN_NUMBER = re.compile(r"(?<=\d[,.])\s+(?=\d)|(?<=\d)\s+(?=[,.]\d)")
"""The recogniser reads “18,330.37” as “18, 330. 37”."""


@dataclass(frozen=True)
class OcrSettings:
    max_side: int = 2000
    """Longest side of the page image, in pixels: RapidOCR reads at most 2000, so a page is
    rendered at its scan's own resolution, or less to fit this."""
    min_confidence: float = 0.5
    """Boxes recognised with less confidence than this are dropped."""
    ruling_fraction: float = 0.04
    """A ruling line is at least this fraction of the page's width (or height) long."""
    size_ratio: float = 0.8
    """Font size of a box, as a fraction of its height (boxes include some leading)."""

    def __post_init__(self) -> None:
        if self.max_side < 500:
            raise ValueError(f"max_side must be at least 500 pixels, got {self.max_side}")
        if not 0 <= self.min_confidence < 1:
            raise ValueError(f"min_confidence must be in [0, 1), got {self.min_confidence}")
        if not 0 < self.ruling_fraction < 1:
            raise ValueError(f"ruling_fraction must be in (0, 1), got {self.ruling_fraction}")


@dataclass
class OcrPage:
    chars: list[Char]
    rulings: list[LineObject] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean recognition confidence, weighted by the characters of each box."""
        weights = sum(len(c["text"]) for c in self.chars)
        if not weights:
            return None
        return sum(c["confidence"] * len(c["text"]) for c in self.chars) / weights

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@cache
def engine() -> Any:
    """The RapidOCR engine (its models load once per process)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def resolution(
    size: tuple[float, float], images: list[dict[str, Any]], settings: OcrSettings
) -> float:
    """Dots per inch to render a page of ``size`` (points) at: the resolution of its largest
    image (the scan), or less, so that the longest side fits ``max_side``."""
    fit = settings.max_side / max(size) * 72
    if not images:
        return fit
    scan = max(images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    shown = scan["x1"] - scan["x0"]
    native = scan["srcsize"][0] / shown * 72 if shown > 0 and scan.get("srcsize") else fit
    return max(min(native, fit), 72.0)


def recognise(image: np.ndarray) -> list[tuple[list[list[float]], str, float]]:
    """RapidOCR's (box, text, confidence) for each text box of the image. With
    ``CAIWEN_OCR_CACHE`` set (a developer's directory, never the project's), results are kept
    there by the image's hash, so re-parsing a scanned corpus takes seconds."""
    folder = os.environ.get(CACHE_VARIABLE)
    key = hashlib.sha1(image.tobytes() + str(image.shape).encode()).hexdigest()
    cached = Path(folder, f"{key}.json") if folder else None
    if cached and cached.is_file():
        return [tuple(box) for box in json.loads(cached.read_text())]  # type: ignore[misc]
    result, _ = engine()(image, use_cls=False)
    boxes = [(np.asarray(box).tolist(), text, float(score)) for box, text, score in result or []]
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(boxes, ensure_ascii=False))
    return boxes


def read_image(image: np.ndarray, scale: float, settings: OcrSettings) -> OcrPage:
    """Text boxes and rulings of a page image; ``scale`` is pixels per PDF point."""
    chars = [
        box_to_char(box, text, score, scale, settings)
        for box, text, score in recognise(image)
        if text.strip() and score >= settings.min_confidence
    ]
    return OcrPage(chars, image_rulings(image, scale, settings))


def box_to_char(
    box: list[list[float]], text: str, score: float, scale: float, settings: OcrSettings
) -> Char:
    """One recognised box as a character of the line builder, in PDF points."""
    xs, ys = [p[0] / scale for p in box], [p[1] / scale for p in box]
    top, bottom = min(ys), max(ys)
    return {
        "text": correct(_SPACE_IN_NUMBER.sub("", text.strip())),
        "x0": min(xs),
        "x1": max(xs),
        "top": top,
        "bottom": bottom,
        "size": (bottom - top) * settings.size_ratio,
        "confidence": score,
    }


def image_rulings(image: np.ndarray, scale: float, settings: OcrSettings) -> list[LineObject]:
    """The horizontal and vertical rulings drawn in the image, as pdfplumber line objects."""
    import cv2

    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 10
    )
    height, width = ink.shape
    lines: list[LineObject] = []
    for horizontal in (True, False):
        length = int((width if horizontal else height) * settings.ruling_fraction)
        kernel = cv2.getStructuringElement(
            cv2.MORPH_RECT, (length, 1) if horizontal else (1, length)
        )
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
        for x, y, w, h, _area in stats[1:count]:
            lines.append(_line_object(x, y, w, h, horizontal, scale))
    return lines


def _line_object(x: int, y: int, w: int, h: int, horizontal: bool, scale: float) -> LineObject:
    x0, top, x1, bottom = x / scale, y / scale, (x + w) / scale, (y + h) / scale
    if horizontal:
        middle = (top + bottom) / 2
        top = bottom = middle
    else:
        middle = (x0 + x1) / 2
        x0 = x1 = middle
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
    }
