"""Why a figure is not printed, where the narrative says so: the sentence stating that there
is none of it or that it is not budgeted here (根据市本级因公出国（境）费用预算管理模式，本部门
年初不编制因公出国（境）费用预算). A refusal quotes it, so that "not disclosed" is never all a
user is told when the document explains. Rules in prompts/planner.yaml (absence_said)."""

import re
import sqlite3

from caiwen.domain.catalogue import Metric, normalise
from caiwen.service.labels import core_of
from caiwen.service.understand import planner_vocabulary

SENTENCE_END = r"(?<=[。；;])"


def absence_sentence(paragraphs: list[sqlite3.Row], metric: Metric) -> tuple[str, int] | None:
    """The first sentence of the narrative naming the metric and saying it has none, with the
    page it is printed on."""
    rule = planner_vocabulary()["absence_said"]
    names = _names(metric, rule["name_chars"])
    for paragraph in paragraphs:
        sentences = re.split(SENTENCE_END, paragraph["text"])
        for at, sentence in enumerate(sentences):
            said = normalise(sentence)
            if re.search(rule["words"], said) and any(n in said for n in names):
                after = "".join(sentences[at + 1 : at + 2])
                instead = after if _instead(after, names) else ""
                return (sentence + instead).strip(), paragraph["page"]
    return None


def _instead(sentence: str, names: set[str]) -> bool:
    """Whether the sentence after one saying there is none of a figure states the amount of a
    figure named like it (无机关运行经费。2026年事业运行经费财政拨款预算为97.8万元): what there
    is instead."""
    said = normalise(sentence)
    amount = re.search(planner_vocabulary()["text_amount"], said)
    return bool(amount) and any(len(n) > 3 and n[2:] in said for n in names)


def _names(metric: Metric, least: int) -> set[str]:
    """The metric's names as a sentence writes them: without a bracketed note or an ending
    (因公出国（境）费 → 因公出国), long enough to say which figure is meant."""
    found = {core_of(normalise(name)) for name in (metric.display, *metric.names)}
    return {name for name in found if len(name) >= least}
