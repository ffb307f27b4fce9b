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

from caiwen.ingest.catalogue import Catalogue, normalise

ANNOTATION = r"[（(](?:不?含[^（）()]{0,8}|[类款项])[)）]"
"""Printed annotations that get in the way of names: （含）, （不含车辆）, （类）, （项）."""
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


@dataclass
class Question:
    text: str
    operation: str | None = None
    metrics: list[str] = field(default_factory=list)
    """Written metric names found, in order (resolved later through the catalogue)."""
    departments: list[list[str]] = field(default_factory=list)
    """Each department mention → the ingested departments it can mean."""
    mentions: list[str] = field(default_factory=list)
    """The department names as written in the question."""
    unknown_department: str | None = None
    year: int | None = None
    relative_year: int | None = None
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
        self.aliases = department_aliases(departments, self.vocab)
        self.names = self._metric_names()

    def read(self, question: str) -> Question:
        text = clean(question)
        parsed = Question(text=text)
        rest = self._departments(text, parsed)
        rest = self._year(rest, parsed)
        parsed.operation = self._operation(text)
        parsed.metrics = self._metrics(re.sub(ANNOTATION, "", rest))
        parsed.residue = rest.replace("　", "")
        parsed.kind = next((k for k, p in self.vocab["kinds"].items() if re.search(p, rest)), None)
        parsed.order = "asc" if re.search(self.vocab["rank_order"]["asc"], text) else "desc"
        parsed.top_n = _top_n(text, self.vocab["top_n"])
        parsed.followup = bool(re.search(self.vocab["followup"], text))
        parsed.pronoun = bool(re.search(self.vocab["pronoun"], text))
        return parsed

    def count_metric(self, text: str) -> str | None:
        """The metric a count question counts (几辆 → 车辆数)."""
        plain = re.sub(ANNOTATION, "", text)
        return next(
            (c["metric"] for c in self.vocab["counts"] if re.search(c["pattern"], plain)), None
        )

    def _operation(self, text: str) -> str | None:
        return next((op for op, p in self.vocab["operations"].items() if re.search(p, text)), None)

    def _departments(self, text: str, parsed: Question) -> str:
        """Find department mentions (longest first) and blank them out of the text."""
        for alias in sorted(self.aliases, key=len, reverse=True):
            if alias in text:
                parsed.departments.append(self.aliases[alias])
                parsed.mentions.append(alias)
                text = text.replace(alias, "　" * len(alias))
        unknown = re.search(self.vocab["unknown_department"], text)
        if unknown and not parsed.departments:
            parsed.unknown_department = unknown.group(0)
            text = text.replace(unknown.group(0), "　" * len(unknown.group(0)))
        return text

    def _year(self, text: str, parsed: Question) -> str:
        """The year asked about (a year after 比/和/与 is the comparison base, not this one)."""
        for match in re.finditer(self.vocab["year"], text):
            if text[max(0, match.start() - 1) : match.start()] in (
                "比",
                "较",
                "和",
                "与",
                "跟",
                "同",
            ):
                continue
            parsed.year = int(match.group("year"))
            return text.replace(match.group(0), "　" * len(match.group(0)))
        for word, offset in self.vocab["relative_years"].items():
            if word in text and not re.search(rf"[比和与跟较]{word}", text):
                parsed.relative_year = offset
        return text

    def _metrics(self, text: str) -> list[str]:
        """Catalogue names and subject codes in the text, longest first, without overlaps, in
        reading order."""
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
        names = [name for _, _, name in sorted(found)]
        longer = [n for n in names if len(n) > 2]
        return longer or names

    def _metric_names(self) -> list[str]:
        names = set(self.catalogue.names) | set(self.catalogue.subject_names)
        return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def department_aliases(departments: list[str], vocab: dict[str, Any]) -> dict[str, list[str]]:
    """Every shorter name that still names an ingested department → the departments it names."""
    aliases: dict[str, list[str]] = {}
    for department in dict.fromkeys(departments):
        for alias in _shorter_names(department, vocab):
            aliases.setdefault(alias, [])
            if department not in aliases[alias]:
                aliases[alias].append(department)
    return aliases


def _shorter_names(department: str, vocab: dict[str, Any]) -> set[str]:
    """株洲市石峰区政务服务中心 → 石峰区政务服务中心, 政务服务中心;
    上海市普陀区人民政府万里街道办事处 → 万里街道办事处, 万里街道;
    中共上海市普陀区委社会工作部 → 社会工作部."""
    name = clean(department)
    names = {name}
    for cut in re.finditer(r"(?:省|市|区|县|旗|委|州)", name):
        tail = name[cut.end() :]
        names.add(tail)
        names.add(name[cut.start() - 2 if cut.start() >= 2 else 0 :])
    for word in vocab["department_drop"]:
        names |= {n.replace(word, "") for n in names}
    unit = min(names, key=len)
    names |= {unit[i:] for i in range(len(unit) - 2)}
    return {n for n in names if len(n) >= 3 and re.search(vocab["department_suffixes"], n)}


def _top_n(text: str, pattern: str) -> int | None:
    match = re.search(pattern, text)
    if not match:
        return None
    n = match.group("n")
    return int(n) if n.isdigit() else CHINESE_DIGITS.get(n)
