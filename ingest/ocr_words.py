"""OCR text → corrected text: characters the recogniser confuses, put right by the words of
disclosures.

PP-OCRv4 reads 收入 as 收人 and 部门 as 部内 in printed Song type often enough to break a
table's title or a row's label. A box's text is changed only where swapping one confusable
character (``ocr.yaml``) turns the text into a word of the lexicon (the ingest vocabulary's
words, the subject names of ``prompts/subjects.yaml`` and the titles and labels of
``ocr.yaml``); every other character stays as read. Two-character words are put right only
as a whole box or a label before a colon (“收人” in 接收人员 stays).
"""

import re
from functools import cache
from importlib import resources

import yaml

from caiwen.ingest.lexical import lexicon_words

SHORT = 2
"""Words this short are corrected only as a whole box or before a colon."""


@cache
def _corrections() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    raw = yaml.safe_load(resources.files("caiwen.ingest").joinpath("ocr.yaml").read_text())
    subjects = yaml.safe_load(
        resources.files("caiwen.prompts").joinpath("subjects.yaml").read_text()
    )
    words = {*raw["words"], *lexicon_words(), *subjects["functional"].values()}
    words |= set(subjects["economic"].values())
    alternatives = {c: set(group) - {c} for group in raw["confusions"] for c in group}
    misread: dict[str, str] = {}
    for word in words:
        for i, char in enumerate(word):
            for other in alternatives.get(char, ()):
                variant = word[:i] + other + word[i + 1 :]
                if variant not in words:
                    misread.setdefault(variant, word)
    if not misread:
        return None, {}
    ordered = sorted(misread, key=len, reverse=True)
    short = "|".join(re.escape(v) for v in ordered if len(v) <= SHORT)
    longer = "|".join(re.escape(v) for v in ordered if len(v) > SHORT)
    branches = [p for p in (longer, short and rf"^(?:{short})(?=$|[:：])") if p]
    return re.compile("|".join(branches)), misread


def correct(text: str) -> str:
    """The text with misread words of the lexicon put right (“收人支出决算总表” →
    “收入支出决算总表”)."""
    pattern, misread = _corrections()
    return pattern.sub(lambda m: misread[m.group(0)], text) if pattern else text
