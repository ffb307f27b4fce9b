"""question → what it asks: the operation, the metrics, the departments, the year and kind.

Everything linguistic comes from prompts/planner.yaml and the metric catalogue; department
names come from the store (an ingested name and the shorter names that still identify it).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import Catalogue, normalise

ANNOTATION = r"[（(](?:不?含[^（）()]{0,8}|[类款项])[)）]"
"""Printed annotations that get in the way of names: （含）, （不含车辆）, （类）, （项）."""
COMPARING = "比较和与跟同"
"""A year written right after one of these (比、较, or 和、与… followed by 比) is what the
question compares with."""
CHINESE_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


@cache
def planner_vocabulary() -> dict[str, Any]:
    return yaml.safe_load(resources.files("caiwen.prompts").joinpath("planner.yaml").read_text())


def text_topic(question: str) -> str | None:
    """For a question about the units, the organisation or the duties: the section title that
    answers it (a regular expression)."""
    return next(
        (
            t["section"]
            for t in planner_vocabulary()["text_questions"]
            if re.search(t["asks"], question)
        ),
        None,
    )


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


def clean(text: str) -> str:
    """Full-width digits and letters to ASCII, no spaces, no quote marks."""
    return normalise(unicodedata.normalize("NFKC", text)).replace("？", "?")


class Reader:
    """Reads questions against a catalogue and the ingested department names."""

    def __init__(self, catalogue: Catalogue, departments: list[str]):
        self.vocab = planner_vocabulary()
        self.catalogue = catalogue
        self.aliases, self.bare = department_aliases(departments, self.vocab)
        self.names = self._metric_names()

    def read(self, question: str) -> Question:
        text = clean(question)
        parsed = Question(text=text)
        rest = self._departments(text, parsed)
        rest = self._year(rest, parsed)
        parsed.operation = self._operation(text)
        parsed.named = self._metrics(re.sub(ANNOTATION, lambda m: "　" * len(m.group(0)), rest))
        names = [name for _, name in parsed.named]
        parsed.metrics = [n for n in names if len(n) > 2] or names
        parsed.residue = rest.replace("　", "")
        parsed.kind = next((k for k, p in self.vocab["kinds"].items() if re.search(p, text)), None)
        parsed.order = "asc" if re.search(self.vocab["rank_order"]["asc"], text) else "desc"
        parsed.top_n = _top_n(text, self.vocab["top_n"])
        parsed.followup = bool(re.search(self.vocab["followup"], text))
        parsed.pronoun = bool(re.search(self.vocab["pronoun"], text))
        return parsed

    def count_metrics(self, text: str) -> list[str]:
        """The metrics a count question counts (几辆 → 车辆数; 几批、多少人次 → both)."""
        plain = re.sub(ANNOTATION, "", text)
        return [
            c["metric"]
            for c in self.vocab["counts"]
            if re.search(c["pattern"], plain) and not re.search(c.get("unless", "$^"), plain)
        ]

    def _operation(self, text: str) -> str | None:
        return next((op for op, p in self.vocab["operations"] if re.search(p, text)), None)

    def _departments(self, text: str, parsed: Question) -> str:
        """Find department mentions (longest first), note where each stands, and blank them
        out of the text. A name cut out of a longer word (社区公共服务中心) is not a mention."""
        for alias in sorted(self.aliases, key=len, reverse=True):
            for match in re.finditer(re.escape(alias), text):
                before = text[match.start() - 1] if match.start() else ""
                if alias in self.bare and re.match(self.vocab["inside_word"], before):
                    continue
                if alias not in parsed.mentions:
                    parsed.departments.append(self.aliases[alias])
                    parsed.mentions.append(alias)
                parsed.places.append((match.start(), parsed.mentions.index(alias)))
                text = text[: match.start()] + "　" * len(alias) + text[match.end() :]
        _settle_ambiguous(parsed)
        unknown = re.search(self.vocab["unknown_department"], text)
        if unknown and not parsed.departments:
            parsed.unknown_department = unknown.group(0)
        return text

    def _year(self, text: str, parsed: Question) -> str:
        """The years: one written after 比/和/与… is the comparison base; of several others the
        latest is asked about and the earliest is the base. Relative years (今年, 去年) the same."""
        bases, asked = [], []
        for match in re.finditer(self.vocab["year"], text):
            year = int(match.group("year"))
            after_comparison = _is_comparison_base(text, match.start(), match.end())
            (bases if after_comparison else asked).append(year)
            if not after_comparison:
                parsed.years.append((match.start(), year))
        parsed.year = max(asked, default=None)
        earliest = min(asked, default=None)
        parsed.base_year = bases[0] if bases else (earliest if earliest != parsed.year else None)
        offsets = [
            offset
            for word, offset in self.vocab["relative_years"].items()
            if word in text and not re.search(f"[{COMPARING}]{word}", text)
        ]
        if offsets:
            parsed.relative_year = max(offsets)
            parsed.relative_base = min(offsets) if min(offsets) != max(offsets) else None
        return re.sub(self.vocab["year"], lambda m: "　" * len(m.group(0)), text)

    def _metrics(self, text: str) -> list[tuple[int, str]]:
        """Catalogue names and subject codes in the text, longest first, without overlaps, in
        reading order; the colloquial ways of asking for an amount only when nothing else."""
        found: list[tuple[int, int, str]] = [
            (m.start(), m.end(), m.group(0))
            for m in re.finditer(r"(?<!\d)\d{3}(?:\d{2}){0,2}(?!\d)", text)
            if self.catalogue.subject(m.group(0))
        ]
        for name in self.names:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(s < end and start < e for s, e, _ in found):
                    found.append((start, end, name))
                start = text.find(name, end)
        spots = sorted(found)
        specific = [s for s in spots if s[2] not in self.vocab["generic_phrases"]]
        return [(start, name) for start, _, name in specific or spots]

    def _metric_names(self) -> list[str]:
        names = set(self.catalogue.names) | set(self.catalogue.subject_names)
        return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def department_aliases(
    departments: list[str], vocab: dict[str, Any]
) -> tuple[dict[str, list[str]], set[str]]:
    """Every shorter name that still names an ingested department → the departments it names;
    and the bare ones among them (the end of the unit's name: 服务中心), which only count as a
    mention when they do not end a longer word."""
    aliases: dict[str, list[str]] = {}
    bare: set[str] = set()
    for department in dict.fromkeys(departments):
        names, tails = _shorter_names(department, vocab)
        bare |= tails
        for alias in names | tails:
            aliases.setdefault(alias, [])
            if department not in aliases[alias]:
                aliases[alias].append(department)
    return aliases, bare


def _shorter_names(department: str, vocab: dict[str, Any]) -> tuple[set[str], set[str]]:
    """株洲市石峰区政务服务中心 → 石峰区政务服务中心, 政务服务中心 (and the bare 服务中心);
    上海市普陀区人民政府万里街道办事处 → 万里街道办事处, 万里街道;
    中共上海市普陀区委社会工作部 → 社会工作部; 示例市示范区城市管理局 → 示范区城管局, 城管局."""
    name = clean(department)
    names = {name}
    for cut in re.finditer(r"(?:省|市|区|县|旗|委|州)", name):
        tail = name[cut.end() :]
        names.add(tail)
        names.add(name[cut.start() :])
        names.add(name[cut.start() - 2 if cut.start() >= 2 else 0 :])
    for word in vocab["department_drop"]:
        names |= {n.replace(word, "") for n in names}
    for long, short in vocab["department_short"].items():
        names |= {n.replace(long, short) for n in names}
    unit = min(names, key=len)
    tails = {unit[i:] for i in range(1, len(unit) - 2)}

    def usable(found: set[str]) -> set[str]:
        return {n for n in found if len(n) >= 3 and re.search(vocab["department_suffixes"], n)}

    generic = set(vocab["department_generic"])
    return usable(names) - generic, usable(tails) - generic


def _is_comparison_base(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    if before in ("比", "较"):
        return True
    return bool(before and before in COMPARING and re.match(r"年?度?(?:相|对)?比", text[end:]))


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
    match = re.search(pattern, text)
    if not match:
        return None
    n = match.group("n")
    return int(n) if n.isdigit() else CHINESE_DIGITS.get(n)
