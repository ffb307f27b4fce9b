"""An organisation's names as people say them, built from its printed name and its region by
the rules of prompts/names.yaml: the full name, without its region, with the region shortened
(深圳交通运输局), with words dropped (政府办公厅), its tail (福利院) and the stems its
abbreviations are read against (交通运输|局 for 交通局)."""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from caiwen.domain.catalogue import normalise
from caiwen.service.phrases import in_order

MIN_NAME = 3
"""A name of fewer characters (政府) names no organisation on its own."""


@cache
def rules() -> dict[str, Any]:
    text = resources.files("caiwen.prompts").joinpath("names.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Organisation:
    """Who publishes a disclosure: a department or unit of a government. The level of a
    document (部门 with its subordinate units, or the 单位 itself) is the document's; a name
    printed with 本级 names the same organisation."""

    name: str
    region: str | None


def organisation(department: str, region: str | None) -> Organisation:
    """Who a printed name is: without its level mark, in the form its other writings take."""
    name = re.sub(rules()["level_marks"], "", normalise(department))
    for written, form in rules()["same_organisation"]:
        name = re.sub(written, form, name)
    return Organisation(name, region)


def region_forms(region: str | None) -> list[str]:
    """How people write a government: 上海市普陀区 → 上海市普陀区, 上海普陀, 普陀区, 普陀 …;
    longest first. The government above it (上海) is another government, not one of its
    names."""
    if not region or region == rules()["central"]["region"]:
        return []
    *uppers, own = _region_parts(region)
    forms = {region, own, _short(own)}
    for upper in uppers:
        forms |= {upper + _short(own), _short(upper) + own, _short(upper) + _short(own)}
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def level_char(region: str | None) -> str | None:
    """The character people put before a department to mean "our" government (市财政局)."""
    if not region:
        return None
    return next((lv[-1] for lv in rules()["region_levels"] if region.endswith(lv)), None)


@dataclass(frozen=True)
class Names:
    """Everything one organisation can be called."""

    organisation: Organisation
    exact: frozenset[str]
    """Full names and aliases (with and without the region)."""
    tails: frozenset[str]
    """Endings of the name that still name it (福利院), unless generic."""
    stems: tuple[tuple[str, str], ...]
    """(stem, unit word) pairs that abbreviations are read against (发展和改革, 委员会)."""
    core: str = ""
    """The name without its government (商务局 of 无锡市商务局, 宣传部 of 中共重庆市委宣传部)."""
    own_stems: tuple[tuple[str, str], ...] = ()
    """(stem, unit word) of a body's own words after the department its name begins with
    (交通管理, 局 of 公安局交通管理局): read where no stem in ``stems`` is (交管局)."""


def names_of(org: Organisation) -> Names:
    cores = _cores(org)
    regions = region_forms(org.region)
    level = level_char(org.region)
    exact = {org.name, *cores}
    for core in cores:
        exact |= {form + core for form in regions}
        if level:
            exact.add(level + core)
    generic = set(rules()["generic"])
    exact = {n for n in exact if len(n) >= MIN_NAME and n not in generic}
    tails = {
        core[i:]
        for core in cores
        for i in range(1, len(core) - 2)
        if core[i:] not in generic and unit_of(core[i:])
    }
    named = [*cores, *_place_in_name(org)]
    stems = tuple(dict.fromkeys((core[: -len(u)], u) for core in named if (u := unit_of(core))))
    exact |= {stem + spoken for stem, unit in stems for spoken in spoken_units(unit)}
    exact = {n for n in exact if len(n) >= MIN_NAME and n not in generic}
    core = cores[0] if cores else ""
    return Names(org, frozenset(exact), frozenset(tails - exact), stems, core, _own_stems(stems))


def _place_in_name(org: Organisation) -> list[str]:
    """A name beginning with its government's short name but not its full one (上海科技大学附属
    学校, not 上海市…): the place is a word of the name, abbreviated with it (上科大附校)."""
    short = [f for f in region_forms(org.region) if f != org.region and org.name.startswith(f)]
    full = org.region and org.name.startswith(org.region)
    return [org.name] if short and not full else []


def _own_stems(stems: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The words of each stem after the last unit word of a department inside it."""
    parents = tuple(rules()["parent_units"])
    found = []
    for stem, unit in stems:
        inner = [i for i in range(2, len(stem) - 1) if stem[:i].endswith(parents)]
        if inner:
            found.append((stem[max(inner) :], unit))
    return tuple(dict.fromkeys(found))


def _cores(org: Organisation) -> list[str]:
    """The name without its region (and party-committee wrapping), then with droppable words
    dropped: 中共深圳市委宣传部 → 宣传部; 北京市人民政府办公厅 → 人民政府办公厅, 政府办公厅."""
    name = org.name
    party = re.match(rules()["party"], name)
    cores = [_without_region(name[party.end() :] if party else name, org.region)]
    if also := re.search(rules()["also_named"], name):
        cores.append(_without_region(also["name"], org.region))
    level = level_char(org.region)
    if party and level:
        cores.append(f"{level}委{cores[0]}")
    for pattern, replacement in rules()["drop_words"]:
        cores += [re.sub(pattern, replacement, c) for c in cores]
    central = rules()["central"]
    if org.region == central["region"]:
        cores += [c.removeprefix(p) for c in cores for p in central["prefixes"]]
    units = rules()["unit_words"]  # 人民政府办公室 less 人民政府: 办公室 alone names no one
    return [c for c in dict.fromkeys(cores) if len(c) >= 2 and c not in units]


def _without_region(name: str, region: str | None) -> str:
    forms = [*region_forms(region), *(_region_parts(region) if region else [])]
    upper = re.match(rules()["upper_region"], name)
    if upper and any(name[upper.end() :].startswith(form) for form in forms):
        name = name[upper.end() :]  # 江苏省无锡技师学院: 无锡技师学院
    for form in forms:
        if name.startswith(form) and len(name) > len(form) + 1:
            return name[len(form) :]
    return name


def _region_parts(region: str) -> list[str]:
    """上海市普陀区 → [上海市, 普陀区]: a government and the governments it sits in."""
    levels = "|".join(map(re.escape, rules()["region_levels"]))
    return re.findall(rf".+?(?:{levels})", region) or [region]


def _short(part: str) -> str:
    """深圳市 → 深圳; a name of one character before its level keeps it (沙县 stays)."""
    for level in rules()["region_levels"]:
        if part.endswith(level) and len(part) - len(level) >= 2:
            return part[: -len(level)]
    return part


def unit_of(name: str) -> str | None:
    """The unit word a name ends with (委员会, 局, 办公室 …), longest first."""
    return next((u for u in rules()["unit_words"] if name.endswith(u) and len(name) > len(u)), None)


def spoken_units(unit: str) -> list[str]:
    """How people say a unit word (委员会 → 委员会, 委)."""
    return rules()["unit_words"].get(unit, [unit])


def is_abbreviation(
    said: str, stem: str, unit: str, level: str | None = None, after_region: bool = False
) -> bool:
    """“人社局” of 人力资源和社会保障|局: after a spoken form of the unit word, the characters
    said are the stem's, in order, starting with its first; or the government's level character
    then any of the stem's, in order (区府办 of 人民政府|办公室). Right after the name of its
    government one character before the unit word is enough (江苏高院)."""
    least = 1 if after_region else rules()["abbreviation_min_chars"]
    for spoken in spoken_units(unit):
        if not said.endswith(spoken):
            continue
        kept = said[: -len(spoken)]
        if len(kept) < least:
            continue
        if kept[0] == stem[0] and in_order(kept, stem):
            return True
        if (
            level
            and len(kept) > 1
            and kept[0] == level
            and kept[1] in stem[:2]
            and in_order(kept[1:], stem)
            and not _within_government(kept[1:], stem)
        ):
            return True
    return False


def _within_government(kept: str, stem: str) -> bool:
    """Whether the characters said are all of the government words a longer stem starts with
    (区府 of 政府万里街道 says the government, not its 街道): they name its own office only."""
    for word in rules()["government_words"]:
        if stem.startswith(word) and stem != word and in_order(kept, word):
            return True
    return False
