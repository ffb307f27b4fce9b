"""The ingest vocabulary (vocabulary.yaml) compiled once per process."""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from caiwen.domain.ordinals import expand


@dataclass(frozen=True)
class Vocabulary:
    department_labels: tuple[re.Pattern[str], ...]
    party_prefix: re.Pattern[str]
    name_forms: tuple[tuple[re.Pattern[str], str], ...]
    titles: tuple[re.Pattern[str], ...]
    heading_marker: re.Pattern[str]
    name_reject: re.Pattern[str]
    name_trim: re.Pattern[str]
    name_max_chars: int
    unit_mark: re.Pattern[str]
    central: re.Pattern[str]
    narrative_name: re.Pattern[str]
    founded_name: re.Pattern[str]
    placeholder: re.Pattern[str]
    region: re.Pattern[str]
    bare_place: re.Pattern[str]
    city_suffix: str
    table_title: re.Pattern[str]
    not_table_title: re.Pattern[str]
    table_code: re.Pattern[str]
    unit: re.Pattern[str]
    note: re.Pattern[str]
    column_kinds: dict[str, re.Pattern[str]]
    index_row: re.Pattern[str]
    ordinal_label: re.Pattern[str]
    code_header_cell: re.Pattern[str]
    total_label: re.Pattern[str]
    form: re.Pattern[str]
    heading_markers: tuple[tuple[int, re.Pattern[str]], ...]
    toc: re.Pattern[str]
    title_end: re.Pattern[str]
    title_max_chars: int
    page_number: re.Pattern[str]

    def heading_rank(self, text: str) -> int | None:
        """Rank of the heading marker the text starts with (1 = 第X部分 … 4 = 1、), or None."""
        for rank, pattern in self.heading_markers:
            if pattern.match(text):
                return rank
        return None

    def table_title_of(self, text: str) -> str | None:
        """The table title a line states (“收入支出决算总表 财决公开01表” → “收入支出决算总表”)."""
        match = self.table_title.match(text)
        if not match or self.not_table_title.search(text):
            return None
        return match.group("title")

    def table_unit_of(self, text: str) -> str | None:
        match = self.unit.search(text)
        return match.group(1) if match else None

    def table_code_of(self, text: str) -> str | None:
        match = self.table_code.search(text)
        return match.group(1) if match else None

    def is_table_label(self, text: str) -> bool:
        """A line that labels a table: its unit, its code or the department it belongs to."""
        return bool(
            self.unit.search(text)
            or self.table_code.search(text)
            or any(p.match(text) for p in self.department_labels)
        )

    def column_kind(self, header: str) -> str | None:
        """ "code", "label" or "index" for a column's last header component, else None."""
        for kind, pattern in self.column_kinds.items():
            if pattern.match(header):
                return kind
        return None


@cache
def vocabulary() -> Vocabulary:
    """Load and compile vocabulary.yaml."""
    raw = yaml.safe_load(resources.files("caiwen.ingest").joinpath("vocabulary.yaml").read_text())
    ident, tables, sections = raw["identity"], raw["tables"], raw["sections"]
    return Vocabulary(
        department_labels=tuple(re.compile(p) for p in ident["department_labels"]),
        party_prefix=re.compile(ident["party_prefix"]),
        name_forms=tuple((re.compile(p), r) for p, r in ident["name_forms"]),
        titles=tuple(re.compile(p) for p in ident["title"]),
        heading_marker=re.compile(ident["heading_marker"]),
        name_reject=re.compile(ident["name_reject"]),
        name_trim=re.compile(ident["name_trim"]),
        name_max_chars=int(ident["name_max_chars"]),
        unit_mark=re.compile(ident["unit_mark"]),
        central=re.compile(ident["central"]),
        narrative_name=re.compile(ident["narrative_name"]),
        founded_name=re.compile(ident["founded_name"]),
        placeholder=re.compile(ident["placeholder"]),
        region=re.compile(ident["region"]),
        bare_place=re.compile(ident["bare_place"]),
        city_suffix=ident["city_suffix"],
        table_title=re.compile(tables["title"]),
        not_table_title=re.compile(tables["not_title"]),
        table_code=re.compile(tables["code"]),
        unit=re.compile(tables["unit"]),
        note=re.compile(tables["note"]),
        column_kinds={k: re.compile(p) for k, p in tables["column_kinds"].items()},
        index_row=re.compile(tables["index_row"]),
        ordinal_label=re.compile(expand(tables["ordinal_label"])),
        code_header_cell=re.compile(tables["code_header_cell"]),
        total_label=re.compile(tables["total_label"]),
        form=re.compile(tables["form"]),
        heading_markers=tuple(
            (m["rank"], re.compile(expand(m["pattern"]))) for m in sections["markers"]
        ),
        toc=re.compile(sections["toc"]),
        title_end=re.compile(sections["title_end"]),
        title_max_chars=int(sections["title_max_chars"]),
        page_number=re.compile(sections["page_number"]),
    )
