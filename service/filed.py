"""The department a unit's disclosure is filed under. A city's site publishes one 预算单位's
单位预算 under its department's name (`2026年上海市公安局_部门预算.pdf` holds 上海市刑事科学技术
研究院's), and people ask for it by that name. The name means that document: a question asking
for the department's own 部门预算 is told that only the unit's is stored."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from caiwen.ingest.stored import StoredDocument
from caiwen.service.names import Organisation, organisation, region_forms, rules, unit_of


@dataclass(frozen=True)
class Filed:
    """A name a file gives (the department), and the stored organisation whose document the
    file is (the unit)."""

    name: str
    region: str | None
    holder: str
    file: str
    organ_itself: bool
    """The document is the department's own organ's (本级): the same body, renamed or
    written otherwise (福州市科技创新局's file is 福州市科学技术局（本级）), not a unit
    under it."""
    whole: bool = False
    """The document is a department's whole (部门预算) of a body of the same kind as the one the
    file names: that department under another name (无锡's 水务局 file holds 无锡市水利局's),
    whose 部门 figures it answers; not a body of another kind under it (长沙's 教育局 file holds
    长沙职业教育基地综合协调办公室's)."""


def filed_under(documents: Iterable[StoredDocument]) -> dict[str, Filed]:
    """Each department name a stored document's files are named after, other than the body
    whose document it is, where no stored organisation has that name (its own documents
    answer for it then)."""
    documents = list(documents)
    stored = {organisation(d.department, d.region).name for d in documents}
    found: dict[str, Filed] = {}
    for doc in documents:
        holder = organisation(doc.department, doc.region)
        for file in [f.name for f in doc.files] or [doc.file_name]:
            name = department_in_file_name(file, doc.region)
            org = organisation(name, doc.region) if name else None
            if org and org.name not in stored and org.name != holder.name:
                itself = bool(re.search(rules()["level_marks"], doc.department))
                whole = renamed(holder.name, doc.level, org.name)
                filed = Filed(org.name, org.region, holder.name, file, itself, whole)
                found.setdefault(org.name, filed)
    return found


def renamed(holder: str, level: str, named: str) -> bool:
    """Whether a document is the department a file names under another name: a 部门 document
    of a body of the same kind (无锡市水利局 of the 水务局 file), not one under it."""
    return level == "部门" and unit_of(holder) == unit_of(named)


def department_in_file_name(file_name: str, region: str | None) -> str | None:
    """The department a file's name says (2026年上海市公安局_部门预算.pdf → 上海市公安局;
    教育局_2026年部门预算.pdf of 长沙市 → 长沙市教育局), or None when what is left is no name."""
    name = re.sub(rules()["file_name_drop"], "", PurePath(file_name).stem)
    if len(name) < 3 or unit_of(name) is None:
        return None
    forms = region_forms(region)  # none for 中央: its names start with 国家
    if forms and not any(name.startswith(form) for form in forms):
        name = f"{region}{name}"
    return name


def as_filed(organisations: dict[str, Filed]) -> list[Organisation]:
    return [Organisation(f.name, f.region) for f in organisations.values()]
