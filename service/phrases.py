"""What a question says in its own words, once the words that carry it are gone: the phrase a
follow-up names, a name the catalogue does not know, the term of a definition, and whether
nothing is left but words that name no part (prompts/planner.yaml: whole_words,
question_words, followup)."""

import re
from typing import Any


def in_order(said: str, name: str) -> bool:
    """Whether a name holds the characters said, in the order said (社保 of 社会保障和就业)."""
    rest = iter(name)
    return all(char in rest for char in said)


def without_whole_words(text: str, vocab: dict[str, Any]) -> str:
    """The text without the words that name no part, removed until none is left (比去年少
    loses 去年, then 比少)."""
    pattern = vocab["whole_words"]
    while (shorter := re.sub(pattern, "", text)) != text:
        text = shorter
    return text


def trimmed(text: str, vocab: dict[str, Any]) -> str:
    """A phrase without the words that name no part at its ends; inside it they stay
    (社区公共服务中心 keeps its 共 and 中)."""
    words = vocab["whole_words"]
    while (shorter := re.sub(f"^(?:{words})+|(?:{words})+$", "", text)) != text:
        text = shorter
    return text.strip("　 的")


def asks_whole(residue: str, vocab: dict[str, Any]) -> bool:
    """Whether the question asks about the department's money as a whole: nothing is left
    of it but words that name no part (一共, 预算, 多少钱)."""
    said = residue.strip("　?？。 ")
    return bool(said) and not without_whole_words(said, vocab).strip("　")


def own_phrase(residue: str, vocab: dict[str, Any]) -> str:
    """What a follow-up names of its own (那公务用车呢 → 公务用车), once the words that
    carry it (那, 其中, 呢) and, at its ends, those that name no part (预算, 多少) are gone:
    inside the name they stay (买家具用具 keeps the 用 of 用具)."""
    text = re.sub(vocab["followup"], "", residue.strip("　?？。 "))
    text = re.sub(vocab["pointing_words"], "", text)
    return trimmed(text, vocab)


def with_ending(phrase: str, text: str, vocab: dict[str, Any]) -> str:
    """A phrase with the word of money that ends it in the text (机动 of 机动经费), if any."""
    ending = re.search(f"{re.escape(phrase)}({vocab['name_endings']})", text) if phrase else None
    return phrase + ending.group(1) if ending else phrase


def named_phrase(residue: str, vocab: dict[str, Any], *noise: str) -> str:
    """What the question names, once these other words (before the question words they may
    hold: 差多少) and the question words are gone: a project (门户网站运行维护费) or a name the
    catalogue does not know."""
    text = residue
    for words in (
        *noise,
        "table_named",
        "rough_amount",
        "order_said",
        "question_words",
        "pointing_words",
        "giver",
        "giving",
    ):
        text = re.sub(vocab[words], "", text)
    return text.strip("　 的")


def definition_term(text: str, vocab: dict[str, Any]) -> str:
    """The term a definition question asks about, as written (项目支出预算, not 项目支出)."""
    return re.sub(vocab["definition_noise"], "", text).strip("　 ")


def stretches(phrase: str, shortest: int) -> list[tuple[str, str]]:
    """A phrase's stretches of at least this many characters, longest first, each with the
    rest of the phrase after it (深圳湾区书城 of 建深圳湾区书城; 森防基地, then 的租金)."""
    spans = range(len(phrase), shortest - 1, -1)
    return [(phrase[i : i + n], phrase[i + n :]) for n in spans for i in range(len(phrase) - n + 1)]
