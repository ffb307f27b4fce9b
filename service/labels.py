"""A document's own row labels as something to ask about: any project, 功能分类 or 经济分类
line or other printed row is found by the words of a question, said with or without the
endings people add or leave out (法律援助经费 ~ 法律援助), or with a character or two off. The
catalogue (prompts/metrics.yaml) stays the place for synonyms; this is what a document prints.
Rules in prompts/labels.yaml."""

import re
import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import Catalogue, Location, Metric, normalise
from caiwen.ingest.numbers import parse_amount, to_wan


@cache
def rules() -> dict[str, Any]:
    text = resources.files("caiwen.prompts").joinpath("labels.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


SAME_WORDS = 1.0
"""The score of a label said in its own words (endings aside)."""


def label_metric(label: str) -> Metric:
    """A row a document prints, as a metric read by its label, and written without the class a
    column beside its name printed on to it (运转保障 of 运转保障特定目标类)."""
    unclassed = without_class(label)
    return Metric(
        id=label, label=unclassed if unclassed != label else None, find=(Location(label=label),)
    )


@dataclass(frozen=True)
class Row:
    """One printed row of one table: its label and the cells holding its amounts."""

    table: str
    scope: str | None
    label: str
    cells: tuple[sqlite3.Row, ...]

    def amount(self, basis: str) -> sqlite3.Row | None:
        """The cell of the row's amount for a basis: its 合计 (预算) or 决算数 column."""
        for pattern in rules()["columns"].get(basis, ()):
            found = next(
                (c for c in self.cells if re.search(pattern, c["column_path"] or "")), None
            )
            if found is not None:
                return found
        return self.cells[0] if self.cells else None


@dataclass(frozen=True)
class LabelMatch:
    label: str
    score: float
    rows: tuple[Row, ...]
    """Every table row printing this label, the widest funds first."""


def form_cells(cells: list[Any]) -> list[dict[str, Any]]:
    """The project each form names (a 绩效目标表 of key and value: 项目名称 … 项目资金总额
    6,351,000.00), as a cell of a row labelled with the project's name, its amount in 万元. A
    table may print many forms one after another (烟台's: one per project); each starts at
    its 项目名称 row."""
    found = (_form_cell(*form) for table in by_table(cells) for form in _forms(table))
    return [cell for cell in found if cell is not None]


def listed_cells(cells: list[Any]) -> list[dict[str, Any]]:
    """The projects a list prints under a header kept as its first row (单位（项目）名称 |
    资金总额: 长沙, 长春, 重庆's 一般性项目 tables), each as a cell of a row labelled with the
    project's name, its amount in 万元."""
    return [cell for table in by_table(cells) for cell in _listed(table)]


def names_unit(label: str) -> bool:
    """Whether a printed line names a unit rather than a project or a subject."""
    return bool(re.search(rules()["unit_line"], label))


def project_labels(cells: list[Any]) -> list[tuple[str, str | None, str]]:
    """(department, region, label) of each project the forms and lists of these cells name
    (a store's `unfigured_cells`): lines a question may name, as the tables' rows are; not a
    list's row of a unit (深圳市气象局（本级）), whose name is its department's."""
    found = [*form_cells(cells), *listed_cells(cells)]
    projects = [c for c in found if not names_unit(c["row_label"])]
    return list(dict.fromkeys((c["department"], c["region"], c["row_label"]) for c in projects))


def row_projects(table: list[Any]) -> dict[int, str]:
    """The project each row of a table is printed under: a form's (from its 项目名称 row, or its
    title) or a list's (from the row naming it to the next)."""
    named = {c["row"]: name for name, form in _forms(table) for c in form}
    if named:
        return named
    rows = dict(_list_rows(table))
    found: dict[int, str] = {}
    project = None
    for row in sorted({c["row"] for c in table}):
        project = rows.get(row, project)
        if project:
            found[row] = project
    return found


def by_table(cells: list[Any]) -> list[list[Any]]:
    tables: dict[str, list[Any]] = {}
    for cell in cells:
        tables.setdefault(cell["table_id"], []).append(cell)
    return list(tables.values())


def _listed(table: list[Any]) -> list[dict[str, Any]]:
    """One list's projects: each later row naming one in the name column, with a figure in
    the amount column and a code or an ordinal in its first column, once."""
    head = _list_head(table)
    if head is None:
        return []
    *_, money, unit = head
    found: dict[tuple[str, Decimal], dict[str, Any]] = {}
    for label, amount, cell in _list_projects(table):
        if (label, amount) not in found:
            found[(label, amount)] = {
                **dict(cell), "row_label": label, "amount": to_wan(amount, unit),
                "original_unit": unit, "column_path": money,
            }  # fmt: skip
    return list(found.values())


def _list_rows(table: list[Any]) -> list[tuple[int, str]]:
    """(row, project) of each row of a list naming a project."""
    return [(cell["row"], label) for label, _, cell in _list_projects(table)]


def _list_head(table: list[Any]) -> tuple[int, int, str, str] | None:
    """A list's name column, its amount column with its header, and the unit it prints
    amounts in; None for a table that is no list of projects."""
    rule = rules()["lists"]
    head = {c["col"]: normalise(c["original"] or "") for c in table if c["row"] == 0}
    name = next((col for col, text in head.items() if re.match(rule["name"], text)), None)
    money = next((col for col, text in head.items() if re.search(rule["amount"], text)), None)
    if name is None or money is None:
        return None
    said = re.search(rules()["forms"]["unit"], head[money])
    unit = said.group(1) if said else table[0]["table_unit"] or "万元"
    return name, money, head[money], unit


def _list_projects(table: list[Any]) -> list[tuple[str, Decimal, Any]]:
    """(project, amount as printed, its amount cell) of each row of a list naming one: in the
    name column, with a figure in the amount column and a code or an ordinal first."""
    head = _list_head(table)
    if head is None:
        return []
    rule = rules()["lists"]
    name, money, *_ = head
    rows: dict[int, dict[int, Any]] = {}
    for cell in table:
        rows.setdefault(cell["row"], {})[cell["col"]] = cell
    found = []
    for row in (r for n, r in sorted(rows.items()) if n > 0 and name in r and money in r):
        label = (row[name]["original"] or "").strip()
        amount = parse_amount(row[money]["original"] or "")
        if amount is None:
            continue
        if re.match(rule["lead"], row[name]["row_label"] or "") and re.search(rule["named"], label):
            found.append((label, amount, row[money]))
    return found


def _forms(table: list[Any]) -> list[tuple[str, list[Any]]]:
    """A table's cells split into its forms, each named by its 项目名称 row and running to the
    next; a table without one is a form named by its title (泉州 and 福州 print a table a
    project: 市行政中心保安服务项目绩效目标表), unless the title names none (部门整体支出…)."""
    forms: list[tuple[str, list[Any]]] = []
    for cell in sorted(table, key=lambda c: (c["row"], c["col"])):
        if cell["col"] == 0 and re.match(rules()["forms"]["name"], cell["row_label"] or ""):
            forms.append(((cell["original"] or "").strip(), []))
        if forms:
            forms[-1][1].append(cell)
    titled = _titled_project(table[0]["table_title"] or "") if table else None
    return forms or ([(titled, table)] if titled else [])


def form_goal(cells: list[Any], project: str) -> Any | None:
    """The cell of the goal a project's form states (项目实施期目标: what it is for), if any."""
    goal = rules()["forms"]["goal"]
    for table in by_table(cells):
        for name, form in _forms(table):
            if name != project:
                continue
            said = (c for c in form if c["col"] == 0 and re.match(goal, c["row_label"] or ""))
            return next((c for c in said if (c["original"] or "").strip()), None)
    return None


def _titled_project(title: str) -> str | None:
    """The project a form's title names, its form words and any code and unit before it
    taken off (301008_泉州市公安局台商投资区分局_科技兴警绩效目标表: 科技兴警)."""
    rule = rules()["forms"]
    said = normalise(title)
    if not re.search(rule["titled"], said):
        return None
    name = re.sub(rule["title_lead"], "", re.sub(rule["titled"], "", said))
    return None if re.fullmatch(rule["untitled"], name) else name


def _form_cell(name: str, form: list[Any]) -> dict[str, Any] | None:
    """One form's project as a labelled cell; None when it prints no name or no amount."""
    rule = rules()["forms"]
    if not name or re.search(rule["keys"], name):
        return None
    money = [c for c in form if re.search(rule["amount"], c["row_label"] or "")]
    amount = next((c for c in money if parse_amount(c["original"] or "") is not None), None)
    if amount is None:
        return None
    said = re.search(rule["unit"], amount["row_label"])
    unit = said.group(1) if said else amount["table_unit"] or "万元"
    value = to_wan(parse_amount(amount["original"]) or Decimal(0), unit)
    key = next((c["original"] for c in money if c["col"] == amount["col"] - 1), None)
    return {**dict(amount), "row_label": name, "amount": value, "original_unit": unit,
            "column_path": key or amount["row_label"]}  # fmt: skip


class Labels:
    """The labelled rows of one document."""

    def __init__(self, cells: list[sqlite3.Row], catalogue: Catalogue):
        rows: dict[tuple[str, int, str], list[sqlite3.Row]] = {}
        totals: dict[str, dict[int, list[sqlite3.Row]]] = {}
        for cell in (c for c in cells if c["amount"] is not None):
            label = label_of(cell["row_label"] or "")
            if label:
                rows.setdefault((cell["table_id"], cell["row"], label), []).append(cell)
            elif normalise(cell["row_label"] or "") in TOTAL_LABELS:
                totals.setdefault(cell["table_id"], {}).setdefault(cell["row"], []).append(cell)
        self.totals = [
            Row(first[0]["table_title"] or "", None, "合计", tuple(first))
            for first in (next(iter(table.values())) for table in totals.values())
        ]
        """Each table's (first) total row."""
        order = rules()["scope_order"]
        self.by_label: dict[str, list[Row]] = {}
        for (_, _, label), found in rows.items():
            title = found[0]["table_title"] or ""
            family = catalogue.family(title)
            row = Row(title, family.scope if family else None, label, tuple(found))
            self.by_label.setdefault(label, []).append(row)
        for found in self.by_label.values():
            found.sort(key=lambda r: order.index(r.scope) if r.scope in order else len(order))
        self._spelled_out = catalogue.spelled_out
        self._cores = {label: self._core(_without_unit(label)) for label in self.by_label}

    def _core(self, label: str) -> str:
        """A label or a phrase as compared: its core, its short words read in full."""
        return core_of(self._spelled_out(label))

    def headed(self, phrase: str) -> list[str]:
        """The labels a phrase heads where no label is the phrase itself: two or more printed
        as it and a tail after a dash (科技研发资金-成果转化专项, 科技研发资金-基础研究专项)."""
        head = label_of(phrase) or ""
        if not head or head in self.by_label or head in self._cores.values():
            return []
        tail = re.compile(re.escape(head) + rules()["head_tail"])
        found = {
            self._cores[label]: label
            for label in self.by_label
            if tail.match(label)
            or tail.match(_without_unit(label))  # (深圳市发展和改革委员会专项资金-…)
        }
        return list(found.values()) if len(found) > 1 else []  # (one of each core: （免学费)）

    def match(self, phrase: str) -> list[LabelMatch]:
        """The labels a phrase names, best first: the same words (endings aside), a label the
        phrase holds or that holds the phrase, or a label said a little differently."""
        said = self._core(label_of(phrase) or "")
        if len(said) < rules()["core_chars"]:
            return []
        plain = said.replace("的", "")  # 戒毒人员的生活费: 强制隔离戒毒人员生活
        scored = [
            (score, label)
            for label, core in self._cores.items()
            if (score := _likeness(said if "的" in core else plain, core))
        ]
        printed = label_of(phrase)  # (深圳市建筑工务署（本级）: that row, not the bare name's;
        # 深圳市生态环境局宝安管理局: its own row, not the 监测站's, alike past the department)
        if not scored and _said_short(printed):  # (专项资金 ends many labels: none of them)
            ending = [
                (_tail(printed, label), label) for label in self._cores if label.endswith(printed)
            ]
            scored = ending if len(ending) == 1 else []
        holding = {label for _, label in scored if _says_all(said, self._cores[label])}
        scored.sort(key=lambda s: (s[1] != printed, s[1] not in holding, -s[0], len(s[1])))
        return [LabelMatch(label, score, tuple(self.by_label[label])) for score, label in scored]


def _said_short(said: str | None) -> bool:
    """Whether a phrase's core is too short to compare with a label's (机动 of 机动经费), the
    phrase long enough, its ending too, to name the label ending in it (单位预留机动经费)."""
    return bool(said) and rules()["tail_chars"] <= len(said) and len(core_of(said)) < 3


def _tail(said: str, label: str) -> float:
    """How alike a phrase said short is to the one label ending in it."""
    return 0.5 + 0.3 * len(said) / len(label)


def _says_all(said: str, core: str) -> bool:
    """Whether a label holds every word of a phrase, as printed or with words of its own between
    them: such a label comes before one sharing a longer stretch but lacking a word (大桥口岸安检
    服务 is 港珠澳大桥珠海公路口岸安检服务, not 港口口岸安检服务)."""
    return said in core or _words_left_out(said, core)


def _without_unit(label: str) -> str:
    """A project's label without the unit's name printed before it."""
    return re.sub(rules()["unit_lead"], "", label) or label


def holds(rows: list[LabelMatch], phrase: str) -> LabelMatch | None:
    """The best row whose label holds a phrase of at least ``part_chars`` whole, or the phrase
    without its ending (既有住宅加装电梯 in 既有住宅加装电梯专项资金经费; 小客车总量调控工作项目
    in 杭州市道路运输管理服务中心小客车总量调控工作), or one a label begins with (福州大学 of 福州
    大学科创和成果转化等扶持资金): the document's own words for it."""
    said = label_of(phrase) or ""
    wholes = [w for w in (said, core_of(said)) if len(w) >= rules()["part_chars"]]
    head = said if len(said) >= rules()["head_chars"] else None
    return next(
        (
            r
            for r in rows
            if (any(w in r.label for w in wholes) or (head and r.label.startswith(head)))
            and not _another_body(said, normalise(r.label))
        ),
        None,
    )


def _likeness(said: str, core: str) -> float:
    if _another_body(said, core):
        return 0.0
    if not re.search(r"\d", core):  # a number said with a name qualifies it (12345热线整合)
        said = re.sub(r"\d+", "", said) or said
    if alike := _alike(said, core):
        return alike
    if _numbered_alike(said, core):
        return rules()["enough"]
    if (described := _described(said, core)) >= rules()["described"]:
        return 0.5 + 0.2 * described
    return 0.0


def _another_body(said: str, core: str) -> bool:
    """Whether a phrase naming a body and a label holding it or held in it are two things: a
    body under the label's (杭州市公安局交通管理支队 of 杭州市公安局), or a project under the
    body's name, whole or its last words (交通管理支队执法办案)."""
    if said == core or not names_unit(said):
        return False
    if core in said:  # (a label printed under its body's name is read without it)
        return names_unit(core) and said.startswith(core)
    tails = (said[at:] for at in range(len(said) - 2))
    return not names_unit(core) and any(core.startswith(tail) for tail in tails)


def _alike(said: str, core: str) -> float:
    """How alike a phrase is to a label in its own words: the same, one holding the other, said
    short, or sharing most of them."""
    if said == core:
        return SAME_WORDS
    if len(core) >= 3 and core in said:
        return 0.6 + 0.3 * len(core) / len(said)
    if len(said) >= 3 and said in core:
        return 0.5 + 0.3 * len(said) / len(core)
    if _shortened(said, core):
        return 0.5 + 0.3 * len(said) / len(core)
    if _words_left_out(said, core) or _words_swapped(said, core):
        return 0.5 + 0.3 * len(said) / len(core)
    ratio = SequenceMatcher(None, said, core).ratio()
    if ratio >= rules()["close"]:
        return ratio * 0.8
    common = longest_common(said, core)
    if common >= rules()["common_chars"] and common * 2 >= max(len(core), len(said)):
        return 0.0 if _other_heads(said, core) else 0.45 + 0.4 * common / len(core)
    return 0.0


def _other_heads(said: str, core: str) -> bool:
    """Whether a phrase and a label sharing a stretch each say other words before it, two
    things of one kind (轨道交通运营补偿 is no 公共交通运营补助)."""
    match = SequenceMatcher(None, said, core).find_longest_match(0, len(said), 0, len(core))
    least = rules()["other_head_chars"]
    return match.a >= least and match.b >= least and said[: match.a] != core[: match.b]


def _numbered_alike(said: str, core: str) -> bool:
    """Whether a phrase says the number a label is known by (a hotline's, a road's) with the
    two characters after it as the label prints them (96196电梯困人救援平台 of 96196电梯应急处置
    服务平台)."""
    number = re.search(rules()["name_number"], core)
    return bool(number and number.group(0) in said)


def only_described(said: str, label: str) -> bool:
    """Whether a phrase names a label only by describing it (in other words and order), not
    by any of the closer likenesses."""
    said, core = core_of(label_of(said) or ""), core_of(_without_unit(label))
    return not _alike(said, core) and _described(said, core) >= rules()["described"]


def _described(said: str, core: str) -> float:
    """The share of a label's characters a phrase says, where two of them stand side by side
    in both (0 for a label of fewer than `described_chars` different characters, or for a
    phrase no longer than the label: a description says more, 小学教育 is no 学前教育)."""
    chars = set(core)
    side_by_side = any(core[i : i + 2] in said for i in range(len(core) - 1))
    if len(chars) < rules()["described_chars"] or not side_by_side or len(said) <= len(core):
        return 0.0
    return sum(1 for c in chars if c in said) / len(chars)


def _shortened(said: str, core: str) -> bool:
    """Whether a phrase is a label said short, its characters in the label's order from its
    first and to its last (公交运营补助 of 公共交通运营补助, 城乡居民医保市级补助 of 城乡居民基本
    医疗保险市级补助), keeping at least ``shortened`` of it."""
    if len(said) < rules()["core_chars"] * 2 or len(said) < len(core) * rules()["shortened"]:
        return False
    if said[0] != core[0] or said[-1] != core[-1]:
        return False
    rest = iter(core)
    return all(char in rest for char in said)


def _words_left_out(said: str, core: str) -> bool:
    """Whether a phrase is a label with words left out: stretches of two characters or more
    of it, in its order, keeping at least ``words_left_out`` of it (大桥口岸安检服务 of
    港珠澳大桥珠海公路口岸安检服务)."""
    if len(said) < max(len(core) * rules()["words_left_out"], rules()["words_left_out_chars"]):
        return False
    at, i = 0, 0
    while i < len(said):
        size = next((n for n in range(len(said) - i, 1, -1) if said[i : i + n] in core[at:]), 0)
        if not size:
            return False
        at = core.index(said[i : i + size], at) + size
        i += size
    return True


def _words_swapped(said: str, core: str) -> bool:
    """Whether a phrase says a label's words in another order, each word of two characters as
    printed (普查专项 of 专项普查活动), keeping at least ``words_swapped`` of the label."""
    if len(said) < 4 or len(said) % 2 or len(said) < len(core) * rules()["words_swapped"]:
        return False
    words = [said[i : i + 2] for i in range(0, len(said), 2)]
    return all(word in core for word in words) and said not in core


def longest_common(a: str, b: str) -> int:
    """The length of the longest stretch two strings share (环境卫生 of 城乡社区环境卫生)."""
    return len(common_stretch(a, b))


def common_stretch(a: str, b: str) -> str:
    """The longest stretch two strings share."""
    match = SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]


TOTAL_LABELS = ("合计", "总计")
"""How a table labels its total row (normalised)."""


def label_of(label: str) -> str | None:
    """A printed row label as it is asked about: without its ordinal; None for a row that is
    no item of its own (合计, 其中)."""
    text = re.sub(rules()["lead"], "", normalise(label))
    return None if not text or re.match(rules()["skip"], text) else text


def without_class(label: str) -> str:
    """A label without the class a column beside its name printed on to it (运转保障特定目标类,
    家具用具分散自行组织)."""
    for kind in rules()["classes_after"]:
        if label.endswith(kind) and len(label) - len(kind) >= rules()["core_chars"]:
            return label[: -len(kind)]
    return label


def core_of(label: str) -> str:
    """A label without the class printed after it and the ending people add or leave out
    (法律援助经费特定目标类 → 法律援助, 家具用具分散自行组织 → 家具用具), and the notes in
    brackets inside it."""
    plain = re.sub(rules()["annotation"], "", label)
    label = without_class(plain if len(plain) >= rules()["core_chars"] else label)
    for ending in rules()["endings"]:
        if label.endswith(ending) and len(label) - len(ending) >= rules()["core_chars"]:
            return label[: -len(ending)]
    return label
