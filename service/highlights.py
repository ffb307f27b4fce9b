"""Where a quoted sentence is printed: the boxes of its lines on the cited page.

Paragraphs keep the box of every printed line (not which characters each line holds), so a
sentence's lines are placed by width: a line holds a share of the paragraph's characters in
proportion to its width. Good to a line, which is what a highlight needs.
"""

import json
import re
from typing import Any

from caiwen.ingest.store import Store
from caiwen.service.values import Citation

Box = tuple[float, float, float, float]
_SENTENCE_END = re.compile(r"(?<=[。；！？])")


def line_offsets(text: str, boxes: list[list[Any]]) -> list[tuple[int, int, Box | None]]:
    """Each printed line of a paragraph: its page, where it starts in the text (newlines
    removed; estimated from its width) and its box."""
    widths = [box[1][2] - box[1][0] if len(box) > 1 else 1.0 for box in boxes]
    total = sum(widths) or 1.0
    lines, before = [], 0.0
    for box, width in zip(boxes, widths, strict=True):
        bbox = tuple(box[1]) if len(box) > 1 else None
        lines.append((int(box[0]), round(len(text) * before / total), bbox))
        before += width
    return lines  # type: ignore[return-value]


def place_boxes(store: Store, place: Citation) -> list[Box]:
    """What to mark for one cited place: its cell, or the printed lines of its quote."""
    if place.bbox is not None:
        return [place.bbox]
    doc = store.document(place.document_id)
    page = doc.document_page(place.file, place.page) if doc else None
    if page is None or not place.quote:
        return []
    return quote_boxes(store, place.document_id, page, place.quote)


def quote_boxes(store: Store, document_id: str, page: int, quote: str) -> list[Box]:
    """The boxes of the printed lines on ``page`` that hold the quote (a sentence or a few)."""
    rows = store.paragraphs(document_id, max(page - 1, 1), page)
    found: list[Box] = []
    for sentence in (s for s in _SENTENCE_END.split(_flat(quote)) if s.strip()):
        for row in rows:
            text = _flat(row["text"])
            at = text.find(sentence)
            if at < 0:
                continue
            lines = line_offsets(text, json.loads(row["boxes"]))
            found += _covering(lines, at, at + len(sentence), page)
            break
    return list(dict.fromkeys(found))


def _covering(
    lines: list[tuple[int, int, Box | None]], start: int, end: int, page: int
) -> list[Box]:
    """The boxes of the lines on ``page`` that overlap the text from start to end."""
    boxes = []
    for i, (line_page, offset, box) in enumerate(lines):
        following = lines[i + 1][1] if i + 1 < len(lines) else end + 1
        if line_page == page and box is not None and offset < end and following > start:
            boxes.append(box)
    return boxes


def _flat(text: str) -> str:
    return text.replace("\n", "").strip()
