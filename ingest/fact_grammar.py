"""The words the facts reader (ingest/facts.py) reads sentences with, compiled from
prompts/metrics.yaml (facts) and the metric catalogue."""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import Catalogue, catalogue

NUMBER = r"-?\d[\d,]*(?:\.\d+)?"


@dataclass
class Grammar:
    mentions: re.Pattern[str]
    mention_metric: dict[str, str]
    amount_mentions: list[tuple[str, re.Pattern[str]]]
    subject: re.Pattern[str]
    comparison: re.Pattern[str]
    change: re.Pattern[str]
    flat: re.Pattern[str]
    completion: re.Pattern[str]
    share: re.Pattern[str]
    amount: re.Pattern[str]
    counts: list[tuple[str, str, re.Pattern[str]]]
    counted: frozenset[str]
    """The metrics that are counts (车辆数): an amount in 万元 is never theirs."""
    by_measure: list[tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]]
    """A subject of counts, its window with a number and measure word, and the metric each
    measure word counts (公务接待 … 10批次、152人次)."""
    units: dict[str, str]
    """The unit of each counted metric."""
    project: re.Pattern[str]
    increase: set[str]
    basis: dict[str, str]
    continuations: tuple[str, ...]
    clause_break: re.Pattern[str]
    drafting_note: re.Pattern[str]
    year: re.Pattern[str]
    share_of_noise: re.Pattern[str]
    purpose: re.Pattern[str]
    reason: re.Pattern[str]
    organisation_end: re.Pattern[str]
    name_run: re.Pattern[str]
    other_expense: re.Pattern[str]
    paid_from: re.Pattern[str]
    named_tails: dict[str, re.Pattern[str]]
    """Metrics whose name also ends other names, and what stands before it then."""
    covered: re.Pattern[str]
    target: re.Pattern[str]
    own_parts: frozenset[str]
    parts_of: re.Pattern[str]
    change_lead: re.Pattern[str]
    last_year: re.Pattern[str]
    """A comparison's base meaning the year before the document's (上年, 去年)."""
    whole_subjects: list[tuple[re.Pattern[str], str]]
    """A change's own subject naming the budget as a whole, and the whole's metric."""


@cache
def grammar() -> Grammar:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("caiwen.prompts").joinpath("metrics.yaml").read_text()
    )["facts"]
    cat = catalogue()
    mention_metric = _mention_names(cat, raw)
    words = sorted(mention_metric, key=len, reverse=True)
    directions = "|".join(raw["increase"] + raw["decrease"])
    than, than_base = "|".join(raw["more_than"] + raw["less_than"]), raw["than_base"]
    return Grammar(
        mentions=re.compile("|".join(map(re.escape, words))),
        mention_metric=mention_metric,
        amount_mentions=[(m, re.compile(p)) for m, p in raw["amount_mentions"].items()],
        subject=re.compile(raw["subject"]),
        comparison=re.compile(raw["comparison"]),
        change=re.compile(
            rf"(?P<dir>{directions}|(?:{than})(?=\s*(?:{than_base})))(?:了)?\s*"
            rf"(?P<than>{than_base})?\s*(?P<num>{NUMBER})\s*(?P<unit>万元|%)"
        ),
        flat=re.compile(raw["flat"]),
        completion=re.compile(raw["completion"]),
        share=re.compile(raw["share"]),
        amount=re.compile(rf"(?P<num>{NUMBER})\s*万元|{raw['zero']}"),
        counts=[
            (c["metric"], cat.metrics[c["metric"]].unit, re.compile(c["pattern"]))
            for c in raw["counts"]
        ],
        counted=frozenset(
            [
                *(c["metric"] for c in raw["counts"]),
                *(m for b in raw["by_measure"] for m in b["measures"]),
            ]
        ),
        by_measure=[_by_measure(b, raw["by_measure_window"]) for b in raw["by_measure"]],
        units={m: cat.metrics[m].unit for b in raw["by_measure"] for m in b["measures"]},
        project=re.compile(raw["project"]),
        increase=set(raw["increase"] + raw["more_than"]),
        basis=raw["basis"],
        continuations=tuple(raw["continuations"]),
        clause_break=re.compile(raw["clause_break"]),
        drafting_note=re.compile(raw["drafting_note"]),
        year=re.compile(raw["year"]),
        share_of_noise=re.compile(raw["share_of_noise"]),
        purpose=re.compile(raw["purpose"]),
        reason=re.compile(raw["reason"]),
        organisation_end=re.compile(raw["organisation_end"]),
        name_run=re.compile(raw["name_run"]),
        other_expense=re.compile(raw["other_expense"]),
        paid_from=re.compile(raw["paid_from"]),
        named_tails={m: re.compile(p) for m, p in raw["named_tails"].items()},
        covered=re.compile(raw["covered"]),
        target=re.compile(raw["target"]),
        own_parts=frozenset(raw["own_parts"]),
        parts_of=re.compile(raw["parts_of"]),
        change_lead=re.compile(raw["change_lead"]),
        last_year=re.compile(raw["last_year"]),
        whole_subjects=[(re.compile(p), m) for p, m in raw["whole_subjects"].items()],
    )


def _by_measure(
    raw: dict[str, Any], window: str
) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """A subject's pattern, the pattern of a number with one of its measure words, and the
    metric each measure word is the count of."""
    words = {w: metric for metric, said in raw["measures"].items() for w in said.split("|")}
    ordered = "|".join(sorted(words, key=len, reverse=True))
    counted = re.compile(rf"(?P<num>\d+)\s*(?P<word>{ordered})")
    return re.compile(rf"(?:{raw['subject']}){window}"), counted, words


def _mention_names(cat: Catalogue, raw: dict[str, Any]) -> dict[str, str]:
    """Written names that mark a statement about a metric (colloquial words do not)."""
    skip = set(raw["not_mentions"])
    names: dict[str, str] = {}
    for metric in cat.metrics.values():
        for name in (metric.id, *metric.aliases):
            if len(name) >= raw["min_mention_chars"] and name not in skip:
                for written in _conjoined(name, raw["conjunctions"]):
                    for variant in _interchanged(written, raw["interchangeable"]):
                        names.setdefault(variant, metric.id)
    for name in cat.subject_names:
        if len(name) >= raw["min_mention_chars"]:
            names.setdefault(name, name)
    return names


def _interchanged(name: str, words: dict[str, list[str]]) -> list[str]:
    """The name as written with each word interchangeable with one it holds (年初 → 上年)."""
    used = next((w for w in words if w in name), None)
    return [name, *(name.replace(used, other) for other in words[used])] if used else [name]


def _conjoined(name: str, conjunctions: list[str]) -> list[str]:
    """The name as written with each of the conjunctions where it has one of them."""
    used = next((c for c in conjunctions if c in name), None)
    return [name.replace(used, c) for c in conjunctions] if used else [name]
