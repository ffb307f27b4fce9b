"""What a question asks for, as typed slots: the operation, the metric, the department (with
its region and level), the period (year and kind), what it is compared with. The planner
fills a Plan; the intent registry (service/intents.py) turns it into tool calls and composes
the answer from their results."""

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Intent = Literal[
    "value",
    "named",
    "exists",
    "count",
    "target",
    "several",
    "sum",
    "average",
    "difference",
    "yoy",
    "prior_year",
    "share",
    "budget_vs_actual",
    "execution_rank",
    "breakdown",
    "rank_within",
    "rank",
    "compare_departments",
    "definition",
    "reason",
    "units",
    "list_documents",
    "audit",
    "tally",
    "ambiguous",
    "undisclosed",
    "need_department",
    "unknown_department",
    "filed",
    "offer",
    "help",
    "parts",
]
"""Every operation; each is declared once, in service/intents.py."""
Order = Literal["desc", "asc"]
ALL_PARTS = 100
"""How many of a ranking to give when it orders every part listed."""


@dataclass(frozen=True)
class Department:
    """Who publishes the disclosure: an ingested department's name, its region and, when the
    question says so, the level (部门 or 单位) of the disclosure."""

    name: str
    region: str | None = None
    level: str | None = None
    unit: str | None = None
    """A unit under it with no disclosure of its own, asked about by its own name: the label
    of its rows in the department's tables by unit (湖州市交通运输行政执法队)."""


@dataclass(frozen=True)
class Period:
    """Which disclosure of a department: its year and kind (预算 or 决算); None when not
    asked (the latest year, 决算 before 预算)."""

    year: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class MetricSlot:
    """What is asked about, as the tools are asked for it: a catalogue name (三公经费, 招待费),
    a subject code or name (2010301, 行政运行), a term, or a project's name."""

    name: str
    basis: str | None = None
    """预算数 or 决算数, where the question says which and the document prints both."""
    fund: str | None = None
    """The fund a line is asked of (其中一般公共预算安排了多少 after 地质灾害防治): its figure
    in that fund's tables."""
    column: str | None = None
    """The line's own column asked (其中基本支出多少 after 公路养护): the cell of its row
    under that column, by the catalogue's name of it."""


@dataclass(frozen=True)
class Compared:
    """One of the departments a question compares, with the year written next to it."""

    department: Department
    year: int | None = None


@dataclass(frozen=True)
class Scope:
    """What the asker is looking at (the widget's department and year, CLI flags)."""

    department: str | None = None
    year: int | None = None
    kind: str | None = None


@dataclass
class Plan:
    intent: Intent
    query: str = ""
    """The question without the department and year it names."""
    metric: MetricSlot | None = None
    metrics: list[MetricSlot] = field(default_factory=list)
    """Several metrics asked together (“人员经费和公用经费分别是多少”)."""
    whole: MetricSlot | None = None
    """What a share is of."""
    department: Department | None = None
    period: Period = field(default_factory=Period)
    base: Period | None = None
    """The period compared with (“比2017年”)."""
    compared: list[Compared] = field(default_factory=list)
    """The departments named, each with its own year when the question gives them different
    years."""
    candidates: list[str] = field(default_factory=list)
    """The departments an ambiguous name can mean."""
    unknown_department: str | None = None
    other_level: str | None = None
    """The level (单位) of a second disclosure of the department and year the question did not
    choose between: the answer uses the 部门 one and says the other exists."""
    filed_as: str | None = None
    """The department name the question used, which a file of this (unit's) document is named
    after (service/filed.py); the answer says whose document it is."""
    filed_file: str | None = None
    per: MetricSlot | None = None
    """What an average is per (车辆数 of 平均每辆车的运行维护费)."""
    by_item: bool = False
    """The parts asked are the items a table lists the metric by (哪个项目: the projects of
    the 项目支出表), not its subject lines."""
    by_unit: bool = False
    """The parts asked are the units a table by unit prints (下面5家单位加起来), not the
    metric's subject lines."""
    order: Order = "desc"
    top_n: int = 10
    region: str | None = None
    """The government a ranking is within (北京哪个部门…), when the question names one."""
    focus: MetricSlot | None = None
    """The item its answer named as what was asked (the biggest project): what a pronoun in
    the next question (这个项目是干什么的) means."""
    listed: list[str] = field(default_factory=list)
    """The items its answer listed, by name in order (the three biggest projects): what the
    next question points at by place (排第一那个) or by a word of a name (信访大厅那笔钱)."""
    deepest: bool = False
    """The largest part asked down to a line with none under it (钱最大头花在哪一项: 卫生健康
    支出, then its largest 款, then that one's largest 项)."""
    leaves: bool = False
    """The lines with none under them asked, not the whole's own parts (按具体支出科目看，最大
    的三项: the 项 of the 功能分类 table)."""
    with_parts: bool = False
    """A figure answered with its parts (三公经费: 出国、接待、公车), as people asking it expect."""
    counted: bool = False
    """The parts of a whole are counted (财政拨款支出涉及几个功能大类): the answer says how many
    it lists."""
    project: str | None = None
    """The project a target is asked of (the one the clause before named: 清障车保障经费)."""
    measure: str | None = None
    """What a target is counted in, as asked (几辆: 辆)."""
    unit_kind: str | None = None
    """The kind of a department's units ranked, as asked (哪所学校: 学校)."""
    named_parts: list[str] = field(default_factory=list)
    """Parts of the figure asked by their own words, inside it (综合管理里头，编外人员和辅警经费;
    公车运行维护费里的加油费): the parts of its breakdown so named, or none of them."""
    ends: list[Order] = field(default_factory=list)
    """The ends asked of the figures listed (这几项哪项最多、哪项最少: desc, asc): which of them
    is the largest, the smallest."""
    about: str | None = None
    """The words the items asked must hold in their names (跟医疗救助有关的项目: the projects
    whose names hold 医疗救助), the others left out."""
    quoted: list[str] = field(default_factory=list)
    """Amounts the question quotes as written (说明里写1815万, 到底是7827.46万还是7747.46万,
    占71.73%), to be looked for in the document when it asks whether they are right."""
    earlier: list[MetricSlot] = field(default_factory=list)
    """The figures the turns before asked of the same department and year, oldest first
    (出国经费, then 那接待费呢): what a turn adding them up or comparing them (这两个加起来多少,
    哪个多) takes."""
    parts: list["Plan"] = field(default_factory=list)
    """The plans of the parts of a question that asks several things at once (“花了多少？主要
    用在哪？”), each answered in turn."""

    @property
    def lines(self) -> list[MetricSlot]:
        """The figures listed, without the fund said before them where each is of that fund
        (财政拨款里，学前、小学…: the fund's total is no line of the list)."""
        first, *rest = self.metrics or [None]
        if first is not None and rest and first.fund is None and all(m.fund for m in rest):
            return rest
        return list(self.metrics)

    @property
    def metric_name(self) -> str | None:
        return self.metric.name if self.metric else None

    @property
    def department_name(self) -> str | None:
        return self.department.name if self.department else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        """The plan as to_dict wrote it (a session's previous turn)."""

        def metric(raw: dict[str, Any] | None) -> MetricSlot | None:
            return MetricSlot(**raw) if raw else None

        def department(raw: dict[str, Any]) -> Department:
            return Department(**raw)

        return cls(
            intent=data["intent"],
            query=data["query"],
            metric=metric(data["metric"]),
            metrics=[MetricSlot(**m) for m in data["metrics"]],
            whole=metric(data["whole"]),
            department=department(data["department"]) if data["department"] else None,
            period=Period(**data["period"]),
            base=Period(**data["base"]) if data["base"] else None,
            compared=[Compared(department(c["department"]), c["year"]) for c in data["compared"]],
            candidates=data["candidates"],
            unknown_department=data["unknown_department"],
            other_level=data.get("other_level"),
            filed_as=data.get("filed_as"),
            filed_file=data.get("filed_file"),
            per=metric(data.get("per")),
            by_item=data.get("by_item", False),
            by_unit=data.get("by_unit", False),
            order=data["order"],
            top_n=data["top_n"],
            region=data.get("region"),
            deepest=data.get("deepest", False),
            leaves=data.get("leaves", False),
            with_parts=data.get("with_parts", False),
            project=data.get("project"),
            measure=data.get("measure"),
            unit_kind=data.get("unit_kind"),
            named_parts=data.get("named_parts", []),
            about=data.get("about"),
            quoted=data.get("quoted", []),
            focus=metric(data.get("focus")),
            listed=data.get("listed", []),
            earlier=[MetricSlot(**m) for m in data.get("earlier", [])],
            parts=[cls.from_dict(part) for part in data.get("parts", [])],
        )
