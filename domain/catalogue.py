"""The metric catalogue (prompts/metrics.yaml, prompts/subjects.yaml) as objects: which
metric a word names, and where each metric is printed."""

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.ordinals import strip_ordinal

QUOTES = "“”\"'‘’「」"
_SPACE = re.compile(r"\s+")
_KEY_CHARACTERS = str.maketrans({**dict.fromkeys(QUOTES), "(": "（", ")": "）"})


def normalise(text: str) -> str:
    """The key words are compared by: no spaces, no quote marks, full-width brackets."""
    return _SPACE.sub("", text).translate(_KEY_CHARACTERS)


@dataclass(frozen=True)
class Location:
    """Where a figure is printed: a table family with row/column patterns, a fact, or a row
    label as one document prints it (a project, any line of any table)."""

    table: str | None = None
    row: re.Pattern[str] | None = None
    code: re.Pattern[str] | None = None
    group: re.Pattern[str] | None = None
    column: re.Pattern[str] | None = None
    fact: str | None = None
    label: str | None = None


RESOLVED_KEPT = 4096
"""How many phrases the catalogue keeps resolved (the phrases of many questions)."""
MONEY = "万元"
"""The unit of the metrics that are amounts of money (the others count: 辆, 个, 人)."""


@dataclass(frozen=True)
class Metric:
    id: str
    aliases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    unit: str = MONEY
    find: tuple[Location, ...] = ()
    code: str | None = None
    """Set for a subject line (功能分类 or 经济分类): the metric is that code."""
    label: str | None = None
    """How answers write it, when not as its id (三公经费 → “三公”经费)."""
    listed_in: tuple[str, ...] = ()
    """The titles of the tables that list it item by item, the first printed one used (项目支出:
    the 项目支出表's projects, else those of the 项目支出绩效目标表)."""
    amount: str | None = None
    """Of a count: the metric of what the things it counts cost (绩效目标项目数: 绩效目标金额)."""
    instead: tuple[str, ...] = ()
    """Where a document prints it nowhere, the wholes whose parts tell the same, in order (the
    spending by 功能分类: that of the 一般公共预算 tables, else 基本支出 and 项目支出)."""
    executed_as: tuple[str, ...] = ()
    """Where a 决算 states no budget of it, the figures whose budget and 决算 its narrative
    states instead (the total: the 一般公共预算财政拨款支出's 年初预算 and 支出决算)."""
    stated_as: tuple[str, ...] = ()
    """Where a document prints no table and its narrative states no figure of it, what the
    narrative states it as (the spending of 郑州土储中心's page: 预算支出安排一般公共预算财政拨款
    支出923.1961万元, all it spends)."""
    with_carried: str | None = None
    """The total that adds the money carried over to it (收入总计 of 本年收入合计): what the
    narrative's words for it (部门收入预算) may mean too."""

    @property
    def display(self) -> str:
        return self.label or self.id

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, *self.aliases, *self.words)


@dataclass(frozen=True)
class Family:
    id: str
    title: re.Pattern[str]
    scope: str


@dataclass
class Resolution:
    """What a metric phrase names: metrics to try in order, or nothing and the closest names."""

    metrics: list[Metric] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    exact: bool = False
    """The phrase is one of the metrics' names (not a longer phrase holding one)."""


@dataclass
class Catalogue:
    metrics: dict[str, Metric]
    families: tuple[Family, ...]
    functional: dict[str, str]
    economic: dict[str, str]
    subject_names: dict[str, tuple[str, ...]]
    """Every name (official, former, colloquial) → the subject codes it names."""
    subject_find: dict[str, tuple[Location, ...]]
    fund_subject_find: dict[str, tuple[Location, ...]] = field(default_factory=dict)
    """Where a subject line is read too when only one fund's tables are (财政拨款支出表)."""
    abbreviations: tuple[tuple[str, str], ...] = ()
    """Words written short and how they read in full (运维 → 运行维护)."""
    class_said: str = "$^"
    """What follows a word naming a 功能分类 类 by its first words (住房方面的支出)."""
    classes_named_whole: tuple[str, ...] = ()
    """The 类 named only by their whole name (其他支出: 其他 says nothing of it)."""
    money_ending: str = "$^"
    """The word of money a name ends with (经费, 补助, 费 …), said one for another."""
    money_stems_generic: tuple[str, ...] = ()
    """Words before a word of money naming no line of their own (其他资金)."""
    formerly: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Each 功能分类 code → the names it had before (210: 医疗卫生与计划生育支出)."""
    names: dict[str, list[str]] = field(init=False)
    """Every metric name (id, alias, word), normalised → the metric ids it names."""
    wholes: dict[str, list[str]] = field(init=False)
    """Every metric id → the wholes it is a part of, in the catalogue's order."""
    spelled: dict[str, str] = field(init=False)
    """Every name of a metric or subject → as read in full (买公车 → 买公务用车)."""
    _resolved: dict[str, Resolution] = field(init=False, default_factory=dict)
    """Phrases resolved before (a plan asks the same names many times), up to RESOLVED_KEPT."""
    _subject_lines: dict[str, Metric | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.names, self.wholes = {}, {}
        for metric in self.metrics.values():
            for name in metric.names:
                ids = self.names.setdefault(normalise(name), [])
                if metric.id not in ids:
                    ids.append(metric.id)
            for part in metric.parts:
                self.wholes.setdefault(part, []).append(metric.id)
        self.spelled = {n: self.spelled_out(n) for n in (*self.names, *self.subject_names)}

    def spelled_out(self, text: str) -> str:
        """A text with every word written short read in full (城乡居民医保 → 城乡居民医疗保险)."""
        for short, full in self.abbreviations:
            text = text.replace(short, full)
        return text

    def spellings(self) -> dict[str, str]:
        """Every metric name as written, as written short (公车运维费 for 公车运行维护费) and as
        written in full (买公务用车 for 买公车)."""
        written = {name: name for name in self.names}
        for name in self.names:
            for short, full in self.abbreviations:
                if full in name:
                    written.setdefault(name.replace(full, short), name)
                elif short in name:
                    written.setdefault(name.replace(short, full), name)
        return written

    def other_parts(self, parts: list[str]) -> list[str]:
        """The other parts of every whole the catalogue divides into all of these (基本支出 and
        项目支出: 上缴上级支出 … of 本年支出合计, and 年末结转和结余 of 支出总计)."""
        ids = self._ids(parts)
        found: list[str] = []
        for whole in self.metrics.values():
            own = self._ids(list(whole.parts))
            if ids and ids <= own:
                found += [p for p in whole.parts if not self._ids([p]) & ids]
        return list(dict.fromkeys(found))

    def carried(self, metric: Metric) -> tuple[Metric, ...]:
        """What the total with the money carried over adds to a metric (年初结转和结余 to
        本年收入合计, 年末结转和结余 to 本年支出合计); none where it has no such total."""
        if metric.with_carried is None:
            return ()
        total = self.metrics[metric.with_carried]
        return tuple(self.metrics[p] for p in total.parts if p not in metric.parts)

    def wholes_of(self, name: str) -> tuple[str, ...]:
        """The wholes the metric a name names exactly is a part of, in the catalogue's order
        (政府采购工程: 政府采购; 基本支出: 本年支出合计, 支出总计)."""
        ids = self.names.get(normalise(name), [])
        found = {w for i in ids for w in self.wholes.get(i, [])}
        return tuple(w for w in self.metrics if w in found)

    def divided(self, name: str) -> frozenset[str]:
        """The metric a name names exactly, if the catalogue divides it into parts."""
        found = self.resolve(name)
        return frozenset(m.id for m in found.metrics[:1] if found.exact and m.parts)

    def _ids(self, names: list[str]) -> set[str]:
        return {m.id for name in names for m in self.resolve(name).metrics[:1]}

    def family(self, title: str | None) -> Family | None:
        """The family of a printed table title (an ordinal before it, 三、, is no part of it)."""
        name = strip_ordinal(title) if title else ""
        return next((f for f in self.families if name and f.title.search(name)), None)

    def subject(self, code: str) -> Metric | None:
        """The subject line with this code, as a metric read from the subject tables."""
        if code not in self._subject_lines:
            self._subject_lines[code] = self._subject(code)
        return self._subject_lines[code]

    def _subject(self, code: str) -> Metric | None:
        kind = _subject_kind(code)
        name = (self.functional if kind == "functional" else self.economic).get(code)
        if name is None:
            return None
        return Metric(id=name, code=code, find=_by_code(self.subject_find[kind], code))

    def fund_places(self, metric: Metric) -> tuple[Location, ...]:
        """Where a subject line is read too when only one fund's tables are read."""
        if not metric.code:
            return ()
        return _by_code(self.fund_subject_find.get(_subject_kind(metric.code), ()), metric.code)

    def names_of_code(self, code: str) -> set[str]:
        """Every name (official, former, colloquial) of a subject code."""
        return {name for name, codes in self.subject_names.items() if code in codes}

    def resolve(self, phrase: str) -> Resolution:
        """Metrics a phrase names: exact names first, then a subject code or name, then the
        longest known name the phrase contains; otherwise the closest names as suggestions."""
        found = self._resolved.get(phrase)
        if found is None:
            if len(self._resolved) >= RESOLVED_KEPT:
                self._resolved.clear()
            found = self._resolved[phrase] = self._resolve(phrase)
        return Resolution(list(found.metrics), list(found.suggestions), found.exact)

    def _resolve(self, phrase: str) -> Resolution:
        key = normalise(phrase)
        for short, full in self.abbreviations:  # 公车运维费: 公车运行维护费
            if not self.names.get(key) and not self._subjects(key):
                key = key.replace(short, full)
        named = [self.metrics[i] for i in self.names.get(key, [])]
        subjects = self._subjects(key)
        # a subject said in its words is the metric of its name first (开会: 会议费, printed whole
        # beside 三公, before the 会议费 line of 基本支出)
        alike = [self.metrics[i] for s in subjects for i in self.names.get(normalise(s.id), [])]
        named = list({m.id: m for m in [*named, *alike]}.values())
        if named or subjects:
            return Resolution(named + subjects, exact=True)
        begun = self.class_begun(key)
        found = begun or self._word_dropped(key) or self._longest_contained(key)
        found = found or self._ending_swapped(key)
        if found:
            return found
        return Resolution(suggestions=self.suggest(key))

    def suggest(self, phrase: str, n: int = 5) -> list[str]:
        names = [*self.names, *self.subject_names]
        return difflib.get_close_matches(normalise(phrase), names, n=n, cutoff=0.4)

    def _subjects(self, key: str) -> list[Metric]:
        if key.isdigit() and len(key) in (3, 5, 7):
            codes: tuple[str, ...] = (key,)
        else:
            codes = self.subject_names.get(key, ())
        return [m for code in codes if (m := self.subject(code))]

    def is_class(self, code: str) -> bool:
        """Whether a code is a 功能分类 类's (201), not a 款's or a 项's."""
        return len(code) == CLASS_DIGITS and code in self.functional

    def class_named(self, label: str) -> Metric | None:
        """The 功能分类 类 a line names in full (一、一般公共服务支出: 201)."""
        codes = self.subject_names.get(normalise(strip_ordinal(label)), set())
        code = next((c for c in sorted(codes) if self.is_class(c)), None)
        return self.subject(code) if code else None

    def class_begun(self, phrase: str) -> Resolution | None:
        """The one 功能分类 类 whose name, or a name it had before, begins with the words a
        phrase says of spending (住房方面的支出 is 住房保障支出, 卫生这块 and 医疗这块 卫生健康
        支出), before a longer name ending it."""
        key = normalise(phrase)
        stem = self.spelled_out(re.sub(self.class_said, "", key))
        if len(stem) < CLASS_STEM_CHARS or (stem == key and stem in self.names):
            return None
        codes = [
            code
            for code, name in self.functional.items()
            if self.is_class(code)
            and any(said.startswith(stem) for said in (name, *self.formerly.get(code, ())))
            and name not in self.classes_named_whole
        ]
        return Resolution([m for m in [self.subject(codes[0])] if m]) if len(codes) == 1 else None

    def _word_dropped(self, key: str) -> Resolution | None:
        """The one metric whose name the phrase is with a short word left out (一般公共预算
        拨款 is 一般公共预算财政拨款 without 财政), never a name of another one."""
        if len(key) < DROPPED_MIN_CHARS:
            return None
        found: dict[str, Metric] = {}
        for name in (*self.names, *self.subject_names):
            if 0 < len(name) - len(key) <= DROPPED_CHARS and _left_out(name, key):
                named = [self.metrics[i] for i in self.names.get(name, [])]
                found |= {m.id: m for m in named or self._subjects(name)}
        return Resolution(list(found.values())) if len(found) == 1 else None

    def _ending_swapped(self, key: str) -> Resolution | None:
        """The one metric whose name is the phrase with another word of money at its end, of
        a line of spending for a phrase of two characters (差旅补助 is 差旅费; 专项资金 names
        no 专项经费), and after three characters maybe a short word more before it (离退休补助
        is 离退休人员经费), never two metrics."""
        stem = re.sub(self.money_ending, "", key)
        if stem == key or len(stem) < ENDING_STEM_CHARS or stem in self.money_stems_generic:
            return None
        short = len(stem) == ENDING_STEM_CHARS
        found: dict[str, Metric] = {}
        for name in (*(() if short else self.names), *self.subject_names):
            own = re.sub(self.money_ending, "", name)
            if own != name and (own == stem or (not short and _with_word(own, stem))):
                named = [self.metrics[i] for i in self.names.get(name, [])]
                found |= {m.id: m for m in named or self._subjects(name)}
        return Resolution(list(found.values())) if len(found) == 1 else None

    def _longest_contained(self, key: str) -> Resolution | None:
        """The longest known name the phrase holds as what it is about: the name ends the
        phrase (a word or two after it aside) or is half of it. A name in the middle of a
        longer one only qualifies it (社区公共服务中心新建工程 is no 公共服务). Both are read in
        full: 买公务用车 holds 买公车 (公务用车购置费) as much as 公务用车."""
        key = self.spelled_out(key)
        found = [
            name
            for name, said in self.spelled.items()
            if said in key
            and (
                len(key) - key.rindex(said) - len(said) <= HEAD_TAIL_CHARS
                or len(said) * 2 >= len(key)
            )
        ]
        if not found:
            return None
        best = max(found, key=lambda name: len(self.spelled[name]))
        if best in self.names:
            return Resolution([self.metrics[i] for i in self.names[best]])
        return Resolution(self._subjects(best))


CLASS_STEM_CHARS = 2
CLASS_DIGITS = 3
"""The digits of a 功能分类 类's code."""
"""The fewest words of a 类's name that name it (住房 of 住房保障支出)."""
HEAD_TAIL_CHARS = 2
"""A name followed by at most this many characters (三公经费支出) still ends the phrase."""
DROPPED_CHARS = 2
"""The longest word a phrase may leave out of a name (财政 of 一般公共预算财政拨款)."""
DROPPED_MIN_CHARS = 4
"""The shortest phrase read as a name with a word left out."""


ENDING_STEM_CHARS = 2
"""The fewest characters a phrase says before its word of money to be read with another (with
a word left out, or as a name other than a line's, one more)."""


def _with_word(name: str, phrase: str) -> bool:
    """Whether a name is the phrase with a word of at most ``DROPPED_CHARS`` more after its
    first two characters (离退休人员 of 离退休)."""
    cut = len(name) - len(phrase)
    return 0 < cut <= DROPPED_CHARS and any(
        name[:i] + name[i + cut :] == phrase for i in range(2, len(phrase) + 1)
    )


def _left_out(name: str, phrase: str) -> bool:
    """Whether the phrase is the name with one run of characters left out inside it (its
    first two and last characters kept)."""
    cut = len(name) - len(phrase)
    return any(
        name[:i] == phrase[:i] and name[i + cut :] == phrase[i:] for i in range(2, len(phrase))
    )


def _pattern(value: str | None) -> re.Pattern[str] | None:
    return re.compile(value) if value else None


def _location(raw: dict[str, Any]) -> Location:
    return Location(
        table=raw.get("table"),
        row=_pattern(raw.get("row")),
        code=_pattern(raw.get("code")),
        group=_pattern(raw.get("group")),
        column=_pattern(raw.get("column")),
        fact=raw.get("fact"),
    )


def _metric(raw: dict[str, Any]) -> Metric:
    return Metric(
        id=raw["id"],
        aliases=tuple(raw.get("aliases", ())),
        words=tuple(raw.get("words", ())),
        parts=tuple(raw.get("parts", ())),
        unit=raw.get("unit", MONEY),
        find=tuple(_location(loc) for loc in raw.get("find", ())),
        label=raw.get("display"),
        listed_in=_patterns(raw.get("listed_in", ())),
        amount=raw.get("amount"),
        instead=tuple(raw.get("instead", ())),
        executed_as=tuple(raw.get("executed_as", ())),
        stated_as=tuple(raw.get("stated_as", ())),
        with_carried=raw.get("with_carried"),
    )


STEM_CHARS = 4
"""A 功能分类 name without its 支出 (住房保障 for 住房保障支出) names it too when this long."""


def _subject_names(
    subjects: dict[str, Any], words: dict[str, list[str]]
) -> dict[str, tuple[str, ...]]:
    names: dict[str, list[str]] = {}
    for kind in ("functional", "economic"):
        for code, name in subjects[kind].items():
            names.setdefault(normalise(name), []).append(code)
            stem = normalise(name).removesuffix("支出")
            if kind == "functional" and len(stem) >= STEM_CHARS and stem != normalise(name):
                names.setdefault(stem, []).append(code)
        for code, aliases in subjects.get(f"{kind}_aliases", {}).items():
            for alias in aliases:
                names.setdefault(normalise(alias), []).append(code)
    for code, aliases in words.items():
        for alias in aliases:
            names.setdefault(normalise(alias), []).append(code)
    return {name: tuple(dict.fromkeys(codes)) for name, codes in names.items()}


def _read(name: str) -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath(name).read_text())


@cache
def catalogue() -> Catalogue:
    """Load and compile the catalogue (once per process)."""
    metrics_file, subjects = _read("metrics.yaml"), _read("subjects.yaml")
    return Catalogue(
        metrics={m["id"]: _metric(m) for m in metrics_file["metrics"]},
        families=tuple(
            Family(t["family"], re.compile(t["title"]), t["scope"]) for t in metrics_file["tables"]
        ),
        functional={str(k): v for k, v in subjects["functional"].items()},
        economic={str(k): v for k, v in subjects["economic"].items()},
        subject_names=_subject_names(subjects, metrics_file.get("subject_words", {})),
        subject_find={
            kind: tuple(_location(loc) for loc in locs)
            for kind, locs in metrics_file["subjects"].items()
        },
        fund_subject_find={
            kind: tuple(_location(loc) for loc in locs)
            for kind, locs in metrics_file["fund_subjects"].items()
        },
        abbreviations=tuple(tuple(pair) for pair in metrics_file.get("abbreviations", [])),
        class_said=metrics_file["class_said"],
        classes_named_whole=tuple(metrics_file["classes_named_whole"]),
        money_ending=metrics_file["money_ending"],
        money_stems_generic=tuple(metrics_file["money_stems_generic"]),
        formerly={str(k): tuple(v) for k, v in subjects.get("functional_aliases", {}).items()},
    )


def _patterns(raw: str | list[str]) -> tuple[str, ...]:
    return (raw,) if isinstance(raw, str) else tuple(raw)


def _subject_kind(code: str) -> str:
    return "functional" if code[:1] == "2" else "economic"


def _by_code(locations: tuple[Location, ...], code: str) -> tuple[Location, ...]:
    """These table locations, of the row printing one subject code."""
    return tuple(
        Location(table=loc.table, code=re.compile(f"^{code}$"), column=loc.column)
        for loc in locations
    )
