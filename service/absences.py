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
        for sentence in re.split(SENTENCE_END, paragraph["text"]):
            said = normalise(sentence)
            if re.search(rule["words"], said) and any(n in said for n in names):
                return sentence.strip(), paragraph["page"]
    return None


def _names(metric: Metric, least: int) -> set[str]:
    """The metric's names as a sentence writes them: without a bracketed note or an ending
    (因公出国（境）费 → 因公出国), long enough to say which figure is meant."""
    found = {core_of(normalise(name)) for name in (metric.display, *metric.names)}
    return {name for name in found if len(name) >= least}
