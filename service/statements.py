"""The amounts a narrative states for named pieces of work (（2）深圳气象预报区域大模型项目
258.00万元，用于构建…), and the one a question describes best in its own words (搞天气预报AI大
模型: 预报, 大模, 模型), when it says none of the name as printed."""

import re
from dataclasses import dataclass

from caiwen.service.details import PassageFound
from caiwen.service.understand import planner_vocabulary


@dataclass(frozen=True)
class Statement:
    """One amount the text states: the words naming it (back to the clause's start), and those
    after it to the sentence's end (用于…: what it is for)."""

    name: str
    purpose: str
    text: str
    """Name, amount and purpose as printed (spaces aside)."""
    amount: str = ""
    """The amount as printed, with its unit (18,808.16万元)."""


def statements(text: str, marks: str = "name_opens") -> list[Statement]:
    """The amounts a passage states, each with its name (from the last of the vocabulary's
    ``marks`` before it) and purpose."""
    vocab = planner_vocabulary()["statements"]
    flat = re.sub(r"\s+", "", text)
    found = []
    for amount in re.finditer(vocab["amount"], flat):
        if re.search(vocab["target"], flat[: amount.start()]):
            continue  # ≤3504.55万元: a ceiling, not an amount stated
        opens = [m.end() for m in re.finditer(vocab[marks], flat[: amount.start()])]
        start = opens[-1] if opens else 0
        ends = re.compile(vocab["purpose_ends"]).search(flat, amount.end())
        end = ends.start() if ends else len(flat)
        name = re.sub(vocab["lead"], "", flat[start : amount.start()])
        if name:
            purpose = flat[amount.end() : end]
            found.append(Statement(name, purpose, flat[start:end], amount.group()))
    return found


def closest(passages: list[PassageFound], said: str) -> tuple[PassageFound, str] | None:
    """The statement of the passages a question's words describe best: the most of the
    question's two-character stretches in its name (or, in their order with a few characters
    between, a name said short: 法考 of 法律职业资格考试), then in its purpose, enough of
    them (CLOSE_ENOUGH, or SHORT_ENOUGH covering half the words said), no other statement as
    close, and the words' last stretch among them, their generic ending aside: what they name
    is said last (森防基地的租金 is none of 森防基地通信保障及无人机26.85万元)."""
    pairs = _pairs(said)
    if not pairs:
        return None
    scored = sorted(
        (
            (_score(s, pairs), i, passage, s)
            for passage in passages
            for i, s in enumerate(statements(passage.text))
        ),
        key=lambda x: -x[0],
    )
    if not scored:
        return None
    best, _, passage, statement = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    covered = best / len(pairs)
    enough = best >= CLOSE_ENOUGH or (best >= SHORT_ENOUGH and covered >= HALF)
    named = _in_name(statement, pairs) or best >= CLOSE_ENOUGH
    if not enough or best <= second or not named or not _score(statement, _head(said)):
        return None
    return passage, statement.text


CLOSE_ENOUGH, SHORT_ENOUGH, HALF = 2.0, 1.5, 0.5
"""How close a statement must be to the words said (see `closest`); one the words describe by
its purpose alone (主要用于“菜篮子”工程建设专项资金支出), CLOSE_ENOUGH: four stretches."""
PURPOSE = 0.5
"""What a stretch said counts in a statement's purpose, or in its name said short."""
GAP = 6
"""How many characters may stand between the two characters of a stretch said short."""


def _head(said: str) -> list[str]:
    """The last two-character stretch of words said, their generic ending aside (大模型项目:
    模型), where they have one."""
    generic = planner_vocabulary()["named_generic"]
    core = re.sub(f"(?:{generic})+$", "", said)
    return _pairs(core)[-1:] or _pairs(said)[-1:]


def _pairs(said: str) -> list[str]:
    """The two-character stretches of what the question says, of characters and letters only."""
    words = re.findall(r"[\u4e00-\u9fffA-Za-z0-9]+", said)
    return list(dict.fromkeys(w[i : i + 2] for w in words for i in range(len(w) - 1)))


def _score(statement: Statement, pairs: list[str]) -> float:
    """One for each stretch in the name, half for one in the name said short or only in the
    purpose."""
    score = 0.0
    for pair in pairs:
        if pair in statement.name:
            score += 1
        elif _short(pair, statement.name) or pair in statement.purpose:
            score += PURPOSE
    return score


def _in_name(statement: Statement, pairs: list[str]) -> bool:
    return any(p in statement.name or _short(p, statement.name) for p in pairs)


def _short(pair: str, name: str) -> bool:
    """Whether a name holds the two characters in their order with a few between."""
    return re.search(f"{re.escape(pair[0])}.{{1,{GAP}}}?{re.escape(pair[1])}", name) is not None
