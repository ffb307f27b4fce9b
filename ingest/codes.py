"""Subject codes of the 政府收支分类科目: joined from 类/款/项 cells and normalised.

功能分类 codes have 3 (类), 5 (款) or 7 (项) digits: "201 06 01" → "2010601".
经济分类 codes have 3 (类) or 5 (款) digits: "301 2" → "30102" (the PDF drops the leading 0).
"""

import re

_PARTS = re.compile(r"\d+")
_LEADING_CODE = re.compile(r"^(\d{3}(?:\s*\d{1,2}){0,2})(?=\s*[^\d\s.,])\s*(.+)$")


def join_code(parts: list[str]) -> str | None:
    """Join the digits of a row's code cells; None unless it is a well-formed subject code."""
    pieces = [p for part in parts for p in _PARTS.findall(part)]
    if not pieces:
        return None
    if len(pieces) == 1 and len(pieces[0]) in (3, 5, 7):
        return pieces[0]
    head, *rest = pieces
    if len(head) != 3 or len(rest) > 2 or any(len(p) > 2 for p in rest):
        return None
    return head + "".join(p.zfill(2) for p in rest)


def split_leading_code(label: str) -> tuple[str | None, str]:
    """ "2080505 机关事业单位基本养老保险缴费支出" → ("2080505", "机关事业单位…")."""
    match = _LEADING_CODE.match(label.strip())
    if not match:
        return None, label
    code = join_code([match.group(1)])
    return (code, match.group(2)) if code else (None, label)


def is_code_fragment(text: str) -> bool:
    """True for what a 类/款/项 cell may hold: 1–7 digits."""
    return bool(re.fullmatch(r"\d{1,7}", text.strip()))
