"""Units a department's tables print as rows of their own: 泉州市看守所 in 泉州市公安局's 收入预算
总表, 无锡市应急管理局（本级） in 无锡市应急管理局's. A unit with no disclosure of its own is asked
about through its department's document, its total read from its row."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from caiwen.domain.catalogue import normalise
from caiwen.service.names import Organisation, organisation, region_forms, rules

AKA = r"[（(][^（）()]*[）)]$"
"""Another name a unit's row gives in brackets after its own."""


@dataclass(frozen=True)
class UnitRow:
    """A row naming a unit of a department, as its department's document prints it."""

    department: str
    label: str


def unit_rows(rows: Iterable[tuple[str, str | None, str]]) -> dict[Organisation, UnitRow]:
    """The units the documents' rows name (department, region, row label): a label that begins
    with the document's government (as written in full or short: 湖州交通技师学院) and ends
    with a unit word (所, 院, 中心, 队, 监狱 …), the province perhaps before it (江苏省无锡技师
    学院). The department's own row (本级) is keyed by the department itself."""
    units: dict[Organisation, UnitRow] = {}
    for department, region, label in rows:
        name = label.strip()
        within = re.sub(rules()["upper_region"], "", name)
        if not region or not any(n.startswith(_governments(region)) for n in (name, within)):
            continue
        if not ends_with_unit(name):  # a project's name (港航管理中心水运交通建设养护)
            continue
        org = organisation(name, region)
        if org == organisation(department, region) and org.name == name:
            continue  # the department's name alone: its whole, not its own part
        units.setdefault(org, UnitRow(department, name))
    return units


@cache
def _governments(region: str) -> tuple[str, ...]:
    return (region, *region_forms(region))


def ends_with_unit(name: str) -> bool:
    """Whether a label ends as a unit's name does: a unit word (before another name it has in
    brackets: 杭州市气象服务中心（杭州市预警信息发布中心）), or a level mark (（本级）)."""
    words = tuple(rules()["unit_words"])
    bare = organisation(name, None).name
    return bare != normalise(name) or re.sub(AKA, "", bare).endswith(words)
