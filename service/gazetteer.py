"""China's governments by name, from the administrative-division codes that cpca ships
(adcodes.csv): so that a question naming a city or province caiwen holds nothing for
(广州市审计局, 西安的呢) is told so, instead of being answered for another city's namesake."""

import csv
import re
from functools import cache
from importlib.metadata import distribution
from pathlib import Path

from caiwen.service.names import rules

ADCODES = "cpca/resources/adcodes.csv"
UPPER = re.compile(r"^\d{4}0{8}$")
"""Provinces (xx0000…) and prefecture-level cities (xxxx00…): their short names are safe to
read in a question (广州, 江苏); a county's short name is too often an ordinary word."""


@cache
def _divisions() -> list[tuple[str, str]]:
    """(code, full name) of every government."""
    path = Path(str(distribution("cpca").locate_file(ADCODES)))
    with path.open(encoding="utf-8") as rows:
        return [(row["adcode"], row["name"]) for row in csv.DictReader(rows)]


@cache
def government_names() -> dict[str, str]:
    """Every way a government is written → its full name: 广州市, 广州 → 广州市; 普陀区 → 普陀区."""
    names: dict[str, str] = {}
    for code, full in _divisions():
        names.setdefault(full, full)
        if UPPER.match(code):
            short = _short(full)
            if len(short) >= 2:
                names.setdefault(short, full)
    return names


@cache
def _codes() -> dict[str, list[str]]:
    """Each government's full name → its codes (普陀区: 上海's and 舟山's)."""
    codes: dict[str, list[str]] = {}
    for code, full in _divisions():
        codes.setdefault(full, []).append(code)
    return codes


def within(name: str, region: str) -> bool:
    """Whether a government lies inside another, by its code (渝中区 in 重庆市)."""
    outer = [code.rstrip("0") for code in _codes().get(region, [])]
    inner = [code.rstrip("0") for code in _codes().get(name, [])]
    return any(i != o and i.startswith(o) for i in inner for o in outer if o)


def _short(full: str) -> str:
    for level in rules()["region_levels"]:
        if full.endswith(level) and len(full) > len(level) + 1:
            return full[: -len(level)]
    return full


def governments_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, full name) of the governments a text names, longest first at each place."""
    names = government_names()
    found: list[tuple[int, int, str]] = []
    for length in range(8, 1, -1):
        for start in range(len(text) - length + 1):
            said = text[start : start + length]
            if said in names and not any(s < start + length and start < e for s, e, _ in found):
                found.append((start, start + length, names[said]))
    return sorted(found)
