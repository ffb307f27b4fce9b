"""Text normalisation shared by every step: CJK spacing, quote marks, letter-spaced labels."""

import re

# CJK ideographs plus the full-width punctuation that sits between them.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_RUNS_OF_SPACE = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = "。！？；…"


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph or full-width punctuation mark."""
    return bool(char) and re.match(rf"[{_CJK}]", char) is not None


def tidy(text: str) -> str:
    """Collapse the spaces PDFs put around CJK text.

    “因 公 出 国” → “因公出国”, “与 2023 年” → “与2023年”.

    Spaces between two non-CJK tokens ("0.95 0.95") are kept as a single space.
    """
    text = _SPACE_NEXT_TO_CJK.sub("", text.replace("\u3000", " "))
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one wrapped line or cell: no space where either side is CJK."""
    if not left or not right:
        return left + right
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation (a paragraph may end here)."""
    return bool(text) and text.rstrip()[-1:] in _SENTENCE_END


def compact(text: str) -> str:
    """All whitespace removed: the key used to compare labels and headers across pages."""
    return re.sub(r"\s+", "", text)


def is_column_letters(texts: list[str]) -> bool:
    """A row of spreadsheet column letters: A B C …"""
    return len(texts) >= 3 and all(len(t) == 1 and t.isascii() and t.isupper() for t in texts)
