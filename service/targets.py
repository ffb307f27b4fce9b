"""What a document sets as a target, or its text counts, in other than money: a 绩效目标表's
indicators (投入路面车辆数 =30辆, 《人民信访》发行量 720000册) and the numbers a target's
sentences state (站点维护数量162个), each with the project it is printed under; found by the
words of a question. Rules in prompts/labels.yaml (targets)."""

import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import takewhile
from typing import Any

from caiwen.domain.catalogue import normalise
from caiwen.service.labels import by_table, core_of, row_projects
from caiwen.service.labels import rules as label_rules

LEAST = Decimal("0.6")
"""The least share of a question's words a line must print (its project's name counted) to be
what it asks."""
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class TargetLine:
    words: str
    """The indicator's name, or the words a sentence states the number after."""
    project: str
    """The project whose form or row prints it ('' for none)."""
    printed: str
    """The value as printed, with its comparator and what it counts (≥4次)."""
    number: Decimal
    unit: str
    cell: Any
    """The cell printing it (its page, box and table)."""


def rules() -> dict[str, Any]:
    return label_rules()["targets"]


def lines(cells: list[Any]) -> list[TargetLine]:
    """Every target line of a document's cells, table by table."""
    found: list[TargetLine] = []
    for table in by_table(cells):
        projects = row_projects(table)
        rows: dict[int, list[Any]] = {}
        for cell in table:
            rows.setdefault(cell["row"], []).append(cell)
        for row, row_cells in rows.items():
            found += _row_lines(sorted(row_cells, key=lambda c: c["col"]), projects.get(row))
    return found


def _row_lines(cells: list[Any], project: str | None) -> list[TargetLine]:
    """A row's indicators, each the first value after a name, and its sentences' counts."""
    label = (cells[0]["row_label"] or "").strip()
    texts = [(c, normalise(c["original"] or "")) for c in cells]
    own = project or ""
    if project is None and any(len(t) >= rules()["sentence_chars"] for _, t in texts):
        own = label  # a project's row (杭州: its name, then its targets' sentences)
    label = label.rstrip("。；;，,:：")
    name = None if label == own or _is(label, "generic") or _is(label, "money") else label
    found: list[TargetLine] = []
    for i, (cell, text) in enumerate(texts):
        if len(text) >= rules()["sentence_chars"]:
            found += _sentence_lines(cell, text, own)
        elif value := re.match(rules()["value"], text):
            if name is not None and (cell["amount"] is None or value["unit"]):
                before = texts[i - 1][1] if i else ""
                after = _until_value([t for _, t in texts[i + 1 :]])
                found.append(_indicator(name, value, cell, own, before, after))
            name = None
        elif _cjk(text) and not any(
            _is(text, k) for k in ("comparator", "unit", "generic", "money")
        ):
            name = text.rstrip("。；;，,:：")
    return found


def _until_value(texts: list[str]) -> list[str]:
    """The cells after a value up to the next one: where its unit and comparator may be."""
    return list(takewhile(lambda t: not re.match(rules()["value"], t), texts))


def _indicator(
    name: str, value: re.Match[str], cell: Any, project: str, before: str, after: list[str]
) -> TargetLine:
    """An indicator's line: its value with the comparator printed before (or after) it and
    what it counts printed after it, where its own cell prints neither (用电量 | 653.99 | 用电
    总量 | 评分标准 | 万度 | ＝)."""
    cmp = value["cmp"] or next((t for t in [before, *after] if _is(t, "comparator")), "")
    cmp = "" if re.fullmatch(rules()["equals"], cmp) else cmp
    unit = value["unit"] or next((t for t in after if _is(t, "unit")), "")
    number = Decimal(value["num"].replace(",", ""))
    printed = f"{cmp}{value['num']}{unit}"
    return TargetLine(name, project, printed, number, unit, cell)


def _sentence_lines(cell: Any, text: str, project: str) -> list[TargetLine]:
    found = []
    for said in re.finditer(rules()["sentence"], text):
        words = re.sub(rules()["sentence_lead"], "", said["words"])
        if len(_cjk(words)) < 2:
            continue
        number = Decimal(said["num"].replace(",", ""))
        printed = f"{said['cmp'] or ''}{said['num']}{said['unit']}"
        found.append(TargetLine(words, project, printed, number, said["unit"], cell))
    return found


def _is(text: str, kind: str) -> bool:
    """Whether a cell's text is only a comparator, a unit, or a form's generic words, or
    names money (专项资金情况（万元）)."""
    rule = label_rules()["forms"]["amount"] if kind == "money" else rules()[kind]
    return bool(re.search(rule, text) if kind == "money" else re.match(rule, text))


def _cjk(text: str) -> str:
    return "".join(_CJK.findall(text))


def best(
    found: list[TargetLine], said: str, measure: str | None, project: str | None = None
) -> TargetLine | None:
    """The line a question's words name best (its project's name counting as its words), of
    what the question counts; among those naming as many, one of the project the question is
    about. None when none prints enough of them."""
    asked = set(_cjk(said))
    if len(asked) < 2:
        return None
    scored = [
        (share, bool(project and _same_project(line.project, project)), -len(line.words), -i)
        for i, line in enumerate(found)
        if _counts(line, measure) and (share := _share(line, said, asked)) >= LEAST
    ]
    return found[-max(scored)[3]] if scored else None


def covers(line: TargetLine, said: str) -> bool:
    """Whether a line's own words print every character of the words said."""
    return all(c in line.words for c in _cjk(said))


def _share(line: TargetLine, said: str, asked: set[str]) -> Decimal:
    """The share of the question's characters the line prints, where two of them stand side
    by side in its own words too (not only in its project's name)."""
    printed = line.words + line.project
    if not any(said[i : i + 2] in line.words for i in range(len(said) - 1)):
        return Decimal(0)
    return Decimal(sum(c in printed for c in asked)) / len(asked)


def _same_project(printed: str, asked: str) -> bool:
    a, b = core_of(normalise(printed)), core_of(normalise(asked))
    return bool(a and b) and (a in b or b in a)


def _counts(line: TargetLine, measure: str | None) -> bool:
    """Whether a line counts what the question counts (人 of 人次; 个 of anything counted)."""
    if measure is None or not line.unit:
        return True
    unit = line.unit.split("/")[0]
    return measure in unit or unit in measure or (measure == "个" and _is(unit, "counted"))
