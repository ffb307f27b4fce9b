"""question → what it asks: the operation, the metrics, the departments, the year and kind.

Everything linguistic comes from prompts/planner.yaml, prompts/names.yaml and the metric
catalogue; department names come from the store, read as people say them (the directory).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import Catalogue, catalogue, normalise
from caiwen.ingest.lexical import word_spans
from caiwen.ingest.numbers import parse_amount, small_count
from caiwen.service.directory import Directory, Mention, RegionMention, runs_on
from caiwen.service.homophones import heard_in, sound
from caiwen.service.labels import names_unit
from caiwen.service.labels import rules as label_rules
from caiwen.service.lexicon import Lexicon
from caiwen.service.names import rules as name_rules
from caiwen.service.names import unit_of
from caiwen.service.phrases import in_order, named_phrase, trimmed, without_whole_words

ANNOTATION = r"[（(](?:不?含[^（）()]{0,8}|[类款项])[)）]"
"""Printed annotations that get in the way of names: （含）, （不含车辆）, （类）, （项）."""
COMPARING = "比较和与跟同"
"""A year written right after one of these (比、较, or 和、与… followed by 比) is what the
question compares with."""


CLEANED = 4096
"""Questions and clauses whose cleaned text is kept (a plan cleans the same words several
times)."""


@cache
def planner_vocabulary() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("planner.yaml").read_text())


def text_question(question: str, metric: str | None = None) -> dict[str, str] | None:
    """For a question about the units, the organisation or the duties: what answers it, the
    section title (a regular expression) and the operation (reason unless said); of a
    question naming a figure (``metric``), none asked of the department alone (its duties)."""
    return next(
        (
            t
            for t in planner_vocabulary()["text_questions"]
            if re.search(t["asks"], question)
            and not re.search(t.get("unless", "$^"), question)
            and not (metric and t.get("unnamed"))
        ),
        None,
    )


def text_topic(question: str, metric: str | None = None) -> str | None:
    """The section title that answers a question about the units, the organisation or the
    duties (of a question naming a figure, ``metric``, not the duties)."""
    asked = text_question(question, metric)
    return asked["section"] if asked else None


@dataclass
class Question:
    text: str
    operation: str | None = None
    metrics: list[str] = field(default_factory=list)
    """Written metric names found, in order (resolved later through the catalogue); two-
    character names only when there is nothing longer."""
    named: list[tuple[int, str]] = field(default_factory=list)
    """Every written metric name found with where it starts, two-character ones (工资) too."""
    departments: list[list[str]] = field(default_factory=list)
    """Each department mention → the ingested departments it can mean."""
    mentions: list[str] = field(default_factory=list)
    """The department names as written in the question."""
    level: str | None = None
    """The level of disclosure the question asks for (部门, 单位), if it says."""
    basis: str | None = None
    """The figure it asks for where a document prints both (预算数, 决算数), if it says."""
    confirm: bool = False
    """A department was named under a government above its own (上海财政局 for 上海市普陀区
    财政局): to be confirmed, not assumed."""
    regions: list[str] = field(default_factory=list)
    """Governments the question names on their own (“深圳的呢？”)."""
    unknown_department: str | None = None
    year: int | None = None
    """The year asked about; the latest when several are named."""
    base_year: int | None = None
    """The year compared with: written after 比/和/与…, or the earliest of several named."""
    years: list[tuple[int, int]] = field(default_factory=list)
    """Every written year with where it stands in the text (to pair years with departments)."""
    places: list[tuple[int, int]] = field(default_factory=list)
    """Where each department mention stands in the text, with its index in `departments`."""
    relative_year: int | None = None
    relative_base: int | None = None
    kind: str | None = None
    order: str = "desc"
    top_n: int | None = None
    followup: bool = False
    pronoun: bool = False
    residue: str = ""
    """The text without the department and year it names."""
    per: dict[str, str] | None = None
    """The count an amount is asked per (车辆数 of 平均每辆车), and whose the amount is."""
    quoted: list[str] = field(default_factory=list)
    """The amounts the question quotes (说明里写1815万), in the order written."""

    def copy(self) -> "Question":
        """A copy of its own: every list and dict copied, down to the strings and numbers."""
        return replace(self, **{f.name: _copied(getattr(self, f.name)) for f in fields(self)})


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    return value


def _unit_heard(mention: Mention) -> str | None:
    """The unit word a name said with a slip in it ends with, as its organisations' names do
    (办公听 of 办公厅: 厅)."""
    units = {unit_of(o.name) for o in mention.organisations}
    unit = units.pop() if len(units) == 1 else None
    said = mention.text[-len(unit) :] if unit else ""
    heard = unit and [sound(c) for c in said] == [sound(c) for c in unit]
    return unit if heard else None


def _crosses(mention: Mention, start: int, end: int) -> bool:
    """Whether a word found overlaps a name said with a slip, other than inside it before
    the unit word it ends with as its organisations' names do (退役军人事|物局: the name holds
    the word; 交通管理|具体: no 局 ends it), or anywhere inside it where the slip is in that unit
    word (市政府办公 of 深圳市政府办公听)."""
    if not (start < mention.end and mention.start < end):
        return False
    if not unit_of(mention.text) and _unit_heard(mention):  # (办公听: a word found inside)
        return not (mention.start <= start and end <= mention.end)
    unit = unit_of(mention.text)
    inside = mention.start <= start and end <= mention.end - len(unit or "")
    return not (inside and unit and all(o.name.endswith(unit) for o in mention.organisations))


def _slip_begins_word(mention: Mention, text: str) -> bool:
    """Whether a name said with a slip has slipped on its last character, and that character
    begins a word going on past it (轨道交通运营补偿 holds no 轨道交通局; 泉州公案局 ends as
    泉州市公安局 does)."""
    last = mention.text[-1:]
    if any(o.name.endswith(last) for o in mention.organisations):
        return False
    return word_spans(text).get(mention.end - 1, 0) > mention.end


def _unpaid(named: list[tuple[int, str]], paid_from: dict[str, str]) -> list[tuple[int, str]]:
    """The names without the fund an expense right before it is paid from (机关运行经费财政
    拨款预算 asks for 机关运行经费, not 财政拨款 too)."""
    ends = {at + len(name): name for at, name in named}
    return [
        (at, name)
        for at, name in named
        if not (
            re.search(paid_from["expense"], ends.get(at, "")) and re.match(paid_from["fund"], name)
        )
    ]


def _asked(named: list[tuple[int, str]], text: str, listing: str, money: str) -> list[str]:
    """The metrics a question asks about: a two-character name beside longer ones only where
    it is listed or said as a part (三公经费里出国、公车、接待各多少; 买车钱和运行费, ``money``
    said between, or a note in brackets: 出国（境）、公务接待), or written right against a name of
    its kind (水费电费物业费: each ends as the other does), not a word that happens to be a short
    name (支出 of 社会工作事务支出)."""
    long = [name for _, name in named if len(name) > 2]
    if not long:
        return [name for _, name in named]
    ends = {at + len(name): name[-1] for at, name in named}
    starts = {at: name[-1] for at, name in named}
    return [
        name
        for at, name in named
        if len(name) > 2
        or ends.get(at) == name[-1]
        or starts.get(at + len(name)) == name[-1]
        or re.search(f"(?:{listing})$", text[:at])
        or re.match(
            f"(?:{label_rules()['annotation']})?{money}(?:{listing})", text[at + len(name) :]
        )
    ]


CLASS_LEAD_CHARS = 8
"""The most words before a word of spending read as the first words of a 类's name."""


def reason_section(metric: str | None) -> str | None:
    """The sections a figure's change is explained in: for a total or a part of it (项目支出),
    the total's (收支 | 总体情况, its own side first:
    收入预算情况说明 for 收入, 支出预算情况说明 for 支出); for any other figure, those whose title
    names it by its own name or the catalogue's (（七）一般公共预算“三公”经费预算情况说明 of
    三公经费), matched on the title_key."""
    if metric is None:
        return None
    vocab = planner_vocabulary()
    totals = vocab["total_metrics"]
    known = catalogue()
    if metric in totals or set(known.wholes_of(metric)) & set(totals):
        side = "收入" if "收入" in metric else "支出"
        return f"{vocab['total_reason_section']}|{vocab['total_side_section'][side]}"
    metric_known = known.metrics.get(metric)
    names = {normalise(n) for n in (metric, *(metric_known.aliases if metric_known else ()))}
    said = sorted((n for n in names if len(n) >= REASON_TITLE_LEAST), key=len, reverse=True)
    return "|".join(map(re.escape, said)) or None


REASON_TITLE_LEAST = 2
"""How long a name must be to find the sections titled with it."""


def title_key(section: str) -> str:
    """A section's title as names are matched against it: normalised, without the printed
    annotations (3．住房保障（类）支出 names 住房保障支出; “三公”经费 is 三公经费)."""
    return normalise(re.sub(ANNOTATION, "", section))


@lru_cache(maxsize=CLEANED)
def clean(text: str) -> str:
    """Full-width digits and letters to ASCII, fiscal words in English (buying said as a verb,
    a category said in one word) read in Chinese, no spaces, no quote marks."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, read in _rewrites():
        text = pattern.sub(read, text)
    return _heard(normalise(text)).replace("？", "?")


def _heard(text: str) -> str:
    """The words every question may say (预算, 决算) where they are written with one character
    of another of the same sound (预酸: 酸 for 算), as those words."""
    for word in planner_vocabulary()["words_heard"]:
        syllables = [sound(c) for c in word]
        for at in range(len(text) - len(word) + 1):
            said = text[at : at + len(word)]
            slips = sum(a != b for a, b in zip(said, word, strict=True))
            if slips == 1 and [sound(c) for c in said] == syllables:
                text = text[:at] + word + text[at + len(word) :]
    return text


def _level(text: str) -> str | None:
    """The level of document a question wants: the whole department where it leaves the organ
    itself out (不算局本级), the organ alone where it leaves its units out (不含下属单位), else
    as its words say (本级, 部门预算)."""
    rules = name_rules()
    if re.search(rules["own_excluded"], text):
        return "部门"
    if re.search(rules["excluded_part"], text):
        return "单位"
    return next((lv for lv, p in rules["levels"].items() if re.search(p, text)), None)


@cache
def _rewrites() -> list[tuple[re.Pattern[str], str]]:
    """What `clean` rewrites, in order: the English words, a remark leaving the organ out, measure
    words and 钱 written with a slip, then buying, funding, money and joined words."""
    vocab = planner_vocabulary()
    english = [
        (rf"(?i)(?<![a-z]){re.escape(word)}(?![a-z])", chinese)
        for word, chinese in vocab["english"].items()
    ]
    said = [*english, *vocab["aside_bracketed"], *vocab["measure_slips"], *vocab["money_slips"]]
    said += [*vocab["buying"], *vocab["funding"]]
    said += [*vocab["money_of"], *vocab["joined"]]
    return [(re.compile(pattern), read) for pattern, read in said]


class Reader:
    """Reads questions against a catalogue and the ingested department names."""

    def __init__(
        self,
        catalogue: Catalogue,
        directory: Directory,
        lexicon: Lexicon,
        printers: dict[str, set[str]] | None = None,
    ):
        self.vocab = planner_vocabulary()
        self.catalogue = catalogue
        self.directory = directory
        self.lexicon = lexicon
        self.printers = printers or {}
        """Each row label → the organisations whose tables print it."""
        self._kept: dict[str, Question] = {}

    def read(self, question: str) -> Question:
        """The question read, as a copy of its own: a plan reads the same words several times
        (the whole, each clause, each check), so a reading is kept until `forget`."""
        if (kept := self._kept.get(question)) is None:
            kept = self._kept[question] = self._read(question)
        return kept.copy()

    def forget(self) -> None:
        """Drop the kept readings (at the start of each plan: readings are not kept across
        questions, so every question costs what reading it costs): with them the cleaned
        texts and the names found in them."""
        self._kept.clear()
        clean.cache_clear()
        self.directory.forget()

    def _read(self, question: str) -> Question:
        text = self._time_in_name(clean(question))
        parsed = Question(text=text)
        plain = text
        for excluded in ("excluded_part", "own_excluded"):  # (除了局本级: no body named 除了局)
            plain = re.sub(name_rules()[excluded], lambda m: "　" * len(m.group(0)), plain)
        for aside in ("set_aside", "examples_said"):
            plain = re.sub(self.vocab[aside], lambda m: "　" * len(m.group(0)), plain)
        for average in self.vocab["averages"]:
            if said := re.search(average["said"], plain):
                parsed.per = average
                plain = _blank(plain, said.start(), said.end())
        rest = self._departments(plain, parsed)
        rest = re.sub(self.vocab["between_bodies"], lambda m: "　" * len(m.group(0)), rest)
        rest = self._year(rest, parsed)
        spoken = rest  # the amounts it quotes stay in what it says (为什么要70万这么多)
        rest = self._quoted(rest, parsed)
        parsed.operation = self._operation(self._without_printed_names(plain))
        rest = re.sub(self.vocab["lines_under"], lambda m: "　" * len(m.group(0)), rest)
        parsed.named = self._metrics(re.sub(ANNOTATION, lambda m: "　" * len(m.group(0)), rest))
        asked = _unpaid(parsed.named, self.vocab["paid_from"])
        listing = self.vocab["short_listed"], self.vocab["short_listed_money"]
        parsed.metrics = _asked(asked, rest, *listing)
        self._quoted_lines(question, parsed)
        self._marked_lines(rest, parsed)
        parsed.residue = spoken.replace("　", "")
        parsed.kind = next((k for k, p in self.vocab["kinds"].items() if re.search(p, text)), None)
        bases = self.vocab["bases"].items()
        parsed.basis = next((b for b, p in bases if re.search(p, text)), None)
        parsed.level = _level(text)
        parsed.order = "asc" if re.search(self.vocab["rank_order"]["asc"], text) else "desc"
        parsed.top_n = _top_n(text, self.vocab["top_n"])
        parsed.followup = bool(re.search(self.vocab["followup"], text))
        parsed.pronoun = bool(
            re.search(self.vocab["pronoun"], re.sub(self.vocab["time_lead"], "", text))
        )
        return parsed

    def _quoted_lines(self, question: str, parsed: Question) -> None:
        """A line the tables print, named in quotes (“水利”这个款下面), however short: a name."""
        for said in re.finditer(self.vocab["in_quotes"], question):
            name = clean(said[1])
            at = _occurrence(parsed.text, name, clean(question[: said.start()]).count(name))
            if self.lexicon.printed(name) and name not in parsed.metrics and at >= 0:
                _add_name(parsed, at, name)

    def _marked_lines(self, rest: str, parsed: Question) -> None:
        """A line too short to find in running text, said with a word marking it as a part of
        the spending (检察方面的钱, 公安这块): a name, as if quoted."""
        for said in re.finditer(self.vocab["marked_line"], rest):
            name, at = said["line"], said.start()
            inside = any(s <= at < s + len(n) for s, n in parsed.named)
            if said["ending"] and not re.search(self.vocab["marked_line_start"], rest[:at]):
                continue
            if name in self.lexicon.short_labels and name not in parsed.metrics and not inside:
                if said["ending"]:  # (检察支出: 检察's spending, no total said beside it)
                    _drop_name(parsed, said.start("ending"), said["ending"])
                _add_name(parsed, at, name)

    def _quoted(self, text: str, parsed: Question) -> str:
        """The amounts the question quotes, blanked out of the text (201.8万 names no subject
        201, 一般公共服务支出)."""
        for said in re.finditer(self.vocab["quoted"], text):
            parsed.quoted.append(said.group(0))
            text = _blank(text, said.start(), said.end())
        return text

    def quotes(self, text: str) -> bool:
        """Whether a text quotes an amount (说明里写1815万)."""
        return bool(re.search(self.vocab["quoted"], clean(text)))

    def count_metrics(self, text: str, counting: bool = False) -> list[str]:
        """The metrics a count question counts (几辆 → 车辆数; 几批、多少人次 → both); none
        when the question counts nothing (办公设备购置费 asks an amount). ``counting``: the
        question follows a count, so it need not say that it counts (那100万以上的设备呢)."""
        plain = re.sub(ANNOTATION, "", text)
        if not counting and not re.search(self.vocab["asks_count"], plain):
            return []
        applied = [
            c
            for c in self.vocab["counts"]
            if re.search(c["pattern"], plain) and not re.search(c.get("unless", "$^"), plain)
        ]
        excluded = {m for c in applied for m in c.get("excludes", ())}
        return [c["metric"] for c in applied if c["metric"] not in excluded]

    def _without_printed_names(self, text: str) -> str:
        """The text without the row labels it names that no catalogue name is: their words are
        a name, not an operation (预决算管理业务 asks for no 预算 against 决算)."""
        for start, end, name in self.lexicon.find(text, []):
            if self.lexicon.printed_only(name):
                text = _blank(text, start, end)
        return text

    def _operation(self, text: str) -> str | None:
        """The first operation whose words the question uses; a question about the units, the
        offices or the duties (text_questions) is a text question, as 为什么 is (the units
        listed by the tables too)."""
        for op, pattern in self.vocab["operations"]:
            if re.search(pattern, text):
                return op
            if op == "reason" and (asked := text_question(text)):
                return asked.get("operation", op)
        return None

    def _departments(self, text: str, parsed: Question) -> str:
        """Find the departments the question names, however it names them (the directory),
        note where each stands, and blank them out of the text with the governments written
        next to them. A department of a government with no stored documents is unknown."""
        named = self.lexicon.find(text, [], slips=False)  # (信仿局: a department's slip)
        written: dict[int, str] = {}  # where each department named ends
        before: Mention | None = None  # the department named last
        foreign = False  # a unit another government's department has named under it
        homes: dict[str | None, int] = {}  # the governments of departments named: where said
        for mention in self._mentions(text, named):
            if mention.how in ("typo", "not_in_region") and (  # (交通管理具体: no 交通管理局)
                any(_crosses(mention, s, e) for s, e, _ in named)
                or _slip_begins_word(mention, text)
            ):
                continue
            if end := self._another_body(text, mention):  # 北京市生态环境|监测中心
                parsed.unknown_department = parsed.unknown_department or text[mention.start : end]
                text = _blank(text, mention.start, end)
                continue
            if self._unit_after(text[mention.end :], mention):
                text = _blank(text, mention.start, mention.end)  # whose the unit next is
                continue
            if self._under_another(text, mention, before):
                foreign = True  # read below as a body of the department named
                continue
            if self._project_named(text, mention) or self._inside_line(mention, named):
                continue
            if lead := self._other_government(text, mention):  # 北京市电影事业发展中心
                parsed.unknown_department = parsed.unknown_department or text[lead : mention.end]
                text = _blank(text, lead, mention.end)
                continue
            if not mention.organisations:
                # 重庆市规划和自然资源局下属的渝中区规划自然资源局: a body of the one named
                home = before and self._under(text, mention, before) and written[before.end]
                said = mention.text
                if home and before:  # its government said once: 北京市财政局国库支付中心
                    said = home + said.removeprefix(before.organisations[0].region or "")
                parsed.unknown_department = parsed.unknown_department or said
            else:
                names, start = self._named_so(mention, text[: mention.start])
                mention = replace(mention, start=start)
                parsed.confirm |= mention.how == "inside_region"
                if names not in parsed.departments:
                    parsed.departments.append(names)
                    parsed.mentions.append(mention.text)
                parsed.places.append((mention.start, parsed.departments.index(names)))
                written[mention.end] = names[0] if len(names) == 1 else mention.text
                if len(governments := {o.region for o in mention.organisations}) == 1:
                    homes.setdefault(governments.pop(), mention.end)  # (one city's 科技局s)
                before = mention
            line = self._line_begun(mention, named)
            text = _blank(text, mention.start, mention.end if line is None else line)
        unknown = self._nested(text, self._unknown_name(text))
        if unknown and re.fullmatch(self.vocab["not_a_name"], unknown["name"]):
            unknown = None  # 整个局加起来, 下面几个中心: no organisation's name
        if unknown and re.match(self.vocab["project_after"], text[unknown.end() :]):
            unknown = None  # 社区事务受理中心改造项目: a project's name
        if unknown and not foreign and self._printed_line(unknown, named):
            unknown = None  # 那中医医院呢: a line the tables print (中医（民族）医院)
        governed = unknown and self._of_government(unknown.group(0))  # 北京市学生资助发展中心
        if unknown and (governed or not parsed.departments) and not parsed.unknown_department:
            parsed.unknown_department = governed or unknown.group(0)
        home = written.get(unknown.start()) if unknown else None
        after = text[unknown.end() :] if unknown else ""
        unit = self._unit_written_on(unknown.group(0), home, after) if unknown and home else None
        if unknown and unit and not parsed.unknown_department:
            parsed.unknown_department = f"{home}{unit}"
            text = _blank(text, unknown.start(), unknown.end())
        if governed and unknown and parsed.unknown_department == governed:
            text = _blank(text, unknown.start(), unknown.end())
        for region in self.directory.regions(text) + self.directory.unknown_regions(text):
            if homes.get(region.region, len(text)) <= region.start and _begins_a_name(text, region):
                continue  # 深圳宣传部办深圳书展: the name of what is asked
            parsed.regions.append(region.region)
            text = _blank(text, region.start, region.end)
        _settle_ambiguous(parsed)
        return text

    def _mentions(self, text: str, named: list[tuple[int, int, str]]) -> list[Mention]:
        """The organisations a text names; where a slip of one runs into a figure's name (信访办
        公车 of 信访办公室, then 公车运行费), what it names without that figure's words (信访办)."""
        found = self.directory.find(text)
        slips = [
            (m, overlapping)
            for m in found
            if m.how == "typo"
            and (overlapping := [(s, e) for s, e, _ in named if _crosses(m, s, e)])
        ]
        for slip, overlapping in slips:
            blanked = text
            for start, end in overlapping:
                blanked = _blank(blanked, start, end)
            inside = [
                m
                for m in self.directory.find(blanked)
                if slip.start <= m.start and m.end <= slip.end and m.how != "typo"
            ]
            found = [m for m in found if m is not slip] + inside
        return sorted(found, key=lambda m: m.start)

    def _named_so(self, mention: Mention, before: str) -> tuple[list[str], int]:
        """The organisations a mention names; of several, the one called by the words said after
        its department's name (工程管理中心: 深圳市建筑工务署工程管理中心, not …文体和水务工程管理
        中心; 执法总队 of two departments, stored or not, is either), else the one whose name
        holds the words said right before (宝安生态环境管理局:
        深圳市生态环境局宝安管理局), where one is; and where the name begins."""
        names = [o.name for o in mention.organisations]
        stored = {o.name for o in self.directory.names}
        said = mention.text
        parents = tuple(name_rules()["parent_units"])
        exact = [
            n
            for n in names
            if n.endswith(said) and (n[: -len(said)] in stored or n[: -len(said)].endswith(parents))
        ]
        if len(names) < 2 or len(exact) == 1:
            return exact or names, mention.start
        word = re.search(self.vocab["word_before"], before)
        held = [n for n in names if word and word.group(0) in n]
        return (held, word.start()) if word and len(held) == 1 else (names, mention.start)

    def _another_body(self, text: str, mention: Mention) -> int | None:
        """Where a name said short runs on into a body of its own, ending like an organisation
        in words its department's name does not have and its tables print in no row (北京市生态
        环境监测中心, 深圳市城市更新局; not 深圳城管执法局, nor 烟台市大数据中心)."""
        found = re.compile(self.vocab["unknown_department"]).match(text, mention.start)
        said = text[mention.start : found.end()] if found else ""
        one = re.fullmatch(self.vocab["one_name"], said) and not any(
            r.start > 0 for r in self.directory.regions(said)
        )  # (not 北京和深圳的医保局)
        if not found or found.end() <= mention.end or not one:
            return None
        lead = next((r.end for r in self.directory.regions(said) if r.start == 0), 0)
        if self._printed_by(said[lead:], mention):
            return None  # 烟台市大数据中心: a row of 烟台市大数据局's tables
        return found.end() if runs_on(mention, text[mention.end : found.end()]) else None

    def _unit_written_on(self, said: str, home: str, after: str) -> str | None:
        """A body written right after its department (规自委海淀分局, 城管执法局下面的执法保障
        中心): its name, when it ends like a unit's, is a name (not 给…, 连同下属学校, 文物里的
        博物馆, 补贴社会办医院: no money) and no project's start (浙北医学中心迁建), nor the
        department's own name said on (深圳文体旅游局)."""
        lead = re.match(self.vocab["not_a_name"], said)
        own = said[lead.end() if lead else 0 :]
        rule = self.vocab["unit_written_on"]
        ending = re.search(f"(?:{rule['endings']})$", own)
        named = ending and len(own) > len(ending[0]) and re.match(rule["next"], after)
        phrase = re.search(rule["not_in_name"], own) or re.search(self.vocab["fiscal"], own)
        return own if named and not phrase and not set(own) <= set(home) else None

    def _unknown_name(self, text: str) -> re.Match[str] | None:
        """The first name ending like an organisation's, the words said before names aside
        (其中大厅请律师: no body's name), and none of things counted (多少个涉农街道: a kind) or
        given to (给社会办医院的补贴: whom the money is for)."""
        pattern = re.compile(self.vocab["unknown_department"])
        found = pattern.search(text)
        kinds = f"{self.vocab['counted_lead']}|{self.vocab['given_lead']}"
        while found and re.match(kinds, found["name"]):
            found = pattern.search(text, found.end())
        lead = re.match(self.vocab["name_lead"], found["name"]) if found else None
        return pattern.match(text, found.start() + lead.end()) if found and lead else found

    def _nested(self, text: str, unknown: re.Match[str] | None) -> re.Match[str] | None:
        """A body inside the organisation whose name ends before it, written on (江苏省委机要局,
        not 江苏省委): one name, the inner body's."""
        pattern = self.vocab["unknown_department"]
        inner = re.compile(pattern).match(text, unknown.end()) if unknown else None
        if (
            unknown is None
            or inner is None
            or re.fullmatch(self.vocab["not_a_name"], inner["name"])
        ):
            return unknown
        whole = re.compile(f"{re.escape(unknown.group(0))}(?:{pattern})")
        return whole.match(text, unknown.start())

    def _of_government(self, said: str) -> str | None:
        """The name, where it is written with its government in front (下属的北京市学生资助发展
        中心: 北京市学生资助发展中心)."""
        lead = re.match(self.vocab["not_a_name"], said)
        name = said[lead.end() :] if lead else said
        found = self.directory.regions(name)
        return name if found and found[0].start == 0 and found[0].end < len(name) else None

    def _other_government(self, text: str, mention: Mention) -> int | None:
        """Where a name begins whose end was read as another government's organisation (发展中心
        of 北京市电影事业发展中心 is not 无锡's 发展改革研究中心): the government written at its
        start, none of the organisations' own."""
        run = re.search(self.vocab["name_run"], text[: mention.start])
        found = self.directory.regions(run.group(0)) if run else []
        if not run or not mention.organisations or not found or found[0].start != 0:
            return None
        theirs = {o.region for o in mention.organisations}
        return run.start() if not theirs & {r.region for r in found} else None

    def _printed_line(self, unknown: re.Match[str], named: list[tuple[int, int, str]]) -> bool:
        """Whether what looks like an organisation's name (那中医医院) is, words like 那 aside,
        a line the tables print that no catalogue name is."""
        lead = re.match(self.vocab["not_a_name"], unknown["name"])
        start, end = unknown.start() + (lead.end() if lead else 0), unknown.end()
        return any(
            (s <= start or s < end < e) and end <= e and self.lexicon.printed_only(name)
            for s, e, name in named
        )  # (or a line running on from inside it: 泉州|女子看守所保障经费)

    def _inside_line(self, mention: Mention, named: list[tuple[int, int, str]]) -> bool:
        """Whether a department's name is inside a longer line the tables or forms print that
        no catalogue name is and no unit's (女子看守所保障经费项目 holds 看守所; 深圳市气象局
        （本级） is the department)."""
        return any(
            s <= mention.start
            and mention.end <= e
            and e - s > mention.end - mention.start
            and self.lexicon.printed_only(name)
            and not names_unit(name)
            and not self._own_line(mention, s)
            for s, e, name in named
        )

    @staticmethod
    def _own_line(mention: Mention, start: int) -> bool:
        """Whether a line begins with a department's full name, as its own tables print its
        projects (杭州市公安局执法办案; not 人民来访接待中心业务专项, 长沙市信访局's project named
        like 无锡市人民来访接待中心)."""
        full = any(mention.text == o.name for o in mention.organisations)
        return start == mention.start and full

    def _line_begun(self, mention: Mention, named: list[tuple[int, int, str]]) -> int | None:
        """Where a line the tables print that no catalogue name is begins inside a department's
        name and runs on past it (重庆规划和自然资源专项: the project 规划和自然资源专项 of 重庆市
        规划和自然资源局): the name is blanked up to there only, the line read whole."""
        return next(
            (
                s
                for s, e, name in named
                if (mention.start < s or self._own_line(mention, s))
                and s < mention.end < e
                and self.lexicon.printed_only(name)
                and not names_unit(name)
            ),
            None,
        )

    def _project_named(self, text: str, mention: Mention) -> bool:
        """Whether a department said short (an abbreviation, a name's end, a slip) is inside a
        project's name: the end of a longer word before it, a project's word after it
        (社区公共服务中心新建工程 is no 公共就业服务中心); not after its government
        (烟台医保局项目里)."""
        inside = mention.start > 0 and re.match(
            name_rules()["inside_word"], text[mention.start - 1]
        )
        governed = any(r.end == mention.start for r in self.directory.regions(text))
        return (
            not governed
            and mention.how not in ("name", "alias")
            and bool(inside)
            and bool(re.match(self.vocab["project_after"], text[mention.end :]))
        )

    def _unit_after(self, text: str, department: Mention) -> bool:
        """Whether the text begins by naming a unit under the department before it: one the
        directory knows by the name said, of the department's government (下面的军休所; not
        湖州's 国库支付中心 after 北京市财政局下属的), else one a table prints a row for (下属的
        珠海市会议展览局, 下面的港航管理中心)."""
        lead, unit = self.vocab["subordinate_lead"], self.vocab["subordinate_unit"]
        said = re.match(f"{lead}{unit}", text)
        if said is None:
            return False
        at = said.start("unit")
        known = [m for m in self.directory.find(text) if m.start == at and m.organisations]
        if known:  # of the department's government, where it is one the directory knows
            return not department.organisations or bool(_regions(known[0]) & _regions(department))
        return self._printed_by(said["unit"], department)  # (not 北京医保局下属的大数据中心:
        # a row of 烟台's)

    def _printed_by(self, said: str, department: Mention) -> bool:
        """Whether a row the department's tables print (any department's, of a mention naming
        none) holds these words."""
        owners = {o.name for o in department.organisations}
        return any(
            said in label and (not owners or owners & self.printers.get(label, set()))
            for label in self.lexicon.labels
        )

    def _under(self, text: str, mention: Mention, before: Mention | None) -> bool:
        """Whether a body is named under the department named before it (…局下属的…)."""
        between = text[before.end : mention.start] if before else ""
        return bool(before and re.fullmatch(self.vocab["subordinate_lead"], between))

    def _under_another(self, text: str, mention: Mention, before: Mention | None) -> bool:
        """Whether a unit is named under a department of another government (北京市财政局下属的
        国库支付中心: no 湖州 unit of that name): then it is a body of the one named."""
        theirs = _regions(mention)
        return bool(theirs) and self._under(text, mention, before) and not theirs & _regions(before)

    def _time_in_name(self, text: str) -> str:
        """A relative year said where a name begins with another word for it (去年结转下来的钱:
        上年结转 is 年初结转和结余, money carried into this year): written as the name writes it,
        so that it is read as the name, not as the year asked."""
        years = self.vocab["relative_years"]
        said = [w for w in years if w in text]
        named = self.lexicon.find(text, []) if said else []
        for word in said:
            offset = years[word]
            for at in (m.start() for m in re.finditer(word, text)):
                if any(s <= at < e for s, e, _ in named):
                    continue  # 本年支出合计: a name already
                for other in (w for w, o in years.items() if o == offset and w != word):
                    written = text[:at] + other + text[at + len(word) :]
                    if self._name_begun(written, at, len(other)):
                        return written
        return text

    def _name_begun(self, text: str, at: int, length: int) -> bool:
        """Whether a name begins at ``at`` and runs on past its first ``length`` characters."""
        return any(s == at and e > at + length for s, e, _ in self.lexicon.find(text, []))

    def _year(self, text: str, parsed: Question) -> str:
        """The years: one written after 比/和/与… is the comparison base; of several others the
        latest is asked about and the earliest is the base. Relative years (今年, 去年) the same,
        except inside a name (本年支出合计 is no 本年)."""
        bases, asked = [], []
        for match in re.finditer(self.vocab["year"], text):
            year = _year_of(match.group("year"))
            after_comparison = _is_comparison_base(text, match.start(), match.end())
            (bases if after_comparison else asked).append(year)
            if not after_comparison:
                parsed.years.append((match.start(), year))
        parsed.year = max(asked, default=None)
        earliest = min(asked, default=None)
        parsed.base_year = bases[0] if bases else (earliest if earliest != parsed.year else None)
        said = text
        for start, end, _ in self.lexicon.find(text, []):
            said = _blank(said, start, end)
        carried = self.vocab["carried_over"]  # 去年结转过来的钱: this year's 上年结转
        offsets = [
            offset
            for word, offset in self.vocab["relative_years"].items()
            for said_at in re.finditer(f"(?<![{COMPARING}]){word}", said)
            if not re.match(carried, text[said_at.end() :])
        ]
        if offsets:
            parsed.relative_year = max(offsets)
            parsed.relative_base = min(offsets) if min(offsets) != max(offsets) else None
        return re.sub(self.vocab["year"], lambda m: "　" * len(m.group(0)), text)

    def _metrics(self, text: str) -> list[tuple[int, str]]:
        """Subject codes, catalogue names and the labels the documents print, in the text,
        longest first, without overlaps, in reading order; the colloquial ways of asking for an
        amount only when nothing else."""
        codes: list[tuple[int, int, str]] = [
            (m.start(), m.end(), m.group(0))
            for m in re.finditer(r"(?<!\d)\d{3}(?:\d{2}){0,2}(?!\d)", text)
            if self.catalogue.subject(m.group(0))
        ]
        spots = [
            s
            for s in sorted(self.lexicon.find(text, codes))
            if not re.match(self.vocab["table_after"], text[s[1] :])  # 三公表里: a place
        ]
        spots = [self._class_begun(text, spot) for spot in self._siblings_listed(text, spots)]
        spots = sorted([*spots, *self._listed_short(text, spots)])
        spots = sorted([*spots, *self._listed_otherwise(text, spots)])
        spots = sorted([*spots, *self._ending_shared(text, spots)])
        spots = self._classes_listed(text, spots)
        specific = [s for s in spots if s[2] not in self.vocab["generic_phrases"]]
        if not specific and self.names_own(text, spots):
            return []  # 考试业务运维要花多少钱: the name is the question's own, not the total
        return [(start, name) for start, _, name in specific or spots]

    def _classes_listed(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Among 功能分类 类 listed (一般公共服务、社保、卫生健康、住房保障), a name said in a few
        of a 类's characters is that 类 (社保: 社会保障和就业支出, not 社会保险基金支出)."""
        named = [self._names_class(n) for *_, n in spots]
        if sum(named) >= LISTED_CLASSES:
            spots = [
                (start, end, self.lexicon.class_said_short(text[start:end]) or name)
                if end - start <= SHORT_CLASS_CHARS
                else (start, end, name)
                for start, end, name in spots
            ]
        return sorted([*spots, *self._classes_short(text, spots)]) if any(named) else spots

    def _classes_short(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Words listed short beside a 类 (教育、科技、社保各多少) that no other name reads: the
        类 each spells (科学技术支出)."""
        found = []
        for listed in re.finditer(self.vocab["listed_short"], text):
            inside = [(s, n) for s, _, n in spots if listed.start() <= s < listed.end()]
            if not any(self._names_class(n) for _, n in inside):
                continue
            for word in re.finditer(r"[\u4e00-\u9fff]+", listed.group("words")):
                at = listed.start("words") + word.start()
                name = self.lexicon.class_said_short(word.group(0))
                if name and not any(s <= at < e for s, e, _ in spots):
                    found.append((at, word.end() + listed.start("words"), name))
        return found

    def _names_class(self, name: str) -> bool:
        classes = self.lexicon.class_names
        metrics = self.catalogue.resolve(name).metrics
        return (
            name in classes
            or f"{name}{SPENT}" in classes
            or (len(metrics) == 1 and metrics[0].id in classes)
        )

    def _class_begun(self, text: str, spot: tuple[int, int, str]) -> tuple[int, int, str]:
        """A word of spending after the first words of a 功能分类 类's name (住房方面的支出,
        交通这块的钱): that 类, read from the longest run of words before it that names one."""
        start, end, name = spot
        if name not in self.vocab["class_spending"]:
            return spot
        before = re.search(f"[\u4e00-\u9fff]{{1,{CLASS_LEAD_CHARS}}}$", text[:start])
        for at in range(before.start(), start - 1) if before else ():
            if found := self.catalogue.class_begun(text[at:end]):
                return at, end, found.metrics[0].id
        return spot

    def _listed_short(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Names listed short before 各/分别 (人员、公用、项目各多少): each word with the ending
        that makes it a name the catalogue knows (人员经费, 公用经费, 项目支出)."""
        found: list[tuple[int, int, str]] = []
        for listed in re.finditer(self.vocab["listed_short"], text):
            for word in re.finditer(r"[\u4e00-\u9fff]+", listed.group("words")):
                at = listed.start("words") + word.start()
                if any(s <= at < e for s, e, _ in spots):
                    continue
                names = (word.group(0) + ending for ending in self.vocab["listed_endings"])
                name = next((n for n in names if self.catalogue.resolve(n).exact), None)
                if name:
                    found.append((at, at + len(word.group(0)), name))
        return found

    def _listed_otherwise(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """An item listed beside names, before another or before 各/分别, that no name matches
        as said: the one metric the catalogue reads it as (离退休补助 between 公用经费 and 项目
        支出 is 离退休人员经费; 在职人员 opening the list is 在职人员经费)."""
        found: list[tuple[int, int, str]] = []
        for start, end, beside in spots:
            after = re.match(self.vocab["listed_item"], text[end:])
            before = re.search(self.vocab["listed_first"], text[:start])
            for item, at in ((after, end), (before, 0)):
                if item is None:
                    continue
                first = at + item.start("item")
                last = at + item.end("item")
                taken = any(s < last and first < e for s, e, _ in [*spots, *found])
                said = item.group("item")
                name = None if taken else self._listed_as(said) or self._part_beside(said, beside)
                if name:
                    found.append((first, last, name))
        return found

    def _part_beside(self, said: str, beside: str) -> str | None:
        """The one other part of a whole the name beside an item is a part of, that some name
        of it says as the item does: its characters in order (用车 between 出国 and 招待:
        公务用车购置及运行费) or in their sounds (招代 of 招待)."""
        found = {
            part
            for whole in self.catalogue.wholes_of(beside)
            for part in self.catalogue.metrics[whole].parts
            if part not in self.catalogue.names.get(normalise(beside), [])
            and any(
                in_order(said, n) or heard_in(said, n) for n in self.catalogue.metrics[part].names
            )
        }
        return found.pop() if len(found) == 1 else None

    def _ending_shared(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """Items listed before a name with the ending they share said once, after the last
        (学前、小学、初中、高中教育): each item with that ending, where it is a name the
        vocabulary knows."""
        found: list[tuple[int, int, str]] = []
        for start, end, _ in spots:
            said = text[start:end]
            for ending in (said[cut:] for cut in range(1, len(said) - 1)):
                items = self._items_before(text, start, ending, [*spots, *found])
                if items:
                    found += items
                    break
        return found

    def _items_before(
        self, text: str, at: int, ending: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """The items listed right before a place that name something with an ending added, the
        nearest first, as far back as they do; an item between two others that names nothing
        the vocabulary knows (小学 where no document prints 小学教育) is one too, as said, where
        another item does name something."""
        items: list[tuple[int, int, str]] = []
        joint = f"(?:{self.vocab['list_joint']})$"
        while (before := re.search(joint, text[:at])) and not any(
            s < before.start() <= e for s, e, _ in spots
        ):
            stop = before.start()
            run = re.search(f"[\u4e00-\u9fff]{{2,{MAX_LISTED_ITEM}}}$", text[:stop])
            said = run.group(0) if run else ""
            known = [
                n
                for n in range(2, len(said) + 1)
                if text[stop - n : stop] + ending in self.lexicon.names
            ]
            between = run is not None and re.search(joint, text[: run.start()]) is not None
            if not known and not between:
                break
            size = known[0] if known else len(said)
            name = text[stop - size : stop] + ending
            items.append((stop - size, stop, self.lexicon.names.get(name, name)))
            at = stop - size
        known_any = any(name in self.lexicon.names.values() for *_, name in items)
        return items if known_any else []

    def _listed_as(self, said: str) -> str | None:
        """The one metric a listed item names, as said or with a word of money after it (项目
        after 人员经费、公用经费 is 项目支出; not the one that word alone names: 买货支出 is no
        本年支出合计); else, ending in a word of money, the item as said, for the document to
        find."""
        said = re.sub(self.vocab["listed_pointing"], "", said)
        for ending in ("", *self.vocab["listed_endings"]):
            metrics = self.catalogue.resolve(said + ending).metrics
            alone = self.catalogue.resolve(ending).metrics if ending else []
            if len(metrics) == 1 and metrics != alone:
                return metrics[0].id
        ending = re.search(f"(?:{self.vocab['name_endings']})$", said)
        own = ending and ending.start() >= self.vocab["listed_own_chars"]
        return said if own else None  # 机动经费: as the document has it

    def _siblings_listed(
        self, text: str, spots: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """The names of the text with parts of one whole listed with the head they share left
        out, after the whole or after the first part (政府采购，货物、工程、服务; 政府采购货物、
        工程、服务; 公务用车购置费和运行维护费): each item read with the head, where that names a
        part of the same whole and the item alone names no metric the catalogue knows."""
        found = list(spots)
        for start, end, name in spots:
            divided = self.catalogue.divided(name)
            wholes = frozenset(self.catalogue.wholes_of(name)) | divided
            after = self.vocab["list_joint"]
            after = f"{after}|{self.vocab['list_after_whole']}" if divided else after
            joint, at = f"[）)]?(?:{after})", end  # (日常运转（基本支出）和项目)
            while wholes and (listed := re.match(joint, text[at:])):
                at += listed.end()
                there = next((s for s in found if s[0] <= at < s[1]), None)
                if there is not None and there[0] == at and self._part_of(there[2], wholes):
                    at, joint = there[1], self.vocab["list_joint"]  # 公车…买车和运行维护
                    continue
                known = there is not None and (there[0] < at or self._known(there[2]))
                joined = bool(re.search(self.vocab["list_joint"], listed.group(0)))
                sibling = (
                    None if known else self._sibling(text[start:end], text[at:], wholes, joined)
                )
                if sibling is None:
                    break
                found = [s for s in found if s is not there]
                found.append((at, at + sibling[1], sibling[0]))
                at, joint = at + sibling[1], self.vocab["list_joint"]
        return sorted(found)

    def _part_of(self, name: str, wholes: frozenset[str]) -> bool:
        """Whether a name said is itself a part of one of these wholes (买车 of 公车)."""
        return bool(wholes.intersection(self.catalogue.wholes_of(name)))

    def _known(self, name: str) -> bool:
        return bool(self.catalogue.names.get(normalise(name)))

    def _sibling(
        self, said: str, rest: str, wholes: frozenset[str], joined: bool = False
    ) -> tuple[str, int] | None:
        """The part of one of ``wholes`` that the head of ``said`` and the start of ``rest``
        name (公务用车购置费和运行维护费), or, after a word joining a list, the start of ``rest``
        and the tail of ``said`` (基本支出和项目), and how many characters of ``rest`` it takes
        (longest first)."""
        for tail in (False, True) if joined else (False,):
            for size in range(min(len(rest), MAX_LISTED_ITEM), 1, -1):
                for cut in range(len(said), 1, -1):
                    name = rest[:size] + said[-cut:] if tail else said[:cut] + rest[:size]
                    if wholes.intersection(self.catalogue.wholes_of(name)):
                        return name, size
        return None

    def names_own(self, text: str, spots: Iterable[tuple[int, int, str]] = ()) -> bool:
        """Whether a text names something in words no catalogue name or label holds, beside
        the colloquial way of asking for an amount: at least ``own_name_chars`` of them."""
        for start, end, _ in spots:
            text = _blank(text, start, end)
        said = named_phrase(text.replace("　", ""), self.vocab)
        own = without_whole_words(trimmed(said, self.vocab), self.vocab)
        return len(re.findall(r"[\u4e00-\u9fff]", own)) >= self.vocab["own_name_chars"]


MAX_LISTED_ITEM = 6
"""The longest item of a list read with the head of the name before it (服务, 运行维护费)."""
CHINESE_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _year_of(written: str) -> int:
    """2024, 24 (this century, or the last one from 50 up) and 二〇二四 as a year."""
    year = int(written.translate(CHINESE_YEAR_DIGITS))
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def _regions(mention: Mention) -> set[str | None]:
    return {o.region for o in mention.organisations}


def _occurrence(text: str, name: str, earlier: int) -> int:
    """Where a name is said in a text after as many earlier sayings of it (检察 quoted after
    江苏省检察院), or -1."""
    at = -1
    for _ in range(earlier + 1):
        at = text.find(name, at + 1)
        if at < 0:
            return -1
    return at


def _add_name(parsed: Question, at: int, name: str) -> None:
    """A name found apart from the lexicon's reading (quoted, or marked as a part): asked."""
    parsed.named = sorted([*parsed.named, (at, name)])
    parsed.metrics.append(name)


def _drop_name(parsed: Question, at: int, name: str) -> None:
    """A name the lexicon read that is only the ending of a name found apart: not asked."""
    if (at, name) in parsed.named:
        parsed.named.remove((at, name))
        parsed.metrics.remove(name)


LISTED_CLASSES = 2
"""How many 类 named in full make a list of 类, where a short name is one too."""
SHORT_CLASS_CHARS = 3
"""How long a 类 said by a few of its characters is at most (社保)."""
SPENT = "支出"


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "　" * (end - start) + text[end:]


def _is_comparison_base(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    if before in ("比", "较"):
        return True
    # 跟2025年比, 和2025年年初预算相比
    after = r"年?度?(?:年初|全年)?(?:预算|决算|执行)?数?(?:相|对)?比"
    return bool(before and before in COMPARING and re.match(after, text[end:]))


def quoted_amount(written: str) -> tuple[Decimal, str] | None:
    """An amount as the user wrote it (1,815万, 71.73%) → its value and unit (万元, 元, 亿元, %)."""
    vocab = planner_vocabulary()
    said = re.search(vocab["quoted"], unicodedata.normalize("NFKC", written))
    value = parse_amount(said["amount"]) if said else None
    return None if said is None or value is None else (value, vocab["quoted_units"][said["unit"]])


def _begins_a_name(text: str, region: RegionMention) -> bool:
    """Whether a government said short runs on into a name (深圳书展, 深圳读书月): after its
    own department is named, it says no more of where the question is."""
    short = text[region.start : region.end] != region.region  # (福州 of 福州市: 州 no level)
    return short and bool(re.match(name_rules()["inside_word"], text[region.end :]))


def _settle_ambiguous(parsed: Question) -> None:
    """A short name that could mean several departments means the one the question also names
    in full (“示范区政务服务中心 … 政务服务中心2018年”); two mentions of one department are one."""
    named = {m[0] for m in parsed.departments if len(m) == 1}
    meanings = [
        chosen if len(m) > 1 and len(chosen := [d for d in m if d in named]) == 1 else m
        for m in parsed.departments
    ]
    distinct = list(dict.fromkeys(tuple(m) for m in meanings))
    parsed.places = sorted((at, distinct.index(tuple(meanings[i]))) for at, i in parsed.places)
    parsed.mentions = [parsed.mentions[[tuple(m) for m in meanings].index(d)] for d in distinct]
    parsed.departments = [list(d) for d in distinct]


def _top_n(text: str, pattern: str) -> int | None:
    """How many are asked: the most said (哪一项最多？第二是哪项: two)."""
    said = [m.group("n") for m in re.finditer(pattern, text)]
    counts = [small_count(n) or 0 for n in said]
    return max(counts) if counts else None
