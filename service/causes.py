"""A reason that only gives a change by its parts (主要是基本支出增加362.10万元，项目支出增加
2,422.28万元: 重庆's template for the total) and where the narrative explains a part (the
sentence stating the same amount with a reason cue). Rules in prompts/planner.yaml."""

import re
from dataclasses import dataclass
from decimal import Decimal

from caiwen.service.understand import planner_vocabulary

UP = ("增加", "增长")
DOWN = ("减少", "下降")


@dataclass(frozen=True)
class PartChange:
    part: str
    up: bool
    amount: str
    """As printed (80,165.27)."""

    @property
    def size(self) -> Decimal:
        return Decimal(self.amount.replace(",", ""))


def parts_changed(sentence: str) -> list[PartChange]:
    """The parts a sentence's reason names with their changes, when that is all it says; none
    when it names a cause (主要是增加了“12345一号通”…项目二期预算) or gives no reason."""
    vocab = planner_vocabulary()
    cue = re.search(vocab["reason_cues"]["why"][0], sentence)
    if cue is None:
        return []
    cause = sentence[cue.end() :]
    found = list(re.finditer(vocab["part_change"], cause))
    left = re.sub(r"[是为，,、；;。：:等\s]", "", re.sub(vocab["part_change"], "", cause))
    if not found or len(left) > vocab["part_change_left"]:
        return []
    return [
        PartChange(re.sub(r"^[是为：:]", "", m["part"]), m["direction"] in UP, m["amount"])
        for m in found
    ]


def explains(sentence: str, change: PartChange, by_name: bool = False) -> bool:
    """Whether a sentence states a part's change (its amount; or, ``by_name``, the part and
    the direction: 项目支出…比2025年增加2,419.80万元 of one fund, where the total's 项目支出
    grew 2,422.28万元) and gives a cause for it."""
    cue = planner_vocabulary()["reason_cues"]["why"][0]
    if not re.search(cue, sentence) or parts_changed(sentence):
        return False
    if change.amount in sentence:
        return True
    said = UP if change.up else DOWN
    return by_name and change.part in sentence and any(word in sentence for word in said)
